"""Bad level files give one line per problem, naming the file and the key: loader, validate, levels, compare --all."""

import json
import os

import pytest

from bbf_sim.cli import main
from bbf_sim.levels.catalog import LevelEntry, scan
from bbf_sim.levels.loader import LevelError, load_level, parse_level, shipped_levels_dir

GOOD = (shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8")


def _write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _problems(path):
    with pytest.raises(LevelError) as info:
        load_level(path)
    lines = str(info.value).splitlines()
    assert all(line.startswith(f"{path}: ") for line in lines)
    return [line.removeprefix(f"{path}: ") for line in lines]


SKY = 'sky_colour = "#d9cbb5"'
# (what to replace in the control level, with what, a part of the expected message)
MISTAKES = {
    "toml-syntax": ("[camera]", "[camera", "not valid TOML"),
    "missing": ("focal_mm = 50\n", "", "camera.focal_mm: missing required key"),
    "unknown": ("[camera]", "wobble = 3\n[camera]", "wobble: unknown key"),
    "bool-for-number": ("aperture = 4.0", "aperture = true", "camera.aperture: must be a valid number, got true"),
    "string-for-number": ("focal_mm = 50", 'focal_mm = "50"', "camera.focal_mm: must be a valid number, got '50'"),
    "float-for-int": ("keepers = 4", "keepers = 4.5", "goal.keepers: must be a valid integer, got 4.5"),
    "out-of-range": ("aperture = 4.0", "aperture = 0.5", "camera.aperture: must be greater than or equal to 0.95"),
    "path-kind": ('kind = "still"', 'kind = "teleport"', "objects[0].path.kind: unknown kind 'teleport'"),
    "nan": ("at_m = [0.0, 0.0, 3.0]", "at_m = [0.0, nan, 3.0]", "objects[0].path.at_m[1]:"),
    "bad-reference": ('technique = "still"', 'technique = "trap"\nfocus_on = "tripod"', "no object is named 'tripod'"),
    "missing-asset": (SKY, SKY + '\nbackground_image = "sky.png"', "scene.background_image: no such file: 'sky.png'"),
    "asset-leaves-folder": (
        SKY,
        SKY + '\nbackground_image = "../sky.png"',
        "scene.background_image: must stay inside the level's folder",
    ),
    "absolute-asset": (
        SKY,
        SKY + '\nbackground_image = "/etc/sky.png"',
        "scene.background_image: must be a path relative to the level file",
    ),
    "asset-not-an-image": (SKY, SKY + '\nbackground_image = "notes.txt"', "scene.background_image: must be an image"),
}


@pytest.mark.parametrize(("old", "new", "expected"), list(MISTAKES.values()), ids=list(MISTAKES))
def test_each_kind_of_mistake_gets_a_clear_line(tmp_path, old, new, expected):
    assert old in GOOD
    path = _write(tmp_path, "level.toml", GOOD.replace(old, new, 1))
    assert any(expected in p for p in _problems(path)), _problems(path)


def test_the_issue_example_reads_as_promised(tmp_path):
    text = GOOD.replace(
        'path = { kind = "still", at_m = [0.0, 0.0, 3.0] }',
        'path = { kind = "still", at_m = [0.0, 0.0, 3.0] }\n\n[[objects]]\nname = "bird"\nwidth_m = 0.3\n'
        'height_m = 0.2\npath = { kind = "approaching", from_m = [0.0, 0.0, 20.0], speed_mps = -3 }',
    )
    path = _write(tmp_path / "levels", "bird.toml", text)
    assert _problems(path) == ["objects[1].path.speed_mps: must be greater than 0, got -3"]


def test_an_asset_inside_the_folder_is_accepted_and_a_symlink_out_of_it_is_not(tmp_path):
    text = GOOD.replace('sky_colour = "#d9cbb5"', 'sky_colour = "#d9cbb5"\nbackground_image = "art/sky.png"')
    path = _write(tmp_path / "mine", "level.toml", text)
    (tmp_path / "mine" / "art").mkdir()
    (tmp_path / "mine" / "art" / "sky.png").write_bytes(b"\x89PNG")
    level = load_level(path)
    assert level.scene.background_image == "art/sky.png"
    # The renderer gets the file's absolute path; the level's data (what replays and hashes see) stays as written.
    assert level.scene.background_image_path == (tmp_path / "mine" / "art" / "sky.png").resolve()
    without_folder = parse_level(text, path, "level")
    assert without_folder.scene.background_image_path is None
    assert level.model_dump() == without_folder.model_dump()
    if hasattr(os, "symlink"):
        (tmp_path / "outside.png").write_bytes(b"\x89PNG")
        (tmp_path / "mine" / "art" / "sky.png").unlink()
        os.symlink(tmp_path / "outside.png", tmp_path / "mine" / "art" / "sky.png")
        assert any("must stay inside the level's folder" in p for p in _problems(path))
        # A link to itself cannot be followed: a problem with the image, not a crash.
        (tmp_path / "mine" / "art" / "sky.png").unlink()
        os.symlink("sky.png", tmp_path / "mine" / "art" / "sky.png")
        assert any("background_image: cannot be followed to a file: 'art/sky.png'" in p for p in _problems(path))


def test_unreadable_files_are_problems_not_crashes(tmp_path):
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00junk")
    assert _problems(binary)[0].startswith("not UTF-8 text")
    assert _problems(tmp_path / "absent.toml")[0].startswith("cannot read")
    assert _problems(tmp_path)[0] == "is a folder, not a level file"


def test_a_folder_with_two_files_of_the_same_id_lists_the_second_as_broken(tmp_path):
    _write(tmp_path, "a.toml", 'id = "same"\n' + GOOD)
    _write(tmp_path, "b.toml", 'id = "same"\n' + GOOD)
    entries, _ = scan([tmp_path])
    assert [e.ok for e in entries] == [True, False]
    assert "already the id of" in entries[1].problems[0]


def test_playable_is_the_level_exactly_when_the_file_is_ok(tmp_path):
    _write(tmp_path, "a.toml", 'id = "same"\n' + GOOD)
    _write(tmp_path, "b.toml", 'id = "same"\n' + GOOD)  # loads, then refused: a second "same"
    _write(tmp_path, "c.toml", "extra = 1\n" + GOOD)  # does not load
    entries, _ = scan([tmp_path])
    assert [e.playable is not None for e in entries] == [e.ok for e in entries] == [True, False, False]
    assert entries[0].playable is entries[0].level
    loaded_with_a_problem = LevelEntry(entries[0].path, entries[0].level, ("a problem",))
    assert not loaded_with_a_problem.ok and loaded_with_a_problem.playable is None


def test_validate_prints_every_problem_and_exits_1(tmp_path, capsys):
    _write(tmp_path, "good.toml", GOOD)
    bad = _write(tmp_path, "sub/bad.toml", "extra = 1\n" + GOOD.replace("focal_mm = 50", "focal_mm = -50"))
    assert main(["validate", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{bad}: camera.focal_mm: must be greater than or equal to 8, got -50" in out
    assert f"{bad}: extra: unknown key" in out
    assert out[-1] == "2 level files: 1 valid, 1 with problems (2 in all)"


def test_validate_exits_0_when_all_are_valid_and_reports_missing_paths(tmp_path, capsys):
    assert main(["validate", str(shipped_levels_dir())]) == 0
    assert "all valid" in capsys.readouterr().out
    assert main(["validate", str(tmp_path / "nope")]) == 1
    assert "no such file or folder" in capsys.readouterr().out
    assert main(["validate", str(tmp_path)]) == 1  # an empty folder
    assert "no level files" in capsys.readouterr().out


def test_validate_json(tmp_path, capsys):
    bad = _write(tmp_path, "bad.toml", "title = [")
    assert main(["validate", "--json", str(bad)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False and data["files"][0]["problems"][0].startswith(f"{bad}: not valid TOML")


def test_levels_lists_the_curriculum_in_tier_order(capsys):
    assert main(["levels", "--json"]) == 0
    levels = json.loads(capsys.readouterr().out)["levels"]
    assert len(levels) >= 12 and all(lv["ok"] for lv in levels)
    assert [lv["difficulty"] for lv in levels] == sorted(lv["difficulty"] for lv in levels)
    assert {"id", "title", "scenario", "difficulty", "path"} <= set(levels[0])
    assert main(["levels"]) == 0
    text = capsys.readouterr().out
    assert text.splitlines()[0].split() == ["tier", "id", "scenario", "title", "path"]
    assert "portrait-recompose" in text


def test_levels_shows_a_users_folder_with_its_broken_files(tmp_path, capsys):
    _write(tmp_path, "vase.toml", GOOD)
    _write(tmp_path, "broken.toml", "title = [")
    assert main(["levels", str(tmp_path)]) == 0
    text = capsys.readouterr().out
    assert "vase" in text and "1 broken level file" in text and "not valid TOML" in text


def test_compare_all_on_a_folder_prints_the_measured_table_and_skips_broken_files(tmp_path, capsys):
    _write(tmp_path, "control.toml", GOOD)
    _write(tmp_path, "broken.toml", "title = [")
    assert main(["compare", "--all", str(tmp_path), "--trials", "6", "--seed", "2"]) == 1  # one was broken
    captured = capsys.readouterr()
    header = [line for line in captured.out.splitlines() if line.startswith("scenario")][0]
    assert header.split()[:5] == ["scenario", "level", "tier", "shutter-AF", "back-button"]
    assert "control" in captured.out and "no difference" in captured.out
    assert "skipped" in captured.err and "broken.toml" in captured.err


def test_compare_all_json_and_a_folder_as_level(tmp_path, capsys):
    _write(tmp_path, "control.toml", GOOD)
    assert main(["compare", str(tmp_path), "--trials", "4", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["trials"] == 4 and data["broken"] == []
    row = data["levels"][0]
    assert row["scenario"] == "control" and row["difficulty"] == 1 and set(row["modes"]) == {"shutter", "bbf"}


def test_compare_needs_a_level_or_all(capsys):
    assert main(["compare"]) == 2
    assert "--all" in capsys.readouterr().err
