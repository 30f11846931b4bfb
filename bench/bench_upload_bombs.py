"""CPU and memory to accept or refuse each hostile upload, and the largest valid ones.

Each file is built in a temporary folder (``tests/bombs.py``: a 1,000,000-row .xlsx, 20 MB of
blank lines, a 20 MB header of columns, ...), then read in a fresh subprocess exactly as the
sources screen's upload reads it: the bundled pack with the file in place of its dataset
(``DataPack.with_uploads``: every cell checked, then the whole pack cross-checked; the GeoJSON
file replaces the tourism areas, every other one the budget). The child
reports its CPU seconds for that call (``time.process_time``) and its extra peak memory (the
peak resident set, ``VmHWM``, reset just before the call through ``/proc/self/clear_refs``,
minus the resident set then; the file's bytes are already in memory; Linux only). Target (issue 19): every file ≤ 5 s of CPU and ≤ 300 MB. Exits 0 either way;
``--assert`` exits 1 when a target is missed.

    python bench/bench_upload_bombs.py [--only csv_blank_lines,xlsx_1m_rows] [--assert]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

import bombs  # noqa: E402

TARGET_CPU_S = 5.0
TARGET_MB = 300.0

FILES = {
    **bombs.BOMBS,
    "csv_long_cells": bombs.csv_long_cells,
    "xlsx_most_cells": bombs.xlsx_most_cells,
    "csv_largest_valid": bombs.csv_largest_valid,
    "xlsx_largest_valid": bombs.xlsx_largest_valid_budget,
    "geojson_most_positions": bombs.geojson_most_positions,
}

CHILD = r"""
import json, sys, time

def kb(field):
    for line in open("/proc/self/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1])

sys.path.insert(0, {root!r})
from smartcity_geo.datapack import load_pack
from smartcity_geo.errors import DataPackError
pack = load_pack({geodata!r})
data = open({path!r}, "rb").read()
open("/proc/self/clear_refs", "w").write("5")  # reset the peak (VmHWM) to the current size
before = kb("VmRSS")
start = time.process_time()
try:
    pack.with_uploads({{{key!r}: ({name!r}, data)}})
    outcome = "accepted"
except DataPackError as err:
    outcome = "refused: " + err.message("en")
cpu = time.process_time() - start
after = kb("VmHWM")
print(json.dumps({{"cpu": cpu, "mb": (after - before) / 1024, "outcome": outcome}}))
"""


def measure(name: str, folder: Path) -> dict:
    data = FILES[name]()
    suffix = "." + name.split("_", 1)[0]
    key = "tourism_areas" if suffix == ".geojson" else "budget"
    path = folder / f"{name}{suffix}"
    path.write_bytes(data)
    code = CHILD.format(root=str(ROOT), geodata=str(ROOT / "geodata"), path=str(path), name=f"{key}{suffix}", key=key)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"name": name, "size_mb": len(data) / 1e6, **result}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", default="", help="comma-separated file names (default: all)")
    parser.add_argument("--assert", dest="check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    names = [n for n in args.only.split(",") if n] or list(FILES)
    missed = False
    print(f"{'file':24} {'size':>8} {'CPU':>7} {'memory':>8}  outcome")
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            r = measure(name, Path(tmp))
            ok = r["cpu"] <= TARGET_CPU_S and r["mb"] <= TARGET_MB
            missed |= not ok
            print(
                f"{name:24} {r['size_mb']:6.1f}MB {r['cpu']:6.2f}s {r['mb']:6.0f}MB  "
                f"{'met' if ok else 'MISSED'}  {r['outcome'][:110]}"
            )
    print(f"target: each file <= {TARGET_CPU_S:g} s CPU and <= {TARGET_MB:g} MB extra memory")
    return 1 if missed and args.check else 0


if __name__ == "__main__":
    raise SystemExit(main())
