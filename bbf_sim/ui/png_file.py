"""Saving a surface as a PNG that is whole or not there: written beside the target, read back, renamed.

SDL's PNG writer does not always report a short write (a full disk gave a truncated file
and a success), so the copy is decoded again and its size compared before it replaces
anything. Screenshots and `stats --plot` charts are saved this way.
"""

from __future__ import annotations

import errno
import zlib
from pathlib import Path

import pygame

from bbf_sim.errors import CannotWrite, describe_os_error
from bbf_sim.persistence.safe_files import read_capped, write_checked

MAX_PNG_BYTES = 512 * 1024 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_problem(data: bytes) -> str:
    """What makes `data` not a whole PNG ('' if nothing): every chunk present with a good CRC,
    ending in IEND. A decoder may accept a truncated file and show half a picture."""
    if not data.startswith(PNG_SIGNATURE):
        return "no PNG signature"
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        kind = data[at + 4 : at + 8]
        end = at + 12 + length
        if end > len(data):
            return f"chunk {kind!r} cut short"
        if zlib.crc32(data[at + 4 : end - 4]) != int.from_bytes(data[end - 4 : end], "big"):
            return f"chunk {kind!r} damaged"
        if kind == b"IEND":
            return "" if end == len(data) else "bytes after the end"
        at = end
    return "no end chunk"


def save_png(surface: pygame.Surface, path: str | Path) -> None:
    """Write `surface` to `path` as PNG; `CannotWrite` (one line, the reason) if it cannot be."""
    path = Path(path)
    if path.suffix.lower() != ".png":
        raise CannotWrite(f"cannot write {path}: a PNG's name must end in .png")

    def write(tmp: Path) -> None:
        pygame.image.save(surface, str(tmp))

    def check(tmp: Path) -> None:
        problem = png_problem(read_capped(tmp, MAX_PNG_BYTES))
        if problem:
            raise OSError(errno.EIO, f"the PNG written is not whole ({problem})", str(tmp))
        try:
            back = pygame.image.load(str(tmp))
        except pygame.error as exc:
            raise OSError(errno.EIO, f"the PNG written does not read back ({exc})", str(tmp)) from None
        if back.get_size() != surface.get_size():
            raise OSError(errno.EIO, "the PNG written reads back at another size", str(tmp))

    try:
        write_checked(path, write, check)
    except OSError as exc:
        raise CannotWrite(f"cannot write {path}: {describe_os_error(exc)}") from None
    except pygame.error as exc:
        raise CannotWrite(f"cannot write {path}: {exc}") from None
