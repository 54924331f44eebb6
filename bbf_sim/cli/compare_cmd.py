"""`bbf-sim compare`: bots play a level in both mappings and the hit rates are compared.

With `--all` (or a folder as LEVEL) every level of the curriculum (or of the folder) is
compared, and the result is a table like the article's scenario table, but measured:
per level both hit rates, the difference with its interval, and the verdict.

The bots play one technique profile (`--profile`, default everyday; `bbf_sim.core.human`).
`--profiles` compares all three side by side; `--sweep` moves every everyday slip's
probability from 0 to 1 on one level.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bbf_sim.cli import arguments
from bbf_sim.core.mapping_names import MAPPING_NAMES
from bbf_sim.core.profile_names import PROFILE_NAMES
from bbf_sim.errors import UserError

MAX_TRIALS = 100_000
DEFAULT_PROFILE = "everyday"
SWEEP_PROBABILITIES = (0.0, 0.25, 0.5, 0.75, 1.0)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "compare",
        help="bots play a level in shutter-AF and back-button modes; compare hit rates",
        description="Bots with a human model play LEVEL N times in each mapping on the same seeds, and the "
        "hit rates are compared with 95%% intervals. With --all, every shipped level (or every level in the "
        "folder given as LEVEL) is compared and summarised in one table.",
    )
    p.add_argument(
        "level",
        metavar="LEVEL",
        nargs="?",
        help="a level id (see `bbf-sim levels`), a path to a .toml file, or a folder of level files",
    )
    p.add_argument("--all", action="store_true", help="compare every shipped level (or every level in LEVEL's folder)")
    p.add_argument(
        "--trials",
        type=arguments.bounded_int(1, MAX_TRIALS),
        default=200,
        metavar="N",
        help=f"trials per mapping, 1 to {MAX_TRIALS} (default 200)",
    )
    p.add_argument("--seed", type=arguments.seed, default=0, metavar="S", help="random seed, 0 or more (default 0)")
    p.add_argument(
        "--jobs",
        type=arguments.bounded_int(1, 256),
        default=None,
        metavar="J",
        help="processes to play the trials in, 1 to 256 (default: one per core; the result is the same for any J)",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--markdown", action="store_true", help="with --all: print the table as Markdown")
    p.add_argument(
        "--profile",
        choices=PROFILE_NAMES,
        default=None,
        help="the technique the bots play: careful (no slips), everyday (the usual slips; the default) or "
        "novice (the shutter finger lifts after every frame)",
    )
    p.add_argument(
        "--profiles", action="store_true", help="compare all three profiles side by side (the difference per profile)"
    )
    p.add_argument(
        "--sweep",
        action="store_true",
        help="one level: the difference as every everyday slip's probability goes from 0 to 1",
    )
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


def format_table(result, prefocus: bool = False) -> str:
    """One level's comparison; `prefocus`: the level teaches a pre-focus on a stand-in (its habit's words)."""
    d = result.to_dict()
    lines = [f"{d['level']}: {d['trials']} trials per mapping, seed {d['seed']}, {d['profile']} technique", ""]
    lines.append(f"  {'mapping':<12}{'frames':>8}{'hits':>8}{'hit rate':>10}   {'95% CI':<16}{'sharpness':>10}")
    for mode, m in d["modes"].items():
        ci = f"{100 * m['ci95'][0]:.1f}–{100 * m['ci95'][1]:.1f}%"
        sharp = "—" if m["mean_sharpness"] is None else f"{m['mean_sharpness']:.2f}"
        lines.append(
            f"  {MAPPING_NAMES[mode]:<12}{m['frames']:>8}{m['hits']:>8}{100 * m['hit_rate']:>9.1f}%   "
            f"{ci:<16}{sharp:>10}"
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
        f"press (after a recompose or under an obstruction), {habits['fired_without_af']} "
        + ("focused at another distance than the subject" if prefocus else "fired before AF had ever been on it")
    )
    lines.append(f"  verdict: {d['verdict']}")
    return "\n".join(lines)


def short_verdict(ci: tuple[float, float], measured: bool = True) -> str:
    """The verdict in two words, from the interval of the difference (bbf − shutter)."""
    if not measured:
        return "nothing measured"
    if ci[0] > 0:
        return "back-button better"
    if ci[1] < 0:
        return "shutter-AF better"
    return "no difference"


def _pct(x: float) -> str:
    return f"{100 * x:.1f} %"


def _diff(d: dict) -> str:
    lo, hi = d["ci95"]
    return f"{100 * d['hit_rate']:+.1f} ({100 * lo:+.1f} to {100 * hi:+.1f})"


def curriculum_rows(results: list[dict]) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for r in results:
        m = r["modes"]
        rows.append(
            (
                r["scenario"],
                r["level"],
                str(r["difficulty"]),
                _pct(m["shutter"]["hit_rate"]),
                _pct(m["bbf"]["hit_rate"]),
                _diff(r["difference"]),
                short_verdict(tuple(r["difference"]["ci95"]), all(m[k]["frames"] > 0 for k in m)),
            )
        )
    return rows


CURRICULUM_HEADER = (
    "scenario",
    "level",
    "tier",
    MAPPING_NAMES["shutter"],
    MAPPING_NAMES["bbf"],
    "difference (95% CI)",
    "verdict",
)


def format_curriculum_table(
    results: list[dict], trials: int, seed: int, markdown: bool = False, profile: str = DEFAULT_PROFILE
) -> str:
    """Per level: both hit rates, the difference (points, bbf − shutter) with its interval, the verdict."""
    rows = curriculum_rows(results)
    intro = (
        f"Measured: bots with a human model ({profile} technique) played each level {trials} times in each "
        f"mapping (seed {seed}); hit rate = sharp frames / frames fired; difference in points, back-button "
        "minus shutter-AF."
    )
    return _table(intro, CURRICULUM_HEADER, rows, markdown, right={2, 3, 4})


def _table(
    intro: str, header: tuple[str, ...], rows: Sequence[tuple[str, ...]], markdown: bool, right: set[int]
) -> str:
    if markdown:
        lines = [intro, "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines)
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(r):
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))]
        return "  ".join(cells).rstrip()

    return "\n".join([intro, "", line(header), *[line(r) for r in rows]])


PROFILES_HEADER = ("scenario", "level", "tier", *(f"{p} (95% CI)" for p in PROFILE_NAMES))


def format_profiles_table(results: list[dict], trials: int, seed: int, markdown: bool = False) -> str:
    """Per level: the difference (points, bbf − shutter) with its interval for each technique profile."""
    rows = []
    for r in results:
        cells = (_diff(r["profiles"][p]["difference"]) for p in PROFILE_NAMES)
        rows.append((r["scenario"], r["level"], str(r["difficulty"]), *cells))
    intro = (
        f"Measured: bots with a human model played each level {trials} times in each mapping and profile "
        f"(seed {seed}); each cell is the difference in hit rate, back-button minus shutter-AF, in points, "
        "with its 95 % interval. careful: no slips; everyday: the usual slips; novice: the shutter finger "
        "lifts after every frame."
    )
    return _table(intro, PROFILES_HEADER, rows, markdown, right={2, 3, 4, 5})


def format_sweep(level_id: str, points: list, trials: int, seed: int) -> str:
    """The difference as every everyday slip's probability goes from 0 (careful) to 1."""
    header = ("slip probability", MAPPING_NAMES["shutter"], MAPPING_NAMES["bbf"], "difference (95% CI)", "verdict")
    rows = []
    for p, c in points:
        d = c.to_dict()
        rows.append(
            (
                f"{p:g}",
                _pct(d["modes"]["shutter"]["hit_rate"]),
                _pct(d["modes"]["bbf"]["hit_rate"]),
                _diff(d["difference"]),
                short_verdict(tuple(d["difference"]["ci95"])),
            )
        )
    intro = (
        f"{level_id}: {trials} trials per mapping and point, seed {seed}; every slip of the everyday profile "
        "(shutter-AF: the finger lifts fully between frames; back-button: the thumb stays on AF-ON into a "
        "recompose, a press before the focus confirmation) at the probability on the left. 0 is the careful "
        "technique; the same scenes and people at every point."
    )
    return _table(intro, header, rows, markdown=False, right={0, 1, 2, 3})


