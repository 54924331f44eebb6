"""Every command run from a working folder deleted under it (`mkdir x && cd x && rmdir x && bbf-sim ...`).

What needs no folder of the user's (the shipped levels, absolute paths, the data folder
from the environment) works as anywhere else; a relative path, which can mean nothing
there, gets one line saying so. Never an internal error.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from bbf_sim.levels.loader import shipped_levels_dir
from tests.hostile.helpers import LIMIT_S, one_line_error

GONE = "the working folder no longer exists; give an absolute path, or change to a folder that exists"


def run_from_deleted_folder(tmp_path, *args: str) -> subprocess.CompletedProcess:
    """bbf-sim started in a folder that the shell deleted first (its own working folder)."""
    gone = tmp_path / "gone"
    gone.mkdir()
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "SDL_VIDEODRIVER": "dummy",
        "SDL_AUDIODRIVER": "dummy",
        "BBF_SIM_DATA_DIR": str(tmp_path / "data"),
        "BBF_SIM_CACHE_DIR": str(tmp_path / "cache"),
        "NUMBA_CACHE_DIR": str(tmp_path / "numba"),
    }
    script = 'cd "$1" && rmdir "$1" && shift && exec "$@"'
    return subprocess.run(
        ["sh", "-c", script, "sh", str(gone), sys.executable, "-m", "bbf_sim", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=LIMIT_S,
    )


def _works(out) -> str:
    assert out.returncode == 0, (out.returncode, out.stdout[-2000:], out.stderr[-2000:])
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr[-2000:]
    return out.stdout


@pytest.mark.parametrize("json", [False, True], ids=["table", "json"])
def test_levels_lists_the_shipped_levels_twice_over(tmp_path, json):
    extra = ["--json"] if json else []
    first = _works(run_from_deleted_folder(tmp_path, "levels", *extra))
    assert "portrait-recompose" in first
    # The second run is where a kept listing would be used: nothing to key it on here, so none is.
    assert _works(run_from_deleted_folder(tmp_path, "levels", *extra)) == first


def test_validate_and_levels_take_an_absolute_path(tmp_path):
    level = shipped_levels_dir() / "control-static.toml"
    assert f"all valid: {level}" in _works(run_from_deleted_folder(tmp_path, "validate", str(level)))
    assert "control-static" in _works(run_from_deleted_folder(tmp_path, "levels", str(level)))
    # A relative one is reported as any missing file is: a problem line, status 1.
    out = run_from_deleted_folder(tmp_path, "validate", "mine.toml")
    assert out.returncode == 1 and "mine.toml: no such file or folder" in out.stdout, out
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr


def test_compare_plays_there_on_the_numpy_path(tmp_path):
    # A fresh numba cache: numba cannot compile without a working folder; the numpy path gives the same numbers.
    out = _works(run_from_deleted_folder(tmp_path, "compare", "control-static", "--trials", "2", "--json"))
    assert '"level": "control-static"' in out


def test_dof_stats_and_a_demo_in_the_window(tmp_path):
    assert "hyperfocal" in _works(
        run_from_deleted_folder(tmp_path, "dof", "--focal", "50", "--aperture", "2.8", "--distance", "3")
    )
    assert "attempts" in _works(run_from_deleted_folder(tmp_path, "stats", "--json"))
    shot = tmp_path / "shot.png"
    args = ("play", "control-static", "--demo", "--seconds", "0.3", "--screenshot", str(shot))
    _works(run_from_deleted_folder(tmp_path, *args))
    assert shot.stat().st_size > 0


@pytest.mark.parametrize(
    ("args", "command", "says"),
    [
        (("play", "control-static", "--demo", "--seconds", "0.3", "--screenshot", "shot.png"), "play", GONE),
        (("stats", "--data-dir", "relative-data"), "stats", "the working folder no longer exists"),
        (("compare", "mine.toml", "--trials", "2"), "compare", "no level file at mine.toml"),
    ],
    ids=["screenshot", "data-dir", "compare"],
)
def test_a_relative_path_there_is_one_line(tmp_path, args, command, says):
    last = one_line_error(run_from_deleted_folder(tmp_path, *args), command, 2)
    assert says in last
