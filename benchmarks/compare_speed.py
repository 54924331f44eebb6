"""Benchmark: `compare` with 1,000 trials per mapping on a 30-second level, on one core or all.

Prints figures; asserts nothing (machines here are shared and noisy). The level is
the shipped sports level stretched to 30 s: a runner crossing, four obstacles, a
burst every 1.5 s, AF-C at 10 frames per second, so both the AF cycle and the
exposure path are exercised. Wall time and the CPU time of this process and its
workers are both printed: on a busy machine the wall time also counts other people's work.

Run: `python benchmarks/compare_speed.py [--trials N] [--repeat R] [--jobs J]`; J = 0 uses
every core (default 1: pinned to one core). `BBF_SIM_KERNELS=numpy` times the numpy
reference instead of the compiled kernels.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

from bbf_sim.core.compare import available_cores, compare_level, use_compiled
from bbf_sim.levels.loader import load_level, shipped_levels_dir


def thirty_second_level():
    base = load_level(shipped_levels_dir() / "sports-obstruction.toml")
    bursts = [1.5 + 1.5 * i for i in range(19)]
    runner = base.objects[0]
    slow_path = runner.path.model_copy(update={"velocity_mps": (1.2, 0.0, -0.4)})
    objects = [runner.model_copy(update={"path": slow_path})] + list(base.objects[1:])
    return base.model_copy(
        update={
            "id": "bench-30s",
            "duration_s": 30.0,
            "objects": objects,
            "bot": base.bot.model_copy(update={"bursts_at_s": bursts}),
            "goal": base.goal.model_copy(update={"moments": []}),
        }
    )


def _cpu_s() -> float:
    """CPU time of this process and of its finished workers [s]."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--trials", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes; 0: every core (default 1, one core)")
    args = ap.parse_args()
    if args.jobs == 1 and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core, as the target says
    jobs = args.jobs or available_cores()
    level = thirty_second_level()
    kernels = "compiled" if use_compiled() else "numpy"  # loads numba first: not the comparison's time
    times, cpu = [], []
    for _ in range(args.repeat):
        t0, c0 = time.perf_counter(), _cpu_s()
        result = compare_level(level, args.trials, seed=1, jobs=jobs)
        times.append(time.perf_counter() - t0)
        cpu.append(_cpu_s() - c0)
    frames = sum(m.frames for m in result.modes.values())
    where = "one core" if jobs == 1 else f"{jobs} processes on {available_cores()} cores"
    print(f"compare, {args.trials} trials per mapping, {level.duration_s:.0f} s level, {where}, {kernels} kernels")
    print(f"  wall time: median {statistics.median(times):.2f} s, best {min(times):.2f} s over {args.repeat} runs")
    print(f"  CPU time: median {statistics.median(cpu):.2f} s, best {min(cpu):.2f} s (this process and its workers)")
    print(f"  simulated: {2 * args.trials * level.duration_s / 3600:.1f} h of play, {frames} frames graded")
    print(f"  hit rates: shutter {result.modes['shutter'].hit_rate:.3f}, bbf {result.modes['bbf'].hit_rate:.3f}")


if __name__ == "__main__":
    main()
