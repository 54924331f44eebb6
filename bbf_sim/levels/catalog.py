"""Finding level files and reading them all, broken ones included.

`bbf-sim levels`, `bbf-sim validate`, `bbf-sim compare --all` and the level-select
screen share this: a folder (or a list of files and folders) becomes a list of
`LevelEntry`, each either a usable `Level` or the problems that make it unusable,
one line each in the loader's form `file: key.path: message`. Nothing here raises on
a bad file: a broken level is listed as broken and the rest go on.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bbf_sim.levels.files import LEVEL_SUFFIX, default_level_id, level_files, shipped_levels_dir
from bbf_sim.levels.listing import ListedLevel, curriculum_order, duplicate_id_problems
from bbf_sim.levels.loader import LevelError, load_level
from bbf_sim.levels.schema import Level

__all__ = ["LEVEL_SUFFIX", "LevelEntry", "level_files", "load_entry", "scan", "shipped_levels", "sort_entries"]


@dataclass(frozen=True)
class LevelEntry:
    """One level file: the level if it loaded, else what is wrong with it."""

    path: Path
    level: Level | None
    problems: tuple[str, ...] = ()  # "file: key.path: message", one per problem

    @property
    def ok(self) -> bool:
        return self.level is not None and not self.problems

    @property
    def playable(self) -> Level | None:
        """The level when the file is fine (`ok`), else None: one test that also gives the Level."""
        return self.level if not self.problems else None

    @property
    def id(self) -> str:
        return self.level.id if self.level is not None else default_level_id(self.path)

    def listed(self) -> ListedLevel:
        """What `bbf-sim levels` shows of this entry."""
        lv = self.level
        if lv is None or self.problems:
            return ListedLevel(self.path, self.id, problems=self.problems)
        return ListedLevel(self.path, lv.id, lv.title, lv.scenario, lv.difficulty, lv.endless is not None)

    def summary(self) -> dict:
        """What `bbf-sim levels --json` prints for this entry."""
        return self.listed().summary()


def load_entry(path: Path) -> LevelEntry:
    try:
        return LevelEntry(path, load_level(path))
    except LevelError as exc:
        return LevelEntry(path, None, tuple(f"{exc.path}: {p}" for p in exc.problems))


def scan(paths: Iterable[Path | str]) -> tuple[list[LevelEntry], list[str]]:
    """Every level file under `paths`, loaded; plus problems with the paths themselves.

    Two files with the same id cannot both be played (history and replays key on the id),
    so the second one is listed as broken.
    """
    files, path_problems = level_files(paths)
    entries = [load_entry(f) for f in files]
    refused = duplicate_id_problems((e.path, e.level.id if e.level is not None else None) for e in entries)
    entries = [e if why is None else LevelEntry(e.path, None, (why,)) for e, why in zip(entries, refused, strict=True)]
    return sort_entries(entries), path_problems


def sort_entries(entries: list[LevelEntry]) -> list[LevelEntry]:
    """The curriculum's order: by tier, then id; broken files last."""
    return sorted(entries, key=lambda e: curriculum_order(e.ok, e.level.difficulty if e.level else None, e.id, e.path))


def shipped_levels() -> list[LevelEntry]:
    """The levels that ship with bbf-sim."""
    return scan([shipped_levels_dir()])[0]
