"""`bbf-sim compare`: bots play a level in both mappings and the hit rates are compared."""

from __future__ import annotations

import argparse
import json
import sys
import time

from bbf_sim.errors import UserError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "compare",
        help="bots play a level in shutter-AF and back-button modes; compare hit rates",
        description="Bots with a human model play LEVEL N times in each mapping on the same seeds, and the "
        "hit rates are compared with 95%% intervals.",
    )
    p.add_argument("level", metavar="LEVEL", help="a level id (see `bbf-sim levels`) or a path to a .toml file")
    p.add_argument("--trials", type=int, default=200, metavar="N", help="trials per mapping (default 200)")
    p.add_argument("--seed", type=int, default=0, metavar="S", help="random seed (default 0)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


class Progress:
    """Progress on stderr, only once a run has taken more than a second."""

    def __init__(self, label: str):
        self.label = label
        self.start = time.perf_counter()
        self.last = 0.0
        self.shown = False
        self.tty = sys.stderr.isatty()

    def __call__(self, fraction: float) -> None:
        now = time.perf_counter()
        if now - self.start < 1.0 or now - self.last < (0.2 if self.tty else 2.0):
            return
        self.last = now
        self.shown = True
        end = "\r" if self.tty else "\n"
        print(f"{self.label}: {100 * fraction:3.0f}%", end=end, file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.shown and self.tty:
            print(" " * (len(self.label) + 8), end="\r", file=sys.stderr, flush=True)


def format_table(result) -> str:
    d = result.to_dict()
    lines = [f"{d['level']}: {d['trials']} trials per mapping, seed {d['seed']}", ""]
    lines.append(f"  {'mapping':<12}{'frames':>8}{'hits':>8}{'hit rate':>10}   {'95% CI':<16}{'sharpness':>10}")
    names = {"shutter": "shutter-AF", "bbf": "back-button"}
    for mode, m in d["modes"].items():
        ci = f"{100 * m['ci95'][0]:.1f}–{100 * m['ci95'][1]:.1f}%"
        lines.append(
            f"  {names[mode]:<12}{m['frames']:>8}{m['hits']:>8}{100 * m['hit_rate']:>9.1f}%   {ci:<16}"
            f"{m['mean_sharpness']:>10.2f}"
        )
    diff = d["difference"]
    lines.append("")
    lines.append(
        f"  difference (bbf − shutter): {100 * diff['hit_rate']:+.1f} points, "
        f"95% CI {100 * diff['ci95'][0]:+.1f} to {100 * diff['ci95'][1]:+.1f}"
    )
    habits = d["modes"]["shutter"]
    lines.append(
        f"  shutter-AF habits: {habits['refocus_after_recompose']} frames refocused off the subject by a new "
        f"press (after a recompose or under an obstruction), {habits['fired_without_af']} fired before AF "
        "had ever been on it"
    )
    lines.append(f"  verdict: {d['verdict']}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    from bbf_sim.core.compare import compare_level
    from bbf_sim.levels.loader import load_level, resolve_level_path

    if args.trials < 1:
        raise UserError(f"--trials must be at least 1, got {args.trials}")
    if args.trials > 100_000:
        raise UserError(f"--trials must be at most 100000, got {args.trials}")
    level = load_level(resolve_level_path(args.level))
    progress = Progress(f"compare {level.id}")
    try:
        result = compare_level(level, args.trials, args.seed, progress=progress)
    finally:
        progress.close()
    print(json.dumps(result.to_dict()) if args.json else format_table(result))
    return 0
