"""The shipped levels' listing made when bbf-sim is built: the committed file is what the schema says.

`bbf-sim levels` lists a shipped file from `levels/shipped_listing.json` instead of
validating it; these tests hold that file to the real schema and its guards to the code.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from bbf_sim.levels import listing, make_listing
from bbf_sim.levels.catalog import scan
from bbf_sim.levels.files import level_files, shipped_levels_dir, source_fingerprint
from bbf_sim.levels.listing import MANIFEST, REGENERATE, VALIDATION_CODE, from_manifest, read_manifest

IMAGE_LEVEL = 'sky_colour = "#d9cbb5"\nbackground_image = "sky.png"'


def test_the_committed_listing_is_what_the_schema_makes_of_the_shipped_levels():
    made = make_listing.render(make_listing.manifest(shipped_levels_dir()))
    committed = MANIFEST.read_text(encoding="utf-8")
    assert committed == made, f"{MANIFEST.name} is out of date with the levels or the schema: run `{REGENERATE}`"


def test_every_shipped_level_has_a_row_and_the_rows_list_as_validation_does():
    files, _ = level_files([shipped_levels_dir()])
    rows = read_manifest(f.name for f in files)
    assert sorted(rows) == sorted(f.name for f in files)
    known = from_manifest(files)
    entries, _ = scan([shipped_levels_dir()])
    assert len(known) == len(entries) == len(files)
    for e in entries:
        assert known[e.path] == e.listed()
        assert known[e.path].summary() == e.summary()


def test_the_validating_code_covers_every_module_a_level_load_runs(tmp_path):
    """A change to any module validation runs must change the rows' code hash (so stale rows are not used).

    Run in a fresh interpreter: this one has imported everything already. A valid level, a
    broken one and one naming a missing image are loaded, so imports made only on those
    paths are seen too.
    """
    probe = (
        "import sys\n"
        "from pathlib import Path\n"
        "from bbf_sim.levels.catalog import load_entry\n"
        "assert [load_entry(Path(a)).ok for a in sys.argv[1:]] == [True, False, False]\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items() if n.startswith('bbf_sim.')))\n"
    )
    good = shipped_levels_dir() / "control-static.toml"
    (tmp_path / "broken.toml").write_text("this is = not a level", encoding="utf-8")
    (tmp_path / "image.toml").write_text(
        good.read_text(encoding="utf-8").replace('sky_colour = "#d9cbb5"', IMAGE_LEVEL, 1), encoding="utf-8"
    )
    levels = [good, tmp_path / "broken.toml", tmp_path / "image.toml"]
    done = subprocess.run([sys.executable, "-c", probe, *map(str, levels)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    package = Path(listing.__file__).resolve().parents[1]
    loaded = {Path(f).resolve().relative_to(package).as_posix() for f in done.stdout.split()}
    assert "levels/schema.py" in loaded
    # Package markers only route imports; every other module must be covered.
    uncovered = {m for m in loaded if m not in VALIDATION_CODE and not m.endswith("__init__.py")}
    assert uncovered == set(), "add these to listing.VALIDATION_CODE"


def test_rows_made_by_other_code_or_a_damaged_file_are_not_used(tmp_path, monkeypatch):
    files, _ = level_files([shipped_levels_dir()])
    names = [f.name for f in files]
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    stale = tmp_path / "stale.json"
    stale.write_text(json.dumps({**manifest, "code": "0" * 64}), encoding="utf-8")
    monkeypatch.setattr(listing, "MANIFEST", stale)
    assert read_manifest(names) == {} and from_manifest(files) == {}
    for damaged in ("{not json", "[]", '{"levels": []}', '{"code": 1}', "\udcff"):
        stale.write_text(damaged, encoding="utf-8", errors="surrogateescape")
        assert from_manifest(files) == {}
    stale.unlink()
    assert from_manifest(files) == {}
    # A source file of the validating code changed: its hash is another.
    assert manifest["code"] == source_fingerprint(VALIDATION_CODE)
    assert source_fingerprint(VALIDATION_CODE) != source_fingerprint(VALIDATION_CODE[:-1])


def test_an_edited_or_renamed_file_is_not_listed_from_its_row(tmp_path):
    folder = tmp_path / "levels"
    shutil.copytree(shipped_levels_dir(), folder, ignore=shutil.ignore_patterns("__*"))
    edited = folder / "trap-focus.toml"
    edited.write_bytes(edited.read_bytes() + b"\n")  # the same level, other bytes
    (folder / "macro-sway.toml").rename(folder / "macro.toml")  # another default id
    files, _ = level_files([folder])
    known = from_manifest(files)
    assert {f.name for f in files} - {f.name for f in known} == {"trap-focus.toml", "macro.toml"}


def test_a_row_naming_an_image_is_used_only_while_the_image_passes_the_schemas_check(tmp_path, monkeypatch):
    folder = tmp_path / "levels"
    folder.mkdir()
    text = (shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8")
    assert 'sky_colour = "#d9cbb5"' in text
    (folder / "wall.toml").write_text(text.replace('sky_colour = "#d9cbb5"', IMAGE_LEVEL, 1), encoding="utf-8")
    (folder / "sky.png").write_bytes(b"\x89PNG")
    rows = make_listing.manifest(folder)["levels"]
    assert rows["wall.toml"]["background_image"] == "sky.png"
    files, _ = level_files([folder])
    assert from_manifest(files, rows)[files[0]].ok
    (folder / "sky.png").unlink()
    assert from_manifest(files, rows) == {}
    (folder / "sky.png").mkdir()  # not a file: refused as validation refuses it
    assert from_manifest(files, rows) == {}
    assert not scan([folder])[0][0].ok


def test_listing_the_shipped_levels_does_not_load_the_schema(tmp_path):
    """The point of the rows: a fresh `bbf-sim levels` imports no pydantic; a user's own level does."""
    probe = (
        "import sys, contextlib, io\n"
        "from bbf_sim.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    status = main(['levels', *sys.argv[1:]])\n"
        "print(status, 'pydantic' in sys.modules)\n"
    )
    env = {**os.environ, "BBF_SIM_CACHE_DIR": ""}
    run = [sys.executable, "-c", probe]
    assert subprocess.run(run, capture_output=True, text=True, env=env).stdout.split() == ["0", "False"]
    own = tmp_path / "mine.toml"
    own.write_text((shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8"), encoding="utf-8")
    done = subprocess.run([*run, str(shipped_levels_dir()), str(own)], capture_output=True, text=True, env=env)
    assert done.stdout.split() == ["0", "True"], done.stderr
