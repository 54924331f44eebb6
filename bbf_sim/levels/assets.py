"""Asset paths a level names (`scene.background_image`): checked against the level's folder.

Kept apart from the schema (which needs pydantic) so that `bbf-sim levels` can check a
shipped level's image exactly as validation would without loading the schema
(`levels.listing`).
"""

from __future__ import annotations

import pathlib
from pathlib import PurePosixPath, PureWindowsPath

IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")


def check_asset_path(rel: str, level_dir: pathlib.Path | None) -> str:
    """An asset path must be relative, stay inside the level's folder, name an image, and exist.

    The form is checked for POSIX and Windows spellings alike, so a level written on one
    system is judged the same on the other; existence only when the folder is known.
    """
    if "\x00" in rel:
        raise ValueError("must not contain a NUL character")
    posix, windows = PurePosixPath(rel), PureWindowsPath(rel)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or windows.root:
        raise ValueError(f"must be a path relative to the level file, got an absolute path {rel!r}")
    depth = 0
    for part in windows.parts:  # Windows parsing splits on both / and \
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            raise ValueError(f"must stay inside the level's folder, got {rel!r}")
    if posix.suffix.lower() not in IMAGE_SUFFIXES:
        raise ValueError(f"must be an image ({', '.join(IMAGE_SUFFIXES)}), got {rel!r}")
    if level_dir is not None:
        folder = pathlib.Path(level_dir).resolve()
        try:
            target = resolve_asset_path(rel, folder)
        except (OSError, RuntimeError) as exc:  # a loop of symbolic links: Python 3.11 raises RuntimeError
            raise ValueError(f"cannot be followed to a file: {rel!r} ({exc})") from None
        if not target.is_relative_to(folder):  # a symbolic link that points out of the folder
            raise ValueError(f"must stay inside the level's folder, but {rel!r} leads to {target}")
        if not target.is_file():
            raise ValueError(f"no such file: {rel!r} (looked in {folder})")
    return rel


def resolve_asset_path(rel: str, level_dir: pathlib.Path) -> pathlib.Path:
    """An asset path (already checked by `check_asset_path`) as an absolute path, links followed."""
    return (pathlib.Path(level_dir).resolve() / PurePosixPath(PureWindowsPath(rel).as_posix())).resolve()
