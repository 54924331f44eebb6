"""Grading frames and summarising attempts.

A frame's sharpness is `r`: focus blur, motion blur and shake, each a blur diameter
on the sensor [mm], combined as a root sum of squares and divided by the format's
circle of confusion. `r ≤ 1` is "acceptably sharp" by the same definition that
gives depth of field. Grades are a table plus a pure function, like a rhythm game's
judgement windows:

| grade | r | boundary rule |
|---|---|---|
| tack sharp | r ≤ 0.5 | upper bound included |
| sharp | 0.5 < r ≤ 1 | upper bound included |
| soft | 1 < r ≤ 2 | upper bound included |
| miss | r > 2, or no target in frame | |

A hit is a frame with a target in frame, not hidden, and r ≤ 1.

Habits are judged against the level's lesson (`bbf_sim.core.lessons`):

| habit (frame field) | lesson | the frame is flagged when |
|---|---|---|
| `fired_without_af` | focus on the subject (still, recompose, track, reflex) | AF had never been on the target |
| `fired_without_af` | pre-focus on a stand-in (trap, hyperfocal, low light) | the object AF was last on \
was not at the target's distance (its blur circle there, with the lens on it, exceeds c) |
| `refocused_away` | any | AF had the target, then a new AF start put it on something else |
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.autofocus import LENS_MOVING

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level

# (upper bound of r, grade); checked in order, bound included.
GRADE_WINDOWS: tuple[tuple[float, str], ...] = ((0.5, "tack sharp"), (1.0, "sharp"), (2.0, "soft"))
MISS = "miss"
GRADES = tuple(name for _, name in GRADE_WINDOWS) + (MISS,)
HIT_LIMIT_R = 1.0


def grade(r: float, target_in_frame: bool = True) -> str:
    """The grade of one frame (pure function of r and whether the target is in frame)."""
    if not target_in_frame or not np.isfinite(r):
        return MISS
    for bound, name in GRADE_WINDOWS:
        if r <= bound:
            return name
    return MISS


_GRADE_BOUNDS = np.array([b for b, _ in GRADE_WINDOWS])


def grade_codes(r: np.ndarray, target_ok: np.ndarray) -> np.ndarray:
    """Vector form of `grade`: index into GRADES for each frame."""
    codes = np.searchsorted(_GRADE_BOUNDS, r, side="left")  # r == bound stays in the lower window
    return np.where(target_ok & np.isfinite(r), codes, len(GRADE_WINDOWS)).astype(np.int8)


# One row per frame fired. Blurs are diameters on the sensor [mm].
FRAME_DTYPE = np.dtype(
    [
        ("trial", np.int32),
        ("index", np.int32),  # frame number within the trial, from 0
        ("t_s", np.float64),  # exposure time [s since the level started]
        ("target", np.int16),  # object index of the frame's target, -1 if none present
        ("in_frame", np.bool_),
        ("visible", np.bool_),  # less than half hidden behind nearer objects
        ("focus_mm", np.float64),
        ("motion_mm", np.float64),
        ("shake_mm", np.float64),
        ("r", np.float64),
        ("grade", np.int8),  # index into GRADES
        ("hit", np.bool_),
        ("lens_D", np.float64),  # where the lens was focused [dioptres]
        ("target_m", np.float64),  # the target's axial distance [m]
        ("af_object", np.int16),  # what AF was on: object index, -1 background, -2 nothing
        ("af_phase", np.int8),
        ("fired_without_af", np.bool_),  # by the lesson: AF never on the target, or not at its distance
        ("refocused_away", np.bool_),  # AF had the target, then a new press put it elsewhere
        ("in_moment", np.bool_),  # inside one of the level's decisive moments
    ]
)


def fired_without_af(prefocus: bool, has_target, had_target, af_at_target_distance) -> np.ndarray:
    """The "fired without AF" habit per frame, judged against the lesson.

    Focusing on the subject is the technique: flagged when AF had never been on the target.
    A pre-focus on a stand-in is the technique: AF on anything at the subject's distance is
    right (the named stand-in, or the subject itself), so flagged only when the object AF was
    last on (or the background, or nothing at all) was at another distance.
    """
    if prefocus:
        return np.asarray(has_target) & ~np.asarray(af_at_target_distance)
    return np.asarray(has_target) & ~np.asarray(had_target)


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt's score: what the results screen, history and compare report."""

    frames: int
    hits: int
    hit_rate: float  # hits / frames (0 when no frame was fired)
    mean_sharpness: float  # mean of min(1, 1/r): 1 is acceptably sharp, 0.5 twice the blur
    grades: dict[str, int]
    keepers_goal: int
    goal_met: bool
    moments: int
    moments_caught: int
    fired_without_af: int
    refocus_after_recompose: int
    first_sharp_s: float | None  # from the first target's scheduled appearance to the first hit

    def to_dict(self) -> dict:
        return asdict(self)


