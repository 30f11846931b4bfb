"""No region's name, code or count is written into the code: the app reads them from the pack.

Searched: every file git tracks outside the bundled pack (``geodata/``), the build scripts
(``scripts/``), the tests, the benchmarks, the documentation and the README. Searched for:
the bundled region's name, codes, metric projection, counts and kecamatan names, all read
from the bundled manifest (so a rebuilt bundled pack is searched for its own literals).
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ALLOWED = ("geodata/", "scripts/", "tests/", "bench/", "docs/", "README")
TEXT_SUFFIXES = {".py", ".j2", ".html", ".css", ".js", ".toml", ".md", ".txt", ".cfg", ".ini", ".json", ".yml", ".yaml"}


def _literals() -> list[str]:
    pack = json.loads((ROOT / "geodata" / "manifest.json").read_text(encoding="utf-8"))["pack"]
    region = pack["region"]
    bare = region["name"].split(" ", 1)[1]  # "Kota Pasuruan" -> "Pasuruan"
    zone = pack["metric_crs"].split(":")[1]  # "32749"
    count = pack["kelurahan_count"]
    return [
        bare,
        region["code"],
        zone,
        f"UTM {int(zone) - 32700}S",
        f"{count} kelurahan",
        f"{len(region['kecamatan'])} kecamatan",
        *(k["name"] for k in region["kecamatan"]),
    ]


def _code_files() -> list[Path]:
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
        ).stdout.splitlines()
    except (OSError, subprocess.SubprocessError):
        pytest.skip("not a git checkout")
    return [
        ROOT / name
        for name in listed
        if not name.startswith(ALLOWED) and Path(name).suffix in TEXT_SUFFIXES and (ROOT / name).is_file()
    ]


def test_the_literals_searched_for_are_the_bundled_regions():
    literals = _literals()
    assert literals[:3] == ["Pasuruan", "35.75", "32749"]
    assert {"34 kelurahan", "4 kecamatan", "Gadingrejo", "Bugul Kidul"} <= set(literals)


def test_no_region_literal_in_the_code():
    patterns = [
        (literal, re.compile(r"(?<![\w.])" + re.escape(literal) + r"(?![\w])", re.IGNORECASE))
        for literal in _literals()
    ]
    hits = []
    files = _code_files()
    assert any(f.name == "dashboard.py" for f in files) and any("pages" in f.parts for f in files)
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            hits += [f"{path.relative_to(ROOT)}:{number}: {literal}" for literal, rx in patterns if rx.search(line)]
    assert not hits, "\n".join(hits)


def test_the_search_finds_a_literal_where_there_is_one(tmp_path):
    """The search itself works: a line naming the region is a hit (so a clean run means something)."""
    line = 'TITLE = "Peta Kota Cerdas Pasuruan"  # 34 kelurahan in 35.75, EPSG:32749'
    found = [lit for lit in _literals() if re.search(r"(?<![\w.])" + re.escape(lit) + r"(?![\w])", line, re.I)]
    assert found == ["Pasuruan", "35.75", "32749", "34 kelurahan"]
