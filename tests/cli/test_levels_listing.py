"""`bbf-sim levels` prints the same bytes whether a file is listed from the shipped rows or validated.

Each case runs the command twice in this process: as users get it (shipped files listed
from `levels/shipped_listing.json`) and with no rows at all (every file loaded and validated
by the schema, the listing as it was made before the rows existed); text and `--json` must
be byte-identical, with the same exit status, and the JSON rows are `catalog.scan`'s.
"""

from __future__ import annotations

import json
import shutil

import pytest

from bbf_sim.cli import levels_cmd, main
from bbf_sim.levels import catalog, listing
from bbf_sim.levels.files import shipped_levels_dir

SHIPPED = shipped_levels_dir()
GOOD = (SHIPPED / "control-static.toml").read_text(encoding="utf-8")


def _run(argv, capsys) -> tuple[int, str, str]:
    status = main(["levels", *argv])
    out, err = capsys.readouterr()
    return status, out, err


def _both_ways(argv, capsys, monkeypatch) -> tuple[int, str, list[str]]:
    """The command's status and output with the rows, after checking them against no rows;
    and which files it validated with the rows."""
    real = levels_cmd.validated
    validated: list[str] = []

    def counting(path):
        validated.append(path.name)
        return real(path)

    with monkeypatch.context() as m:
        m.setattr(levels_cmd, "validated", counting)
        fast = _run(argv, capsys)
    with monkeypatch.context() as m:
        m.setattr(listing, "read_manifest", lambda names: {})
        full = _run(argv, capsys)
    assert fast == full
    if "--json" in argv:
        paths = [a for a in argv if a != "--json"] or [SHIPPED]
        entries, problems = catalog.scan(paths)
        assert json.loads(fast[1]) == {"levels": [e.summary() for e in entries], "path_problems": problems}
    return fast[0], fast[1], validated


@pytest.fixture
def own(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    return folder


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_the_shipped_levels_alone_are_listed_from_their_rows(capsys, monkeypatch, json_flag):
    status, out, validated = _both_ways(json_flag, capsys, monkeypatch)
    assert status == 0 and "Control: still life, centre point" in out
    assert validated == []


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_shipped_and_own_levels_with_a_broken_one(own, capsys, monkeypatch, json_flag):
    (own / "still.toml").write_text(GOOD.replace("title = ", 'title = "My still life" #', 1), encoding="utf-8")
    (own / "broken.toml").write_text(GOOD.replace("focal_mm = 50\n", ""), encoding="utf-8")
    status, out, validated = _both_ways([str(SHIPPED), str(own), *json_flag], capsys, monkeypatch)
    assert status == 0 and "My still life" in out and "broken.toml" in out
    assert sorted(validated) == ["broken.toml", "still.toml"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_duplicate_ids_are_refused_the_same_way(own, capsys, monkeypatch, json_flag):
    shutil.copy(SHIPPED / "control-static.toml", own / "control-static.toml")  # the same name and bytes
    (own / "gull.toml").write_text('id = "bird-in-flight"\n' + GOOD, encoding="utf-8")
    status, out, validated = _both_ways([str(SHIPPED), str(own), *json_flag], capsys, monkeypatch)
    assert status == 0 and out.count("is already the id of") == 2
    assert validated == ["gull.toml"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_an_edited_shipped_file_is_validated(tmp_path, capsys, monkeypatch, json_flag):
    folder = tmp_path / "levels"
    shutil.copytree(SHIPPED, folder, ignore=shutil.ignore_patterns("__*"))
    edited = folder / "trap-focus.toml"
    edited.write_text(edited.read_text(encoding="utf-8").replace("difficulty = ", "difficulty = 5 #", 1))
    broken = folder / "macro-sway.toml"
    broken.write_text(broken.read_text(encoding="utf-8") + "\nwobble = 1\n")
    status, out, validated = _both_ways([str(folder), *json_flag], capsys, monkeypatch)
    assert status == 0 and "macro-sway.toml" in out
    assert sorted(validated) == ["macro-sway.toml", "trap-focus.toml"]


@pytest.mark.parametrize("json_flag", [[], ["--json"]], ids=["text", "json"])
def test_a_missing_path_and_a_file_named_directly(own, capsys, monkeypatch, json_flag):
    argv = [str(SHIPPED / "bird-in-flight.toml"), str(own / "nothing-here"), str(own), *json_flag]
    status, out, validated = _both_ways(argv, capsys, monkeypatch)
    assert status == 1 and "no such file or folder" in out
    assert validated == []


def test_the_listing_is_in_the_curriculums_order_read_from_the_files_themselves(capsys):
    """An oracle apart from the listing's own code: each file's tier and id read with tomllib,
    sorted by tier then id, is the order `levels --json` prints (rows and validation share
    the sort, so comparing the two paths alone would not catch a wrong order)."""
    import tomllib

    expected = []
    for path in SHIPPED.glob("*.toml"):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        expected.append((data["difficulty"], data.get("id", path.stem)))
    status, out, _ = _run(["--json"], capsys)
    printed = [(row["difficulty"], row["id"]) for row in json.loads(out)["levels"]]
    assert status == 0 and len(printed) == len(expected) >= 10
    assert printed == sorted(expected)


@pytest.mark.skipif(not hasattr(__import__("os"), "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_with_a_shipped_levels_name_is_refused_not_waited_on(own, capsys, monkeypatch):
    """A row is matched by reading the file as the loader does (`read_capped`), which refuses a
    pipe at once; a plain read would wait for a writer for ever."""
    import os
    import threading

    os.mkfifo(own / "control-static.toml")
    result: list = []
    worker = threading.Thread(target=lambda: result.append(_both_ways([str(own)], capsys, monkeypatch)), daemon=True)
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # let the stuck read go, or the daemon thread holds the pipe open
        with open(own / "control-static.toml", "wb"):
            pass
        pytest.fail("bbf-sim levels waited on a named pipe")
    status, out, validated = result[0]
    assert "named pipe" in out and validated == ["control-static.toml"]
