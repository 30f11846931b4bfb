"""Where the briefing points: the link that reopens its view, and the downloaded file's name.

The link is built from the dashboard's *public* address, a setting the deployment gives
(``SMARTCITY_PUBLIC_URL`` or ``public_url`` in ``.streamlit/secrets.toml``, read by the
page), never from the address the server happens to see (``http://localhost:8501`` on the
machine that serves it, useless to an assessor who receives the file).
"""

from __future__ import annotations

import datetime
from urllib.parse import urlencode, urlsplit, urlunsplit

from ..strings import normalise_lang, t
from ..viewstate import ViewState, to_query

MAX_CODES_IN_NAME = 3  # more selected kelurahan are named by their number


def public_base(url: str | None) -> str | None:
    """The configured public address, cleaned (``https://host/base/``), or None when unusable.

    Only ``http``/``https`` addresses with a host are accepted; the query and fragment are
    dropped; the path (a base path such as ``/peta``) is kept, with one trailing slash.
    """
    raw = (url or "").strip()
    parts = urlsplit(raw)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c.isspace() for c in raw):
        return None
    path = parts.path.rstrip("/") + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def view_link(public_url: str | None, view: ViewState, *, path: str = "") -> str | None:
    """The address that reopens ``view`` on screen ``path`` (``""`` = the map), or None.

    ``public_url`` is the dashboard's public address (see :func:`public_base`); without one
    there is no link to give (None), and the briefing says how to configure it.
    """
    base = public_base(public_url)
    if base is None:
        return None
    query = urlencode(to_query(view))
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, parts.path + path.strip("/"), query, ""))


def briefing_filename(view: ViewState, generated: datetime.date) -> str:
    """The downloaded file's name, in the view's language.

    ``ringkasan_seluruh-kota_2026-11-29_id.html`` / ``briefing_whole-city_2026-11-29_en.html``;
    a selection names up to three kelurahan codes (``briefing_PP.KK.CC.DDDD_..._en.html``),
    more by their number (``ringkasan_12-kelurahan_..._id.html``).
    """
    lang = normalise_lang(view.lang)
    codes = sorted(view.kelurahan)
    if not codes:
        scope = t("brief.file.city", lang)
    elif len(codes) <= MAX_CODES_IN_NAME:
        scope = "-".join(codes)
    else:
        scope = t("brief.file.many", lang, n=len(codes))
    return f"{t('brief.file.prefix', lang)}_{scope}_{generated.isoformat()}_{lang}.html"
