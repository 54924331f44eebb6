"""Levels that validated but could not be played, unreadable folders, and each bad argument: one line, exit 2."""

from __future__ import annotations

import os
import re
import shutil

import pytest

from bbf_sim.cli import main
from bbf_sim.levels.loader import shipped_levels_dir
from tests.hostile.helpers import one_line_error, run_cli

SHIPPED = shipped_levels_dir() / "control-static.toml"


def _level(tmp_path, name, edit):
    text = edit(SHIPPED.read_text(encoding="utf-8"))
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "edit", "says"),
    [
        (
            "tiny-background.toml",
            lambda t: (
                t.replace("[scene]", "[scene]\nbackground_m = 1e-308")
                if "background_m" not in t
                else re.sub(r"background_m = [0-9.e+-]+", "background_m = 1e-308", t)
            ),
            "scene.background_m: must be greater than or equal to 0.05, got 1e-308",
        ),
        (
            "nul-title.toml",
            lambda t: re.sub(r'title = "', r'title = "\\u0000', t, count=1),
            "title: must not contain control characters",
        ),
        (
            "escape-name.toml",
            lambda t: t.replace('name = "vase"', 'name = "vase\\u001b[2J"'),
            "must not contain control characters",
        ),
    ],
)
def test_levels_that_crashed_play_are_refused_by_validate_and_play(tmp_path, name, edit, says):
    path = _level(tmp_path, name, edit)
    out = run_cli("validate", str(path))
    assert out.returncode == 1 and says in out.stdout, out.stdout
    out = run_cli("play", str(path), "--demo", "--seconds", "0.2", data_dir=tmp_path / "data")
    assert says in one_line_error(out, "play")


def test_the_smallest_background_distance_plays(tmp_path):
    path = _level(tmp_path, "near-wall.toml", lambda t: re.sub(r"background_m = [0-9.e+-]+", "background_m = 0.05", t))
    if "background_m = 0.05" not in path.read_text():
        path.write_text(path.read_text().replace("[scene]", "[scene]\nbackground_m = 0.05"))
    out = run_cli("play", str(path), "--demo", "--seconds", "0.3", "--size", "960x540", data_dir=tmp_path / "data")
    assert out.returncode == 0, out.stderr


def test_an_unreadable_folder_is_reported_as_unreadable(tmp_path, monkeypatch, capsys):
    good = tmp_path / "levels" / "mine"
    locked = tmp_path / "levels" / "locked"
    good.mkdir(parents=True)
    locked.mkdir()
    shutil.copy(SHIPPED, good / "mine.toml")
    real = os.scandir

    def scandir(path="."):
        # Root may read any folder, so the refusal a user would meet is simulated.
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert main(["validate", str(tmp_path / "levels")]) == 1
    out = capsys.readouterr().out
    assert f"{locked}: cannot be read (Permission denied)" in out
    assert main(["validate", str(locked)]) == 1
    out = capsys.readouterr().out
    assert "cannot be read (Permission denied)" in out and "no level files" not in out


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["play", "control-static", "--demo", "--seconds", "nan"], "--seconds"),
        (["play", "control-static", "--demo", "--seconds", "inf"], "--seconds"),
        (["play", "control-static", "--demo", "--seconds", "1e308"], "--seconds"),
        (["play", "control-static", "--demo", "--seconds", "0"], "--seconds"),
        (["play", "control-static", "--demo", "--seconds", "1", "--seed", "-1"], "--seed"),
        (["play", "control-static", "--demo", "--seconds", "1", "--seed", "9" * 5000], "--seed"),
        (["play", "control-static", "--demo", "--seconds", "1", "--screenshot", "{tmp}"], "--screenshot"),
        (["play", "control-static", "--demo", "--seconds", "1", "--screenshot", "{tmp}/shot.txt"], "--screenshot"),
        (["play", "control-static", "--demo", "--seconds", "1", "--screenshot", "{file}/shot.png"], "--screenshot"),
        (["replay", "x.bbf-replay.gz", "--speed", "nan"], "--speed"),
        (["replay", "x.bbf-replay.gz", "--seconds", "-1"], "--seconds"),
        (["setup", "--brand", "sony", "--seconds", "nan"], "--seconds"),
        (["practice-history", "--generate", "1", "--end-date", "0001-01-01"], "--end-date"),
        (["practice-history", "--generate", "0"], "--generate"),
        (["practice-history", "--generate", "1", "--jobs", "0"], "--jobs"),
        (["compare", "control-static", "--trials", "1000001"], "--trials"),
        (["compare", "control-static", "--seed", "-5"], "--seed"),
        (["stats", "--today", "0001-01-01"], "--today"),
        (["stats", "--plot", "{tmp}/chart.jpg"], "--plot"),
        (["stats", "--csv", "{tmp}"], "--csv"),
        (["bench", "--frames", "5"], "--frames"),
    ],
)
def test_each_bad_argument_is_refused_before_anything_runs(tmp_path, argv, option):
    (tmp_path / "a-file").write_text("")
    argv = [a.replace("{tmp}", str(tmp_path)).replace("{file}", str(tmp_path / "a-file")) for a in argv]
    out = run_cli(*argv, data_dir=tmp_path / "data")
    line = one_line_error(out, f"{argv[0]}: error: argument {option}")
    assert len(line) < 300
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())


def test_compare_markdown_without_all(tmp_path):
    out = run_cli("compare", "control-static", "--markdown", "--trials", "5")
    assert "add --all" in one_line_error(out, "compare")
