"""The practice history: every attempt and its frames, in one SQLite file.

File `history.sqlite3` in the data folder. Schema version in `PRAGMA user_version`,
brought forward by `MIGRATIONS`. WAL journal and a busy timeout, so two copies of
the game can have it open at once; each attempt is written in one transaction
(attempt row and all its frame rows, or nothing).

| table | one row per | notes |
|---|---|---|
| `attempts` | play of a level in a mode | summary keys as columns; all of it as JSON; `completed` 0 if ended early |
| `frames` | fired frame | `r` NULL means infinite (SQLite's JSON has no inf; NULL is unambiguous) |

Stored conventions: times are UTC text `YYYY-MM-DDTHH:MM:SS.ffffffZ` (sorts as it
reads); `seed` is decimal text, because seeds from `numpy.random.SeedSequence` can
exceed SQLite's 64-bit integers; non-finite summary floats are NULL.

A file that is not a database, fails `PRAGMA integrity_check`, is some other
program's database, has a negative schema version or lacks a table or column its
version has (`history_schema.missing_columns`), or is not a regular file at all (a
folder, a device such as /dev/null, a named pipe) is set aside (see
`safe_files.set_aside`) with a notice in `History.notices`, and a fresh one is started.
A row whose values cannot be read (bad JSON, a seed that is not a number, a bad date) is
left out of `attempts` and counted in `skipped_rows` and a notice; the rest are shown.

A history in a folder that cannot be written (or on a full disk) is opened read-only,
as a newer version's is (below), with a notice; `unwritable` says why. Anything else
that stops history from working (a lock held past the timeout) is a
`HistoryUnavailable`, a `UserError` (exit status 73 when it is the disk).

A file a newer bbf-sim wrote (`user_version` above `SCHEMA_VERSION`) is not damaged
and is never moved or written: setting it aside would make that newer version find
no history. It is opened read-only (`History.read_only`), with one notice saying so:
`attempts` and `frames` give what the columns this code knows can read (nothing if
they are gone or the file fails its check), and `record_attempt` stores nothing and
returns None. The read-only connection may leave SQLite's own empty `-wal`/`-shm`
sidecars beside a WAL file; the database file itself keeps every byte.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from bbf_sim.errors import CANNOT_WRITE_STATUS, UserError
from bbf_sim.persistence.history_schema import (
    MIGRATIONS,
    SCHEMA_VERSION,
    check_stored,
    connect_read_only,
    describe_error,
    header_user_version,
    missing_columns,
    parse_time,
    sqlite_code,
    time_text,
)
from bbf_sim.persistence.records import (
    SUMMARY_BOOL_KEYS,
    SUMMARY_FLOAT_KEYS,
    SUMMARY_INT_KEYS,
    AttemptRecord,
    FrameRow,
    StoredAttempt,
)
from bbf_sim.persistence.safe_files import FileRefused, check_regular_file, set_aside, set_aside_notice

HISTORY_FILE = "history.sqlite3"
# Long enough to outwait another copy of the game writing one attempt.
BUSY_TIMEOUT_S = 5.0
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
Settle = Callable[[sqlite3.Connection, Path], list[str]]  # see `History.open`

_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_NO_WRITE = {sqlite3.SQLITE_READONLY, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class HistoryUnavailable(UserError):
    """History cannot be opened or written (not corruption: that is set aside instead)."""


class HistoryReadOnly(HistoryUnavailable):
    """Raised by callers that must write (saving an attempt with its replay) to a `read_only` history."""


class _Unusable(Exception):
    """The file is not a history database this code can use; the message is the reason."""


class _CannotWrite(Exception):
    """The folder or the file cannot be written (read-only, no permission): the message says which."""


class _Newer(Exception):
    """The file's schema is from a newer bbf-sim: read it only, never move or change it."""

    def __init__(self, version: int):
        super().__init__(f"schema version {version} is from a newer bbf-sim")
        self.version = version


