"""Saving a finished attempt: its row in history, its frames, and its replay file; and re-scoring a replay.

The replay is written first (atomically, under `<data_dir>/replays/`), then the
attempt and its frames in one transaction, with the replay's path relative to the
data folder. A crash between the two leaves a replay with no history row, never a
row pointing at nothing.

An attempt ended early (quit from the pause screen) is saved the same way with
`completed=False`: its replay holds the ticks that were played, and stats keep it
apart from hit rates.

Settings: an AF mode chosen on the camera set-up screen is stored as `af_mode` (the
file's own as `level_af_mode`); `played_level` applies it again, so a re-score runs
the level as it was played, not as the file has it.

Seeds: an attempt's `seed` gives the scene's stream as `core.recording.scene_generator`
draws it, as the play screen and bots do, so the replay re-runs the same scene.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bbf_sim.core.controls import Button
from bbf_sim.core.recording import Recorder, Recording, attempt_summary, replay_inputs
from bbf_sim.core.scoring import GRADES, frame_reason
from bbf_sim.core.simulator import TICK_HZ
from bbf_sim.errors import CANNOT_WRITE_STATUS, CannotWrite, UserError, describe_os_error
from bbf_sim.levels.adaptive import level_as_played
from bbf_sim.persistence.json_values import to_json_value
from bbf_sim.persistence.records import AttemptRecord, FrameRow
from bbf_sim.persistence.replay_file import REPLAY_SUFFIX, Replay, save_replay
from bbf_sim.persistence.safe_files import remove_leftovers

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level
    from bbf_sim.persistence.history import History

REPLAYS_DIR = "replays"


@dataclass(frozen=True)
class FinishedRun:
    """One attempt as it ended: what was played, how, and what came of it."""

    level: Level
    level_hash: str  # `levels.loader.level_hash` of the file played
    mode: str
    seed: int
    recording: Recording
    frames: np.ndarray  # FRAME_DTYPE rows of trial 0
    started_at: datetime  # timezone-aware
    ended_at: datetime
    extra_settings: dict[str, Any] = field(default_factory=dict)  # brand, "generated", ...
    completed: bool = True  # False: ended early from the pause screen

    @classmethod
    def from_recorder(
        cls, rec: Recorder, level_hash: str, mode: str, seed: int, started_at, ended_at, *, completed=True, **extra
    ):
        return cls(
            rec.sim.level,
            level_hash,
            mode,
            seed,
            rec.recording(),
            rec.frames(),
            started_at,
            ended_at,
            extra,
            completed,
        )


@dataclass(frozen=True)
class SavedAttempt:
    attempt_id: int
    replay_path: Path  # absolute


def af_settings(level: Level) -> dict[str, Any]:
    """The AF settings an attempt was played with, as history and replays store them."""
    af = level.af
    return {
        "af_mode": af.mode,
        "af_area": af.area,
        "af_priority": af.effective_priority,
        "af_grid": list(af.grid),
        "af_start_point": list(af.start_point),
        "lock_on_s": af.lock_on_s,
    }


def frame_rows(level: Level, frames: np.ndarray) -> list[FrameRow]:
    """History's rows for a trial's frames: time, grade, r, and the reason in words."""
    names = [o.name for o in level.objects]
    return [
        FrameRow(
            t_s=float(row["t_s"]),
            grade=GRADES[int(row["grade"])],
            r=float(row["r"]),
            reason=frame_reason(row, names, level.camera.exposure_s, level.lens.min_focus_m),
        )
        for row in frames
    ]


def build_attempt(run: FinishedRun, replay_path: str | None) -> tuple[AttemptRecord, Replay]:
    """The history record and the replay of a finished run (nothing written)."""
    summary = to_json_value(attempt_summary(run.level, run.frames).to_dict(), "summary")
    settings = {**af_settings(run.level), **run.extra_settings}
    record = AttemptRecord(
        level_id=run.level.id,
        level_hash=run.level_hash,
        mode=run.mode,
        settings=settings,
        seed=run.seed,
        started_at=run.started_at,
        ended_at=run.ended_at,
        summary=summary,
        frames=frame_rows(run.level, run.frames),
        replay_path=replay_path,
        completed=run.completed,
    )
    replay = Replay(
        level_id=run.level.id,
        level_hash=run.level_hash,
        mode=run.mode,
        settings=settings,
        seed=run.seed,
        tick_hz=float(TICK_HZ),
        events=list(run.recording.events),
        aim=list(run.recording.aims),
        summary=summary,
    )
    return record, replay


def _free_replay_name(folder: Path, run: FinishedRun) -> str:
    stamp = run.started_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    base = f"{stamp}-{run.level.id}-{run.mode}-{run.seed}"
    for n in itertools.count():
        name = f"{base}{'' if n == 0 else f'-{n}'}{REPLAY_SUFFIX}"
        if not (folder / name).exists():
            return name
    raise AssertionError("unreachable")


def save_attempt(data_dir: str | Path, history: History, run: FinishedRun) -> SavedAttempt:
    """Write the replay, then the attempt and its frames; returns the attempt id and replay path.

    A history a newer bbf-sim wrote is read-only here: nothing is written, not even the
    replay, and `HistoryReadOnly` (a `UserError`) says the attempt was not recorded.
    """
    if history.read_only:
        from bbf_sim.persistence.history import HistoryReadOnly

        raise HistoryReadOnly(
            history.not_recorded_reason, exit_status=CANNOT_WRITE_STATUS if history.unwritable else None
        )
    folder = Path(data_dir) / REPLAYS_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
        name = _free_replay_name(folder, run)
        relative = f"{REPLAYS_DIR}/{name}"
        record, replay = build_attempt(run, relative)
        path = save_replay(folder / name, replay)
    except OSError as exc:
        raise CannotWrite(
            f"the attempt was not recorded: cannot write its replay in {folder}: {describe_os_error(exc)}"
        ) from None
    try:
        attempt_id = history.record_attempt(record)
    except (UserError, ValueError):
        # The transaction was rolled back: no replay without its row. (Not on an interrupt,
        # which may come after the commit: a row must never point at nothing.)
        path.unlink(missing_ok=True)
        raise
    assert attempt_id is not None  # only a read-only history records nothing
    return SavedAttempt(attempt_id, path)


# A replay younger than this with no history row may be another copy of the game between
# writing the replay and its row; older, it is a crash's orphan.
ORPHAN_AGE_S = 3600.0


def tidy_data_dir(data_dir: str | Path, history: History) -> list[Path]:
    """Remove what a crash or a full disk left behind: temporary files, and replays no attempt names.

    Called when a command that saves attempts starts. Returns the files removed; a file
    that cannot be removed, or a history that cannot be read, is left alone.
    """
    data_dir = Path(data_dir)
    folder = data_dir / REPLAYS_DIR
    removed = remove_leftovers(data_dir, ORPHAN_AGE_S) + remove_leftovers(folder, ORPHAN_AGE_S)
    if history.read_only or not folder.is_dir():
        return removed
    try:
        named = history.replay_paths()
    except UserError:
        return removed
    cutoff = time.time() - ORPHAN_AGE_S
    for path in folder.glob(f"*{REPLAY_SUFFIX}"):
        try:
            if f"{REPLAYS_DIR}/{path.name}" not in named and path.stat().st_mtime < cutoff:
                path.unlink()
                removed.append(path)
        except OSError:
            continue
    return removed


@dataclass(frozen=True)
class Rescored:
    """A replay run again: its frames, the new summary, and whether it equals the recorded one."""

    frames: np.ndarray
    summary: dict[str, Any]
    matches_recorded: bool


def played_level(level: Level, settings: dict[str, Any]) -> Level:
    """The level as an attempt played it: the file's level at its endless round's step, with its AF mode.

    The camera set-up screen may change only the AF mode (AF-S / AF-C) and an endless
    drill only its round; everything else comes from the file, which the replay's hash
    pins. `levels.adaptive.level_as_played` builds it as the play screen did.
    """
    step = settings.get("endless_step", 0)
    if isinstance(step, bool) or not isinstance(step, int):
        raise ValueError(f"endless_step must be a whole number, got {str(step)[:40]!r} in the attempt's settings")
    if step:
        if level.endless is None:
            raise ValueError(f"endless_step {step} in the attempt's settings, but level {level.id!r} is not endless")
        if not level.endless.min_step <= step <= level.endless.max_step:
            raise ValueError(
                f"endless_step {step} in the attempt's settings is outside the level's "
                f"{level.endless.min_step} to {level.endless.max_step}"
            )
    af_mode = settings.get("af_mode")
    if af_mode is not None and not isinstance(af_mode, str):
        raise ValueError(f"af_mode must be text, got {str(af_mode)[:40]!r} in the attempt's settings")
    try:
        return level_as_played(level, af_mode, step)
    except ValueError as exc:
        raise ValueError(f"{exc} in the attempt's settings") from None


def check_replay_length(replay: Replay, level: Level) -> None:
    """ValueError if the replay holds more ticks or events than `level` can have been played with.

    An attempt lasts at most the level's duration: ceil(duration · tick rate) ticks (plus one
    for rounding), and every event acts on one of those ticks, at most a press and a release
    of each control per tick. Checked before re-scoring, so a forged file cannot run for minutes.
    """
    max_ticks = math.ceil(level.duration_s * TICK_HZ) + 1
    if len(replay.aim) > max_ticks:
        raise ValueError(
            f"{len(replay.aim)} ticks, but level {level.id!r} lasts {level.duration_s:g} s ({max_ticks} ticks at most)"
        )
    max_events = max_ticks * 2 * len(Button)
    if len(replay.events) > max_events:
        raise ValueError(f"{len(replay.events)} events, more than {max_events} (every control on every tick)")
    late = next((t for t, _, _ in replay.events if t > level.duration_s + 1.0), None)
    if late is not None:
        raise ValueError(f"an event at {late:g} s, after level {level.id!r} ends ({level.duration_s:g} s)")


def rescore(replay: Replay, level: Level) -> Rescored:
    """Re-run a replay on `level` as played (its stored AF mode); the caller has checked the file's hash.

    ValueError (naming what is wrong) for a replay that cannot be of this level.
    """
    check_replay_length(replay, level)
    level = played_level(level, replay.settings)
    frames, summary = replay_inputs(level, replay.seed, replay.mode, replay.events, replay.aim)
    new = to_json_value(summary.to_dict(), "summary")
    return Rescored(frames, new, new == replay.summary)
