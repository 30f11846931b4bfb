"""Refresh the presentation-mode screenshots in docs/ (1366x768 and 1920x1080).

Runs the browser test that takes them, with ``SMARTCITY_UPDATE_SCREENSHOTS=1`` so that it
copies its pictures to ``docs/presentation_<w>x<h>.png`` (and the map screen's to
``docs/meeting_room_<w>x<h>_<lang>.png``); a plain test run writes only to
pytest's tmp dir. Usage::

    python scripts/screenshots.py
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TESTS = (
    "tests/browser/test_presentation.py::test_present_link_fits_the_screen_and_reads_from_the_back",
    # docs/meeting_room_<w>x<h>_<lang>.png: the map screen in presentation mode, both languages
    "tests/browser/test_meeting_room.py::test_the_map_fills_the_meeting_room_screen_and_names_the_kelurahan",
)


def main() -> int:
    env = {**os.environ, "SMARTCITY_UPDATE_SCREENSHOTS": "1"}
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *TESTS]
    return subprocess.call(command, cwd=ROOT, env=env)


if __name__ == "__main__":
    sys.exit(main())
