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

A file that is not a database, fails `PRAGMA integrity_check`, is a newer schema
than this code knows, or is some other program's database is set aside (see
`safe_files.set_aside`) with a notice in `History.notices`, and a fresh one is
started. Anything else that stops history from working (a folder that cannot be
written, a lock held past the timeout) is a `HistoryUnavailable`, a `UserError`.
"""

from __future__ import annotations

import contextlib
import json
import math
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from bbf_sim.errors import UserError
from bbf_sim.persistence.records import (
    SUMMARY_BOOL_KEYS,
    SUMMARY_FLOAT_KEYS,
    SUMMARY_INT_KEYS,
    AttemptRecord,
    FrameRow,
    StoredAttempt,
)
from bbf_sim.persistence.safe_files import set_aside, set_aside_notice

HISTORY_FILE = "history.sqlite3"
# Long enough to outwait another copy of the game writing one attempt.
BUSY_TIMEOUT_S = 5.0
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")

# MIGRATIONS[i] takes the schema from version i to i + 1. Append only: never edit a
# released step, since databases in the wild were made by it.
_V1 = (
    """CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        level_id TEXT NOT NULL,
        level_hash TEXT NOT NULL,
        mode TEXT NOT NULL,
        settings_json TEXT NOT NULL,
        seed TEXT NOT NULL,
        started_at TEXT NOT NULL,
        ended_at TEXT NOT NULL,
        frames INTEGER NOT NULL,
        hits INTEGER NOT NULL,
        hit_rate REAL,
        mean_sharpness REAL,
        fired_without_af INTEGER NOT NULL,
        refocus_after_recompose INTEGER NOT NULL,
        first_sharp_s REAL,
        goal_met INTEGER NOT NULL,
        summary_json TEXT NOT NULL,
        replay_path TEXT
    )""",
    """CREATE TABLE frames (
        attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
        idx INTEGER NOT NULL,
        t_s REAL NOT NULL,
        grade TEXT NOT NULL,
        r REAL,
        PRIMARY KEY (attempt_id, idx)
    )""",
)
# v2: why each frame got its grade (v1 rows get ''), and an index for the stats
# screen's usual question, "this level in this mode, over time".
_V2 = (
    "ALTER TABLE frames ADD COLUMN reason TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX attempts_by_level_mode ON attempts (level_id, mode, started_at)",
)
# v3: attempts ended early (quit from the pause screen) are kept too, flagged, so stats
# can show them as abandoned and leave them out of hit rates; every older row was completed.
_V3 = ("ALTER TABLE attempts ADD COLUMN completed INTEGER NOT NULL DEFAULT 1",)
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2, _V3]
SCHEMA_VERSION = len(MIGRATIONS)

_TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"
_DAMAGED = {sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB}
_BUSY = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}


class HistoryUnavailable(UserError):
    """History cannot be opened or written (not corruption: that is set aside instead)."""


class _Unusable(Exception):
    """The file is not a history database this code can use; the message is the reason."""


class History:
    """The practice history in `<data_dir>/history.sqlite3`. Use `History.open`."""

    def __init__(self, path: Path, conn: sqlite3.Connection, notices: list[str]):
        self.path = path
        self.notices = notices
        self._conn: sqlite3.Connection | None = conn

    @classmethod
    def open(cls, data_dir: str | Path) -> History:
        """Open (or create) the history; an unusable file is set aside with a notice."""
        path = Path(data_dir) / HISTORY_FILE
        notices: list[str] = []
        try:
            conn = _connect(path)
        except _Unusable as exc:
            reason = str(exc)
            try:
                moved = set_aside(path, reason, sidecar_suffixes=SQLITE_SIDECARS)
            except OSError as err:
                # Starting fresh would mean overwriting it: refuse instead.
                raise HistoryUnavailable(
                    f"{path} is unreadable ({reason}) and could not be moved aside: {err.strerror or err}"
                ) from None
            notices.append(set_aside_notice(path, moved, reason))
            try:
                conn = _connect(path)
            except _Unusable as again:
                # Another copy of the game put a bad file back in the moment between.
                raise HistoryUnavailable(f"{path}: {again}") from None
        return cls(path, conn, notices)

    # -- writing -----------------------------------------------------------------

    def record_attempt(self, rec: AttemptRecord) -> int:
        """Store one attempt and its frames in one transaction; returns the attempt id."""
        conn = self._live()
        s = rec.summary
        row = (
            rec.level_id,
            rec.level_hash,
            rec.mode,
            json.dumps(rec.settings, allow_nan=False, sort_keys=True),
            str(rec.seed),
            _time_text(rec.started_at),
            _time_text(rec.ended_at),
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
            raise HistoryUnavailable(f"could not save the attempt to {self.path}: {_describe(exc)}") from None
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
        return [
            StoredAttempt(
                id=r[0],
                level_id=r[1],
                level_hash=r[2],
                mode=r[3],
                settings=json.loads(r[4]),
                seed=int(r[5]),
                started_at=_parse_time(r[6]),
                ended_at=_parse_time(r[7]),
                summary=json.loads(r[8]),
                replay_path=r[9],
                completed=bool(r[10]),
            )
            for r in rows
        ]

    def frames(self, attempt_id: int) -> list[FrameRow]:
        """One attempt's frames in the order they were fired (empty if no such attempt)."""
        rows = self._query(
            "SELECT t_s, grade, r, reason FROM frames WHERE attempt_id = ? ORDER BY idx",
            (attempt_id,),
        )
        return [FrameRow(t_s=t, grade=g, r=math.inf if r is None else r, reason=why) for t, g, r, why in rows]

    # -- lifetime ----------------------------------------------------------------

    def close(self) -> None:
        """Close the database; safe to call twice."""
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

    def _live(self) -> sqlite3.Connection:
        if self._conn is None:
            raise ValueError("history is closed")
        return self._conn

    def _query(self, sql: str, params: Any) -> list[tuple[Any, ...]]:
        try:
            return self._live().execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise HistoryUnavailable(f"could not read {self.path}: {_describe(exc)}") from None


