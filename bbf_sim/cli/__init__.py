"""The `bbf-sim` command line: one module per subcommand, registered here.

Each subcommand module has `add_parser(subparsers)` (which sets `run` as the
parser's default `func`) and keeps its heavy imports (pygame, the simulator)
inside `run`, so `bbf-sim dof` never loads the game window.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys

from bbf_sim.errors import UserError

# Subcommand modules in the order `--help` lists them.
COMMAND_MODULES = [
    "bbf_sim.cli.play_cmd",
    "bbf_sim.cli.dof_cmd",
    "bbf_sim.cli.levels_cmd",
    "bbf_sim.cli.validate_cmd",
    "bbf_sim.cli.compare_cmd",
    "bbf_sim.cli.setup_cmd",
    "bbf_sim.cli.stats_cmd",
    "bbf_sim.cli.replay_cmd",
    "bbf_sim.cli.practice_history_cmd",
    "bbf_sim.cli.bench_cmd",
]

# What `bbf-sim` with no arguments means; None prints the help.
DEFAULT_COMMAND: list[str] | None = ["play"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bbf-sim",
        description="Practise back-button focus: a camera viewfinder, moving subjects, "
        "AF-ON and the shutter, scored frame by frame.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).add_parser(sub)
    # Every command takes --data-dir, so history, settings and replays can live anywhere.
    for command in sub.choices.values():
        command.add_argument(
            "--data-dir",
            metavar="DIR",
            default=None,
            help="folder for history, settings and replays (default: $BBF_SIM_DATA_DIR, "
            "else the platform's user data folder)",
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    if not argv and DEFAULT_COMMAND is not None:
        argv = list(DEFAULT_COMMAND)
    args = parser.parse_args(argv)
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except UserError as exc:
        print(f"bbf-sim {args.command}: {exc}", file=sys.stderr)
        return exc.exit_status
    except KeyboardInterrupt:
        print("bbf-sim: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`bbf-sim ... | head`): not an error worth a message.
        # Point stdout at devnull so Python's exit-time flush does not raise again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback for users
        if os.environ.get("BBF_SIM_DEBUG"):
            raise
        print(
            f"bbf-sim {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            "(set BBF_SIM_DEBUG=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return 70