def _jobs(args: argparse.Namespace) -> int:
    from bbf_sim.core.compare import available_cores

    if args.jobs is None:
        return available_cores()
    if args.jobs < 1:
        raise UserError(f"--jobs must be at least 1, got {args.jobs}")
    return args.jobs


def run_all(args: argparse.Namespace, folder: Path) -> int:
    """Compare every level in `folder`; broken files are reported on stderr and skipped (exit status 1)."""
    from bbf_sim.core.compare import compare_level
    from bbf_sim.levels.catalog import scan

    entries, path_problems = scan([folder])
    good = [(e, lv) for e in entries if (lv := e.playable) is not None]
    broken = [e for e in entries if not e.ok]
    if not good:
        raise UserError(f"no valid level files in {folder}" + "".join(f"\n{p}" for e in broken for p in e.problems))
    results = []
    profiles = PROFILE_NAMES if args.profiles else (args.profile or DEFAULT_PROFILE,)
    for e, level in good:
        about = {"title": level.title, "scenario": level.scenario, "difficulty": level.difficulty, "path": str(e.path)}
        per_profile = {}
        for profile in profiles:
            progress = Progress(f"compare {level.id} ({profile})")
            try:
                per_profile[profile] = compare_level(
                    level, args.trials, args.seed, progress=progress, jobs=_jobs(args), profile=profile
                )
            finally:
                progress.close()
        if args.profiles:
            results.append({"level": level.id, **about, "profiles": {p: c.to_dict() for p, c in per_profile.items()}})
        else:
            results.append({**per_profile[profiles[0]].to_dict(), **about})
    if args.json:
        out = {
            "trials": args.trials,
            "seed": args.seed,
            **({"profiles": list(profiles)} if args.profiles else {"profile": profiles[0]}),
            "levels": results,
            "broken": [{"path": str(e.path), "problems": list(e.problems)} for e in broken],
        }
        print(json.dumps(out))
    elif args.profiles:
        print(format_profiles_table(results, args.trials, args.seed, markdown=args.markdown))
    else:
        print(format_curriculum_table(results, args.trials, args.seed, markdown=args.markdown, profile=profiles[0]))
    for e in broken:
        for p in e.problems:
            print(f"bbf-sim compare: skipped {p}", file=sys.stderr)
    for p in path_problems:
        print(f"bbf-sim compare: {p}", file=sys.stderr)
    return 1 if broken or path_problems else 0


