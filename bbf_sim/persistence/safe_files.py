"""File operations that never leave the user's data half-written or silently lost.

| function | guarantee |
|---|---|
| `atomic_write_bytes`, `atomic_write_text` | old file or new one, never a mix, even on a crash or a full disk |
| `write_checked` | the same for a writer that needs a path (a PNG): written beside, checked, renamed |
| `remove_leftovers` | temporary files a crash left behind, deleted on the next start |
| `set_aside` | renamed to `x.corrupt-20261129T101500Z` (UTC); never overwrites a copy |
| `set_aside_notice` | the one sentence the user is told about a set-aside file |
| `read_capped` | a regular file's bytes, at most a cap: never blocks on a FIFO, never reads /dev/zero forever |
| `strip_bom` | text without the UTF-8 byte order mark Windows Notepad writes |

Every file the program reads goes through `read_capped`: a path may name a FIFO (the read
would wait for a writer for ever), a device (`/dev/zero` never ends) or a sparse file of
gigabytes. Only regular files are opened, and never more than the caller's cap is read.
"""

from __future__ import annotations

import contextlib
import errno
import itertools
import logging
import os
import re
import stat
import time
from collections.abc import Callable, Sequence
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (mypy knows the name)
if TYPE_CHECKING:
    from datetime import datetime

log = logging.getLogger(__name__)

UTF8_BOM = "\ufeff"


class FileRefused(OSError):
    """A path that is not read: not a regular file, or larger than the cap. `strerror` says why."""

    def __init__(self, path: str | os.PathLike[str], why: str, code: int = errno.EINVAL):
        super().__init__(code, why, str(path))


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def check_regular_file(path: str | os.PathLike[str]) -> os.stat_result:
    """The file's status if `path` is a regular file (links followed); `FileRefused` otherwise.

    FileNotFoundError and PermissionError pass through as they are.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        code = errno.EISDIR if stat.S_ISDIR(st.st_mode) else errno.EINVAL
        raise FileRefused(path, f"is {file_kind(st.st_mode)}, not a regular file", code)
    return st


def read_capped(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A regular file's bytes; `FileRefused` if it is anything else or holds more than `max_bytes`.

    Checked before opening (a FIFO's open would wait for a writer) and again on the open
    file (the path may have been swapped in between: O_NONBLOCK keeps that open from
    waiting). The read stops one byte past the cap, whatever the file claims its size is.
    """
    check_regular_file(path)
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        st = os.fstat(f.fileno())
        if not stat.S_ISREG(st.st_mode):
            raise FileRefused(path, f"is {file_kind(st.st_mode)}, not a regular file")
        if st.st_size > max_bytes:
            raise FileRefused(path, f"is too big ({st.st_size} bytes; the limit is {max_bytes})", errno.EFBIG)
        data = f.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise FileRefused(path, f"is too big (over {max_bytes} bytes)", errno.EFBIG)
    return data


