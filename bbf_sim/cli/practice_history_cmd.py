"""`bbf-sim practice-history --generate DAYS`: fill a data folder with bot-played practice history.

A developer's command (not listed in `--help`): for demos and for looking at the
stats charts. Each attempt is really played by a bot whose reaction time and
back-button habit improve day by day (`practice.generate`), and saved with its
replay like a person's. It insists on an explicit `--data-dir` (or
`BBF_SIM_DATA_DIR`) so it never mixes invented attempts into a player's own history.
"""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date

from bbf_sim.cli import arguments
from bbf_sim.errors import CANNOT_WRITE_STATUS, UserError

MAX_DAYS = 366
# The default daily routine: one level where the mapping cannot matter much (a reflex
# drill), and three where it does (recompose, tracking through traffic, trap focus).
DEFAULT_ROUTINE = ("af-on-reflex", "portrait-recompose", "sports-obstruction", "trap-focus")


def add_parser(sub) -> None:
    # No help=: argparse leaves a sub-command without one out of the command list.
    p = sub.add_parser(
        "practice-history",
        description="Generate DAYS days of improving practice history played by bots (for demos and charts). "
        "Needs --data-dir (or BBF_SIM_DATA_DIR): it never writes to your default data folder.",
    )
    p.add_argument(
        "--generate",
        type=arguments.bounded_int(1, MAX_DAYS),
        required=True,
        metavar="DAYS",
        help=f"days of practice to generate (1 to {MAX_DAYS})",
    )
    p.add_argument("--seed", type=arguments.seed, default=0, metavar="S", help="random seed, 0 or more (default 0)")
    p.add_argument(
        "--end-date", type=arguments.iso_date, metavar="YYYY-MM-DD", help="the last practice day (default: today)"
    )
    p.add_argument(
        "--level", action="append", metavar="ID", help=f"the routine's levels (repeatable; default {DEFAULT_ROUTINE})"
    )
    p.add_argument(
        "--levels-per-day",
        type=arguments.bounded_int(1, 50),
        default=4,
        metavar="N",
        help="levels a day, each in both mappings, 1 to 50 (default 4)",
    )
    p.add_argument(
        "--jobs",
        type=arguments.bounded_int(1, 256),
        default=None,
        metavar="N",
        help="processes playing at once, 1 to 256 (default: CPUs)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bbf_sim.levels.loader import level_hash, load_level, resolve_level_path, shipped_levels_dir
    from bbf_sim.persistence.data_dir import ENV_VAR, resolve_data_dir
    from bbf_sim.persistence.history import HistoryReadOnly
    from bbf_sim.persistence.settings_file import load_settings
    from bbf_sim.practice.attempts import tidy_data_dir
    from bbf_sim.practice.generate import generate_history
    from bbf_sim.practice.habit_recount import open_history
    from bbf_sim.practice.session import local_tz

    if args.data_dir is None and not os.environ.get(ENV_VAR, "").strip():
        raise UserError("give --data-dir DIR (or set BBF_SIM_DATA_DIR): generated history must not mix with yours")
    end = args.end_date or date.today()
    if args.level:
        paths = [resolve_level_path(name) for name in args.level]
    else:
        shipped = sorted(shipped_levels_dir().glob("*.toml"))
        paths = [p for p in shipped if p.stem in DEFAULT_ROUTINE] or shipped[:4]
    if not paths:
        raise UserError("no levels to practise")
    levels = [(load_level(p), level_hash(p)) for p in paths]

    data_dir = resolve_data_dir(args.data_dir)
    settings, notices = load_settings(data_dir)
    for n in notices:
        print(f"bbf-sim practice-history: {n}", file=sys.stderr)
    tz = local_tz()

    def progress(done: int, total: int) -> None:
        if sys.stderr.isatty():
            print(f"playing attempts: {done}/{total}", end="\r" if done < total else "\n", file=sys.stderr, flush=True)

    with open_history(data_dir) as history:
        for n in history.notices:
            print(f"bbf-sim practice-history: {n}", file=sys.stderr)
        if history.read_only:
            # Checked before any bot plays: a newer bbf-sim's history is never written.
            raise HistoryReadOnly(
                f"nothing generated: {history.not_recorded_reason}",
                exit_status=CANNOT_WRITE_STATUS if history.unwritable else None,
            )
        tidy_data_dir(data_dir, history)
        count = generate_history(
            history,
            data_dir,
            levels,
            args.generate,
            end,
            tz,
            seed=args.seed,
            levels_per_day=args.levels_per_day,
            jobs=args.jobs,
            extra_settings={"brand": settings.brand},
            progress=progress,
        )
    print(f"generated {count} attempts over {args.generate} days (to {end.isoformat()}) in {data_dir}")
    return 0
