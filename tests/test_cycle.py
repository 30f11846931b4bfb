"""Auto-play in presentation mode: when to move on, and where to (ui.cycle.due_screen)."""

from __future__ import annotations

from ui.cycle import due_screen

SHOW = ["", "kelurahan", "budget"]


def test_moves_on_after_a_full_interval_without_interaction() -> None:
    assert due_screen(SHOW, "", last_page_run=100.0, now=130.0, interval=30) == "kelurahan"
    assert due_screen(SHOW, "kelurahan", last_page_run=100.0, now=131.0, interval=30) == "budget"


def test_wraps_around_to_the_first_screen() -> None:
    assert due_screen(SHOW, "budget", last_page_run=0.0, now=30.0, interval=30) == ""


def test_an_interaction_within_the_interval_pauses_the_show() -> None:
    # the page last ran 12 s ago (a click): the 30 s interval starts again from there
    assert due_screen(SHOW, "", last_page_run=118.0, now=130.0, interval=30) is None


def test_a_screen_outside_the_show_starts_it_from_the_first() -> None:
    assert due_screen(SHOW, "sources", last_page_run=0.0, now=60.0, interval=30) == ""


def test_nothing_to_do_without_screens_or_with_one_screen_shown() -> None:
    assert due_screen([], "", last_page_run=0.0, now=60.0, interval=30) is None
    assert due_screen(["kelurahan"], "kelurahan", last_page_run=0.0, now=60.0, interval=30) is None
