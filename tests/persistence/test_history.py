"""The SQLite practice history: round-trips, migration, damage, a newer version's file, two writers, a hard kill."""

import math
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bbf_sim.errors import UserError
from bbf_sim.persistence import history as history_module
from bbf_sim.persistence.history import (
    HISTORY_FILE,
    SCHEMA_VERSION,
    History,
    HistoryReadOnly,
    HistoryUnavailable,
)
from bbf_sim.persistence.records import GRADES, MODES, AttemptRecord, FrameRow
from tests.persistence.factories import NEWER_SCHEMA, T0, fingerprint, make_frames, make_record, newer_history

REPO_ROOT = Path(__file__).resolve().parents[2]


def db_file(data_dir: Path) -> Path:
    return data_dir / HISTORY_FILE


def raw(data_dir: Path) -> sqlite3.Connection:
    return sqlite3.connect(db_file(data_dir))


def user_version(data_dir: Path) -> int:
    with raw(data_dir) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def set_aside_copies(data_dir: Path) -> list[Path]:
    """The set-aside databases, without the sidecars that moved with them."""
    return sorted(
        p for p in data_dir.iterdir() if ".corrupt-" in p.name and not p.name.endswith(("-wal", "-shm", "-journal"))
    )


# -- round trips --------------------------------------------------------------------


def test_fresh_history_is_current_schema_in_wal_mode(tmp_path):
    with History.open(tmp_path) as h:
        assert h.notices == []
        assert h.attempts() == []
    assert user_version(tmp_path) == SCHEMA_VERSION
    with raw(tmp_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_attempt_and_frames_round_trip(tmp_path):
    rec = make_record(0, n_frames=6, seed=2**100)  # a SeedSequence-sized seed
    with History.open(tmp_path) as h:
        attempt_id = h.record_attempt(rec)
        [stored] = h.attempts()
        frames = h.frames(attempt_id)
    assert stored.id == attempt_id
    for name in (
        "level_id",
        "level_hash",
        "mode",
        "settings",
        "seed",
        "started_at",
        "ended_at",
        "summary",
        "replay_path",
    ):
        assert getattr(stored, name) == getattr(rec, name), name
    assert stored.started_at.tzinfo is not None
    assert frames == rec.frames
    assert frames[3].r == math.inf


def test_reopened_history_keeps_attempts(tmp_path):
    with History.open(tmp_path) as h:
        h.record_attempt(make_record(0))
    with History.open(tmp_path) as h:
        assert [a.summary["note"] for a in h.attempts()] == ["attempt 0"]


def test_summary_keys_are_real_columns_and_inf_r_is_null(tmp_path):
    with History.open(tmp_path) as h:
        attempt_id = h.record_attempt(make_record(0, n_frames=4))
    with raw(tmp_path) as conn:
        row = conn.execute(
            "SELECT frames, hits, hit_rate, mean_sharpness, fired_without_af, "
            "refocus_after_recompose, first_sharp_s, goal_met FROM attempts"
        ).fetchone()
        assert row == (4, 2, 0.5, 0.8, 1, 2, 0.5, 1)
        rs = conn.execute("SELECT r FROM frames WHERE attempt_id = ? ORDER BY idx", (attempt_id,)).fetchall()
        assert rs == [(0.25,), (0.75,), (1.5,), (None,)]
        # The whole summary is JSON SQLite itself can read (no Infinity tokens).
        assert conn.execute("SELECT json_extract(summary_json, '$.note') FROM attempts").fetchone()
        assert conn.execute("SELECT json_valid(summary_json) FROM attempts").fetchone() == (1,)


def test_non_finite_summary_values_are_stored_as_null(tmp_path):
    rec = make_record(0, n_frames=0)
    rec = AttemptRecord(**{**rec.__dict__, "summary": {**rec.summary, "mean_sharpness": math.nan}})
    assert rec.summary["mean_sharpness"] is None
    with History.open(tmp_path) as h:
        h.record_attempt(rec)
        assert h.attempts()[0].summary["mean_sharpness"] is None


def test_attempts_are_ordered_by_start_time_and_filtered(tmp_path):
    with History.open(tmp_path) as h:
        h.record_attempt(make_record(0, mode="bbf", started_at=T0 + timedelta(hours=2)))
        h.record_attempt(make_record(1, mode="shutter", started_at=T0))
        h.record_attempt(make_record(2, mode="bbf", level_id="l02", started_at=T0))
        # A different zone for the same instant must sort as that instant.
        tz = datetime(2026, 11, 29, 6, 0, tzinfo=UTC).astimezone().tzinfo
        h.record_attempt(make_record(3, started_at=(T0 + timedelta(hours=1)).astimezone(tz)))
        assert [a.summary["note"] for a in h.attempts()] == [
            "attempt 1",
            "attempt 2",
            "attempt 3",
            "attempt 0",
        ]
        assert [a.summary["note"] for a in h.attempts(level_id="l01-bird", mode="bbf")] == [
            "attempt 3",
            "attempt 0",
        ]
        assert [a.summary["note"] for a in h.attempts(mode="shutter")] == ["attempt 1"]
        assert h.attempts(level_id="nope") == []
        assert h.frames(999) == []


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"mode": "auto"}, "mode"),
        ({"started_at": datetime(2026, 1, 1)}, "timezone-aware"),
        ({"ended_at": T0 - timedelta(seconds=1)}, "before started_at"),
        ({"seed": -1}, "seed"),
        ({"seed": 1.5}, "seed"),
        ({"summary": {"frames": 1}}, "missing"),
        ({"summary_hits": True}, "hits"),
        ({"summary_goal_met": 1}, "goal_met"),
        ({"settings": {"x": object()}}, "settings.x"),
    ],
    ids=[
        "bad-mode",
        "naive-time",
        "ends-before-start",
        "negative-seed",
        "float-seed",
        "missing-summary-keys",
        "bool-as-count",
        "int-as-bool",
        "unjsonable-setting",
    ],
)
def test_bad_records_fail_where_they_are_made(change, message):
    fields = dict(make_record(0).__dict__)
    for key, value in change.items():
        if key.startswith("summary_"):
            fields["summary"] = {**fields["summary"], key.removeprefix("summary_"): value}
        else:
            fields[key] = value
    with pytest.raises(ValueError, match=message):
        AttemptRecord(**fields)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"grade": "blurry"}, "grade"),
        ({"r": math.nan}, "r must be"),
        ({"r": -0.1}, "r must be"),
        ({"t_s": math.inf}, "t_s"),
    ],
    ids=["unknown-grade", "nan-r", "negative-r", "infinite-time"],
)
def test_bad_frames_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        FrameRow(**{"t_s": 1.0, "grade": "sharp", "r": 0.5, **kwargs})


