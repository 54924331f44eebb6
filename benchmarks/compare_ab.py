"""A/B: `benchmarks/compare_speed.py` of two source trees, interleaved in one run.

Each round runs every variant once, in a fresh process, one after the other, so a
busy minute on a shared machine hits all of them alike. Prints per variant the median
and best wall time and CPU time (the process and its workers, from the OS). Example,
against the starting build of the compiled-tick work:

    mkdir /tmp/base && git archive 7c9326c | tar -x -C /tmp/base
    python benchmarks/compare_ab.py --base /tmp/base --rounds 5

Each line also gives the machine's load average (1 minute) when that run ended.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent


def run(tree: Path, args: list[str], env_extra: dict[str, str]) -> tuple[float, float, str]:
    env = {**os.environ, "PYTHONPATH": str(tree), **env_extra}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, str(tree / "benchmarks" / "compare_speed.py"), "--repeat", "1", *args],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = out.stdout.splitlines()
    rates = [line.strip() for line in lines if "hit rates" in line]
    # The comparison's own wall time, as the benchmark prints it (start-up and imports left out).
    inner = [float(line.split("median")[1].split("s,")[0]) for line in lines if "wall time" in line]
    return (inner[0] if inner else wall), cpu, rates[0] if rates else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", type=Path, required=True, help="source tree of the build to compare against")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--trials", type=int, default=1000)
    args = ap.parse_args()
    t = ["--trials", str(args.trials)]
    variants = {
        "base, one core": (args.base, t, {}),
        "this, numpy, one core": (HERE, [*t, "--jobs", "1"], {"BBF_SIM_KERNELS": "numpy"}),
        "this, compiled, one core": (HERE, [*t, "--jobs", "1"], {}),
        "this, compiled, all cores": (HERE, [*t, "--jobs", "0"], {}),
    }
    walls: dict[str, list[float]] = {k: [] for k in variants}
    cpus: dict[str, list[float]] = {k: [] for k in variants}
    for r in range(args.rounds):
        for name, (tree, extra, env) in variants.items():
            wall, cpu, rates = run(tree, extra, env)
            walls[name].append(wall)
            cpus[name].append(cpu)
            load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
            print(f"round {r + 1} {name:<26} wall {wall:6.2f} s cpu {cpu:6.2f} s load {load:4.1f} {rates}", flush=True)
    print("\n(wall: the comparison alone; cpu: the whole process and its workers, start-up included)")
    for name in variants:
        w, c = walls[name], cpus[name]
        print(
            f"{name:<26} wall median {statistics.median(w):6.2f} s best {min(w):6.2f} s; "
            f"cpu median {statistics.median(c):6.2f} s best {min(c):6.2f} s"
        )


if __name__ == "__main__":
    main()
