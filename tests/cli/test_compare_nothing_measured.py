"""`compare` on a level where no frame is fired says so, in the text, the JSON and the curriculum table."""

import json

from bbf_sim.cli import main
from bbf_sim.levels.loader import shipped_levels_dir
from tests.commands import run_in_process


def _late_level(folder):
    """The control level with its vase appearing after the level has ended: the bot never fires."""
    text = (shipped_levels_dir() / "control-static.toml").read_text()
    still = 'path = { kind = "still", at_m = [0.0, 0.0, 3.0] }'
    assert still in text
    path = folder / "late-vase.toml"
    path.write_text(text.replace(still, still + "\nappear_s = 20.0"))
    return path


# In this process, not as a command: the words are `compare`'s whatever runs it, and a command
# would import numba and load every kernel again. test_dof_and_compare_cli runs `compare` as one.
def test_text_and_json_say_nothing_was_measured(tmp_path, capsys):
    level = _late_level(tmp_path)
    assert main(["compare", str(level), "--trials", "4", "--jobs", "1"]) == 0
    text = capsys.readouterr().out
    assert "verdict: Nothing was measured" in text
    assert "does not matter" not in text
    assert main(["compare", str(level), "--trials", "4", "--json"]) == 0
    d = json.loads(capsys.readouterr().out)
    for mode in ("shutter", "bbf"):
        m = d["modes"][mode]
        assert m["frames"] == 0 and m["mean_sharpness"] is None and m["first_sharp_s"] is None


def test_curriculum_table_says_nothing_measured(tmp_path, capsys):
    _late_level(tmp_path)
    assert main(["compare", str(tmp_path), "--trials", "4"]) == 0
    out = capsys.readouterr().out
    assert "nothing measured" in out and "no difference" not in out


def test_jobs_must_be_positive():
    out = run_in_process("compare", "control-static", "--trials", "4", "--jobs", "0")
    assert out.returncode == 2 and "argument --jobs: must be 1 to 256, got 0" in out.stderr