def test_stored_names_match_the_simulator():
    # Modes and grades are written into files; they must stay the simulator's names.
    from bbf_sim.core.controls import MODES as CORE_MODES

    assert set(MODES) == set(CORE_MODES)
    scoring = pytest.importorskip("bbf_sim.core.scoring")
    assert tuple(scoring.GRADES) == GRADES


def test_closed_history_refuses_use_and_closes_twice(tmp_path):
    h = History.open(tmp_path)
    h.close()
    h.close()
    with pytest.raises(ValueError, match="closed"):
        h.attempts()


# -- migration ------------------------------------------------------------------------

# Version 1 as released, written out here rather than taken from MIGRATIONS, so that
# an edit to a released migration step shows up as a failing test.
V1_DDL = """
CREATE TABLE attempts (
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
);
CREATE TABLE frames (
    attempt_id INTEGER NOT NULL REFERENCES attempts (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    t_s REAL NOT NULL,
    grade TEXT NOT NULL,
    r REAL,
    PRIMARY KEY (attempt_id, idx)
);
PRAGMA user_version = 1;
"""


def test_v1_database_migrates_to_current_with_data_intact(tmp_path):
    with raw(tmp_path) as conn:
        conn.executescript(V1_DDL)
        conn.execute(
            "INSERT INTO attempts VALUES (7, 'l01-bird', 'sha256:old', 'shutter', "
            "'{\"brand\": \"nikon\"}', '42', '2026-11-01T09:00:00.000000Z', "
            "'2026-11-01T09:00:30.000000Z', 2, 1, 0.5, 0.9, 0, 1, 1.25, 0, "
            '\'{"frames": 2, "hits": 1, "legacy": true}\', NULL)'
        )
        conn.executemany(
            "INSERT INTO frames VALUES (7, ?, ?, ?, ?)",
            [(0, 1.25, "sharp", 0.8), (1, 2.5, "miss", None)],
        )
    conn.close()
    assert user_version(tmp_path) == 1

    with History.open(tmp_path) as h:
        assert h.notices == []
        [old] = h.attempts()
        assert (old.id, old.mode, old.seed, old.settings) == (7, "shutter", 42, {"brand": "nikon"})
        assert old.started_at == datetime(2026, 11, 1, 9, 0, tzinfo=UTC)
        assert old.summary == {"frames": 2, "hits": 1, "legacy": True}
        assert h.frames(7) == [
            FrameRow(t_s=1.25, grade="sharp", r=0.8, reason=""),
            FrameRow(t_s=2.5, grade="miss", r=math.inf, reason=""),
        ]
        new_id = h.record_attempt(make_record(1))
        assert h.frames(new_id)[0].reason == "frame 0"

    assert user_version(tmp_path) == SCHEMA_VERSION == 4
    with raw(tmp_path) as conn:
        indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert "attempts_by_level_mode" in indexes


