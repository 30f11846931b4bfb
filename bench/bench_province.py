"""Province scale: build the province pack of Jawa Timur (35) and, interleaved, the bundled city (35.75).

Reads ``../shared/data`` (or ``--upstream DIR``), builds into a temporary folder with the same
code as ``python -m smartcity_geo region 35``: city, province, city (the city is the baseline).
Prints wall and CPU seconds of each and the ratio, the band files' sizes (raw and gzip, MB),
the simplification quality of each band against the cleaned full detail (largest overlap of two
villages, largest new gap, worst area change of a village; m², %) and PASS/FAIL against the
target: the province build within 60 s wall::

    python bench/bench_province.py
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from pathlib import Path

import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from smartcity_geo.regions import bands, build_province, build_region  # noqa: E402

SHARED = ROOT.parent / "shared" / "data"
TARGET_S = 60.0


def timed(fn):
    wall, cpu = time.perf_counter(), time.process_time()
    result = fn()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def band_figures(pack: Path, province) -> None:
    whole = province.whole
    crs = whole.metric_crs()
    codes = [v.code for v in whole.villages]
    full = bands.to_metric([v.shape.geometry for v in whole.villages], crs)
    cleaned = bands.clean(full)
    entries = json.loads((pack / "manifest.json").read_text(encoding="utf-8"))["pack"]["geometry_bands"]
    full_mb = (pack / "kelurahan.geojson").stat().st_size / 1e6
    print(f"full detail kelurahan.geojson: {full_mb:.2f} MB raw")
    for entry in entries:
        for which in ("villages", "kabkota"):
            data = (pack / entry[which]["file"]).read_bytes()
            print(
                f"  {entry[which]['file']:32} {len(data) / 1e6:6.2f} MB raw {len(gzip.compress(data)) / 1e6:6.2f} MB gzip"
            )
        read = bands.read_band(pack, entry, "villages")
        geoms = [shapely.geometry.shape(f["geometry"]) for f in read["features"]]
        q = bands.quality(cleaned, bands.to_metric(geoms, crs), codes)
        raw = bands.quality(full, bands.to_metric(geoms, crs), codes)
        print(
            f"  z<={entry['max_zoom']} tol {entry['tolerance_m']} m: max overlap {q.max_overlap_m2:.2f} m2, "
            f"max new gap {q.max_gap_m2:.2f} m2, worst area change {q.worst_area_pct:.2f} % ({q.worst_code}) "
            f"vs cleaned; {raw.worst_area_pct:.2f} % ({raw.worst_code}) vs the raw upstream polygon"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", type=Path, default=SHARED, help="folder with wilayah_boundaries/ and wilayah/")
    parser.add_argument("--province", default="35")
    parser.add_argument("--city", default="35.75")
    args = parser.parse_args(argv)
    boundaries, names = args.upstream / "wilayah_boundaries", args.upstream / "wilayah"
    if not (names / "db" / "wilayah.sql").is_file():
        print(f"upstream data not found at {args.upstream} (give --upstream)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="bench_province_") as tmp:
        cities = []
        _, wall, cpu = timed(lambda: build_region(args.city, boundaries, names, Path(tmp) / "city1"))
        cities.append((wall, cpu))
        province, pwall, pcpu = timed(lambda: build_province(args.province, boundaries, names, Path(tmp) / "prov"))
        _, wall, cpu = timed(lambda: build_region(args.city, boundaries, names, Path(tmp) / "city2"))
        cities.append((wall, cpu))
        cwall = sum(c[0] for c in cities) / len(cities)
        ccpu = sum(c[1] for c in cities) / len(cities)
        print(f"city {args.city} build (mean of 2): {cwall:.2f} s wall, {ccpu:.2f} s CPU")
        print(
            f"province {args.province} build: {pwall:.2f} s wall, {pcpu:.2f} s CPU "
            f"({province.whole.count()} polygons, {len(province.kabkota)} kab/kota)"
        )
        print(f"ratio province/city: {pwall / cwall:.1f}x wall, {pcpu / ccpu:.1f}x CPU")
        band_figures(Path(tmp) / "prov", province)
    ok = pwall <= TARGET_S
    print(f"{'PASS' if ok else 'FAIL'}: province build {pwall:.1f} s wall (target <= {TARGET_S:.0f} s)")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
