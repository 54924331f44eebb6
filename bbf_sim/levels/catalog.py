"""Finding level files and reading them all, broken ones included.

`bbf-sim levels`, `bbf-sim validate`, `bbf-sim compare --all` and the level-select
screen share this: a folder (or a list of files and folders) becomes a list of
`LevelEntry`, each either a usable `Level` or the problems that make it unusable,
one line each in the loader's form `file: key.path: message`. Nothing here raises on
a bad file: a broken level is listed as broken and the rest go on.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from bbf_sim.levels.loader import LevelError, _default_id, load_level, shipped_levels_dir
from bbf_sim.levels.schema import Level

LEVEL_SUFFIX = ".toml"


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
    def id(self) -> str:
        return self.level.id if self.level is not None else _default_id(self.path)

    def summary(self) -> dict:
        """What `bbf-sim levels --json` prints for this entry."""
        lv = self.level
        return {
            "id": self.id,
            "title": lv.title if lv else None,
            "scenario": lv.scenario if lv else None,
            "difficulty": lv.difficulty if lv else None,
            "endless": lv.endless is not None if lv else None,
            "path": str(self.path),
            "ok": self.ok,
            "problems": list(self.problems),
        }


def level_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[str]]:
    """The level files named by `paths` (folders searched recursively), and problems with the paths.

    A file named explicitly is read whatever its suffix; in a folder only `*.toml` files count.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found, unreadable = _walk(p)
            problems.extend(f"{d}: cannot be read ({why})" for d, why in unreadable)
            if not found and not unreadable:
                problems.append(f"{p}: no level files ({LEVEL_SUFFIX}) in this folder")
            files.extend(found)
        elif p.exists():
            files.append(p)
        else:
            problems.append(f"{p}: no such file or folder")
    unique: list[Path] = []
    seen: set[Path] = set()
    for f in files:  # the same file named twice (a folder and a file in it) is read once
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems


def _walk(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The `*.toml` files under `folder`, and the folders that could not be read (and why).

    `Path.rglob` skips a folder it may not read without a word, which would show an
    unreadable folder as an empty one.
    """
    found: list[Path] = []
    unreadable: list[tuple[Path, str]] = []

    def failed(exc: OSError) -> None:
        unreadable.append((Path(exc.filename or folder), exc.strerror or str(exc)))

    for root, dirs, names in os.walk(folder, onerror=failed, followlinks=False):
        dirs.sort()
        for name in sorted(names):
            f = Path(root) / name
            # Not only regular files: a named pipe or a device called *.toml is listed, so that
            # the loader refuses it by name instead of it vanishing from the folder.
            if name.endswith(LEVEL_SUFFIX) and not f.is_dir():
                found.append(f)
    return sorted(found), unreadable


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
    entries: list[LevelEntry] = []
    owner: dict[str, Path] = {}
    for f in files:
        e = load_entry(f)
        if e.level is not None:
            first = owner.setdefault(e.level.id, f)
            if first != f:
                e = LevelEntry(f, None, (f"{f}: id: {e.level.id!r} is already the id of {first}",))
        entries.append(e)
    return sort_entries(entries), path_problems


def sort_entries(entries: list[LevelEntry]) -> list[LevelEntry]:
    """The curriculum's order: by tier, then id; broken files last."""
    return sorted(entries, key=lambda e: (not e.ok, e.level.difficulty if e.level else 99, e.id, str(e.path)))


def shipped_levels() -> list[LevelEntry]:
    """The levels that ship with bbf-sim."""
    return scan([shipped_levels_dir()])[0]
