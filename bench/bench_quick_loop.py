"""The quick loop against the one issue 20 was filed on, interleaved in one run (issue 20).

Target: the quick loop at least 30 % faster (wall time) than at ``--base`` (d581a29, where
issue 20 was filed), with the same or more tests. Each round runs, in turn:

- ``base``: ``python -m pytest -m "not browser"`` in a clean worktree of ``--base`` (the quick
  loop as the README gave it then);
- ``now``: the README's quick loop today, in a clean worktree of ``HEAD``
  (``-m "not browser and not upstream" -n auto``);
- ``now, serial``: the same tests on one process, so the CPU cost is seen apart from the
  parallel run.

Wall and CPU time (the children's user + system time) per variant, the count of tests that
ran, and the ratios to ``base``. Exits 0 either way; ``--assert`` exits 1 when the target is
missed.

    python bench/bench_quick_loop.py [--rounds 1] [--base d581a29] [--assert]
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE = "d581a29"
TARGET = 0.70  # now / base wall time
VARIANTS = {
    "base": ["-m", "not browser"],
    "now": ["-m", "not browser and not upstream", "-n", "auto"],
    "now, serial": ["-m", "not browser and not upstream"],
}


def _worktree(commit: str, where: Path) -> Path:
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-f", str(where), commit],
        check=True,
        capture_output=True,
    )
    return where


def _run(tree: Path, args: list[str]) -> dict:
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("CI", None)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    tail = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-300:]
    passed = int(m.group(1)) if (m := re.search(r"(\d+) passed", tail)) else 0
    failed = int(m.group(1)) if (m := re.search(r"(\d+) failed", tail)) else 0
    return {"wall": wall, "cpu": cpu, "passed": passed, "failed": failed, "tail": tail}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--base", default=BASE)
    parser.add_argument("--assert", dest="check", action="store_true")
    args = parser.parse_args(argv)
    print(f"quick loop: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, base {args.base}")
    results: dict[str, list[dict]] = {name: [] for name in VARIANTS}
    with tempfile.TemporaryDirectory(prefix="smartcity-bench-quick-") as tmp:
        shared = ROOT.parent / "shared"
        if shared.is_dir():  # both trees find ../shared as the checkout does
            (Path(tmp) / "shared").symlink_to(shared)
        trees = {"base": _worktree(args.base, Path(tmp) / "base"), "now": _worktree("HEAD", Path(tmp) / "now")}
        try:
            for r in range(args.rounds):
                order = list(VARIANTS) if r % 2 == 0 else list(reversed(VARIANTS))
                for name in order:
                    out = _run(trees["base" if name == "base" else "now"], VARIANTS[name])
                    results[name].append(out)
                    print(f"  round {r + 1} {name:12} {out['wall']:7.1f} s wall {out['cpu']:7.1f} s CPU  {out['tail']}")
        finally:
            for tree in trees.values():
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], capture_output=True
                )
    base_wall = statistics.median(o["wall"] for o in results["base"])
    base_cpu = statistics.median(o["cpu"] for o in results["base"])
    print(f"{'variant':14}{'tests':>7}{'wall s':>9}{'CPU s':>9}{'wall/base':>11}{'CPU/base':>10}")
    for name, outs in results.items():
        wall = statistics.median(o["wall"] for o in outs)
        cpu = statistics.median(o["cpu"] for o in outs)
        tests = min(o["passed"] for o in outs)
        print(f"{name:14}{tests:7d}{wall:9.1f}{cpu:9.1f}{wall / base_wall:10.2f}x{cpu / base_cpu:9.2f}x")
    now_wall = statistics.median(o["wall"] for o in results["now"])
    more = min(o["passed"] for o in results["now"]) >= min(o["passed"] for o in results["base"])
    clean = not any(o["failed"] for outs in results.values() for o in outs)
    ok = now_wall <= TARGET * base_wall and more and clean
    print(
        f"quick loop now / base wall: {now_wall / base_wall:.2f}x   target <= {TARGET:.2f}x with as many tests"
        f" or more, none failing   {'PASS' if ok else 'FAIL'}"
    )
    return 1 if args.check and not ok else 0


if __name__ == "__main__":
    sys.exit(main())