# Version 2 as released: version 1 plus these, again written out by hand.
V2_DDL = (
    V1_DDL.replace("PRAGMA user_version = 1;", "")
    + """
ALTER TABLE frames ADD COLUMN reason TEXT NOT NULL DEFAULT '';
CREATE INDEX attempts_by_level_mode ON attempts (level_id, mode, started_at);
PRAGMA user_version = 2;
"""
)


def test_v2_database_migrates_to_v3_and_old_attempts_count_as_completed(tmp_path):
    with raw(tmp_path) as conn:
        conn.executescript(V2_DDL)
        conn.execute(
            "INSERT INTO attempts VALUES (3, 'portrait-recompose', 'sha256:x', 'bbf', '{}', '9', "
            "'2026-11-02T09:00:00.000000Z', '2026-11-02T09:00:12.000000Z', 1, 1, 1.0, 0.3, 0, 0, 0.8, 0, "
            '\'{"frames": 1, "hits": 1}\', NULL)'
        )
        conn.execute("INSERT INTO frames VALUES (3, 0, 0.8, 'sharp', 0.3, 'sharp')")
    conn.close()
    assert user_version(tmp_path) == 2

    with History.open(tmp_path) as h:
        assert h.notices == []
        [old] = h.attempts()
        assert old.id == 3 and old.completed is True
        assert h.frames(3) == [FrameRow(t_s=0.8, grade="sharp", r=0.3, reason="sharp")]
        rec = make_record(1)
        abandoned = AttemptRecord(**{**rec.__dict__, "completed": False})
        new_id = h.record_attempt(abandoned)
        assert [a.completed for a in h.attempts()] == [True, False]
        assert [a.id for a in h.attempts() if not a.completed] == [new_id]
    assert user_version(tmp_path) == SCHEMA_VERSION == 4
    with raw(tmp_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT completed FROM attempts ORDER BY id").fetchall() == [(1,), (0,)]


# -- damaged files ----------------------------------------------------------------------


def _garbage(data_dir: Path) -> None:
    db_file(data_dir).write_bytes(b"this is not a database\x00" * 200)


def _truncated(data_dir: Path) -> None:
    with History.open(data_dir) as h:
        for i in range(30):
            h.record_attempt(make_record(i, n_frames=50))
    with raw(data_dir) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    data = db_file(data_dir).read_bytes()
    db_file(data_dir).write_bytes(data[: len(data) // 2])


def _index_disagrees(data_dir: Path) -> None:
    # The index now claims to cover another column: integrity_check lists rows, no exception.
    with History.open(data_dir) as h:
        for i in range(3):
            h.record_attempt(make_record(i))
    conn = raw(data_dir)
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute(
        "UPDATE sqlite_master SET sql = 'CREATE INDEX attempts_by_level_mode ON attempts "
        "(level_hash, seed, ended_at)' WHERE name = 'attempts_by_level_mode'"
    )
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _foreign_database(data_dir: Path) -> None:
    with raw(data_dir) as conn:
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.execute("INSERT INTO recipes VALUES ('soup')")
    conn.close()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_garbage, "not a database"),
        (_truncated, "malformed"),
        (_index_disagrees, "integrity check failed"),
        (_foreign_database, "not a bbf-sim history"),
    ],
    ids=["garbage-bytes", "truncated", "integrity-check-fails", "foreign-db"],
)
def test_unusable_database_is_set_aside_and_a_fresh_one_started(tmp_path, damage, reason):
    damage(tmp_path)
    original = db_file(tmp_path).read_bytes()

    with History.open(tmp_path) as h:
        [notice] = h.notices
        [copy] = set_aside_copies(tmp_path)
        assert copy.name.startswith(f"{HISTORY_FILE}.corrupt-")
        assert copy.read_bytes() == original  # untouched, byte for byte
        assert reason in notice
        assert str(db_file(tmp_path)) in notice and str(copy) in notice
        assert notice.endswith("starting a fresh one.")
        assert h.attempts() == []
        h.record_attempt(make_record(0))
    with History.open(tmp_path) as h:
        assert h.notices == []
        assert len(h.attempts()) == 1


