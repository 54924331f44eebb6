"""Which stored attempts can be watched again, and opening one: the rules `bbf-sim replay` and
the stats screen's replay browser share.

A replay is played only on the level file it was recorded on: a shipped level found by its
id (a replay never decides which file is read) or a file the user names, whose content
hash must match the replay's. Anything else is a `UserError` with the reason in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bbf_sim.errors import UserError

LEVEL_CHANGED_STATUS = 3  # `bbf-sim replay`'s exit status when the level file changed since


@dataclass(frozen=True)
class ReplayChoice:
    """One stored attempt with a replay file on disk, as the browser lists it."""

    attempt_id: int
    level_id: str
    mode: str
    started_at: datetime
    hits: int
    frames: int
    completed: bool
    path: Path  # the replay file


def replay_choices(ctx, level_id: str | None = None) -> list[ReplayChoice]:
    """The attempts (of one level, or all) whose replay file is still there, newest first."""
    if ctx.data_dir is None:
        return []
    from bbf_sim.practice.stored import StoredSummary

    out = []
    for a in ctx.attempts(level_id):
        if not a.replay_path:
            continue
        path = Path(ctx.data_dir) / a.replay_path
        if not path.is_file():
            continue
        s = StoredSummary.of(a.summary)
        out.append(ReplayChoice(a.id, a.level_id, a.mode, a.started_at, s.hits, s.frames, a.completed, path))
    return sorted(out, key=lambda c: (c.started_at, c.attempt_id), reverse=True)


def open_replay(path: Path, level_path: Path | None = None):
    """The replay at `path` with the level it was recorded on: (replay, level, level_path).

    `level_path`: the user's own file for a level that is not shipped; otherwise the shipped
    level with the replay's id. Refused when the file is unreadable, from another tick
    rate, names an unknown button, or the level has changed since it was recorded.
    """
    from bbf_sim.core.controls import Button
    from bbf_sim.core.simulator import TICK_HZ
    from bbf_sim.levels.loader import level_hash, load_level, shipped_level_path
    from bbf_sim.persistence.replay_file import load_replay

    replay = load_replay(path)
    if replay.tick_hz != TICK_HZ:
        raise UserError(f"replay {path} was recorded at {replay.tick_hz:g} Hz; this bbf-sim runs at {TICK_HZ} Hz")
    unknown = sorted({name for _, name, _ in replay.events if name not in Button.__members__})
    if unknown:
        raise UserError(f"replay {path}: unknown button {unknown[0]!r}")
    if level_path is None:
        level_path = shipped_level_path(replay.level_id)
        if level_path is None:
            raise UserError(
                f"replay {path} is of level {replay.level_id!r}, which is not a shipped level; "
                "give its file with --level PATH"
            )
    now_hash = level_hash(level_path)
    if now_hash != replay.level_hash:
        raise UserError(
            f"level {replay.level_id!r} has changed since replay {path} was recorded "
            f"({level_path} is now {now_hash}, the replay was recorded on {replay.level_hash}); "
            "re-scoring it would show a result that never happened",
            exit_status=LEVEL_CHANGED_STATUS,
        )
    return replay, load_level(level_path), level_path
