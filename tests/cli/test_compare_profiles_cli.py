"""`compare --profile`, `--profiles` and `--sweep`: the technique profiles on the command line."""

import json

import pytest

from bbf_sim.cli import main


def _json(capsys, *args: str) -> dict:
    assert main(["compare", *args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_default_profile_is_everyday_and_json_keeps_its_keys(capsys):
    d = _json(capsys, "control-static", "--trials", "10", "--seed", "2")
    assert d["profile"] == "everyday"
    assert {"level", "trials", "seed", "modes", "difference", "verdict", "profile"} <= set(d)
    careful = _json(capsys, "control-static", "--trials", "10", "--seed", "2", "--profile", "careful")
    assert careful["profile"] == "careful" and set(careful) == set(d)


def test_profiles_of_one_level_novice_shows_the_portrait_gap_careful_ties(capsys):
    d = _json(capsys, "portrait-recompose", "--trials", "40", "--seed", "3", "--profiles")
    by = {c["profile"]: c for c in d["profiles"]}
    assert list(by) == ["careful", "everyday", "novice"]
    lo, hi = by["careful"]["difference"]["ci95"]
    assert lo <= 0 <= hi
    assert by["novice"]["difference"]["ci95"][0] > 0.5


def test_all_profiles_markdown_has_three_profile_columns(capsys, tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    from bbf_sim.levels.loader import shipped_levels_dir

    for name in ("control-static", "portrait-recompose"):
        (folder / f"{name}.toml").write_text((shipped_levels_dir() / f"{name}.toml").read_text("utf-8"), "utf-8")
    # The table's shape is what is checked: a few trials give it.
    assert main(["compare", str(folder), "--trials", "3", "--profiles", "--markdown"]) == 0
    out = capsys.readouterr().out
    header = next(line for line in out.splitlines() if line.startswith("| scenario"))
    assert header == "| scenario | level | tier | careful (95% CI) | everyday (95% CI) | novice (95% CI) |"
    rows = [line for line in out.splitlines() if line.startswith("| portrait")]
    assert len(rows) == 1 and rows[0].count("|") == 7
    d = _json(capsys, str(folder), "--trials", "2", "--profiles")
    assert d["profiles"] == ["careful", "everyday", "novice"]
    assert set(d["levels"][0]["profiles"]) == {"careful", "everyday", "novice"}


def test_the_sweep_runs_from_careful_to_every_slip(capsys):
    # Equalities and the all-slips rate hold for any number of trials: a few show them.
    d = _json(capsys, "portrait-recompose", "--trials", "6", "--seed", "1", "--sweep")
    ps = [p["slip_probability"] for p in d["sweep"]]
    assert ps[0] == 0.0 and ps[-1] == 1.0 and ps == sorted(ps)
    careful = _json(capsys, "portrait-recompose", "--trials", "6", "--seed", "1", "--profile", "careful")
    assert d["sweep"][0]["modes"] == careful["modes"]
    # At 1 the shutter finger lifts after every frame: only the first of four frames is sharp.
    assert d["sweep"][-1]["modes"]["shutter"]["hit_rate"] == 0.25
    assert main(["compare", "portrait-recompose", "--trials", "2", "--sweep"]) == 0
    assert "slip probability" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["control-static", "--profile", "careful", "--profiles"], "leave out --profile"),
        (["--all", "--sweep"], "--sweep is for one level"),
        (["control-static", "--markdown"], "--markdown prints the table of --all"),
    ],
)
def test_flags_that_do_not_go_together_get_one_line(capsys, args, needle):
    assert main(["compare", *args]) == 2
    err = capsys.readouterr().err
    assert needle in err and len(err.strip().splitlines()) == 1


def test_an_unknown_profile_is_refused(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["compare", "control-static", "--profile", "sloppy"])
    assert exc.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


def test_the_habit_line_follows_the_levels_lesson(capsys):
    assert main(["compare", "trap-focus", "--trials", "10", "--profile", "novice"]) == 0
    out = capsys.readouterr().out
    assert "focused at another distance than the subject" in out and "fired before AF" not in out
    assert main(["compare", "portrait-recompose", "--trials", "10"]) == 0
    assert "fired before AF had ever been on it" in capsys.readouterr().out
