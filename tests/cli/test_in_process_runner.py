"""`tests.commands.run_in_process` gives what a process gives: status, stdout, stderr, within a time limit."""

import os
import time

import pytest

import bbf_sim.cli
from tests.commands import CommandTimedOut, run_as_process, run_in_process


def test_the_same_status_and_text_as_a_process():
    for args in (
        ["--version"],
        ["dof", "--focal", "50", "--bogus"],
        ["dof", "--focal", "50", "--aperture", "0", "--distance", "3"],
    ):
        here, there = run_in_process(*args), run_as_process(*args)
        assert (here.returncode, here.stdout, here.stderr) == (there.returncode, there.stdout, there.stderr), args
    assert run_in_process("--version").stdout.startswith("bbf-sim ")


def test_the_environment_is_the_commands_and_is_put_back(tmp_path, monkeypatch):
    seen = {}

    def main(argv):
        seen.update(os.environ)
        print("out")
        print("err", file=__import__("sys").stderr)
        return 3

    monkeypatch.setattr(bbf_sim.cli, "main", main)
    monkeypatch.setenv("BBF_SIM_DEBUG", "1")
    monkeypatch.setenv("GONE", "x")
    before = dict(os.environ)
    out = run_in_process("stats", env={"EXTRA": "1"}, env_drop=("GONE",), data_dir=tmp_path)
    assert (out.returncode, out.stdout, out.stderr) == (3, "out\n", "err\n")
    assert seen["EXTRA"] == "1" and seen["BBF_SIM_DATA_DIR"] == str(tmp_path)
    assert "GONE" not in seen and "BBF_SIM_DEBUG" not in seen  # a user's run asks for no traceback
    assert dict(os.environ) == before


def test_a_hang_is_stopped_at_the_time_limit(monkeypatch):
    def main(argv):
        while True:
            time.sleep(0.01)

    monkeypatch.setattr(bbf_sim.cli, "main", main)
    with pytest.raises(CommandTimedOut):
        run_in_process("stats", timeout=0.2)


def test_warnings_reach_stderr_and_the_logger_is_put_back(monkeypatch):
    """A process shows a warning on stderr; pytest would take it from a command run here."""
    import logging
    import warnings

    def main(argv):
        warnings.warn("a user would see this", RuntimeWarning, stacklevel=1)
        logging.getLogger("bbf_sim").addHandler(logging.NullHandler())
        logging.getLogger("bbf_sim").setLevel(logging.ERROR)
        return 0

    log = logging.getLogger("bbf_sim")
    before = (log.handlers[:], log.level)
    monkeypatch.setattr(bbf_sim.cli, "main", main)
    out = run_in_process("stats")
    assert "RuntimeWarning: a user would see this" in out.stderr
    assert (log.handlers, log.level) == before