class History:
    """The practice history in `<data_dir>/history.sqlite3`. Use `History.open`."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection | None,
        notices: list[str],
        *,
        newer_version: int | None = None,
        unwritable: str | None = None,
    ):
        self.path = path
        self.notices = notices
        # Set when a newer bbf-sim wrote the file: then nothing is ever written to it.
        self.newer_version = newer_version
        # Set (why, in words) when the folder or the file cannot be written: read-only too.
        self.unwritable = unwritable
        # Rows that could not be read (a damaged value): skipped, and counted here.
        self.skipped_rows = 0
        self._conn = conn
        self._closed = False

    @property
    def read_only(self) -> bool:
        """True for a newer bbf-sim's file, or one that cannot be written: `record_attempt` stores nothing."""
        return self.newer_version is not None or self.unwritable is not None

    @property
    def not_recorded_reason(self) -> str:
        """Why attempts are not recorded, short enough for one line ('' when they are)."""
        if self.newer_version is not None:
            return f"history is from a newer bbf-sim (schema v{self.newer_version}); update bbf-sim to record attempts"
        if self.unwritable is not None:
            return f"history cannot be written ({self.unwritable})"
        return ""

    @classmethod
    def open(cls, data_dir: str | Path, settle: Settle | None = None) -> History:
        """Open (or create) the history; an unusable file is set aside with a notice, a newer
        bbf-sim's file opened read-only (module notes). `settle(conn, data_dir)` brings older
        rows under today's rules and returns its notices (`practice.habit_recount`)."""
        path = Path(data_dir) / HISTORY_FILE
        notices: list[str] = []
        unwritable = _unwritable(path)
        if unwritable is not None:
            return cls._open_unwritable(path, unwritable)
        try:
            conn = _connect(path)
        except _Newer as newer:
            return cls._open_newer(path, newer.version)
        except _CannotWrite as exc:
            return cls._open_unwritable(path, str(exc))
        except HistoryUnavailable as exc:
            if exc.exit_status != CANNOT_WRITE_STATUS:
                raise
            # A full disk: what is there can still be shown (stats only reads).
            return cls._open_unwritable(path, "the disk is full, or a file-size limit was reached")
        except _Unusable as exc:
            reason = str(exc)
            try:
                moved = set_aside(path, sidecar_suffixes=SQLITE_SIDECARS)
            except OSError as err:
                # Starting fresh would mean overwriting it: refuse instead.
                raise HistoryUnavailable(
                    f"{path} is unreadable ({reason}) and could not be moved aside: {err.strerror or err}"
                ) from None
            notices.append(set_aside_notice(path, moved, reason))
            try:
                conn = _connect(path)
            except _Newer as newer:
                # A newer copy of the game started a fresh history in the moment between.
                return cls._open_newer(path, newer.version, notices)
            except _Unusable as again:
                # Another copy of the game put a bad file back in the moment between.
                raise HistoryUnavailable(f"{path}: {again}") from None
        settled = settle(conn, path.parent) if settle is not None else []
        return cls(path, conn, [*notices, *settled])

    @classmethod
    def _open_unwritable(cls, path: Path, why: str) -> History:
        """A history in a folder (or a file) that cannot be written: shown read-only, nothing recorded."""
        if not path.exists():
            notice = f"{path} cannot be created ({why}): attempts you play now are not recorded."
            return cls(path, None, [notice], unwritable=why)
        try:
            check_regular_file(path)  # SQLite opening a named pipe would wait for a writer for ever
        except OSError as exc:
            notice = f"{path} {exc.strerror}, and it cannot be set aside ({why}): no past attempts are shown."
            return cls(path, None, [notice], unwritable=why)
        conn, why_not = connect_read_only(path, BUSY_TIMEOUT_S, immutable=not _can_write(path.parent))
        if why_not is None:
            notice = (
                f"{path} cannot be written ({why}): it is shown read-only, and attempts you play now are not recorded."
            )
        else:
            notice = f"{path} cannot be written ({why}) nor read ({why_not}): no past attempts are shown."
        return cls(path, conn, [notice], unwritable=why)

    @classmethod
    def _open_newer(cls, path: Path, version: int, notices: list[str] | None = None) -> History:
        """A newer bbf-sim's history, read-only; unreadable parts are shown as nothing, never raised."""
        conn, why_not = connect_read_only(path, BUSY_TIMEOUT_S)
        known = f"schema v{version}; this one knows up to v{SCHEMA_VERSION}"
        if why_not is None:
            notice = (
                f"{path} was written by a newer bbf-sim ({known}). This version will not change it: "
                "it shows the attempts it can read, but attempts you play now are not recorded. "
                "Update bbf-sim to record them."
            )
        else:
            notice = (
                f"{path} was written by a newer bbf-sim ({known}) and this version cannot read it "
                f"({why_not}). It is left as it is: no past attempts are shown and attempts you play "
                "now are not recorded. Update bbf-sim to see and record them."
            )
        return cls(path, conn, [*(notices or []), notice], newer_version=version)

    # -- writing -----------------------------------------------------------------

    def record_attempt(self, rec: AttemptRecord) -> int | None:
        """Store one attempt and its frames in one transaction; returns the attempt id.

        None: not recorded, because the file is a newer bbf-sim's (`read_only`).
        """
        conn = self._live()
        if self.read_only or conn is None:
            return None
        s = rec.summary
        row = (
            rec.level_id,
            rec.level_hash,
            rec.mode,
            json.dumps(rec.settings, allow_nan=False, sort_keys=True),
            str(rec.seed),
            time_text(rec.started_at),
            time_text(rec.ended_at),
            *(s[k] for k in SUMMARY_INT_KEYS),
            *(s[k] for k in SUMMARY_FLOAT_KEYS),
            *(int(s[k]) for k in SUMMARY_BOOL_KEYS),
            json.dumps(s, allow_nan=False, sort_keys=True),
            rec.replay_path,
            int(rec.completed),
        )
        columns = (
            "level_id, level_hash, mode, settings_json, seed, started_at, ended_at, "
            + ", ".join(SUMMARY_INT_KEYS + SUMMARY_FLOAT_KEYS + SUMMARY_BOOL_KEYS)
            + ", summary_json, replay_path, completed"
        )
        frame_rows = [
            (i, f.t_s, f.grade, f.r if math.isfinite(f.r) else None, f.reason) for i, f in enumerate(rec.frames)
        ]
        try:
            # IMMEDIATE takes the write lock up front, so waiting for another writer
            # goes through the busy timeout instead of failing on a lock upgrade.
            conn.execute("BEGIN IMMEDIATE")
            try:
                cur = conn.execute(
                    f"INSERT INTO attempts ({columns}) VALUES ({', '.join('?' * len(row))})",
                    row,
                )
                attempt_id = cur.lastrowid
                assert attempt_id is not None
                conn.executemany(
                    "INSERT INTO frames (attempt_id, idx, t_s, grade, r, reason) VALUES (?, ?, ?, ?, ?, ?)",
                    [(attempt_id, *fr) for fr in frame_rows],
                )
                conn.execute("COMMIT")
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise _unavailable(f"could not save the attempt to {self.path}", exc) from None
        return attempt_id

    # -- reading -----------------------------------------------------------------

    def attempts(self, level_id: str | None = None, mode: str | None = None) -> list[StoredAttempt]:
        """Stored attempts, oldest first, optionally only one level and/or one mode."""
        where, params = [], []
        if level_id is not None:
            where.append("level_id = ?")
            params.append(level_id)
        if mode is not None:
            where.append("mode = ?")
            params.append(mode)
        sql = (
            "SELECT id, level_id, level_hash, mode, settings_json, seed, started_at, "
            "ended_at, summary_json, replay_path, completed FROM attempts"
            + (f" WHERE {' AND '.join(where)}" if where else "")
            + " ORDER BY started_at, id"
        )
        rows = self._query(sql, params)
        out = []
        skipped = 0
        for r in rows:
            try:
                out.append(
                    StoredAttempt(
                        id=r[0],
                        level_id=r[1],
                        level_hash=r[2],
                        mode=r[3],
                        settings=json.loads(r[4]),
                        seed=int(r[5]),
                        started_at=parse_time(r[6]),
                        ended_at=parse_time(r[7]),
                        summary=json.loads(r[8]),
                        replay_path=r[9],
                        completed=bool(r[10]),
                    )
                )
                check_stored(out[-1])
            except (TypeError, ValueError, RecursionError, OverflowError):
                if out and out[-1].id == r[0]:
                    out.pop()
                # A damaged row (bad JSON, a seed that is not a number, a bad date), or a value a
                # newer bbf-sim stores differently: the rest are shown, and the count reported.
                skipped += 1
                continue
        self.skipped_rows = skipped
        if skipped:
            note = (
                f"{self.path}: {skipped} attempt{'s' * (skipped != 1)} could not be read "
                f"(damaged values) and {'are' if skipped != 1 else 'is'} left out; the rest are shown."
            )
            if note not in self.notices:
                self.notices.append(note)
        return out

    def replay_paths(self) -> set[str]:
        """Every replay path an attempt names (relative to the data folder)."""
        return {r[0] for r in self._query("SELECT replay_path FROM attempts WHERE replay_path IS NOT NULL", ())}

    def frames(self, attempt_id: int) -> list[FrameRow]:
        """One attempt's frames in the order they were fired (empty if no such attempt)."""
        rows = self._query(
            "SELECT t_s, grade, r, reason FROM frames WHERE attempt_id = ? ORDER BY idx",
            (attempt_id,),
        )
        out = []
        for t, g, r, why in rows:
            try:
                out.append(FrameRow(t_s=t, grade=g, r=math.inf if r is None else r, reason=why))
            except (TypeError, ValueError):
                continue  # a damaged row, or a newer bbf-sim's grade this one does not know: the rest are shown
        return out

    # -- lifetime ----------------------------------------------------------------

    def close(self) -> None:
        """Close the database; safe to call twice."""
        self._closed = True
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def __enter__(self) -> History:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def _live(self) -> sqlite3.Connection | None:
        """The connection; None only for a newer bbf-sim's file this code cannot read (`read_only`)."""
        if self._closed:
            raise ValueError("history is closed")
        return self._conn

    def _query(self, sql: str, params: Any) -> list[tuple[Any, ...]]:
        conn = self._live()
        if conn is None:
            return []
        try:
            return conn.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryUnavailable(f"could not read {self.path}: {describe_error(exc)}") from None