def test_stale_wal_moves_with_the_set_aside_database(tmp_path):
    _garbage(tmp_path)
    (tmp_path / f"{HISTORY_FILE}-wal").write_bytes(b"old log")
    with History.open(tmp_path) as h:
        [copy] = set_aside_copies(tmp_path)
        assert Path(f"{copy}-wal").read_bytes() == b"old log"
        h.record_attempt(make_record(0))


def test_a_second_corruption_never_overwrites_the_first_copy(tmp_path):
    _garbage(tmp_path)
    History.open(tmp_path).close()
    db_file(tmp_path).write_bytes(b"second garbage" * 100)
    for p in tmp_path.glob(f"{HISTORY_FILE}-*"):  # the fresh database's own sidecars
        p.unlink()
    History.open(tmp_path).close()
    copies = set_aside_copies(tmp_path)
    assert sorted(p.read_bytes()[:6] for p in copies) == [b"second", b"this i"]


def test_empty_file_is_simply_a_new_history(tmp_path):
    db_file(tmp_path).write_bytes(b"")
    with History.open(tmp_path) as h:
        assert h.notices == []
    assert set_aside_copies(tmp_path) == []


def test_if_set_aside_fails_the_file_is_left_alone_and_the_user_told(tmp_path, monkeypatch):
    _garbage(tmp_path)
    original = db_file(tmp_path).read_bytes()

    def cannot_move(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(history_module, "set_aside", cannot_move)
    with pytest.raises(HistoryUnavailable, match="could not be moved aside") as err:
        History.open(tmp_path)
    assert isinstance(err.value, UserError)
    assert db_file(tmp_path).read_bytes() == original


def test_a_lock_held_past_the_timeout_is_an_error_not_corruption(tmp_path, monkeypatch):
    monkeypatch.setattr(history_module, "BUSY_TIMEOUT_S", 0.05)
    History.open(tmp_path).close()
    blocker = sqlite3.connect(db_file(tmp_path), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with (
            History.open(tmp_path) as h,
            pytest.raises(HistoryUnavailable, match="could not save the attempt"),
        ):
            h.record_attempt(make_record(0))
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert set_aside_copies(tmp_path) == []


# -- a newer bbf-sim's file -----------------------------------------------------------------
#
# A newer version's history is not damaged: an older version must leave it where it is,
# byte for byte, or going back to the newer version would find no history at all.


def test_newer_schema_is_read_not_moved_and_never_written(tmp_path):
    newer_history(tmp_path)
    before = fingerprint(tmp_path)

    with History.open(tmp_path) as h:
        assert h.read_only and h.newer_version == NEWER_SCHEMA
        [notice] = h.notices
        assert str(db_file(tmp_path)) in notice
        assert f"newer bbf-sim (schema v{NEWER_SCHEMA}; this one knows up to v{SCHEMA_VERSION})" in notice
        assert "will not change it" in notice and "not recorded" in notice and "Update bbf-sim" in notice
        # What this version can read, it shows.
        stored = h.attempts()
        assert [a.summary["note"] for a in stored] == ["attempt 0", "attempt 1"]
        assert h.attempts(mode="shutter") == []
        assert h.frames(stored[0].id) == make_frames(4)
        # Recording does not raise, and says it stored nothing.
        assert h.record_attempt(make_record(2)) is None
        assert len(h.attempts()) == 2
        assert f"schema v{NEWER_SCHEMA}" in h.not_recorded_reason
    assert fingerprint(tmp_path) == before
    assert set_aside_copies(tmp_path) == []
    assert user_version(tmp_path) == NEWER_SCHEMA

    # Opened again (the game opens history for every screen): the same, still untouched.
    with History.open(tmp_path) as h:
        assert h.notices == [notice]
        assert len(h.attempts()) == 2
    assert fingerprint(tmp_path) == before


@pytest.mark.parametrize(
    ("step", "why"),
    [
        ("ALTER TABLE frames RENAME COLUMN reason TO why", "no such column: reason"),
        ("DROP TABLE frames", "no such table: frames"),
    ],
    ids=["renamed-column", "dropped-table"],
)
def test_newer_schema_this_code_cannot_read_shows_nothing_and_is_left_alone(tmp_path, step, why):
    newer_history(tmp_path, step)
    before = fingerprint(tmp_path)
    with History.open(tmp_path) as h:
        assert h.read_only
        [notice] = h.notices
        assert "cannot read it" in notice and why in notice and "left as it is" in notice
        assert h.attempts() == [] and h.frames(1) == []
        assert h.record_attempt(make_record(2)) is None
    assert fingerprint(tmp_path) == before
    assert set_aside_copies(tmp_path) == []


def test_newer_schema_that_fails_its_check_is_still_left_to_the_newer_version(tmp_path):
    _index_disagrees(tmp_path)
    with raw(tmp_path) as conn:
        conn.execute(f"PRAGMA user_version = {NEWER_SCHEMA}")
    conn.close()
    before = fingerprint(tmp_path)
    with History.open(tmp_path) as h:
        [notice] = h.notices
        assert "cannot read it (integrity check failed" in notice
        assert h.attempts() == []
        assert h.record_attempt(make_record(0)) is None
    assert fingerprint(tmp_path) == before
    assert set_aside_copies(tmp_path) == []


def test_newer_schema_with_a_hot_journal_is_not_rolled_back_here(tmp_path):
    # A newer version crashed mid-write in rollback mode: recovering needs a writer, and
    # that writer must be the newer version, so this one reads nothing and writes nothing.
    writer_dir = tmp_path / "writer"
    writer_dir.mkdir()
    conn = sqlite3.connect(db_file(writer_dir), isolation_level=None)
    conn.execute("PRAGMA journal_mode = DELETE")
    conn.execute("PRAGMA cache_size = 2")  # small, so the change spills into the file mid-transaction
    conn.execute("CREATE TABLE attempts (x)")
    conn.execute(f"PRAGMA user_version = {NEWER_SCHEMA}")
    conn.execute("BEGIN")
    for _ in range(50):
        conn.execute("INSERT INTO attempts VALUES (zeroblob(10000))")
    # Copied while the transaction is open: what a crash at this moment leaves on disk.
    for name in (HISTORY_FILE, f"{HISTORY_FILE}-journal"):
        (tmp_path / name).write_bytes((writer_dir / name).read_bytes())
    conn.execute("ROLLBACK")
    conn.close()
    shutil.rmtree(writer_dir)
    journal = tmp_path / f"{HISTORY_FILE}-journal"
    before = fingerprint(tmp_path), journal.read_bytes()

    with History.open(tmp_path) as h:
        assert h.read_only
        [notice] = h.notices
        assert "cannot read it (a write it was making was interrupted" in notice
        assert h.attempts() == [] and h.record_attempt(make_record(0)) is None
    assert (fingerprint(tmp_path), journal.read_bytes()) == before


def test_newer_schema_appearing_while_opening_is_read_only_too(tmp_path, monkeypatch):
    # Another copy, a newer version, migrates between the check and the migration step.
    newer_history(tmp_path)
    before = fingerprint(tmp_path)
    monkeypatch.setattr(history_module, "_check", lambda path: None)
    with History.open(tmp_path) as h:
        assert h.read_only and len(h.attempts()) == 2
        assert h.record_attempt(make_record(2)) is None
    assert fingerprint(tmp_path) == before
    assert set_aside_copies(tmp_path) == []


def test_read_only_history_still_refuses_use_after_close(tmp_path):
    newer_history(tmp_path, "DROP TABLE frames")
    h = History.open(tmp_path)
    h.close()
    with pytest.raises(ValueError, match="closed"):
        h.attempts()
    with pytest.raises(ValueError, match="closed"):
        h.record_attempt(make_record(0))


def test_saving_an_attempt_to_a_newer_history_writes_nothing_and_says_so(tmp_path):
    from bbf_sim.core.recording import play_bot
    from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
    from bbf_sim.practice.attempts import FinishedRun, save_attempt

    path = shipped_levels_dir() / "control-static.toml"
    rec = play_bot(load_level(path), 3, "bbf")
    run = FinishedRun.from_recorder(rec, level_hash(path), "bbf", 3, T0, T0 + timedelta(seconds=10))
    newer_history(tmp_path)
    before = fingerprint(tmp_path)
    with History.open(tmp_path) as h, pytest.raises(HistoryReadOnly, match="newer bbf-sim") as err:
        save_attempt(tmp_path, h, run)
    assert isinstance(err.value, UserError)  # the play screen shows it as "not recorded: ..."
    assert fingerprint(tmp_path) == before
    assert not (tmp_path / "replays").exists()  # no replay without its history row


# -- two writers, and a hard kill ---------------------------------------------------------


def test_two_histories_on_one_file_interleave_writes(tmp_path):
    with History.open(tmp_path) as a, History.open(tmp_path) as b:
        for i in range(10):
            (a if i % 2 else b).record_attempt(make_record(i))
        assert len(a.attempts()) == len(b.attempts()) == 10
        ids = [x.id for x in a.attempts()]
        assert len(set(ids)) == 10
        assert all(len(a.frames(i)) == 4 for i in ids)


def _child(data_dir: Path, count: int, tag: str, n_frames: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(REPO_ROOT), os.environ.get("PYTHONPATH", "")]),
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tests.persistence.history_writer",
            str(data_dir),
            str(count),
            tag,
            str(n_frames),
        ],
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    # Both start on a file that does not exist yet: creation and migration race too.
    children = [_child(tmp_path, 15, tag, 20) for tag in ("first", "second")]
    for child in children:
        out, err = child.communicate(timeout=60)
        assert child.returncode == 0, err
        assert out.split() == [str(i) for i in range(15)]
        assert err == ""  # nothing set aside, no warning
    with History.open(tmp_path) as h:
        assert len(h.attempts(level_id="first")) == len(h.attempts(level_id="second")) == 15
        assert all(len(h.frames(a.id)) == 20 for a in h.attempts())


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX SIGKILL")
def test_sigkill_mid_write_keeps_committed_attempts_and_integrity(tmp_path):
    n_frames = 300  # a long transaction, so the kill usually lands inside one
    child = _child(tmp_path, 0, "crash", n_frames)
    try:
        committed = []
        deadline = time.monotonic() + 30
        while len(committed) < 5:
            line = child.stdout.readline()
            assert line, f"writer died early: {child.stderr.read()}"
            committed.append(int(line))
            assert time.monotonic() < deadline, "writer too slow"
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
        child.stdout.close()
        child.stderr.close()
    assert child.returncode == -signal.SIGKILL

    with History.open(tmp_path) as h:
        assert h.notices == []
        stored = h.attempts(level_id="crash")
        # Everything reported committed is there; anything in flight is all or nothing.
        assert len(stored) >= len(committed)
        assert [a.summary["note"] for a in stored] == [f"attempt {i}" for i in range(len(stored))]
        for a in stored:
            assert h.frames(a.id) == make_frames(n_frames)
    with raw(tmp_path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
