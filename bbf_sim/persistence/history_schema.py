"""The history database's schema: its tables by version, the migrations, and checks of stored values.

`history.History` opens, checks and migrates the file with these; nothing here opens it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bbf_sim.persistence.records import SUMMARY_FLOAT_KEYS, SUMMARY_INT_KEYS, StoredAttempt

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
# v4: the habit rule each row's `fired_without_af` was counted under (`habit_rule`): older rows
# 1 (every frame before AF was on the target), new rows 2 (judged by the level's lesson); the
# old rows are then settled by `practice.habit_recount.recount_old_attempts`.
_V4 = (
    "ALTER TABLE attempts ADD COLUMN habit_rule INTEGER NOT NULL DEFAULT 2",
    "UPDATE attempts SET habit_rule = 1",
)
MIGRATIONS: list[tuple[str, ...]] = [_V1, _V2, _V3, _V4]
SCHEMA_VERSION = len(MIGRATIONS)

TIME_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


# What `History` reads; a newer schema is usable read-only if all of these still exist.
READ_COLUMNS = {
    "attempts": (
        "id, level_id, level_hash, mode, settings_json, seed, started_at, ended_at, "
        "summary_json, replay_path, completed"
    ),
    "frames": "attempt_id, idx, t_s, grade, r, reason",
}


# The columns each schema version has (what its migrations made), for `_check`.
COLUMNS_AT = {
    1: {
        "attempts": (
            "id, level_id, level_hash, mode, settings_json, seed, started_at, ended_at, frames, hits, hit_rate, "
            "mean_sharpness, fired_without_af, refocus_after_recompose, first_sharp_s, goal_met, summary_json, "
            "replay_path"
        ),
        "frames": "attempt_id, idx, t_s, grade, r",
    },
    2: {"frames": "reason"},
    3: {"attempts": "completed"},
    4: {"attempts": "habit_rule"},
}


def missing_columns(conn: sqlite3.Connection, version: int) -> str:
    """What a file at `version` lacks of that version's tables and columns ('' if nothing): a
    table dropped or a column gone by hand makes every later query fail."""
    for step in range(1, version + 1):
        for table, columns in COLUMNS_AT.get(step, {}).items():
            have = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
            if not have:
                return f"its table {table}"
            gone = [c for c in columns.split(", ") if c not in have]
            if gone:
                return f"column {table}.{gone[0]}"
    return ""


def header_user_version(path: Path) -> int:
    """`PRAGMA user_version` as the file's header holds it (bytes 60-63), or 0 if unreadable."""
    try:
        with path.open("rb") as f:
            header = f.read(64)
    except OSError:
        return 0
    if len(header) < 64 or not header.startswith(b"SQLite format 3\x00"):
        return 0
    return int.from_bytes(header[60:64], "big", signed=True)


def check_stored(a: StoredAttempt) -> None:
    """ValueError unless the stored attempt holds what stats reads, with the types it reads them as."""
    if not isinstance(a.settings, dict) or not isinstance(a.summary, dict):
        raise ValueError("settings and summary must be JSON objects")
    if not all(isinstance(v, str) for v in (a.level_id, a.level_hash, a.mode)):
        raise ValueError("level_id, level_hash and mode must be text")
    # Older rows may lack keys (stats reads them with defaults); a key present must have its type.
    for k in SUMMARY_INT_KEYS:
        v = a.summary.get(k, 0)
        if isinstance(v, bool) or not isinstance(v, int):
            raise ValueError(f"summary[{k!r}] must be an int")
    for k in SUMMARY_FLOAT_KEYS:
        v = a.summary.get(k)
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
            raise ValueError(f"summary[{k!r}] must be a number or null")


def time_text(t: datetime) -> str:
    return t.astimezone(UTC).strftime(TIME_FORMAT)


def parse_time(text: str) -> datetime:
    return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=UTC)


def sqlite_code(exc: sqlite3.Error) -> int:
    # Extended result codes carry the primary code in their low byte.
    return (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF


def describe_error(exc: sqlite3.Error) -> str:
    text = str(exc) or type(exc).__name__
    if sqlite_code(exc) in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL):
        # SQLite's own words ("disk I/O error") do not say what the user can do about it.
        return f"{text}: the disk may be full, or a file-size limit reached"
    return text


def connect_read_only(
    path: Path, busy_timeout_s: float, *, immutable: bool = False
) -> tuple[sqlite3.Connection | None, str | None]:
    """A read-only connection to a history and None, or None and why it cannot be read.

    For a newer bbf-sim's file, or one in a folder that cannot be written (`immutable`: SQLite
    then reads the file alone, without the `-shm` it could not create there).

    Never raises for the file's sake, and never writes it: `mode=ro`, and `query_only`
    on top. (Unlike `_check`, no read-write fallback for a hot journal: rolling it
    back would write to the newer version's file; it will do that itself.)
    """
    conn = None
    try:
        conn = sqlite3.connect(
            f"{path.absolute().as_uri()}?mode=ro{'&immutable=1' if immutable else ''}",
            uri=True,
            timeout=busy_timeout_s,
            isolation_level=None,
        )
        conn.execute("PRAGMA query_only = ON")
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check").fetchall()]
        if problems != ["ok"]:
            conn.close()
            return None, f"integrity check failed: {problems[0]}"
        for table, columns in READ_COLUMNS.items():
            conn.execute(f"SELECT {columns} FROM {table} LIMIT 0").fetchall()
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        if sqlite_code(exc) == sqlite3.SQLITE_READONLY:
            return None, "a write it was making was interrupted, and recovering it is left to the newer version"
        return None, describe_error(exc)
    return conn, None
