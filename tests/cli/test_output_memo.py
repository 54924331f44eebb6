"""`bbf-sim levels` prints a kept listing for the same files and code, and lists afresh when anything changed."""

from __future__ import annotations

import json

import pytest

from bbf_sim.cli import main
from bbf_sim.cli.output_memo import MEMO_FILE
from bbf_sim.levels import catalog
from bbf_sim.levels.files import shipped_levels_dir


@pytest.fixture
def memo_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("BBF_SIM_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def levels(tmp_path):
    folder = tmp_path / "levels"
    folder.mkdir()
    (folder / "still.toml").write_text((shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8"))
    return folder


def _no_scan(*args, **kwargs):
    raise AssertionError("the listing was made again")


def test_the_same_files_print_the_kept_listing_without_loading_them(memo_dir, levels, capsys, monkeypatch):
    assert main(["levels", str(levels)]) == 0
    first = capsys.readouterr().out
    assert "Control: still life, centre point" in first
    monkeypatch.setattr(catalog, "scan", _no_scan)
    assert main(["levels", str(levels)]) == 0
    assert capsys.readouterr().out == first
    # --json is another command line: another output, made afresh (here: the patched scan, refused).
    assert main(["levels", str(levels), "--json"]) == 70
    assert "made again" in capsys.readouterr().err


def test_a_changed_level_is_listed_afresh(memo_dir, levels, capsys):
    assert main(["levels", str(levels), "--json"]) == 0
    [before] = json.loads(capsys.readouterr().out)["levels"]
    path = levels / "still.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("title = ", 'title = "Renamed" #', 1), encoding="utf-8")
    assert main(["levels", str(levels), "--json"]) == 0
    [after] = json.loads(capsys.readouterr().out)["levels"]
    assert before["title"] != "Renamed" and after["title"] == "Renamed"


def test_an_image_appearing_beside_a_level_is_a_change(memo_dir, levels, capsys):
    path = levels / "still.toml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("[scene]\n", '[scene]\nbackground_image = "wall.png"\n', 1),
        encoding="utf-8",
    )
    assert main(["levels", str(levels), "--json"]) == 0
    [missing] = json.loads(capsys.readouterr().out)["levels"]
    (levels / "wall.png").write_bytes(b"\x89PNG")
    assert main(["levels", str(levels), "--json"]) == 0
    [found] = json.loads(capsys.readouterr().out)["levels"]
    assert not missing["ok"] and found["ok"], (missing["problems"], found["problems"])


def test_nothing_is_kept_when_the_cache_folder_is_set_empty(tmp_path, levels, capsys, monkeypatch):
    monkeypatch.setenv("BBF_SIM_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert main(["levels", str(levels)]) == 0
    assert not (tmp_path / "xdg").exists()


def test_a_damaged_memo_file_is_ignored(memo_dir, levels, capsys):
    memo_dir.mkdir()
    (memo_dir / MEMO_FILE).write_text("{not json")
    assert main(["levels", str(levels)]) == 0
    assert "Control: still life, centre point" in capsys.readouterr().out
    assert json.loads((memo_dir / MEMO_FILE).read_text()), "written anew"
