"""History schema v4: old attempts' 'fired without AF' counts brought under each level's lesson.

A v3 database is made the way v3 stored attempts: every frame fired before AF had been on the
target counted. On trap focus that is every frame (AF is on the wing post, never on a rider).
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bbf_sim.core.human import PROFILES
from bbf_sim.core.recording import play_bot
from bbf_sim.levels.loader import level_hash, load_level, shipped_level_path
from bbf_sim.persistence.history import HISTORY_FILE, History
from bbf_sim.persistence.history_schema import SCHEMA_VERSION
from bbf_sim.practice.attempts import FinishedRun, save_attempt
from bbf_sim.practice.habit_recount import open_history
from bbf_sim.practice.stats import level_stats, points

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def _play(data_dir: Path, history: History, level_id: str, mode: str, seed: int, minute: int):
    path = shipped_level_path(level_id)
    assert path is not None
    level = load_level(path)
    rec = play_bot(level, seed, mode, PROFILES["novice"])
    start = T0 + timedelta(minutes=minute)
    run = FinishedRun.from_recorder(rec, level_hash(path), mode, seed, start, start + timedelta(seconds=20))
    saved = save_attempt(data_dir, history, run)
    frames = rec.frames()
    return saved, frames


def _as_v3(data_dir: Path, old_counts: dict[int, int], summary_edits: dict[int, dict] | None = None) -> None:
    """The file as v3 left it: the old rule's counts, no habit_rule column, user_version 3."""
    conn = sqlite3.connect(data_dir / HISTORY_FILE)
    with conn:
        for attempt_id, count in old_counts.items():
            (text,) = conn.execute("SELECT summary_json FROM attempts WHERE id = ?", (attempt_id,)).fetchone()
            summary = {**json.loads(text), "fired_without_af": count, **(summary_edits or {}).get(attempt_id, {})}
            conn.execute(
                "UPDATE attempts SET fired_without_af = ?, summary_json = ? WHERE id = ?",
                (count, json.dumps(summary), attempt_id),
            )
        conn.execute("ALTER TABLE attempts DROP COLUMN habit_rule")
        conn.execute("PRAGMA user_version = 3")
    conn.close()


def _rows(data_dir: Path) -> dict[int, tuple[int, int, dict]]:
    conn = sqlite3.connect(data_dir / HISTORY_FILE)
    rows = conn.execute("SELECT id, fired_without_af, habit_rule, summary_json FROM attempts").fetchall()
    conn.close()
    return {i: (n, rule, json.loads(s)) for i, n, rule, s in rows}


def test_old_trap_focus_counts_are_recounted_from_replays_or_left_out(tmp_path):
    with open_history(tmp_path) as h:
        shutter, shutter_frames = _play(tmp_path, h, "trap-focus", "shutter", 11, 0)
        bbf, bbf_frames = _play(tmp_path, h, "trap-focus", "bbf", 11, 1)
        lost, lost_frames = _play(tmp_path, h, "trap-focus", "bbf", 12, 2)
        changed, changed_frames = _play(tmp_path, h, "trap-focus", "shutter", 13, 3)
        portrait, portrait_frames = _play(tmp_path, h, "portrait-recompose", "shutter", 14, 4)
        new_rule = {a.id: a.summary["fired_without_af"] for a in h.attempts()}
    lost.replay_path.unlink()  # an attempt whose replay is gone
    post = 0  # the wing post is the level's first object
    # Under the lesson's rule a trap-focus frame counts when AF was last on something other than the
    # post (the novice's every new half-press refocuses on the background); back-button never is.
    assert new_rule[shutter.attempt_id] == int((shutter_frames["af_object"] != post).sum()) > 0
    assert new_rule[bbf.attempt_id] == 0
    # v3 counted every frame on trap focus (AF never on a rider); the portrait's rule did not change.
    old = {a: len(f) for a, f in ((shutter, shutter_frames), (bbf, bbf_frames), (lost, lost_frames))}
    old = {k.attempt_id: v for k, v in old.items()}
    old[changed.attempt_id] = len(changed_frames)
    old[portrait.attempt_id] = new_rule[portrait.attempt_id]
    # One replay no longer gives the frames it stored (as after a change to the camera model).
    _as_v3(tmp_path, old, {changed.attempt_id: {"hits": int(changed_frames["hit"].sum()) + 1}})

    with open_history(tmp_path) as h:
        assert len(h.notices) == 1
        assert "2 older attempts recounted from the replay, 2 without a usable replay left out" in h.notices[0]
        pts = points(h.attempts(), UTC)
    rows = _rows(tmp_path)
    assert rows[shutter.attempt_id][:2] == (new_rule[shutter.attempt_id], 2)
    assert rows[bbf.attempt_id][:2] == (0, 2)
    for left_out in (lost.attempt_id, changed.attempt_id):
        count, rule, summary = rows[left_out]
        assert rule == 0 and summary["fired_without_af_comparable"] is False
        assert count == old[left_out]  # kept as counted, marked
    assert rows[portrait.attempt_id][:2] == (new_rule[portrait.attempt_id], 2)

    # Habit trends leave the marked counts out: trap focus in back-button has one comparable attempt (0).
    [trap_bbf] = [s for s in level_stats(pts, "trap-focus") if s.mode == "bbf"]
    assert trap_bbf.attempts == 2 and trap_bbf.habits["fired_without_af"].total == 0
    [trap_shutter] = [s for s in level_stats(pts, "trap-focus") if s.mode == "shutter"]
    assert trap_shutter.habits["fired_without_af"].total == new_rule[shutter.attempt_id]

    # Settled once: the next start says nothing, and a new attempt is stored under the lesson's rule.
    with open_history(tmp_path) as h:
        assert h.notices == []
        again, _ = _play(tmp_path, h, "trap-focus", "bbf", 15, 5)
    assert _rows(tmp_path)[again.attempt_id][1] == 2
    conn = sqlite3.connect(tmp_path / HISTORY_FILE)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    conn.close()


def test_an_attempt_at_a_level_that_is_not_shipped_stays_as_counted(tmp_path):
    with open_history(tmp_path) as h:
        saved, _ = _play(tmp_path, h, "portrait-recompose", "shutter", 3, 0)
    conn = sqlite3.connect(tmp_path / HISTORY_FILE)
    with conn:
        conn.execute("UPDATE attempts SET level_id = 'my-own-trap' WHERE id = ?", (saved.attempt_id,))
    conn.close()
    _as_v3(tmp_path, {saved.attempt_id: 5})
    with open_history(tmp_path) as h:
        assert h.notices == []
        [a] = h.attempts()
    assert a.summary["fired_without_af"] == 5
    assert _rows(tmp_path)[saved.attempt_id][1] == 1  # its lesson cannot be known: counted as it was
