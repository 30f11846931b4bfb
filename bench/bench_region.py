"""Region scale: build the pack of every kab/kota of Jawa Timur and time each build (and its load).

Reads the full upstream copies (``../shared/data/wilayah_boundaries`` and ``../shared/data/wilayah``
beside the checkout, or ``--upstream DIR`` holding both), builds each of the 38 packs into a
temporary folder with the same code as ``python -m smartcity_geo region CODE``, and prints one
line per region: polygons (kelurahan/desa), metric CRS, build seconds, load seconds, pack size.
The last lines name the largest region by village count and the slowest build (target: every
build under 10 s). One process, one region at a time (the machine is shared)::

    python bench/bench_region.py
    python bench/bench_region.py --upstream /path/to/folder --codes 35.24 35.78
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smartcity_geo.datapack import load_pack  # noqa: E402
from smartcity_geo.regions import build_region  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
TARGET_S = 10.0


def jawa_timur_codes(names_root: Path) -> list[str]:
    text = (names_root / "db" / "wilayah.sql").read_text(encoding="utf-8")
    return sorted(set(re.findall(r"^\('(35\.\d{2})',", text, flags=re.MULTILINE)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", type=Path, default=SHARED, help="folder with wilayah_boundaries/ and wilayah/")
    parser.add_argument("--codes", nargs="*", help="kab/kota codes (default: all 38 of Jawa Timur)")
    parser.add_argument("--no-load", action="store_true", help="time the builds only")
    args = parser.parse_args(argv)
    boundaries, names = args.upstream / "wilayah_boundaries", args.upstream / "wilayah"
    if not (names / "db" / "wilayah.sql").is_file():
        print(f"upstream data not found at {args.upstream} (give --upstream)", file=sys.stderr)
        return 1
    codes = args.codes or jawa_timur_codes(names)
    today = dt.date(2026, 12, 4)  # a fixed date: the load checks years that have ended
    rows = []
    print(
        f"{'code':6} {'name':28} {'villages':>8} {'kel':>4} {'desa':>4} {'crs':11} {'build s':>8} {'load s':>7} {'KB':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="bench_region_") as tmp:
        for code in codes:
            out = Path(tmp) / code
            started = time.perf_counter()
            region = build_region(code, boundaries, names, out)
            built = time.perf_counter() - started
            loaded = float("nan")
            if not args.no_load:
                started = time.perf_counter()
                load_pack(out, today=today)
                loaded = time.perf_counter() - started
            size = sum(p.stat().st_size for p in out.iterdir()) / 1024
            rows.append((code, region, built))
            print(
                f"{code:6} {region.name[:28]:28} {region.count():8d} {region.count('kelurahan'):4d} "
                f"{region.count('desa'):4d} {region.metric_crs():11} {built:8.2f} {loaded:7.2f} {size:6.0f}"
            )
    largest = max(rows, key=lambda r: r[1].count())
    slowest = max(rows, key=lambda r: r[2])
    total = sum(r[2] for r in rows)
    print(f"largest by village count: {largest[0]} {largest[1].name}, {largest[1].count()} villages")
    print(f"slowest build: {slowest[0]} {slowest[1].name}, {slowest[2]:.2f} s (target < {TARGET_S:.0f} s)")
    print(f"all {len(rows)} builds: {total:.1f} s")
    return 0 if slowest[2] < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