# -- opening -----------------------------------------------------------------------


def _connect(path: Path) -> sqlite3.Connection:
    """A connection to a checked, current-schema history; `_Unusable` if the file is not one."""
    if path.exists():
        _check(path)
    try:
        # isolation_level=None: no implicit transactions; record_attempt opens its own.
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    except sqlite3.Error as exc:
        raise HistoryUnavailable(f"cannot open {path}: {_describe(exc)}") from None
    try:
        _use_wal(conn)
        conn.execute("PRAGMA synchronous = FULL")  # an attempt reported saved survives a power cut
        conn.execute("PRAGMA foreign_keys = ON")
        _migrate(conn)
    except sqlite3.Error as exc:
        conn.close()
        if _code(exc) in _DAMAGED:
            raise _Unusable(_describe(exc)) from None
        raise HistoryUnavailable(f"cannot open {path}: {_describe(exc)}") from None
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
        raise HistoryUnavailable(f"cannot open {path}: {_describe(exc)}") from None
    try:
        # One read transaction, so every check sees the same snapshot: between two
        # autocommit reads another copy of the game may commit its first migration,
        # and "version 0 but tables exist" would look like someone else's database.
        conn.execute("BEGIN")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise _Unusable(f"schema version {version} is from a newer bbf-sim; this one reads up to {SCHEMA_VERSION}")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            more = f" and {len(problems) - 1} more" if len(problems) > 1 else ""
            raise _Unusable(f"integrity check failed: {problems[0]}{more}")
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
        if _code(exc) in _DAMAGED:
            raise _Unusable(_describe(exc)) from None
        if read_only and _code(exc) == sqlite3.SQLITE_READONLY:
            # A hot rollback journal (a crash in rollback mode) needs a writer to
            # roll it back before anyone can read; that recovery is what we want.
            conn.close()
            _check(path, read_only=False)
            return
        raise HistoryUnavailable(f"cannot open {path}: {_describe(exc)}") from None
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
            if _code(exc) not in _BUSY or time.monotonic() > deadline:
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
            raise _Unusable(f"schema version {version} is from a newer bbf-sim")
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


# -- helpers -----------------------------------------------------------------------


def _code(exc: sqlite3.Error) -> int:
    # Extended result codes carry the primary code in their low byte.
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def _describe(exc: sqlite3.Error) -> str:
    return str(exc) or type(exc).__name__


def _time_text(t: datetime) -> str:
    return t.astimezone(UTC).strftime(_TIME_FORMAT)


def _parse_time(text: str) -> datetime:
    return datetime.strptime(text, _TIME_FORMAT).replace(tzinfo=UTC)
