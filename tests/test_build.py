"""The build scripts reproduce the bundled pack byte for byte from the seed records.

``kelurahan.geojson`` too: ``scripts/build_geodata.py`` makes it with the region builder
(``smartcity_geo.regions``) from the upstream excerpt in ``tests/fixtures/wilayah/``.

Each script is run as a user runs it (``python scripts/... --out DIR``) into a temporary folder;
every file it writes must equal the file of the same name in ``geodata/``. The manifest is
compared as data without the ``bytes``/``sha256`` integrity keys, which are recorded per dataset
when the pack is published, not by these scripts.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GEODATA = ROOT / "geodata"
INTEGRITY_KEYS = {"bytes", "sha256", "rows"}

GEODATA_FILES = [
    "kelurahan.geojson",
    "hotspots.csv",
    "gov_sites.csv",
    "network_links.csv",
    "cell_sites.csv",
    "broadband.csv",
    "tourism_areas.geojson",
    "facts.csv",
]
PROGRAMME_FILES = ["elements.csv", "subdimensions.csv", "indicators.csv", "indicator_values.csv", "budget.csv"]


def _run(script: str, out: Path) -> set[str]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / script), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return {p.name for p in out.iterdir()}


def _without_integrity(manifest: dict) -> dict:
    datasets = [{k: v for k, v in d.items() if k not in INTEGRITY_KEYS} for d in manifest["datasets"]]
    return {**manifest, "datasets": datasets}


@pytest.fixture(scope="module")
def geodata_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("geodata_build")
    written = _run("build_geodata.py", out)
    assert written == {*GEODATA_FILES, "manifest.json"}
    return out


@pytest.mark.parametrize("name", GEODATA_FILES)
def test_build_geodata_reproduces_each_file(geodata_build: Path, name: str) -> None:
    assert (geodata_build / name).read_bytes() == (GEODATA / name).read_bytes(), (
        f"{name}: scripts/build_geodata.py no longer reproduces geodata/{name}; rebuild the pack or fix the seed"
    )


def test_build_geodata_reproduces_the_manifest(geodata_build: Path) -> None:
    built = json.loads((geodata_build / "manifest.json").read_text(encoding="utf-8"))
    bundled = json.loads((GEODATA / "manifest.json").read_text(encoding="utf-8"))
    assert _without_integrity(built) == _without_integrity(bundled)


def test_build_programme_data_reproduces_each_file(tmp_path: Path) -> None:
    written = _run("build_programme_data.py", tmp_path)
    assert written == set(PROGRAMME_FILES)
    different = [n for n in PROGRAMME_FILES if (tmp_path / n).read_bytes() != (GEODATA / n).read_bytes()]
    assert not different, f"scripts/build_programme_data.py no longer reproduces {different}"
