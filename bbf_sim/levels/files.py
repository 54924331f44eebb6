"""Where level files are, found without reading them: the shipped folder and the files under given paths.

Kept apart from the loader (which needs the schema, and so pydantic) so that finding
files costs nothing at start-up: `bbf-sim levels` finds and fingerprints the files
before it decides whether anything must be loaded (`cli.output_memo`).
"""

from __future__ import annotations

import hashlib
import importlib
import os
from collections.abc import Iterable
from pathlib import Path

from bbf_sim.errors import UserError

LEVEL_SUFFIX = ".toml"
MAX_LEVEL_BYTES = 1_000_000  # a level is a page of text; anything bigger is not one


def shipped_levels_dir() -> Path:
    """The levels that ship with bbf-sim: the package `bbf_sim.levels.shipped` (the repository's `levels/`).

    The package's own folder, as `importlib.resources.files` gives it for a package on disk,
    without importing `importlib.resources` and `zipfile`, which `levels` would load for this alone.
    """
    shipped = importlib.import_module("bbf_sim.levels.shipped")  # a mapped folder: mypy cannot see it
    folder = Path(shipped.__file__).parent if shipped.__file__ else None
    if folder is None or not folder.is_dir():  # installed inside an archive: nothing here reads one
        raise UserError(f"the shipped levels are not a folder ({shipped.__file__}); install bbf-sim unpacked")
    return folder


def default_level_id(path: Path) -> str:
    """A file's id when it has no `id` key: its name, lower-cased, other characters as hyphens."""
    stem = "".join(c if c.isalnum() and c.isascii() else "-" for c in path.stem.lower()).strip("-")
    return stem or "level"


def source_fingerprint(parts: Iterable[str]) -> str:
    """A hash of bbf_sim's own source files: `parts` are paths inside the package, a folder
    standing for the `*.py` files directly in it (not its subpackages: an installed
    `levels/shipped/` is data, and absent from a source tree).

    The same bytes give the same hash wherever the package is installed (names are hashed
    relative to the package); `OSError` if a part cannot be read.
    """
    package = Path(__file__).resolve().parents[1]
    h = hashlib.sha256()
    for part in parts:
        where = package / part
        for source in sorted(where.glob("*.py")) if where.is_dir() else [where]:
            h.update(source.relative_to(package).as_posix().encode() + b"\0")
            h.update(source.read_bytes())
    return h.hexdigest()


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
