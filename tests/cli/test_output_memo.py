"""`bbf-sim levels` prints a kept listing for the same files and code, and lists afresh when anything changed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bbf_sim.cli import main, output_memo
from bbf_sim.cli.output_memo import CODE, MEMO_FILE
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
    monkeypatch.setattr(catalog, "load_entry", _no_scan)
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


def test_every_module_the_listing_imports_is_in_the_fingerprint(levels):
    """A change to any module of ours that making the listing loads must change the key.

    Run in a fresh interpreter: this one has imported everything already.
    """
    probe = (
        "import sys, argparse, contextlib, io\n"
        "from bbf_sim.cli import levels_cmd\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    levels_cmd.run(argparse.Namespace(paths=sys.argv[1:], json=False))\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('bbf_sim.')))\n"
    )
    env = {**os.environ, "BBF_SIM_CACHE_DIR": ""}
    done = subprocess.run([sys.executable, "-c", probe, str(levels)], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    package = Path(output_memo.__file__).resolve().parents[1]
    loaded = {Path(f).resolve().relative_to(package).as_posix() for f in done.stdout.split()}
    assert "levels/schema.py" in loaded  # the probe did make the listing
    # Package markers only route imports; every other module must be covered by a CODE entry.
    uncovered = {
        m for m in loaded if not m.endswith("__init__.py") and not any(m == c or m.startswith(c + "/") for c in CODE)
    }
    assert not uncovered


def test_a_fifo_in_place_of_the_memo_file_does_not_stall_the_command(memo_dir, levels, capsys):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    memo_dir.mkdir()
    os.mkfifo(memo_dir / MEMO_FILE)  # opening it for reading would wait for a writer forever
    assert main(["levels", str(levels)]) == 0
    assert "Control: still life, centre point" in capsys.readouterr().out


def test_a_cache_folder_that_cannot_be_made_still_lists(memo_dir, levels, capsys):
    """The cache path is a file (as unwritable as a read-only folder, even for root): list, keep nothing."""
    memo_dir.write_text("not a folder")
    for _ in range(2):
        assert main(["levels", str(levels)]) == 0
        assert "Control: still life, centre point" in capsys.readouterr().out
    assert memo_dir.read_text() == "not a folder"


def test_a_level_inside_a_large_tree_is_listed_without_walking_all_of_it(memo_dir, tmp_path, capsys, monkeypatch):
    """Past MAX_FILES_BESIDE files beside a level, nothing is kept and the walk stops there."""
    big = tmp_path / "big"
    big.mkdir()
    for i in range(30):
        (big / f"{i}.txt").write_text("")
    (big / "still.toml").write_text((shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8"))
    monkeypatch.setattr(output_memo, "MAX_FILES_BESIDE", 10)
    walked = []
    real_rglob = Path.rglob

    def counting_rglob(self, pattern, *args, **kwargs):
        for p in real_rglob(self, pattern, *args, **kwargs):
            if self == big:
                walked.append(p)
            yield p

    monkeypatch.setattr(Path, "rglob", counting_rglob)
    assert output_memo.fingerprint(["levels"], [big / "still.toml"], []) is None
    monkeypatch.undo()
    assert len(walked) <= 11  # at most the cap + 1 entries walked, not all 31
    assert main(["levels", str(big / "still.toml")]) == 0
    assert "Control: still life, centre point" in capsys.readouterr().out
