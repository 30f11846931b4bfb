"""A/B of ``prepare_map_data`` between this tree and another checkout, interleaved in one run.

    git worktree add /tmp/before <commit>          # or: git archive <commit> | tar -x -C /tmp/before
    python bench/ab_prepare.py /tmp/before         # 3,400 kelurahan, 5 rounds
    python bench/ab_prepare.py /tmp/before --tiles 5x2 --rounds 9

Both versions of ``smartcity_geo`` are loaded in this process (the other one under another
package name) and run on the same tiled pack (:func:`bench.packs.tiled_pack`), alternately,
so load on the machine hits both alike. CPU time beside wall time; medians. The results of
the two are compared too (outline, kecamatan and coverage areas, the kelurahan figures), so
a faster version that computes something else does not pass unnoticed.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.packs import UTM49S, tiled_pack  # noqa: E402
from bench.run_all import _timed  # noqa: E402
from smartcity_geo.datapack import load_pack  # noqa: E402
from smartcity_geo.mapdata import prepare_map_data  # noqa: E402


def load_other(tree: Path):
    """``prepare_map_data`` of the ``smartcity_geo`` package in ``tree`` (imported as ``other_geo``)."""
    package = tree / "smartcity_geo"
    spec = importlib.util.spec_from_file_location(
        "other_geo", package / "__init__.py", submodule_search_locations=[str(package)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["other_geo"] = module
    spec.loader.exec_module(module)
    return importlib.import_module("other_geo.mapdata").prepare_map_data


def compare(a, b) -> list[str]:
    """Where two MapData differ beyond rounding (1 m² for geometry, 1e-6 for figures: a share shown
    to a tenth of a percent moves at 1e-3)."""
    notes = []
    for name in ("outline", "kecamatan", "coverage"):
        ga, gb = getattr(a, name).to_crs(UTM49S).geometry, getattr(b, name).to_crs(UTM49S).geometry
        diff = float(sum(x.symmetric_difference(y).area for x, y in zip(ga, gb, strict=True)))
        if len(ga) != len(gb) or diff > 1.0:
            notes.append(f"{name}: {len(ga)} vs {len(gb)} rows, symmetric difference {diff:.3f} m²")
    for column in a.figures.columns:
        x, y = a.figures[column].to_numpy(), b.figures[column].to_numpy()
        if x.dtype.kind == "f":
            gap = float(np.nanmax(np.abs(x - y))) if len(x) else 0.0
            if gap > 1e-6 or not np.array_equal(np.isnan(x), np.isnan(y)):
                notes.append(f"figures.{column} differ by up to {gap:.2g}")
        elif list(x) != list(y):
            notes.append(f"figures.{column} differ")
    return notes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("other", type=Path, help="the other checkout (its smartcity_geo/ is measured as 'before')")
    parser.add_argument("--tiles", default="10x10", help="the city tiled NxM (default 10x10: 3,400 kelurahan)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    other = load_other(args.other.resolve())
    n, m = (int(v) for v in args.tiles.split("x"))
    pack = tiled_pack(load_pack(ROOT / "geodata"), n, m)
    print(f"prepare_map_data, {len(pack.table('kelurahan')):,} kelurahan, {args.rounds} interleaved rounds")
    variants = {"before (" + str(args.other) + ")": other, "after (this tree)": prepare_map_data}
    times = {name: ([], []) for name in variants}
    results = {}
    for r in range(args.rounds + 1):  # the first round warms up and is not kept
        names = list(variants)[r % 2 :] + list(variants)[: r % 2]
        for name in names:
            holder = {}
            cpu, wall = _timed(lambda name=name, holder=holder: holder.setdefault("out", variants[name](pack)))
            results[name] = holder["out"]
            if r:
                times[name][0].append(cpu)
                times[name][1].append(wall)
    for name, (cpu, wall) in times.items():
        print(f"  {name:<40} {statistics.median(cpu):6.2f} s CPU  {statistics.median(wall):6.2f} s wall")
    before, after = (results[name] for name in variants)
    notes = compare(before, after)
    print("  results: " + ("the same" if not notes else "DIFFER: " + "; ".join(notes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
