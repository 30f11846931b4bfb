"""The app's "today" is injected (``SMARTCITY_TODAY``), never read from the clock in a test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui import clock

ROOT = Path(__file__).resolve().parent.parent


def test_the_suite_runs_on_a_fixed_day(today):
    assert clock.today() == today


def test_a_fixed_day_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2027-01-02")
    assert clock.today() == date(2027, 1, 2)


def test_a_malformed_day_is_named(monkeypatch):
    monkeypatch.setenv(clock.ENV, "02/01/2027")
    with pytest.raises(ValueError, match="SMARTCITY_TODAY='02/01/2027' is not a YYYY-MM-DD date"):
        clock.today()


def test_the_indicator_screen_opens_on_the_year_before_today(monkeypatch):
    monkeypatch.setenv(clock.ENV, "2027-01-02")  # 2026 has just ended
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120).run()
    at.switch_page("pages/indicators.py").run()
    assert not at.exception
    assert at.selectbox(key="ind_year").value == 2026


def test_validation_and_the_screens_read_the_same_day(tmp_path, monkeypatch):
    """With the day fixed to 2025-06-01 the pack's 2025 actuals are refused, not shown.

    The pack's dates are moved before that day (so only the actuals are out of place); a
    validation reading the machine's date would accept the pack and the screens would show
    actual values for a year that has not ended on the day they are shown.
    """
    import json
    import shutil

    from smartcity_geo.seal import seal

    root = tmp_path / "geodata"
    shutil.copytree(ROOT / "geodata", root)
    manifest = json.loads((root / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["datasets"]:
        entry["as_of"] = "2024"
    (root / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    seal(root)
    monkeypatch.setenv("SMARTCITY_DATA_DIR", str(root))
    monkeypatch.setenv(clock.ENV, "2025-06-01")

    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    message = at.error[0].value
    assert message.startswith("The data pack could not be loaded.")
    assert "2025" in message and "has not ended" in message
    assert not at.metric and not at.get("plotly_chart")  # no figure of that day drawn

    monkeypatch.setenv(clock.ENV, "2026-01-02")  # 2025 has ended: the same pack loads
    at.run()
    assert not at.exception and not at.error
