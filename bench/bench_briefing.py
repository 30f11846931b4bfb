"""Time of the briefing's map picture and of a whole briefing, for a few views.

Draws the picture (:func:`smartcity_geo.mapimage.render_map_png`) and builds the whole
document (:func:`smartcity_geo.briefing.build_briefing`) for the whole city with the
default layers, one kelurahan with every layer, and a kecamatan with every layer: one
warm-up, then ``--runs`` timed runs each; prints the median and the slowest, and PASS/FAIL
for the target: the picture under 1 s. Exits 0 either way; ``--assert`` exits 1 on FAIL.

NOTE: times are CPU seconds of this process (``time.process_time``), so that other work on
a shared machine does not count; matplotlib draws on one thread.

    python bench/bench_briefing.py [--runs 5] [--assert]
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from smartcity_geo.briefing import build_briefing  # noqa: E402
from smartcity_geo.datapack import load_pack  # noqa: E402
from smartcity_geo.mapdata import prepare_map_data  # noqa: E402
from smartcity_geo.mapimage import render_map_png  # noqa: E402
from smartcity_geo.registry import DEFAULT_LAYERS, LAYER_KEYS  # noqa: E402
from smartcity_geo.viewstate import ViewState  # noqa: E402

TARGET_S = 1.0


def _time(fn, runs: int) -> list[float]:
    fn()  # warm-up (fonts, caches)
    out = []
    for _ in range(runs):
        start = time.process_time()
        fn()
        out.append(time.process_time() - start)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--assert", dest="check", action="store_true")
    args = parser.parse_args()
    data = prepare_map_data(load_pack(ROOT / "geodata"))
    kel = data.kelurahan
    gadingrejo = tuple(kel.loc[kel["kode"].str.startswith("35.75.01."), "kode"])
    views = {
        "whole city, default layers": ((), DEFAULT_LAYERS),
        "one kelurahan, every layer": (("35.75.01.1007",), LAYER_KEYS),
        "kecamatan Gadingrejo, every layer": (gadingrejo, LAYER_KEYS),
    }
    worst = 0.0
    today = datetime.date(2026, 11, 29)
    for name, (codes, layers) in views.items():
        picture = _time(lambda c=codes, lay=layers: render_map_png(data, c, lay, "id"), args.runs)
        view = ViewState(kelurahan=codes, layers=layers)
        document = _time(lambda v=view: build_briefing(data, v, "id", generated=today), args.runs)
        worst = max(worst, max(picture))
        print(
            f"{name:36s} picture median {statistics.median(picture):.3f} s (max {max(picture):.3f})  "
            f"briefing median {statistics.median(document):.3f} s (max {max(document):.3f})"
        )
    ok = worst < TARGET_S
    print(f"{'PASS' if ok else 'FAIL'}: slowest picture {worst:.3f} s (target < {TARGET_S:.1f} s)")
    return 0 if ok or not args.check else 1


if __name__ == "__main__":
    raise SystemExit(main())