# -- opening -----------------------------------------------------------------------


def _unavailable(what: str, exc: sqlite3.Error) -> HistoryUnavailable:
    """`what` failed for `exc`'s reason; exit status 73 when it is the disk (full, a size limit, read-only)."""
    disk = sqlite_code(exc) in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL, sqlite3.SQLITE_READONLY)
    return HistoryUnavailable(f"{what}: {describe_error(exc)}", exit_status=CANNOT_WRITE_STATUS if disk else None)


def _can_write(path: Path) -> bool:
    # A seam for tests: root passes every permission check, so they make it say no.
    return os.access(path, os.W_OK)


def _unwritable(path: Path) -> str | None:
    """Why the history cannot be written where it is (in words), or None if it can be.

    SQLite's WAL puts `-wal` and `-shm` files beside the database, so the folder must be
    writable too, as it must be for setting a damaged file aside.
    """
    folder = path.parent
    if not _can_write(folder):
        return f"the folder {folder} is read-only"
    if path.is_file() and not _can_write(path):
        return "the file is read-only"
    return None


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to a checked, current-schema history; `_Unusable` if the file is not one."""
    if path.exists() or path.is_symlink():
        try:
            check_regular_file(path)
        except FileRefused as exc:
            raise _Unusable(f"it {exc.strerror}") from None
        except OSError:
            pass  # a dangling link: SQLite says what it makes of it
        _check(path)  # raises _Newer before anything could write to a newer file
    try:
        # isolation_level=None: no implicit transactions; record_attempt opens its own.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        if sqlite_code(exc) in _NO_WRITE:
            raise _CannotWrite(describe_error(exc)) from None
        raise _unavailable(f"cannot open {path}", exc) from None
    try:
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")  # an attempt reported saved survives a power cut
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        if sqlite_code(exc) in _DAMAGED:
            raise _Unusable(describe_error(exc)) from None
        if sqlite_code(exc) in _NO_WRITE:
            raise _CannotWrite(describe_error(exc)) from None
        raise _unavailable(f"cannot open {path}", exc) from None
    except BaseException:
        conn.close()
        raise
    return conn


def _check(path: Path, read_only: bool = True) -> None:
    """`_Unusable` unless `path` is a sound history database this code can read.

    Read-only, so a file about to be set aside keeps every byte: closing the last
    read-write connection would checkpoint or delete a `-wal` sidecar that
    SQLite could not make sense of.
    """
    target = f"{path.absolute().as_uri()}?mode=ro" if read_only else str(path)
    try:
        conn = sqlite3.connect(target, uri=read_only, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise _unavailable(f"cannot open {path}", exc) from None
    try:
        # One read transaction, so every check sees the same snapshot: between two
        # autocommit reads another copy of the game may commit its first migration,
        # and "version 0 but tables exist" would look like someone else's database.
        conn.execute("BEGIN")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _Newer(version)
        if version < 0:
            raise _Unusable(f"unknown schema version {version}")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            raise _Unusable(f"integrity check failed: {problems[0]}{more}")
        if version > 0:
            missing = missing_columns(conn, version)
            if missing:
                raise _Unusable(f"schema version {version} without {missing}")
        if version == 0:
            foreign = [
                r[0]
                for r in conn.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                )
            ]
            if foreign:
                raise _Unusable(f"not a bbf-sim history: it holds tables {', '.join(sorted(foreign))}")
    except sqlite3.Error as exc:
        if sqlite_code(exc) in _DAMAGED:
            raise _Unusable(describe_error(exc)) from None
        if read_only and sqlite_code(exc) == sqlite3.SQLITE_READONLY:
            # A hot rollback journal (a crash in rollback mode) needs a writer to
            # roll it back before anyone can read; that recovery is what we want,
            # unless the header says a newer bbf-sim wrote it: that one recovers its own.
            conn.close()
            header_version = header_user_version(path)
            if header_version > SCHEMA_VERSION:
                raise _Newer(header_version) from None
            _check(path, read_only=False)
            return
        raise _unavailable(f"cannot open {path}", exc) from None
    finally:
        conn.close()


def _use_wal(conn: sqlite3.Connection) -> None:
    # Switching a new file to WAL needs a brief exclusive lock, and SQLite does not
    # run the busy handler for it, so two copies starting at once must retry by hand.
    # If the file system cannot do WAL (some network shares) SQLite keeps the old
    # journal mode: slower for two copies at once, but still correct.
    deadline = time.monotonic() + BUSY_TIMEOUT_S
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            if sqlite_code(exc) not in _BUSY or time.monotonic() > deadline:
                raise
            time.sleep(0.01)


def _migrate(conn: sqlite3.Connection) -> None:
    if conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION:
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        # Read again under the write lock: another copy may have migrated meanwhile.
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            # A newer copy of the game created or migrated it since `_check`.
            raise _Newer(version)
        for step in range(version, SCHEMA_VERSION):
            for statement in MIGRATIONS[step]:
                conn.execute(statement)
            # user_version lives in the file header, so it commits with the steps.
            conn.execute(f"PRAGMA user_version = {step + 1}")
        conn.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            conn.execute("ROLLBACK")
        raise
