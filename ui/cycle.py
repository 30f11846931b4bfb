"""Automatic cycling through chosen screens in presentation mode, paused by any interaction.

The presenter picks the screens and an interval in the control bar's "auto-play" popover.
A fragment re-runs every ``interval`` seconds on its own (not the page); when the whole
page has not been re-run for a full interval, nobody has touched a widget, and it moves on
to the next chosen screen. Any interaction (a click on a link, a picker, a checkbox) re-runs
the page, which restarts the clock: the show pauses for a full interval after the last one.
Leaving presentation mode drops the popover's widgets and so stops the show.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from smartcity_geo.strings import t

ON = "cycle_on"
SCREENS = "cycle_screens"
SECONDS = "cycle_seconds"
INTERVALS = (10, 20, 30, 60, 120)
_LAST_RUN = "_cycle_last_page_run"


SLACK_S = 1.0  # the timer fires about on time: a tick this early still counts as a full interval


def due_screen(screens: Sequence[str], current: str, last_page_run: float, now: float, interval: float) -> str | None:
    """The screen to show next, or None while the interval since the last page run is not over.

    ``screens`` are url paths in show order; from a screen outside the show, the show starts
    at its first screen. Pure: the caller passes the clock readings.
    """
    if not screens or now - last_page_run < interval - SLACK_S:
        return None
    if current not in screens:
        return screens[0]
    following = screens[(screens.index(current) + 1) % len(screens)]
    return None if following == current else following


def controls(pages: Sequence[Any], current: Any, lang: str, clock: Callable[[], float] = time.monotonic) -> None:
    """The auto-play popover, and the timer fragment while auto-play is on.

    ``pages`` are the app's ``st.Page`` objects, ``current`` the one being shown.
    """
    by_path = {page.url_path: page for page in pages}
    st.session_state[_LAST_RUN] = clock()  # a page run: someone interacted, or the show moved on
    with st.popover(t("present.cycle", lang), icon=":material/autoplay:"):
        st.toggle(t("present.cycle_on", lang), key=ON)
        st.multiselect(
            t("present.cycle_screens", lang),
            options=list(by_path),
            default=list(by_path),
            format_func=lambda path: by_path[path].title,
            key=SCREENS,
        )
        st.selectbox(
            t("present.cycle_seconds", lang),
            INTERVALS,
            index=INTERVALS.index(30),
            format_func=lambda s: t("present.seconds", lang, n=s),
            key=SECONDS,
        )
    if not st.session_state.get(ON):
        return
    interval = float(st.session_state.get(SECONDS, 30))
    screens = list(st.session_state.get(SCREENS, []))
    current_path = getattr(current, "url_path", "")

    @st.fragment(run_every=interval)
    def tick() -> None:
        target = due_screen(screens, current_path, st.session_state.get(_LAST_RUN, clock()), clock(), interval)
        if target is not None:
            st.switch_page(by_path[target])

    tick()
