"""Where level files are, found without reading them: the shipped folder and the files under given paths.

Kept apart from the loader (which needs the schema, and so pydantic) so that finding
files costs nothing at start-up: `bbf-sim levels` finds and fingerprints the files
before it decides whether anything must be loaded (`cli.output_memo`).
"""

from __future__ import annotations

from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from bbf_sim.errors import UserError

LEVEL_SUFFIX = ".toml"


def shipped_levels_dir() -> Path:
    """The levels that ship with bbf-sim: the package `bbf_sim.levels.shipped` (the repository's `levels/`)."""
    folder = resources.files("bbf_sim.levels.shipped")
    if not isinstance(folder, Path):  # installed inside an archive: nothing here reads one
        raise UserError(f"the shipped levels are not a folder ({folder}); install bbf-sim unpacked")
    return folder


def level_files(paths: Iterable[Path | str]) -> tuple[list[Path], list[str]]:
    """The level files named by `paths` (folders searched recursively), and problems with the paths.

    A file named explicitly is read whatever its suffix; in a folder only `*.toml` files count.
    """
    files: list[Path] = []
    problems: list[str] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob(f"*{LEVEL_SUFFIX}") if f.is_file())
            if not found:
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
