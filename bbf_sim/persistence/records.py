"""The records the game hands to history: one attempt at a level and its frames.

Checked on construction, so a bad record fails where it was made, not later
inside a database transaction. `settings` and `summary` are copied into plain
JSON values on construction (see `json_values`): numpy scalars become Python
numbers, and non-finite floats become None.
"""

from __future__ import annotations

import math
import operator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bbf_sim.persistence.json_values import to_json_value

# Stored strings, so they are a file format: fixed here rather than imported, and a
# test checks they still match the simulator's `bbf_sim.core.controls.MODES`.
MODES = ("shutter", "bbf")
GRADES = ("tack sharp", "sharp", "soft", "miss")

# Summary keys kept as real columns for stats queries, with the type each must have.
# A float key may be None (no frames: no hit rate, no mean sharpness, no sharp frame).
SUMMARY_INT_KEYS = ("frames", "hits", "fired_without_af", "refocus_after_recompose")
SUMMARY_FLOAT_KEYS = ("hit_rate", "mean_sharpness", "first_sharp_s")
SUMMARY_BOOL_KEYS = ("goal_met",)
SUMMARY_KEYS = SUMMARY_INT_KEYS + SUMMARY_FLOAT_KEYS + SUMMARY_BOOL_KEYS


@dataclass(frozen=True)
class FrameRow:
    """One fired frame: when [s since level start], its grade, r, and why it got it.

    `r` is the combined blur diameter over the circle of confusion (r ≤ 1 is
    acceptably sharp); it may be `math.inf` (e.g. the target was not in frame).
    """

    t_s: float
    grade: str
    r: float
    reason: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "t_s", float(self.t_s))
        object.__setattr__(self, "r", float(self.r))
        if not math.isfinite(self.t_s):
            raise ValueError(f"frame t_s must be finite, got {self.t_s}")
        if self.grade not in GRADES:
            raise ValueError(f"frame grade {self.grade!r} is not one of {GRADES}")
        if math.isnan(self.r) or self.r < 0:
            raise ValueError(f"frame r must be ≥ 0 or inf, got {self.r}")
        if not isinstance(self.reason, str):
            raise ValueError(f"frame reason must be a string, got {type(self.reason).__name__}")


@dataclass(frozen=True)
class AttemptRecord:
    """One play of one level in one mode, as history stores it.

    `started_at` and `ended_at` must be timezone-aware (any zone; stored as UTC).
    `summary` must hold at least `SUMMARY_KEYS`; every other key is kept too.
    """

    level_id: str
    level_hash: str
    mode: str
    settings: dict[str, Any]
    seed: int
    started_at: datetime
    ended_at: datetime
    summary: dict[str, Any]
    frames: list[FrameRow] = field(default_factory=list)
    replay_path: str | None = None
    completed: bool = True  # False: ended early (quit from the pause screen); kept, left out of hit rates

    def __post_init__(self) -> None:
        if not self.level_id:
            raise ValueError("level_id is empty")
        if self.mode not in MODES:
            raise ValueError(f"mode {self.mode!r} is not one of {MODES}")
        try:
            # operator.index also takes numpy integers, and refuses floats.
            seed = operator.index(self.seed)
        except TypeError:
            seed = -1
        if isinstance(self.seed, bool) or seed < 0:
            raise ValueError(f"seed must be a non-negative int, got {self.seed!r}")
        object.__setattr__(self, "seed", seed)
        for name in ("started_at", "ended_at"):
            value = getattr(self, name)
            if not isinstance(value, datetime) or value.utcoffset() is None:
                # A naive time is ambiguous: local or UTC? Refuse rather than guess.
                raise ValueError(f"{name} must be a timezone-aware datetime, got {value!r}")
        if self.ended_at < self.started_at:
            raise ValueError("ended_at is before started_at")
        object.__setattr__(self, "settings", _json_dict(self.settings, "settings"))
        summary = _json_dict(self.summary, "summary")
        _check_summary(summary)
        object.__setattr__(self, "summary", summary)
        if not isinstance(self.completed, bool):
            raise ValueError(f"completed must be a bool, got {self.completed!r}")
        object.__setattr__(self, "frames", list(self.frames))
        for i, frame in enumerate(self.frames):
            if not isinstance(frame, FrameRow):
                raise ValueError(f"frames[{i}] is a {type(frame).__name__}, not a FrameRow")


@dataclass(frozen=True)
class StoredAttempt:
    """An attempt as read back from history (frames are fetched separately, by `id`)."""

    id: int
    level_id: str
    level_hash: str
    mode: str
    settings: dict[str, Any]
    seed: int
    started_at: datetime
    ended_at: datetime
    summary: dict[str, Any]
    replay_path: str | None
    completed: bool = True  # False: ended early; stats show it as abandoned, outside hit rates


def _json_dict(value: Any, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{where} must be a dict, got {type(value).__name__}")
    try:
        return to_json_value(value, where)
    except TypeError as exc:
        raise ValueError(str(exc)) from None


def _check_summary(summary: dict[str, Any]) -> None:
    missing = [k for k in SUMMARY_KEYS if k not in summary]
    if missing:
        raise ValueError(f"summary is missing {missing}")
    for k in SUMMARY_INT_KEYS:
        if isinstance(summary[k], bool) or not isinstance(summary[k], int):
            raise ValueError(f"summary[{k!r}] must be an int, got {summary[k]!r}")
    for k in SUMMARY_FLOAT_KEYS:
        v = summary[k]
        if v is not None and (isinstance(v, bool) or not isinstance(v, int | float)):
            raise ValueError(f"summary[{k!r}] must be a number or None, got {v!r}")
    for k in SUMMARY_BOOL_KEYS:
        if not isinstance(summary[k], bool):
            raise ValueError(f"summary[{k!r}] must be a bool, got {summary[k]!r}")
