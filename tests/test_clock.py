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
