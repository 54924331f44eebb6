"""A/B of `compare`'s CPU time: two source trees' runs started together on one core, pair after pair.

On a shared machine a whole run's wall time swings with other people's work (and the VM's
slow minutes); two processes started at the same moment on the same core meet the same
minute, so their CPU times compare where their wall times do not. Each process loads the
compiled kernels, then plays the rows asked for of `compare_speed.py`'s 30-second level
(`play_rows`, the CPU time of each, `process_time`); the start order alternates. Prints each
pair and, per row range, the median ratio of this tree's CPU time to the base's.

    mkdir /tmp/base && git archive main | tar -x -C /tmp/base
    python benchmarks/compare_pairs.py --base /tmp/base --pairs 6 0-1 0-500 0-1000

`0-1` is F, a chunk's cost whatever its rows; `0-500` a worker's share of a 1,000-trial
comparison on two cores; `0-1000` the one-core run. Linux only (one core by affinity).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent

# What each process runs: load the kernels, then time play_rows for each range a-b.
PLAY = """
import os, sys, time
os.sched_setaffinity(0, {int(sys.argv[1])})
sys.path.insert(0, sys.argv[2] + "/benchmarks")
import compare_speed
import bbf_sim
from bbf_sim.core import compare
assert bbf_sim.__file__.startswith(sys.argv[2]), f"bbf_sim imported from {bbf_sim.__file__}, not the tree"
from bbf_sim.core.human import PROFILES
level, human = compare_speed.thirty_second_level(), PROFILES["everyday"]
compare.use_compiled()
compare._load_every_kernel(level, human)
for spec in sys.argv[3:]:
    a, b = map(int, spec.split("-"))
    c = time.process_time()
    compare.play_rows(level, 1, 1000, a, b, compiled=True, human=human)
    print(spec, time.process_time() - c, flush=True)
"""


def start(tree: Path, core: int, specs: list[str]) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.Popen(
        [sys.executable, "-c", PLAY, str(core), str(tree), *specs],
        env=env, cwd="/", stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip


def cpu_times(proc: subprocess.Popen) -> dict[str, float]:
    out, _ = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"a run failed (exit {proc.returncode})")
    return {spec: float(t) for spec, t in (line.split() for line in out.splitlines())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="source tree of the build to compare against")
    ap.add_argument("--this", type=Path, default=HERE, help="source tree of the build measured (default: this one)")
    ap.add_argument("--pairs", type=int, default=6)
    ap.add_argument("--core", type=int, default=0)
    ap.add_argument("ranges", nargs="*", default=["0-1", "0-500", "0-1000"], help="rows a-b of 1,000")
    args = ap.parse_args()
    ratios: dict[str, list[float]] = {spec: [] for spec in args.ranges}
    for pair in range(args.pairs):
        order = [("base", args.base), ("this", args.this)]
        if pair % 2:
            order.reverse()
        procs = {name: start(tree, args.core, args.ranges) for name, tree in order}
        got = {name: cpu_times(proc) for name, proc in procs.items()}
        load = os.getloadavg()[0]
        stamp = time.strftime("%H:%M:%S", time.gmtime())
        cells = "  ".join(f"{s} {got['base'][s]:.3f}/{got['this'][s]:.3f}" for s in args.ranges)
        print(f"pair {pair + 1} ({stamp} UTC, load {load:.1f}), base/this CPU [s]: {cells}", flush=True)
        for spec in args.ranges:
            ratios[spec].append(got["this"][spec] / got["base"][spec])
    for spec, r in ratios.items():
        spread, lower = f"[{min(r):.3f}-{max(r):.3f}]", sum(x < 1 for x in r)
        print(f"rows {spec}: this/base median {statistics.median(r):.3f} {spread}, lower in {lower}/{len(r)}")


if __name__ == "__main__":
    main()