def _check_flags(args: argparse.Namespace, many: bool) -> None:
    if args.profiles and args.profile is not None:
        raise UserError("--profiles compares all three profiles; leave out --profile")
    if args.sweep and (many or args.profiles or args.profile is not None):
        raise UserError("--sweep is for one level, and moves the everyday slips itself: no --all, --profile(s)")
    if args.markdown and not many:
        raise UserError("--markdown prints the table of --all (or of a folder of levels); add --all")


def run(args: argparse.Namespace) -> int:
    from bbf_sim.core.compare import compare_level, sweep_level
    from bbf_sim.levels.loader import load_level, resolve_level_path, shipped_levels_dir

    many = args.all or (args.level is not None and Path(args.level).is_dir())
    _check_flags(args, many)
    if many:
        folder = Path(args.level) if args.level is not None else shipped_levels_dir()
        if not folder.is_dir():
            raise UserError(f"with --all, LEVEL must be a folder of level files, got {args.level}")
        return run_all(args, folder)
    if args.level is None:
        raise UserError("give a LEVEL (an id, a .toml file or a folder), or --all for the whole curriculum")
    level = load_level(resolve_level_path(args.level))
    if args.sweep:
        progress = Progress(f"sweep {level.id}")
        try:
            points = sweep_level(
                level, args.trials, args.seed, SWEEP_PROBABILITIES, progress=progress, jobs=_jobs(args)
            )
        finally:
            progress.close()
        if args.json:
            sweep = [{"slip_probability": p, **c.to_dict()} for p, c in points]
            print(json.dumps({"level": level.id, "trials": args.trials, "seed": args.seed, "sweep": sweep}))
        else:
            print(format_sweep(level.id, points, args.trials, args.seed))
        return 0
    profiles = PROFILE_NAMES if args.profiles else (args.profile or DEFAULT_PROFILE,)
    results = []
    for profile in profiles:
        progress = Progress(f"compare {level.id} ({profile})")
        try:
            results.append(
                compare_level(level, args.trials, args.seed, progress=progress, jobs=_jobs(args), profile=profile)
            )
        finally:
            progress.close()
    if args.json:
        out = results[0].to_dict() if not args.profiles else {"profiles": [r.to_dict() for r in results]}
        print(json.dumps(out))
    else:
        from bbf_sim.core.lessons import prefocus_lesson

        prefocus = prefocus_lesson(level.taught_lesson)
        print("\n\n".join(format_table(r, prefocus) for r in results))
    return 0
