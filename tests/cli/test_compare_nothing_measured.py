"""`compare` on a level where no frame is fired says so, in the text, the JSON and the curriculum table."""

import json
import subprocess
import sys

import pytest

from bbf_sim.levels.loader import shipped_levels_dir


def run_cli(*args: str):
    return subprocess.run([sys.executable, "-m", "bbf_sim", *args], capture_output=True, text=True, check=False)


def _late_level(folder):
    """The control level with its vase appearing after the level has ended: the bot never fires."""
    text = (shipped_levels_dir() / "control-static.toml").read_text()
    still = 'path = { kind = "still", at_m = [0.0, 0.0, 3.0] }'
    assert still in text
    path = folder / "late-vase.toml"
    path.write_text(text.replace(still, still + "\nappear_s = 20.0"))
    return path


@pytest.mark.usefixtures("compiled_kernels")  # a command compiles nothing: conftest
def test_text_and_json_say_nothing_was_measured(tmp_path):
    level = _late_level(tmp_path)
    text = run_cli("compare", str(level), "--trials", "4", "--jobs", "1")
    assert text.returncode == 0, text.stderr
    assert "verdict: Nothing was measured" in text.stdout
    assert "does not matter" not in text.stdout
    out = run_cli("compare", str(level), "--trials", "4", "--json")
    d = json.loads(out.stdout)
    for mode in ("shutter", "bbf"):
        m = d["modes"][mode]
        assert m["frames"] == 0 and m["mean_sharpness"] is None and m["first_sharp_s"] is None


@pytest.mark.usefixtures("compiled_kernels")  # a command compiles nothing: conftest
def test_curriculum_table_says_nothing_measured(tmp_path):
    _late_level(tmp_path)
    out = run_cli("compare", str(tmp_path), "--trials", "4")
    assert out.returncode == 0, out.stderr
    assert "nothing measured" in out.stdout and "no difference" not in out.stdout


def test_jobs_must_be_positive():
    out = run_cli("compare", "control-static", "--trials", "4", "--jobs", "0")
    assert out.returncode == 2 and "argument --jobs: must be 1 to 256, got 0" in out.stderr