def strip_bom(text: str) -> str:
    """`text` without a leading UTF-8 byte order mark (Windows Notepad writes one)."""
    return text.removeprefix(UTF8_BOM)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Replace `path` with `data` atomically (temp file in the same folder, fsync, check, rename).

    The temporary file is read back before the rename: a full disk or a file-size limit that
    truncated it leaves the old file in place and raises OSError, never a short file.
    """

    def write(tmp: Path) -> None:
        with tmp.open("wb") as f:
            f.write(data)

    def check(tmp: Path) -> None:
        if read_capped(tmp, len(data)) != data:
            raise OSError(errno.EIO, "the file read back differs from what was written", str(tmp))

    write_checked(path, write, check, allow_empty=not data)


def atomic_write_text(path: str | os.PathLike[str], text: str, encoding: str = "utf-8") -> None:
    """`atomic_write_bytes` for text."""
    atomic_write_bytes(path, text.encode(encoding))


def write_checked(
    path: str | os.PathLike[str],
    write: Callable[[Path], None],
    check: Callable[[Path], None] | None = None,
    *,
    allow_empty: bool = False,
) -> None:
    """Make `path` by `write(tmp)` into a temporary file beside it, `check(tmp)`, then rename.

    The temporary name keeps the suffix (`.shot.k2j4.tmp.png`), for writers that choose a
    format by it. It is synced before the rename, and removed whatever goes wrong; an empty
    file fails unless `allow_empty`. Raises OSError (or what `write`/`check` raise); the target is then
    as it was.
    """
    import tempfile  # here, not at the top: readers (`bbf-sim levels`) need not load it

    path = Path(path)
    # Same folder as the target: os.replace is only atomic within one file system.
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}.", suffix=f"{TMP_MARK}{path.suffix}")
    tmp = Path(tmp_name)
    try:
        # mkstemp makes the file private (0600); the user's file gets the mode a plain
        # open() would have given it, or keeps the one it has.
        try:
            if hasattr(os, "fchmod"):
                os.fchmod(fd, _mode_for(path))
        finally:
            os.close(fd)
        write(tmp)
        with tmp.open("rb+") as f:
            # Without fsync a crash after the rename can leave a renamed but empty file;
            # on a full disk, fsync is where a delayed write fails.
            os.fsync(f.fileno())
            if os.fstat(f.fileno()).st_size == 0 and not allow_empty:
                raise OSError(errno.EIO, "nothing was written", str(tmp))
        if check is not None:
            check(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(path.parent)


def _mode_for(path: Path) -> int:
    try:
        return stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        umask = os.umask(0o022)  # read by setting; put straight back
        os.umask(umask)
        return 0o666 & ~umask


TMP_MARK = ".tmp"  # in every temporary file's name, so leftovers of a crash can be found
# `.{stem}.{mkstemp's 8 random characters}.tmp{suffix}`: nothing a user names a file by chance.
_TMP_NAME = re.compile(r"\..+\.[a-z0-9_]{8}\.tmp(\.[A-Za-z0-9]+)?")


def remove_leftovers(folder: str | os.PathLike[str], older_than_s: float = 3600.0) -> list[Path]:
    """Delete temporary files a crash left in `folder` (`write_checked`'s `.name.xxxx.tmp…`).

    Only those older than `older_than_s`: a younger one may be another copy of the game
    writing right now. Returns what was removed; a folder that cannot be read is left alone.
    """
    removed: list[Path] = []
    cutoff = time.time() - older_than_s
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for e in entries:
        if not _TMP_NAME.fullmatch(e.name):
            continue
        try:
            if e.is_file(follow_symlinks=False) and e.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(e.path)
                removed.append(Path(e.path))
        except OSError:
            continue
    if removed:
        log.info("removed %d leftover temporary files from %s", len(removed), folder)
    return removed


def _fsync_folder(folder: Path) -> None:
    # The rename is an entry in the folder; syncing the folder makes it survive a power cut.
    # Windows cannot open a folder for this, and its rename is already journalled.
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def set_aside(
    path: str | os.PathLike[str],
    *,
    sidecar_suffixes: Sequence[str] = (),
    now: datetime | None = None,
) -> Path:
    """Rename an unreadable file to `<name>.corrupt-<UTC stamp>` and return the new path.

    Why it was unreadable is the caller's to say, in one notice (`set_aside_notice`).
    `sidecar_suffixes` are companion files that belong to it (SQLite's `-wal`,
    `-shm`, `-journal`): they move with it, keeping the copy openable, and, for
    the WAL, because SQLite would otherwise replay a stale log into the fresh
    database created at the old name. If a copy with the same stamp exists, a
    counter is added (`…Z-1`, `…Z-2`); nothing is ever overwritten.
    """
    from datetime import UTC, datetime

    path = Path(path)
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    base = f"{path.name}.corrupt-{stamp}"
    for n in itertools.count():
        target = path.with_name(base if n == 0 else f"{base}-{n}")
        taken = [Path(f"{target}{s}") for s in ("", *sidecar_suffixes)]
        if any(p.exists() for p in taken):
            continue
        if _move_no_clobber(path, target):
            break
    for suffix in sidecar_suffixes:
        sidecar = Path(f"{path}{suffix}")
        if sidecar.exists():
            _move_no_clobber(sidecar, Path(f"{target}{suffix}"))
    _fsync_folder(path.parent)
    # Not logged, even for debugging: the caller's notice (`set_aside_notice`) is the one line.
    return target


def _move_no_clobber(src: Path, dst: Path) -> bool:
    """Rename src to dst unless dst exists (then False); os.rename alone overwrites on POSIX."""
    try:
        # A hard link fails if dst exists, atomically; unlinking src completes the move.
        os.link(src, dst)
    except FileExistsError:
        return False
    except OSError:
        # No hard links on this file system (FAT, some network shares): check, then rename.
        # Windows' rename refuses an existing target by itself.
        if dst.exists():
            return False
        try:
            os.rename(src, dst)
        except FileExistsError:
            return False
        return True
    os.unlink(src)
    return True


def set_aside_notice(
    path: str | os.PathLike[str],
    moved_to: str | os.PathLike[str],
    reason: str,
    fresh: str = "starting a fresh one",
) -> str:
    """The user-facing sentence for a set-aside file."""
    return f"{path} was unreadable ({reason}); moved to {moved_to}; {fresh}."
