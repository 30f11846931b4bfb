"""Where the tests find the full upstream region data, and what they do when it is absent.

``../shared/data`` beside the checkout (CI always has it), or ``SMARTCITY_SHARED_DATA`` (a
worktree elsewhere). Absent: a test that needs it is skipped, except under ``CI``, where it fails.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("SMARTCITY_SHARED_DATA") or ROOT.parent / "shared" / "data")


def shared_upstream() -> Path:
    """The folder holding ``wilayah/`` and ``wilayah_boundaries/``; skips (or, with ``CI``, fails) without it."""
    ok = (SHARED / "wilayah" / "db" / "wilayah.sql").is_file() and (SHARED / "wilayah_boundaries" / "db").is_dir()
    if not ok:
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but the upstream data is not at {SHARED} (../shared/data)")
        pytest.skip(f"the upstream data is not at {SHARED} (../shared/data beside the checkout)")
    return SHARED
