"""Where the wall time of `compare` on several cores goes: each process's chunk, when and at what CPU.

Runs the benchmark's comparison (`compare_speed.py`'s 30-s level, 1,000 trials per mapping)
with `--jobs J` (0: every core) and prints, per repeat, a timeline from the call's start:
the moment of the level played first to load the kernels, each chunk's start and end in
whichever process plays it (the caller or a worker), and the CPU time each process had used
then. A chunk's wall time longer than its CPU time is time the process waited for a core;
two equal chunks with unequal CPU times ran on cores of unequal speed at that moment.

Run: `python benchmarks/compare_jobs_trace.py [--jobs J] [--repeat R] [--trials N]`. The times
come from `time.perf_counter` (one clock for every process on Linux) and `time.process_time`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import compare_speed  # noqa: E402

from bbf_sim.core import compare  # noqa: E402

T0 = time.perf_counter()
_marks: list[tuple[str, int, float, float]] = []


def _mark(what: str) -> None:
    _marks.append((what, os.getpid(), time.perf_counter() - T0, time.process_time()))


def _traced_rows(play_rows):
    def traced(level, seed, total, first, stop, *args, **kwargs):
        _mark(f"rows {first}-{stop} start")
        out = play_rows(level, seed, total, first, stop, *args, **kwargs)
        _mark(f"rows {first}-{stop} end")
        return out

    return traced


_FOLDER = tempfile.mkdtemp(prefix="compare-trace-")  # each worker's marks, one file per chunk
_play_chunk = compare._play_chunk


def _traced_chunk(args: tuple):
    """`compare._play_chunk`, its marks left in `_FOLDER` (a module-level function: the pool pickles it by name)."""
    _marks.clear()  # a forked worker starts with the caller's marks
    out = _play_chunk(args)
    with open(os.path.join(_FOLDER, f"{os.getpid()}-{args[3]}.json"), "w") as f:
        json.dump(_marks, f)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--jobs", type=int, default=0, help="worker processes; 0: every core")
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--trials", type=int, default=1000)
    args = ap.parse_args()
    jobs = args.jobs or compare.available_cores()
    level = compare_speed.thirty_second_level()
    compare.use_compiled()
    compare.play_rows = _traced_rows(compare.play_rows)  # type: ignore[assignment]
    compare._play_chunk = _traced_chunk
    for repeat in range(args.repeat):
        for old in Path(_FOLDER).iterdir():
            old.unlink()
        _marks.clear()
        _mark("call start")
        result = compare.compare_level(level, args.trials, seed=1, jobs=jobs)
        _mark("call end")
        marks = list(_marks)
        for part in Path(_FOLDER).iterdir():
            marks += [tuple(m) for m in json.loads(part.read_text())]
        start = marks[0][2]
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"repeat {repeat + 1}, {jobs} jobs, load {load:.1f}, {time.strftime('%H:%M:%S', time.gmtime())} UTC")
        for what, pid, t, cpu in sorted(marks, key=lambda m: m[2]):
            who = "caller" if pid == os.getpid() else f"worker {pid}"
            print(f"  {t - start:7.3f} s  {who:<14} CPU so far {cpu:6.3f} s  {what}")
        rates = {m: round(r.hit_rate, 3) for m, r in result.modes.items()}
        print(f"  hit rates {rates}")


if __name__ == "__main__":
    main()
