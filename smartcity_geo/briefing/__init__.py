"""The briefing: one self-contained HTML document about the view shown in a meeting.

Officials screen-share the dashboard with assessors and send this document afterwards. It
holds, for the view (whole city or a selection of kelurahan): a picture of the map, the
headline figures, a table of the kelurahan, the official facts with their sources, the
gaps, the six elements' achievement and the budget of the last complete year(s), a
data-status legend, the sources, and a link that reopens the same view. Every figure
carries its data status.

Three rooms, one job each:

- :mod:`.model`: the sections as data (what figures, with which status), no markup;
- :mod:`.render`: the Jinja2 template and stylesheet in ``smartcity_geo/templates/``,
  autoescaped;
- :mod:`.links`: the reopen link (from the configured public address) and the file name.

Pure functions, no Streamlit. The document has no script and fetches nothing: the style is
inlined and the map picture is a ``data:`` URI, so it opens offline and prints to A4.
"""

from __future__ import annotations

import datetime
from dataclasses import replace

from ..mapdata import MapData
from ..region import text_context
from ..strings import normalise_lang
from ..viewstate import ViewState
from .links import briefing_filename, public_base, view_link
from .model import Briefing
from .render import render
from .sections import build_model

PAGE_PATH = ""  # the screen the link reopens: the map (the briefing describes the map view)


def build_briefing(
    data: MapData,
    view: ViewState,
    lang: str,
    *,
    generated: datetime.date,
    public_url: str | None = None,
    with_map: bool = True,
) -> str:
    """The briefing for ``view`` as one self-contained HTML document in ``lang``.

    Parameters
    ----------
    data
        The prepared map data (:func:`smartcity_geo.mapdata.prepare_map_data`): the pack, the
        per-kelurahan figures and the whole-city summary.
    view
        The view shown: its ``kelurahan`` codes are the selection (empty = whole city), its
        ``layers`` the layers drawn in the map picture.
    lang
        ``"id"`` (default) or ``"en"``; the reopen link opens the view in this language.
    generated
        The date printed on the document; the last complete year is the year before it.
    public_url
        The dashboard's public address (``https://peta.example.go.id/``); without one
        the link is left out and the document says how to configure it.
    with_map
        Draw the map picture (about 0.3-0.5 s).

    Raises
    ------
    ValueError
        When the view names a kelurahan code that is not in the figures.
    """
    lang = normalise_lang(lang)
    link = view_link(public_url, replace(view, lang=lang), path=PAGE_PATH)
    with text_context(data.pack.region):  # the region's name and village word, also outside the app
        return render(build_model(data, view, lang, generated=generated, link=link, with_map=with_map))


__all__ = [
    "Briefing",
    "briefing_filename",
    "build_briefing",
    "build_model",
    "public_base",
    "render",
    "view_link",
]
