"""Bringing old attempts' habit counts under the rule of the level's lesson (history schema v4).

Until schema v3, `fired_without_af` counted every frame fired before AF had been on the target.
On a level that teaches a pre-focus on a stand-in (trap focus, the hyperfocal distance, a
contrasty edge in low light) that counted the technique itself; from v4 a frame there counts
only when AF was last on something at another distance (`bbf_sim.levels.lessons`). The v4
migration marks every older row `habit_rule = 1` (new rows get 2); `recount_old_attempts`
then settles each one, once:

| old row's level | what happens | `habit_rule` |
|---|---|---|
| a shipped level whose lesson is not a pre-focus | the rule did not change: kept | 2 |
| a shipped pre-focus level, with a usable replay | counted again from the replay (below) | 2 |
| a shipped pre-focus level, no usable replay | `fired_without_af_comparable: false`, out of trends | 0 |
| not a shipped level (its lesson is unknown) | left as counted | 1 |

A replay is usable when it plays on today's level file (its hash) and gives the stored frames
and hits: otherwise the camera model has changed since, and it is not the attempt as played.
One line in `History.notices` says what was done. The work runs when `open_history` opens the
file, only while a row is left to settle, and writes each row once (`WHERE habit_rule = 1`), so
two copies of the game opening the file at once settle it the same way.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from bbf_sim.persistence.history import History

OLD_RULE, LESSON_RULE, NOT_COMPARABLE = 1, 2, 0
COMPARABLE_KEY = "fired_without_af_comparable"


def _level_teaches_prefocus(level_id: str, cache: dict[str, bool | None]) -> bool | None:
    """Whether the shipped level with this id teaches a pre-focus (None: not a shipped level)."""
    if level_id not in cache:
        from bbf_sim.levels.lessons import prefocus_lesson
        from bbf_sim.levels.loader import LevelError, load_level, shipped_level_path

        path = shipped_level_path(level_id)
        try:
            cache[level_id] = None if path is None else prefocus_lesson(load_level(path).taught_lesson)
        except LevelError:
            cache[level_id] = None
    return cache[level_id]


def _recount(data_dir: Path, replay_path: str | None, summary: dict) -> int | None:
    """The frames fired without AF under the lesson's rule, from the attempt's replay; None when there
    is no replay, it cannot be played on today's level file, or it no longer gives the stored frames."""
    if not replay_path:
        return None
    path = data_dir / replay_path
    if not path.is_file():
        return None
    from bbf_sim.core.recording import replay_inputs
    from bbf_sim.errors import UserError
    from bbf_sim.practice.replays import open_replay

    try:
        replay, level, _ = open_replay(path)
        _, again = replay_inputs(level, replay.seed, replay.mode, replay.events, replay.aim)
    except (UserError, ValueError, OSError):
        return None
    if (again.frames, again.hits) != (summary.get("frames"), summary.get("hits")):
        return None  # the camera model has changed since: this is not the attempt as it was played
    return int(again.fired_without_af)


def recount_old_attempts(conn: sqlite3.Connection | None, data_dir: Path) -> list[str]:
    """Settle the rows still counted under the old rule (see the module notes); the notice, if any."""
    if conn is None:
        return []
    try:
        rows = conn.execute(
            "SELECT id, level_id, replay_path, summary_json FROM attempts WHERE habit_rule = ?", (OLD_RULE,)
        ).fetchall()
    except sqlite3.Error:
        return []
    cache: dict[str, bool | None] = {}
    updates: list[tuple[int, str, int, int]] = []  # (count, summary_json, rule, id)
    recounted = left_out = 0
    for attempt_id, level_id, replay_path, summary_json in rows:
        prefocus = _level_teaches_prefocus(level_id, cache)
        if prefocus is None:
            continue
        try:
            summary = json.loads(summary_json)
            count = int(summary.get("fired_without_af", 0))
        except (TypeError, ValueError, AttributeError, RecursionError):
            continue  # a damaged row: `History.attempts` leaves it out already
        if not prefocus:
            updates.append((count, summary_json, LESSON_RULE, attempt_id))
            continue
        new = _recount(data_dir, replay_path, summary)
        if new is None:
            summary[COMPARABLE_KEY] = False
            updates.append((count, json.dumps(summary, sort_keys=True), NOT_COMPARABLE, attempt_id))
            left_out += 1
        else:
            summary["fired_without_af"] = new
            updates.append((new, json.dumps(summary, sort_keys=True), LESSON_RULE, attempt_id))
            recounted += 1
    if not updates:
        return []
    try:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            conn.executemany(
                "UPDATE attempts SET fired_without_af = ?, summary_json = ?, habit_rule = ? "
                f"WHERE id = ? AND habit_rule = {OLD_RULE}",
                updates,
            )
    except sqlite3.Error:
        return []  # tried again at the next start
    if not recounted and not left_out:
        return []
    return [
        "History: 'fired without AF' on trap-focus, hyperfocal and low-light levels now follows each level's "
        f"lesson; {recounted} older attempt{'s' * (recounted != 1)} recounted from the replay, "
        f"{left_out} without a usable replay left out of habit trends."
    ]


def open_history(data_dir: str | Path) -> History:
    """The history, with rows of an older schema settled under today's habit rule: how the game opens it."""
    return History.open(data_dir, settle=recount_old_attempts)
