"""The briefing's HTML: the section model rendered by a Jinja2 template with autoescaping.

The template (``templates/briefing.html.j2``) and the stylesheet (``templates/briefing.css``)
live beside the code and are found from this file's location, so the package renders the
same from any working directory. The stylesheet is inlined and the map picture is a
``data:`` URI: the document is one file that opens offline and prints to A4.

NOTE: autoescaping is on for every value (``autoescape=True``: the template's name ends in
``.j2``, which Jinja2's extension-based default would not escape). The only markup not
escaped is our own stylesheet. Links are written only for http(s) addresses, checked again
here (the ``weblink`` test) whatever the model says.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from .. import rules
from ..strings import t
from .model import Briefing, is_web_link

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
TEMPLATE = "briefing.html.j2"
STYLESHEET = "briefing.css"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.tests["weblink"] = lambda value: isinstance(value, str) and is_web_link(value)
    return env


@lru_cache(maxsize=1)
def stylesheet() -> str:
    return (TEMPLATES / STYLESHEET).read_text(encoding="utf-8")


def render(doc: Briefing) -> str:
    """The HTML document of ``doc``."""
    lang = doc.lang
    badges = {s: (t(f"status.{s}", lang), t(f"status.help.{s}", lang)) for s in rules.BADGE_STATUSES}
    return (
        environment()
        .get_template(TEMPLATE)
        .render(
            doc=doc,
            css=Markup(stylesheet()),  # our own file: the one piece of markup not escaped
            status_colors=rules.STATUS_COLORS,
            badges=badges,
            t=lambda key, **params: t(key, lang, **params),
        )
    )
