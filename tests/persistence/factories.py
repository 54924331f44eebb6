"""Attempt records for the persistence tests (and the child processes they start), and a newer version's history."""

from __future__ import annotations

import hashlib
import math
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bbf_sim.persistence.history import HISTORY_FILE, SCHEMA_VERSION, History
from bbf_sim.persistence.records import AttemptRecord, FrameRow

T0 = datetime(2026, 11, 29, 10, 0, 0, tzinfo=UTC)
GRADE_CYCLE = ("tack sharp", "sharp", "soft", "miss")


def make_frames(n: int) -> list[FrameRow]:
    frames = []
    for i in range(n):
        grade = GRADE_CYCLE[i % 4]
        r = {"tack sharp": 0.25, "sharp": 0.75, "soft": 1.5, "miss": math.inf}[grade]
        frames.append(FrameRow(t_s=0.5 + 0.1 * i, grade=grade, r=r, reason=f"frame {i}"))
    return frames


def make_record(
    i: int = 0,
    *,
    level_id: str = "l01-bird",
    mode: str = "bbf",
    n_frames: int = 4,
    started_at: datetime | None = None,
    seed: int | None = None,
) -> AttemptRecord:
    frames = make_frames(n_frames)
    hits = sum(f.r <= 1 for f in frames)
    start = started_at or T0 + timedelta(minutes=i)
    return AttemptRecord(
        level_id=level_id,
        level_hash="sha256:abc123",
        mode=mode,
        settings={"af_mode": "AF-C", "af_area": "single", "brand": "canon"},
        seed=1000 + i if seed is None else seed,
        started_at=start,
        ended_at=start + timedelta(seconds=30),
        summary={
            "frames": n_frames,
            "hits": hits,
            "hit_rate": hits / n_frames if n_frames else 0.0,
            "mean_sharpness": 0.8,
            "fired_without_af": 1,
            "refocus_after_recompose": 2,
            "first_sharp_s": 0.5 if hits else None,
            "goal_met": hits >= 2,
            "note": f"attempt {i}",
        },
        frames=frames,
        replay_path=f"replays/{i}.bbf-replay.gz",
    )


# One migration step ahead of this code: what a newer bbf-sim's history looks like to it.
NEWER_SCHEMA = SCHEMA_VERSION + 1


def newer_history(data_dir: Path, step: str = "ALTER TABLE attempts ADD COLUMN camera TEXT") -> None:
    """A history with two attempts, then a migration step (`step`, a new table) this code does not have."""
    with History.open(data_dir) as h:
        for i in range(2):
            h.record_attempt(make_record(i))
    conn = sqlite3.connect(Path(data_dir) / HISTORY_FILE)
    with conn:
        conn.executescript(
            f"{step}; CREATE TABLE sessions (id INTEGER PRIMARY KEY); PRAGMA user_version = {NEWER_SCHEMA};"
        )
    conn.close()  # the last connection: the WAL is checkpointed into the file and removed


def fingerprint(data_dir: Path) -> tuple[str, list[str]]:
    """The history file's SHA-256 and the folder's names: changed, moved or set aside shows up.

    SQLite's `-wal`/`-shm` sidecars are left out: a read-only reader of a WAL file may create empty ones.
    """
    digest = hashlib.sha256((Path(data_dir) / HISTORY_FILE).read_bytes()).hexdigest()
    return digest, sorted(p.name for p in Path(data_dir).iterdir() if not p.name.endswith(("-wal", "-shm")))
