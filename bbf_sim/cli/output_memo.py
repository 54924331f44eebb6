"""A command's printed output kept for the same inputs: `bbf-sim levels` without loading pydantic again.

Listing levels means validating every file, and the schema alone takes most of the
command's start-up. The listing is a pure function of the level files, the files
beside them (a background image decides whether a level is valid), the code that
reads them and the command line; so its output is kept, keyed by a fingerprint of
all of those, and printed again when the fingerprint matches.

| key part | why |
|---|---|
| command line and working folder | paths are printed relative to the working folder |
| each level file's bytes | the file itself |
| every other file under the level files' folders: name, size, time | images a level names |
| our modules the listing imports, the shipped levels' listing (`CODE`); Python's, pydantic's versions | the rules |

Kept in `$BBF_SIM_CACHE_DIR` (set empty: never kept), else the platform's user cache
folder, as one small JSON file of the last few outputs. Anything unreadable or
unwritable there just means the command runs as if nothing was kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
from collections.abc import Callable, Iterable
from importlib import util
from itertools import islice
from pathlib import Path

CACHE_ENV = "BBF_SIM_CACHE_DIR"
MEMO_FILE = "outputs.json"
MEMO_ENTRIES = 16  # outputs kept, newest last
MEMO_MAX_BYTES = 8 << 20  # a larger memo file (or one that is not a regular file) is not read
MAX_FILES_BESIDE = 2000  # a folder holding more than this is listed afresh each time
# Every module of ours that making the listing imports (a test holds this to the truth), and the
# shipped levels' listing committed with them (`levels.listing`).
CODE = (
    "levels",
    "levels/shipped_listing.json",
    "errors.py",
    "cli/levels_cmd.py",
    "cli/output_memo.py",
    "persistence/safe_files.py",
)


def cache_dir() -> Path | None:
    """Where outputs are kept; None when `$BBF_SIM_CACHE_DIR` is set empty."""
    where = os.environ.get(CACHE_ENV)
    if where is not None:
        return Path(where).expanduser() if where else None
    import platformdirs

    return Path(platformdirs.user_cache_dir("bbf-sim", appauthor=False))


def _code_fingerprint(h: hashlib._Hash) -> None:
    from bbf_sim.levels.files import source_fingerprint

    h.update(source_fingerprint(CODE).encode())
    h.update(sys.version.encode())
    spec = util.find_spec("pydantic")  # finds the installed pydantic without importing it
    if spec is not None and spec.origin is not None:
        st = os.stat(spec.origin)
        h.update(f"{spec.origin}:{st.st_size}:{st.st_mtime_ns}".encode())


def fingerprint(argv: Iterable[str], level_files: list[Path], problems: list[str]) -> str | None:
    """The key of one run, or None when something could not be fingerprinted (then nothing is kept)."""
    from bbf_sim.levels.files import MAX_LEVEL_BYTES  # larger files: the loader refuses them, nothing kept
    from bbf_sim.persistence.safe_files import read_capped

    h = hashlib.sha256()
    try:
        here = os.getcwd()  # relative paths in argv mean what they mean from here
    except FileNotFoundError:
        return None  # the working folder was deleted: nothing to key relative paths on, nothing kept
    h.update(json.dumps([list(argv), here, problems]).encode())
    try:
        _code_fingerprint(h)
        folders: set[Path] = set()
        for f in level_files:
            h.update(str(f).encode() + b"\0")
            h.update(read_capped(f, MAX_LEVEL_BYTES))
            folders.add(f.parent.resolve())
        for folder in sorted(folders):
            # Stop walking past the cap: a level named inside a large tree (a home folder) is not worth it.
            walked = (p for p in folder.rglob("*") if "__pycache__" not in p.parts)
            beside = sorted(islice(walked, MAX_FILES_BESIDE + 1))
            if len(beside) > MAX_FILES_BESIDE:
                return None
            for p in beside:
                st = p.stat()
                h.update(f"{p}:{st.st_mode}:{st.st_size}:{st.st_mtime_ns}\0".encode())
    except (OSError, ValueError):
        return None
    return h.hexdigest()


def _load(path: Path) -> dict[str, dict]:
    from bbf_sim.persistence.safe_files import read_capped

    try:  # capped and regular files only: a FIFO put there must not stall the command
        memo = json.loads(read_capped(path, MEMO_MAX_BYTES).decode("utf-8"))
    except (OSError, ValueError):
        return {}
    return memo if isinstance(memo, dict) else {}


def run_memoized(make_key: Callable[[], str | None], run: Callable[[], int]) -> int:
    """Print what `run` printed for the same key before, or run it, print and keep its output.

    `make_key()` (reading and hashing every file) is called only when outputs are kept.
    """
    folder = cache_dir()
    if folder is None:
        return run()
    key = make_key()
    if key is None:
        return run()
    path = folder / MEMO_FILE
    memo = _load(path)
    kept = memo.get(key)
    if isinstance(kept, dict) and isinstance(kept.get("out"), str) and isinstance(kept.get("status"), int):
        sys.stdout.write(kept["out"])
        return kept["status"]
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out):
            status = run()
    finally:
        sys.stdout.write(out.getvalue())  # what was printed before an error is still shown
    memo.pop(key, None)
    memo[key] = {"out": out.getvalue(), "status": status}
    while len(memo) > MEMO_ENTRIES:
        memo.pop(next(iter(memo)))
    with contextlib.suppress(OSError):
        from bbf_sim.persistence.safe_files import atomic_write_text

        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_text(path, json.dumps(memo))
    return status
