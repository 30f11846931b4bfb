"""Small pieces of markup the screens put beside a figure: the data-status badge, and the
one escape every value from a data pack, an upload or a URL goes through before it is
placed into Markdown or HTML.

Every text is escaped here; callers pass plain text.
"""

from __future__ import annotations

import html
import string
from collections.abc import Iterable

from .rules import BADGE_STATUSES, STATUS_COLORS
from .strings import t

#: Characters that mean something in Markdown or HTML (Streamlit adds ``:`` directives and
#: ``$`` maths): every ASCII punctuation mark.
_MARKUP_CHARS = frozenset(string.punctuation)
_NEUTRAL = ("#EEF0F3", "#374151")


def plain(text: object) -> str:
    """``text`` made inert for Markdown *and* HTML: shown exactly as written, never run.

    Every ASCII punctuation mark becomes a numeric character reference (``<`` -> ``&#60;``,
    ``[`` -> ``&#91;``). CommonMark and HTML both turn a reference back into the literal
    character and never read it as syntax, so ``[x](javascript:alert(1))`` or
    ``<img src=x onerror=...>`` appear on screen as the text they are. Line breaks become
    spaces (a Markdown line break could start a list or a heading).
    """
    value = " ".join(str(text).split())
    return "".join(f"&#{ord(ch)};" if ch in _MARKUP_CHARS else ch for ch in value)


def status_badge(status: str, lang: str) -> str:
    """A pill such as ``contoh`` / ``sample`` with the status explained on hover.

    Colours and the known statuses come from :mod:`smartcity_geo.rules`; an unknown
    status is shown in neutral grey with its raw word (escaped).
    """
    background, color = STATUS_COLORS.get(status, _NEUTRAL)
    known = status in BADGE_STATUSES
    label = html.escape(t(f"status.{status}", lang) if known else str(status))
    tip = html.escape(t(f"status.help.{status}", lang) if known else "")
    css = "".join(ch for ch in str(status) if ch.isalnum() or ch == "_")
    return (
        f'<span class="status-badge status-{css}" title="{tip}" '
        f'style="background:{background};color:{color};border-radius:999px;padding:1px 9px;'
        f'font-size:0.8em;font-weight:600;white-space:nowrap">{label}</span>'
    )


def status_word(status: str, lang: str) -> str:
    """The status in words (``contoh``), for plain-text places such as a table or a warning."""
    return t(f"status.{status}", lang) if status in BADGE_STATUSES else str(status)


def labelled(text: str, status: str, lang: str) -> str:
    """``text`` (plain text, escaped here) followed by the badge of ``status``: Markdown+HTML."""
    return f"{plain(text)} {status_badge(status, lang)}" if text else status_badge(status, lang)


def badges_line(items: Iterable[tuple[str, str]], lang: str) -> str:
    """``Data status: <title> [badge] · ...`` for ``(title, status)`` pairs (titles escaped)."""
    parts = [labelled(title, status, lang) for title, status in items]
    return f"<span style='font-size:0.9em'>{plain(t('kel.statuses', lang))} " + " · ".join(parts) + "</span>"


def status_line(status: str, title: str, source: str, as_of: str, lang: str) -> str:
    """Badge + dataset title + source + as-of, as one line of Markdown+HTML (values escaped)."""
    return (
        f"{status_badge(status, lang)} "
        f"<span class='status-line' style='font-size:0.85em;color:#4B5563'>{plain(title)} · "
        f"{plain(t('common.source', lang))}: {plain(source)} · "
        f"{plain(t('common.as_of', lang))} {plain(as_of)}</span>"
    )
