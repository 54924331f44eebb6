"""The `bbf-sim` command line: one module per subcommand, registered here.

Each subcommand module has `add_parser(subparsers)` (which sets `run` as the
parser's default `func`) and keeps its heavy imports (pygame, the simulator)
inside `run`, so `bbf-sim dof` never loads the game window.

Shared options (`--data-dir`) go before or after the subcommand; only the commands
that read or write the data folder take `--data-dir`. `main()` configures logging
once: notices from any module reach stderr once each, as `bbf-sim: ...`.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys

from bbf_sim.errors import UserError

# Each subcommand's name and module, in the order `--help` lists them.
COMMANDS = {
    "play": "bbf_sim.cli.play_cmd",
    "dof": "bbf_sim.cli.dof_cmd",
    "levels": "bbf_sim.cli.levels_cmd",
    "validate": "bbf_sim.cli.validate_cmd",
    "compare": "bbf_sim.cli.compare_cmd",
    "setup": "bbf_sim.cli.setup_cmd",
    "stats": "bbf_sim.cli.stats_cmd",
    "replay": "bbf_sim.cli.replay_cmd",
    "practice-history": "bbf_sim.cli.practice_history_cmd",
    "bench": "bbf_sim.cli.bench_cmd",
}
COMMAND_MODULES = list(COMMANDS.values())

# What `bbf-sim` with no arguments means; None prints the help.
DEFAULT_COMMAND: list[str] | None = ["play"]

# The commands that read or write history, settings or replays: only these take --data-dir.
DATA_DIR_COMMANDS = frozenset({"play", "setup", "stats", "replay", "practice-history"})
DATA_DIR_HELP = (
    "folder for history, settings and replays (default: $BBF_SIM_DATA_DIR, else the platform's user data folder)"
)


class _VersionAction(argparse.Action):
    """`--version`: the installed distribution's version, looked up only when asked (it costs start-up)."""

    def __init__(self, option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, help=None):
        super().__init__(option_strings, dest=dest, default=default, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        import bbf_sim

        print(f"bbf-sim {bbf_sim.__version__}")
        parser.exit()


class _StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is when a record comes (tests swap it)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            print(self.format(record), file=sys.stderr)
        except Exception:  # noqa: BLE001 - logging must never stop the program
            self.handleError(record)


def configure_logging() -> None:
    """Notices from bbf_sim's modules on stderr, once each; debug detail too with BBF_SIM_DEBUG=1.

    Called once per `main()`; calling it again replaces its handler rather than adding another.
    """
    log = logging.getLogger("bbf_sim")
    for handler in [h for h in log.handlers if isinstance(h, _StderrHandler)]:
        log.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(logging.Formatter("bbf-sim: %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.DEBUG if os.environ.get("BBF_SIM_DEBUG") else logging.WARNING)


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or with `only` one subcommand's parser (the others are not imported)."""
    parser = argparse.ArgumentParser(
        prog="bbf-sim",
        description="Practise back-button focus: a camera viewfinder, moving subjects, "
        "AF-ON and the shutter, scored frame by frame.",
    )
    parser.add_argument("--version", action=_VersionAction, help="print the version and exit")
    parser.add_argument("--data-dir", metavar="DIR", default=None, help=DATA_DIR_HELP)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is None or name == only:
            importlib.import_module(module).add_parser(sub)
    for name, command in sub.choices.items():
        # SUPPRESS: not given after the subcommand keeps what was given before it. The commands
        # that never read the data folder accept it only to refuse it in words (`main`), unlisted.
        shown = DATA_DIR_HELP if name in DATA_DIR_COMMANDS else argparse.SUPPRESS
        command.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help=shown)
    return parser


def chosen_command(argv: list[str]) -> str | None:
    """The subcommand `argv` names when nothing before it needs the whole parser, else None.

    Only the shared `--data-dir DIR` may come first: help, `--version`, an abbreviated or
    unknown option, or no command at all leave the parsing (and its messages) to the whole
    command line. Start-up pays only for the chosen command's parser.
    """
    args = iter(argv)
    for arg in args:
        if arg == "--data-dir":
            next(args, None)
        elif arg.startswith("--data-dir="):
            continue
        else:
            return arg if arg in COMMANDS else None
    return None


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(chosen_command(argv))
    args = parser.parse_args(argv)
    if args.command is None and DEFAULT_COMMAND is not None:
        # `bbf-sim` alone, or with shared options only (`bbf-sim --data-dir DIR`): the default command.
        args = parser.parse_args([*argv, *DEFAULT_COMMAND])
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    if args.data_dir is not None and args.command not in DATA_DIR_COMMANDS:
        print(f"bbf-sim {args.command}: --data-dir: this command does not use the data folder", file=sys.stderr)
        return 2
    configure_logging()
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
        from bbf_sim.cli.arguments import WORKING_FOLDER_GONE, working_folder_gone

        if isinstance(exc, FileNotFoundError) and working_folder_gone():
            # A relative path met a deleted working folder: the user's to fix, in one line.
            print(f"bbf-sim {args.command}: {WORKING_FOLDER_GONE}", file=sys.stderr)
            return 2
        print(
            f"bbf-sim {args.command}: internal error: {type(exc).__name__}: {exc}\n"
            "(set BBF_SIM_DEBUG=1 to see the traceback, and please report it)",
            file=sys.stderr,
        )
        return 70
