"""The `dof` and `compare` commands as a user runs them: output, JSON shape, errors, exit status."""

import json
import subprocess
import sys

import pytest

from bbf_sim.cli import main
from tests.commands import run_in_process


def run_cli(*args: str):
    """The real console entry point in a fresh interpreter: what a user's shell sees. Kept for what
    only a process shows (the entry point, argparse's exit, kernels loaded from numba's cache); the
    other cases run `main()` in this process (`run_in_process`), with the same status and text."""
    return subprocess.run([sys.executable, "-m", "bbf_sim", *args], capture_output=True, text=True, check=False)


def test_dof_json_matches_dofmaster(capsys):
    assert main(["dof", "--focal", "35", "--aperture", "2", "--distance", "5", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["hyperfocal_m"] == pytest.approx(20.4517, abs=1e-4)
    assert out["near_m"] == pytest.approx(4.02193, abs=1e-5)
    assert out["far_m"] == pytest.approx(6.60662, abs=1e-5)
    assert out["dof_m"] == pytest.approx(6.60662 - 4.02193, abs=1e-4)


def test_dof_beyond_hyperfocal_gives_null_far_limit(capsys):
    assert main(["dof", "--focal", "24", "--aperture", "11", "--distance", "5", "--sensor", "apsc", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["far_m"] is None and out["dof_m"] is None
    assert out["coc_mm"] == 0.02


def test_dof_text_output(capsys):
    assert main(["dof", "--focal", "50", "--aperture", "16", "--distance", "1"]) == 0
    text = capsys.readouterr().out
    assert "hyperfocal distance  5.258 m" in text and "near limit           0.846 m" in text


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["--focal", "-50", "--aperture", "2", "--distance", "3"], id="negative-focal"),
        pytest.param(["--focal", "50", "--aperture", "0", "--distance", "3"], id="zero-aperture"),
        pytest.param(["--focal", "50", "--aperture", "2", "--distance", "0.03"], id="inside-focal-length"),
        pytest.param(["--focal", "50", "--aperture", "2", "--distance", "3", "--coc", "0"], id="zero-coc"),
    ],
)
def test_dof_bad_values_get_one_line_and_status_2(args):
    out = run_in_process("dof", *args)
    assert out.returncode == 2
    assert out.stdout == ""
    # A value outside an option's range is argparse's usage and one line naming the option.
    lines = [line for line in out.stderr.strip().splitlines() if not line.startswith(("usage:", " "))]
    assert len(lines) == 1 and lines[0].startswith("bbf-sim dof: ")
    assert "Traceback" not in out.stderr


def test_unknown_arguments_get_usage():
    out = run_cli("dof", "--focal", "50", "--bogus")
    assert out.returncode == 2 and "usage:" in out.stderr and "Traceback" not in out.stderr
    out = run_cli("no-such-command")
    assert out.returncode == 2 and "usage:" in out.stderr


@pytest.mark.usefixtures("compiled_kernels")  # a command compiles nothing: conftest
def test_compare_json_shape():
    out = run_in_process("compare", "control-static", "--trials", "20", "--seed", "4", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["level"] == "control-static" and data["trials"] == 20 and data["seed"] == 4
    for mode in ("shutter", "bbf"):
        m = data["modes"][mode]
        assert {"frames", "hits", "hit_rate", "ci95", "mean_sharpness"} <= set(m)
        assert 0 <= m["ci95"][0] <= m["hit_rate"] <= m["ci95"][1] <= 1
    assert set(data["difference"]) == {"hit_rate", "ci95"}


@pytest.mark.usefixtures("compiled_kernels")  # a command compiles nothing: conftest
def test_compare_text_has_a_verdict():
    out = run_cli("compare", "portrait-recompose", "--trials", "30")
    assert out.returncode == 0, out.stderr
    assert "verdict: Back-button focus wins" in out.stdout


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        pytest.param(["no-such-level"], "unknown level", id="unknown-level"),
        pytest.param(["control-static", "--trials", "0"], "--trials", id="zero-trials"),
        pytest.param(["missing/file.toml"], "no level file", id="missing-file"),
    ],
)
def test_compare_errors_are_one_line(args, needle):
    out = run_in_process("compare", *args)
    assert out.returncode == 2
    assert needle in out.stderr and "Traceback" not in out.stderr