def sharpness(r: np.ndarray) -> np.ndarray:
    """min(1, 1/r): 1 for every acceptably sharp frame, falling as blur grows."""
    with np.errstate(divide="ignore"):
        return np.where(r > 1.0, 1.0 / np.where(r > 0, r, 1.0), 1.0) * np.isfinite(r)


def summarise(
    frames: np.ndarray,
    trial: int,
    keepers_goal: int,
    moments: list[tuple[float, float]],
    target_appear_s: float | None,
) -> AttemptSummary:
    """The summary of one trial's frames (rows of FRAME_DTYPE)."""
    f = frames[frames["trial"] == trial]
    n = len(f)
    hits = int(f["hit"].sum())
    caught = 0
    for a, b in moments:
        caught += bool(np.any(f["hit"] & (f["t_s"] >= a) & (f["t_s"] <= b)))
    first = None
    if hits and target_appear_s is not None:
        first = float(f["t_s"][f["hit"]].min() - target_appear_s)
    return AttemptSummary(
        frames=n,
        hits=hits,
        hit_rate=hits / n if n else 0.0,
        mean_sharpness=float(sharpness(f["r"]).mean()) if n else 0.0,
        grades={g: int((f["grade"] == i).sum()) for i, g in enumerate(GRADES)},
        keepers_goal=keepers_goal,
        goal_met=hits >= keepers_goal and caught == len(moments),
        moments=len(moments),
        moments_caught=caught,
        fired_without_af=int(f["fired_without_af"].sum()),
        refocus_after_recompose=int(f["refocused_away"].sum()),
        first_sharp_s=first,
    )


def scheduled_target_appear_s(level: Level) -> float | None:
    """When the level's first target is scheduled to appear [s] (before a trial's random start delay)."""
    times = [o.appear_s for o in level.objects if o.role == "target"]
    return min(times) if times else None


def level_summary(level: Level, frames: np.ndarray, trial: int = 0) -> AttemptSummary:
    """The summary of one trial's frames against the level's goals: what every screen and file reports."""
    return summarise(frames, trial, level.goal.keepers, list(level.goal.moments), scheduled_target_appear_s(level))


def frame_reason(row, object_names: list[str], exposure_s: float, min_focus_m: float = 0.0) -> str:
    """Why a frame came out as it did, in a photographer's words.

    `min_focus_m`: the lens's minimum focus distance, so a soft frame of a target nearer
    than that says so (0: not known).
    """
    if row["target"] < 0 or not row["in_frame"]:
        return "no target in the frame"
    name = object_names[row["target"]]
    if not row["visible"]:
        return f"the {name} was mostly hidden behind something nearer"
    lens_m = 1.0 / row["lens_D"] if row["lens_D"] > 0 else np.inf

    def dist(m: float) -> str:
        return "infinity" if not np.isfinite(m) else f"{m:.1f} m"

    parts = {"focus": row["focus_mm"], "motion": row["motion_mm"], "shake": row["shake_mm"]}
    worst = max(parts, key=lambda k: parts[k])
    if row["r"] <= HIT_LIMIT_R:
        return f"sharp: focus at {dist(lens_m)}, the {name} at {dist(row['target_m'])}"
    if worst == "focus":
        if row["target_m"] < min_focus_m:
            return f"the {name} is at {row['target_m']:.2f} m; this lens focuses no closer than {min_focus_m:.2f} m"
        af = row["af_object"]
        if af >= 0 and af != row["target"]:
            return (
                f"focus landed on the {object_names[af]} at {dist(lens_m)}; the {name} was at {dist(row['target_m'])}"
            )
        if af == -1:
            return f"focus landed on the background at {dist(lens_m)}; the {name} was at {dist(row['target_m'])}"
        if row["af_phase"] in LENS_MOVING:  # detect, drive, hunt: the lens was still on its way
            return f"the lens was still moving (at {dist(lens_m)}); the {name} was at {dist(row['target_m'])}"
        return f"focus at {dist(lens_m)} but the {name} was at {dist(row['target_m'])}"
    if worst == "motion":
        return (
            f"motion blur: at 1/{round(1 / exposure_s)} s the {name} moved across the frame; "
            "pan with it or use a faster shutter"
        )
    return f"camera shake at 1/{round(1 / exposure_s)} s; hold steadier, use stabilisation or a faster shutter"
