"""`bbf-sim` commands run as a user's shell runs them, in the test's process or in a new one.

`run_in_process` calls the command line's `main()` here, with the arguments, environment and
working folder given, and hands back what a process would: the exit status and the text written
to stdout and stderr. A new interpreter imports numpy, pydantic and the level schema again
(docs/performance.md, "The test suite") and shows nothing more, except what only a process
can: the `python -m bbf_sim` entry point, C libraries' own writes to stderr, a resource limit,
a deleted working folder. Tests of those use `run_as_process`.
"""

from __future__ import annotations

import contextlib
import faulthandler
import io
import logging
import os
import signal
import subprocess
import sys
import threading
import warnings
from pathlib import Path

# A hostile input must end in seconds; the limit is generous for a busy 2-core machine.
LIMIT_S = 60


class CommandTimedOut(BaseException):
    """The command ran past its time limit (a BaseException: `main()` must not turn it into a message)."""


def _environment(env: dict[str, str] | None, env_drop: tuple[str, ...], data_dir: Path | None) -> dict[str, str]:
    merged = {k: v for k, v in os.environ.items() if k not in env_drop}
    merged.update(env or {})
    merged.setdefault("SDL_VIDEODRIVER", "dummy")
    merged.setdefault("SDL_AUDIODRIVER", "dummy")
    merged.pop("BBF_SIM_DEBUG", None)  # a user's run: tracebacks are not asked for
    if data_dir is not None:
        merged["BBF_SIM_DATA_DIR"] = str(data_dir)
    return merged


@contextlib.contextmanager
def _time_limit(seconds: float):
    """A hang is a failure, not a stuck suite: `CommandTimedOut` raised in the command after `seconds`.

    A signal is handled only between Python's bytecodes, so a hang inside C (a compiled loop,
    SQLite) is ended by faulthandler instead: the worker exits with every thread's traceback.
    """

    def expired(signum, frame):
        raise CommandTimedOut(f"still running after {seconds} s")

    if threading.current_thread() is not threading.main_thread():  # signals reach the main thread only
        yield
        return
    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    faulthandler.dump_traceback_later(seconds + 30, exit=True, file=2)  # fd 2: sys.stderr is redirected
    try:
        yield
    finally:
        faulthandler.cancel_dump_traceback_later()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_in_process(
    *args: str,
    env: dict[str, str] | None = None,
    env_drop: tuple[str, ...] = (),
    data_dir: Path | None = None,
    timeout: float = LIMIT_S,
) -> subprocess.CompletedProcess[str]:
    """`bbf-sim ARGS` run by `main()` in this process: its exit status, stdout and stderr.

    The environment is set as for a process and put back afterwards, and so is the `bbf_sim`
    logger `main()` sets up. argparse's own exits (usage errors, `--help`) give their status as a
    process's would. Warnings go to stderr, shown once per place as Python's default shows them
    (pytest would otherwise take them). An exception `main()` lets through is raised here, where
    a process would print a traceback: the test fails either way.
    """
    from bbf_sim.cli import main

    saved = dict(os.environ)
    log = logging.getLogger("bbf_sim")
    saved_log = (log.handlers[:], log.level, log.propagate)
    stdout, stderr = io.StringIO(), io.StringIO()
    os.environ.clear()
    os.environ.update(_environment(env, env_drop, data_dir))
    try:
        with (
            contextlib.redirect_stdout(stdout),
            contextlib.redirect_stderr(stderr),
            warnings.catch_warnings(record=True) as shown,
            _time_limit(timeout),
        ):
            warnings.simplefilter("default")
            try:
                status = main(list(args))
            except SystemExit as exc:
                if exc.code is None or isinstance(exc.code, int):
                    status = exc.code or 0
                else:  # `sys.exit("message")`: Python prints the message and exits with 1
                    print(exc.code, file=sys.stderr)
                    status = 1
            for w in shown:
                stderr.write(warnings.formatwarning(w.message, w.category, w.filename, w.lineno, w.line))
    finally:
        os.environ.clear()
        os.environ.update(saved)
        log.handlers[:], log.level, log.propagate = saved_log
    return subprocess.CompletedProcess(["bbf-sim", *args], status, stdout.getvalue(), stderr.getvalue())


def run_as_process(
    *args: str,
    env: dict[str, str] | None = None,
    env_drop: tuple[str, ...] = (),
    data_dir: Path | None = None,
    timeout: float = LIMIT_S,
    **kwargs,
) -> subprocess.CompletedProcess[str]:
    """`python -m bbf_sim ARGS` as a new process (what `bbf-sim` runs), with a time limit."""
    return subprocess.run(
        [sys.executable, "-m", "bbf_sim", *args],
        capture_output=True,
        text=True,
        check=False,
        env=_environment(env, env_drop, data_dir),
        timeout=timeout,
        **kwargs,
    )
