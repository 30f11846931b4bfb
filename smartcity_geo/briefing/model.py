"""The briefing as data: the pieces its sections are made of, each figure with its status.

Everything here is plain text in the reader's language (formatted numbers, dates, words);
no markup. The renderer (:mod:`.render`) turns the model into HTML with Jinja2's
autoescaping, so a value from the data pack can never become markup. The sections
themselves are built in :mod:`.sections`.

A piece of text is a tuple of :class:`Part`; a figure is a value part followed by a
status part (:func:`figure`), so a figure and its badge travel together. In a table, a
column whose head carries the status (:class:`Head`) covers its cells.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from .. import rules
from ..formatting import format_share, is_missing

_URL = re.compile(r"https?://[^\s<>\"']+")
_URL_TRAIL = ".,;:)]"


# --------------------------------------------------------------------------------------
# Building blocks


@dataclass(frozen=True)
class Part:
    """A run of text: plain, a figure's value (``value``), a link (``href``) or a status badge."""

    text: str = ""
    value: bool = False
    href: str | None = None  # only ever an http(s) address (see :func:`is_web_link`)
    status: str | None = None  # a badge; ``text`` is empty then
    detail: bool = False  # a small line under the value


Text = tuple[Part, ...]


@dataclass(frozen=True)
class Head:
    text: str
    status: str | None = None  # the status of every figure in the column
    num: bool = False


@dataclass(frozen=True)
class Cell:
    parts: Text = ()
    num: bool = False
    mark: bool = False  # a gap mark (centred, red)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    css: str = ""  # "total", "flagged", "city"


@dataclass(frozen=True)
class Table:
    heads: tuple[Head, ...]
    rows: tuple[Row, ...]
    css: str = ""


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    before: tuple[Text, ...] = ()  # paragraphs above the table
    callouts: tuple[Text, ...] = ()  # a flagged box (e.g. years the budget did not rise)
    table: Table | None = None
    notes: tuple[str, ...] = ()  # small print below
    terms: tuple[tuple[str, tuple[str, ...]], ...] = ()  # a definition list: term -> lines


@dataclass(frozen=True)
class MapPicture:
    uri: str  # data:image/png;base64,...
    alt: str
    caption: str


@dataclass(frozen=True)
class Briefing:
    lang: str
    title: str
    scope: str
    kicker: str
    date: str
    meta: str
    intro: str
    sample_note: str | None
    map: MapPicture | None
    sections: tuple[Section, ...]
    statuses: tuple[str, ...] = field(default=())  # the statuses the document uses, strongest first
    link: str | None = None
    link_note: str = ""
    footer: str = ""


def is_web_link(url: str) -> bool:
    """True for an ``http``/``https`` address with a host and no surrounding space."""
    parts = urlsplit(url)
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc) and url.strip() == url


def text(value: object) -> Text:
    return (Part("" if is_missing(value) else str(value)),)


def figure(value: str, status: str, detail: str = "") -> Text:
    """A figure: its value, then its status badge (and an optional detail line).

    A figure from a dataset the region has not supplied (status ``none``) is no figure: only
    its "not yet supplied" badge, never a computed 0.
    """
    if status == rules.NONE:
        return (Part(status=status),)
    parts = [Part(value, value=True), Part(status=status)]
    if detail:
        parts.append(Part(detail, detail=True))
    return tuple(parts)


def linkify(raw: object, *, host_only: bool = False) -> Text:
    """``raw`` as text whose http(s) addresses are links (shown as their host if ``host_only``)."""
    raw = "" if is_missing(raw) else str(raw)
    parts, last = [], 0
    for match in _URL.finditer(raw):
        url = match.group(0).rstrip(_URL_TRAIL)
        parts.append(Part(raw[last : match.start()]))
        parts.append(Part(urlsplit(url).netloc if host_only else url, href=url) if is_web_link(url) else Part(url))
        last = match.start() + len(url)
    parts.append(Part(raw[last:]))
    return tuple(p for p in parts if p.text or p.status)


def weakest(*statuses: object) -> str:
    """:func:`rules.weakest_status` of the given statuses (missing ones ignored; none: :data:`rules.NO_STATUS`)."""
    return rules.weakest_status(statuses)


def share_4g_text(share: object, lang: str) -> str:
    """A 4G share as the screens, the gaps and the exports print it (never "50 %" for 49.6 %):
    :func:`~smartcity_geo.formatting.format_share` against :data:`rules.MIN_SHARE_4G`."""
    return format_share(share, lang, rules.MIN_SHARE_4G)
