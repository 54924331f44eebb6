"""`bbf-sim bench` of another source tree and of this one, interleaved round after round.

Run under a display server, for example
`xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/frame_ab.py --base DIR --rounds 5`,
where DIR holds the other build's sources (`git archive COMMIT | tar -x -C DIR`). Each
round runs `python -m bbf_sim bench --driver x11 --json` once per tree, in a fresh
process, the order alternating between rounds; the other tree is put first on
PYTHONPATH (its `bbf_sim` package wins, the data it reads is this checkout's). Every
run prints one JSON line; at the end, per tree and size, the median and range over
rounds of the wall and CPU median and p99, peak RSS, and the load average seen.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent.parent
KEYS = ("wall_median_ms", "wall_p99_ms", "cpu_median_ms", "cpu_p99_ms", "scratch_cpu_median_ms")


def run_bench(tree: Path, frames: int, tries: int = 3) -> dict:
    """One `bench --json` run of the sources in `tree` (tried again if it fails: under a heavy
    load, Xvfb now and then refuses the window a run opens; the failure is printed)."""
    env = dict(os.environ, PYTHONPATH=str(tree), SDL_AUDIODRIVER="dummy")
    cmd = [sys.executable, "-m", "bbf_sim", "bench", "--driver", "x11", "--json", "--frames", str(frames)]
    for attempt in range(tries):
        out = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=tree)
        if out.returncode == 0:
            return json.loads(out.stdout.strip().splitlines()[-1])
        last = (out.stderr.strip().splitlines() or ["?"])[0]
        print(f"run of {tree} failed (attempt {attempt + 1} of {tries}): {last}", file=sys.stderr, flush=True)
    raise SystemExit(f"bench of {tree} failed {tries} times")


def summary(xs: list[float]) -> str:
    return f"{statistics.median(xs):6.2f} [{min(xs):.2f}–{max(xs):.2f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, type=Path, help="the other build's source tree")
    parser.add_argument("--this", type=Path, default=HERE, help="this build's source tree (default: this checkout)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--frames", type=int, default=720)
    args = parser.parse_args()
    trees = {"base": args.base.resolve(), "this": args.this.resolve()}
    rows: dict[tuple[str, str], list[dict]] = {}
    peaks: dict[str, list[float]] = {}
    loads: list[float] = []
    for r in range(args.rounds):
        order = ["base", "this"] if r % 2 == 0 else ["this", "base"]
        for name in order:
            loads.append(os.getloadavg()[0])
            report = run_bench(trees[name], args.frames)
            peaks.setdefault(name, []).append(report["peak_rss_mib"])
            load = round(os.getloadavg()[0], 2)
            for size in report["sizes"]:
                rows.setdefault((name, size["size"]), []).append(size)
                line = {"round": r, "tree": name, "size": size["size"], "load": load, **{k: size[k] for k in KEYS}}
                print(json.dumps(line), flush=True)
    print(f"load average (1 min) over the runs: {min(loads):.2f}–{max(loads):.2f}")
    print(f"{'tree':<5} {'size':<10} " + " ".join(f"{k:>22}" for k in KEYS[:4]))
    for (name, size), runs in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"{name:<5} {size:<10} " + " ".join(f"{summary([run[k] for run in runs]):>22}" for k in KEYS[:4]))
    for name, xs in peaks.items():
        print(f"{name:<5} peak RSS {summary(xs)} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
