"""What `bbf-sim levels` shows of each level file; the shipped levels' rows, made by the schema and committed.

Listing levels means validating every file, and loading the schema (pydantic) is most of
the command's time. Whether a level file is valid, and what the listing shows of it, is a
pure function of the file's name (its default id), its bytes, the image it names (which must
exist inside its folder) and the code that validates it. So `shipped_listing.json`, beside
this module, holds for each shipped level file its bytes' hash and what the listing shows of
it, under a hash of the validating code (`VALIDATION_CODE`). `python -m
bbf_sim.levels.make_listing` writes it from the real schema; a test fails while the
committed file differs from what that command writes.

At run time a file whose name and bytes match a row, and whose image (if it names one)
passes the schema's own check (`levels.assets`), is listed from the row. Every other file
(a user's own, an edited shipped file, or all of them when the code is not the code the rows
were made by) is loaded and validated by the catalogue (`cli.levels_cmd.validated`), which
imports pydantic only then. Nothing here imports pydantic, `dataclasses` or `typing`: they
would cost the start-up this module saves. Where the source is not installed (only
bytecode), the code cannot be hashed and every file is validated. pydantic's version is not
hashed, unlike in the kept listing (`cli.output_memo`): the rows hold only a valid level's
values, which the releases `pyproject.toml` allows agree on (the shipped levels validate
alike with the lowest, 2.6), and hashing it would leave every user's pydantic but ours
without rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from pathlib import Path

from bbf_sim.levels.files import MAX_LEVEL_BYTES, default_level_id, source_fingerprint

MANIFEST = Path(__file__).with_name("shipped_listing.json")
# bbf_sim's modules that loading and validating a level file runs (a test holds this to the
# truth); named one by one, so that a change to the rest of `levels/` (the endless drill's
# rounds, the tiers) leaves the rows in use.
VALIDATION_CODE = (
    "errors.py",
    "levels/assets.py",
    "levels/catalog.py",
    "levels/files.py",
    "levels/lessons.py",
    "levels/listing.py",
    "levels/loader.py",
    "levels/schema.py",
    "persistence/safe_files.py",
)
REGENERATE = "python -m bbf_sim.levels.make_listing"


class ListedLevel:
    """One level file as the listing shows it: a valid level's id, title, scenario, tier and
    whether it is endless, or (the four `None`) what is wrong with the file."""

    __slots__ = ("path", "id", "title", "scenario", "difficulty", "endless", "problems")

    def __init__(
        self,
        path: Path,
        id: str,
        title: str | None = None,
        scenario: str | None = None,
        difficulty: int | None = None,
        endless: bool | None = None,
        problems: tuple[str, ...] = (),
    ):
        self.path = path
        self.id = id
        self.title = title
        self.scenario = scenario
        self.difficulty = difficulty
        self.endless = endless
        self.problems = problems

    @property
    def ok(self) -> bool:
        return self.title is not None and not self.problems

    def summary(self) -> dict:
        """What `bbf-sim levels --json` prints for this file."""
        return {
            "id": self.id,
            "title": self.title,
            "scenario": self.scenario,
            "difficulty": self.difficulty,
            "endless": self.endless,
            "path": str(self.path),
            "ok": self.ok,
            "problems": list(self.problems),
        }

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ListedLevel) and self.summary() == other.summary()

    def __repr__(self) -> str:
        return f"ListedLevel({self.summary()!r})"


def duplicate_id_problems(loaded: Iterable[tuple[Path, str | None]]) -> list[str | None]:
    """For each file in order (its path, and its level's id if it loaded): None, or why it is refused.

    Two files with the same id cannot both be played (history and replays key on the id),
    so every file after the first with an id is refused.
    """
    owner: dict[str, Path] = {}
    refused: list[str | None] = []
    for path, level_id in loaded:
        first = owner.setdefault(level_id, path) if level_id is not None else path
        refused.append(None if first == path else f"{path}: id: {level_id!r} is already the id of {first}")
    return refused


def curriculum_order(ok: bool, difficulty: int | None, level_id: str, path: Path) -> tuple:
    """The sort key of the curriculum's order: by tier, then id; broken files last."""
    return (not ok, difficulty if difficulty is not None else 99, level_id, str(path))


def read_manifest(names: Iterable[str]) -> dict[str, dict]:
    """The shipped levels' rows for these file names; none if the file is missing, damaged, or was
    made by other validating code than this (a developer changed the schema and did not run
    `REGENERATE`): then every file is validated. The code is hashed only if a name has a row."""
    wanted = set(names)
    try:
        manifest = json.loads(MANIFEST.read_bytes())
        rows = {name: row for name, row in manifest["levels"].items() if name in wanted}
        if rows and manifest["code"] != source_fingerprint(VALIDATION_CODE):
            return {}
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return rows


def from_manifest(files: Iterable[Path], rows: dict[str, dict] | None = None) -> dict[Path, ListedLevel]:
    """The files a row describes, listed from it (by default the rows `read_manifest` gives)."""
    files = list(files)
    if rows is None:
        rows = read_manifest(f.name for f in files) if files else {}
    known: dict[Path, ListedLevel] = {}
    for f in files:
        row = rows.get(f.name)
        listed = _from_row(f, row) if isinstance(row, dict) else None
        if listed is not None:
            known[f] = listed
    return known


def _from_row(path: Path, row: dict) -> ListedLevel | None:
    """`path` listed from its row if its bytes are the row's and its image passes; None otherwise."""
    from bbf_sim.persistence.safe_files import read_capped

    try:  # read as the loader reads: anything it would refuse is left to the loader to name
        data = read_capped(path, MAX_LEVEL_BYTES)
    except OSError:
        return None
    if hashlib.sha256(data).hexdigest() != row.get("sha256"):
        return None
    image = row.get("background_image")
    if image is not None:
        from bbf_sim.levels.assets import check_asset_path

        try:  # the schema's own check, against this file's folder
            check_asset_path(image, path.parent)
        except (ValueError, TypeError, OSError, RuntimeError):
            return None  # the loader says what is wrong
    try:
        return ListedLevel(path, row["id"], row["title"], row["scenario"], row["difficulty"], row["endless"])
    except KeyError:
        return None


def in_order(
    files: list[Path], known: dict[Path, ListedLevel], validated: Callable[[Path], ListedLevel]
) -> list[ListedLevel]:
    """Every file listed (from `known`, else by `validated`), duplicates refused, in the curriculum's order."""
    listed = [known.get(f) or validated(f) for f in files]
    refused = duplicate_id_problems((e.path, e.id if e.ok else None) for e in listed)
    listed = [
        e if why is None else ListedLevel(e.path, default_level_id(e.path), problems=(why,))
        for e, why in zip(listed, refused, strict=True)
    ]
    return sorted(listed, key=lambda e: curriculum_order(e.ok, e.difficulty, e.id, e.path))
