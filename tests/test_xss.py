"""Text from the data pack is shown as text on every screen: never run as HTML or Markdown.

Classic payloads are put in front of every free-text cell of every dataset and every text
of the manifest (in memory: nothing is written anywhere), and every screen is run through
Streamlit's AppTest. No Markdown or HTML element may then carry a payload as markup:
escaped text (``&#60;script&#62;`` or ``&lt;script&gt;``) is what we want to see.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest
from streamlit.testing.v1 import AppTest

from smartcity_geo.datapack import load_pack
from smartcity_geo.mapdata import prepare_map_data

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "dashboard.py")
PEKUNCEN, KEBONSARI = "35.75.04.1009", "35.75.04.1005"

PAYLOADS: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<iframe srcdoc="<script>top.alert(1)</script>"></iframe>',
    "<svg onload=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    "javascript:alert(1)",
    "[x](javascript:alert(1))",
    "![x](http://evil/x.png)",
)
# What must never reach a Markdown/HTML body: the payloads, and their working parts.
MARKUP = (
    *PAYLOADS,
    "<script",
    "<img",
    "<iframe",
    "<svg",
    "onerror=",
    "onload=",
    "srcdoc=",
    "javascript:",
    "](javascript",
    "](http://evil",
)
# Plotly renders a little HTML (<b>, <a href>, <br>), not Markdown.
PLOTLY_MARKUP = ("<script", "<img", "<iframe", "<svg", "<a href")

# Free-text columns of each dataset: names, notes, sources, labels (keys and enumerations are
# left alone: they are checked against fixed lists on load).
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "kelurahan": ("kecamatan", "kelurahan"),
    "hotspots": ("name", "name_en", "position_note", "position_note_id", "position_note_en", "source"),
    "gov_sites": ("name", "name_en", "position_note", "position_note_id", "position_note_en", "source"),
    "cell_sites": ("operator",),
    "tourism_areas": (
        "name_id",
        "name_en",
        "designation",
        "designation_id",
        "designation_en",
        "designation_source",
        "extent_note",
        "extent_note_id",
        "extent_note_en",
    ),
    "facts": ("label_id", "label_en", "as_of", "source"),
    "elements": ("name_id", "name_en"),
    "subdimensions": ("name_id", "name_en"),
    "indicators": ("name_id", "name_en", "agency", "source", "note", "note_id", "note_en"),
    "indicator_values": ("source", "note", "note_id", "note_en"),
    "budget": ("programme", "programme_en", "agency", "source", "note", "note_id", "note_en"),
}
# Every other text column is a key, a code or a word from a fixed list.
KEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "kelurahan": ("kode", "kode_kecamatan"),
    "hotspots": ("id", "type", "site_kind", "kelurahan_code", "position_method", "status"),
    "gov_sites": ("id", "role", "kelurahan_code", "position_method", "status"),
    "network_links": ("from_id", "to_id", "medium", "status"),
    "cell_sites": ("id", "technology", "status"),
    "broadband": ("kelurahan_code", "status"),
    "tourism_areas": ("id", "theme", "kelurahan_codes", "extent_method"),
    "facts": ("key", "unit", "status"),
    "elements": ("code",),
    "subdimensions": ("code", "element"),
    "indicators": ("code", "subdimension", "unit", "direction", "kelurahan_code", "status"),
    "indicator_values": ("indicator", "status", "target_status"),
    "budget": ("element", "status"),
}
META_TEXTS = (
    "title_id",
    "title_en",
    "source",
    "source_id",
    "source_en",
    "licence",
    "as_of",
    "positions",
    "positions_id",
    "positions_en",
)


def _poison(value: object, index: int) -> object:
    if not isinstance(value, str) or not value:
        return value
    return f"{PAYLOADS[index % len(PAYLOADS)]} {value}"  # the original stays: names stay unique


@pytest.fixture(scope="module")
def bundled():
    return load_pack(ROOT / "geodata")


@pytest.fixture(scope="module")
def poisoned(bundled):
    """The bundled pack with a payload in front of every free-text cell and manifest text."""
    tables = {}
    for key, table in bundled.tables.items():
        table = table.copy()
        for column in TEXT_COLUMNS.get(key, ()):
            table[column] = [_poison(v, i) for i, v in enumerate(table[column])]
        tables[key] = table
    metas = {
        key: replace(meta, **{f: _poison(getattr(meta, f), i) for i, f in enumerate(META_TEXTS)})
        for key, meta in bundled.metas.items()
    }
    pack = replace(bundled, tables=MappingProxyType(tables), metas=MappingProxyType(metas))
    return pack, prepare_map_data(pack)


@pytest.fixture()
def app_with(poisoned, monkeypatch):
    """An AppTest whose loaders hand out the poisoned pack (in memory, never written)."""
    from ui import loaders

    pack, _data = poisoned
    # this run's data is the poisoned pack; the cached parts are filed under its own version
    real = loaders.begin_run

    def poisoned_run(kab: str = "") -> loaders.Run:
        source = real().source  # the store is still asked (and seeded): the history screen reads it
        return loaders.Run(version=f"poisoned-{id(pack)}", pack=pack, uploads=(), source=source)

    monkeypatch.setattr(loaders, "begin_run", poisoned_run)

    def make(page: str | None, lang: str, selection: list[str]) -> AppTest:
        at = AppTest.from_file(APP, default_timeout=120)
        at.query_params["lang"] = lang
        if selection:
            at.query_params["kel"] = ",".join(selection)
        at.run()
        if page:
            at.switch_page(page).run()
        return at

    return make


def test_every_free_text_column_is_poisoned(bundled):
    """The lists above cover every text column of every dataset: a new one must be added."""
    for key, table in bundled.tables.items():
        text = {c for c in table.columns if c != "geometry" and table[c].dtype == object}
        listed = set(TEXT_COLUMNS.get(key, ())) | set(KEY_COLUMNS.get(key, ()))
        assert text <= listed, f"{key}: add {sorted(text - listed)} to TEXT_COLUMNS or KEY_COLUMNS"
        assert set(TEXT_COLUMNS.get(key, ())) <= text, f"{key}: unknown columns listed"


def _bodies(at: AppTest) -> list[str]:
    """Every text Streamlit would render as Markdown (or HTML, where we allow it)."""
    bodies: list[str] = []
    for kind in ("markdown", "caption", "title", "header", "subheader", "warning", "info", "error", "success"):
        bodies += [str(e.value) for e in getattr(at, kind)]
    bodies += [str(e.proto.body) for e in at.get("alert")]
    for metric in at.metric:
        bodies += [str(metric.label), str(metric.value)]
    for kind in ("checkbox", "selectbox", "multiselect", "slider", "toggle", "radio", "button", "text_input"):
        bodies += [str(e.label) for e in getattr(at, kind)]
    bodies += [str(e.proto.label) for e in at.get("download_button")]
    bodies += [str(e.label) for e in at.expander]
    for frame in at.dataframe:  # cells are text; column labels and tooltips are Markdown
        columns = json.loads(frame.proto.columns or "{}")
        bodies += [str(c.get(k, "")) for c in columns.values() for k in ("label", "help")]
    return bodies


def _assert_inert(at: AppTest) -> None:
    assert not at.exception, [e.value for e in at.exception]
    bodies = _bodies(at)
    assert bodies, "nothing rendered"
    for body in bodies:
        for markup in MARKUP:
            assert markup not in body, f"{markup!r} rendered as markup in {body[:300]!r}"
    for chart in at.get("plotly_chart"):
        spec = json.dumps(json.loads(chart.proto.spec))  # the figure as Plotly receives it
        for markup in PLOTLY_MARKUP:
            assert markup not in spec, f"{markup!r} in a chart"


SCREENS = [
    (None, []),
    (None, [PEKUNCEN]),
    ("pages/kelurahan.py", []),
    ("pages/kelurahan.py", [PEKUNCEN]),
    ("pages/kelurahan.py", [PEKUNCEN, KEBONSARI]),
    ("pages/indicators.py", []),
    ("pages/indicators.py", ["35.75.04.1002"]),
    ("pages/budget.py", []),
    ("pages/sources.py", []),
    ("pages/briefing.py", []),
]


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize(("page", "selection"), SCREENS, ids=lambda v: str(v))
def test_no_screen_runs_text_from_the_data(app_with, page, selection, lang):
    at = app_with(page, lang, selection)
    _assert_inert(at)


def test_the_payloads_are_shown_as_text(app_with):
    """Not hidden either: the map screen's Wi-Fi fact label reads as its (escaped) text."""
    import html

    at = app_with(None, "en", [])
    _assert_inert(at)
    shown = " ".join(html.unescape(m.value) for m in at.markdown)
    assert any(p in shown for p in PAYLOADS)


# --------------------------------------------------------------------------------------
# The escape and the badge, on their own


@pytest.mark.parametrize("payload", PAYLOADS)
def test_plain_makes_markup_inert_and_keeps_the_text(payload):
    import html

    from smartcity_geo.badges import plain

    escaped = plain(payload)
    for markup in MARKUP:
        assert markup not in escaped
    assert html.unescape(escaped) == payload  # shown exactly as written


def test_badges_take_colours_and_words_from_the_rules():
    from smartcity_geo import rules
    from smartcity_geo.badges import status_badge
    from smartcity_geo.strings import t

    for status in rules.STATUS_ORDER:
        background, colour = rules.STATUS_COLORS[status]
        for lang in ("id", "en"):
            badge = status_badge(status, lang)
            assert f"background:{background};color:{colour}" in badge
            assert f">{t(f'status.{status}', lang)}</span>" in badge
    assert ">dihitung</span>" in status_badge("computed", "id")
    assert ">uploaded, not verified</span>" in status_badge("uploaded", "en")
    assert "<script" not in status_badge("<script>x</script>", "en")  # an unknown status is text too
