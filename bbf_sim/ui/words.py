"""A frame and an attempt in a photographer's words first, the numbers second. Pure: no pygame.

| function | example |
|---|---|
| `frame_words(...).headline` | `face soft: focus landed on the background at 12 m, 9.5 m behind the face` |
| `frame_words(...).numbers` | `Sharpness r = 2.31: the blur is 2.3 times the most a print still shows as sharp` |
| `frame_words(...).blur_parts` | `Blur from focus 2.20·c, motion 0.10·c, shake 0.30·c; c = 0.030 mm, ...` |
| `frame_cause(row, names)` | `focus landed on the background` (no numbers: frames are counted by it) |
| `interval_words(lo, hi, n)` | `95 % interval 51–100 %: from 4 frames, your real hit rate is most likely in it` |

`row` is one row of `core.scoring.FRAME_DTYPE`.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from bbf_sim.core.scoring import GRADES, HIT_LIMIT_R

# AF phases in which the lens is still on its way (core.autofocus: detect, drive, hunt).
LENS_MOVING_PHASES = (1, 2, 5)


@dataclass(frozen=True)
class FrameWords:
    headline: str  # what a photographer sees in the picture, and why
    numbers: str  # r, in words
    blur_parts: str  # the three blurs in units of c, in words


def distance_words(m: float) -> str:
    """12 m, 2.5 m, 0.45 m, infinity: as a lens's distance scale reads."""
    if not math.isfinite(m):
        return "infinity"
    if m >= 10:
        return f"{m:.0f} m"
    if m >= 1:
        return f"{m:.1f} m"
    return f"{m:.2f} m"


def _lens_m(row) -> float:
    return 1.0 / float(row["lens_D"]) if float(row["lens_D"]) > 0 else math.inf


def _offset(lens_m: float, target_m: float, name: str) -> str:
    """'9.5 m behind the face' / '0.4 m in front of the face' / 'on the face's distance'."""
    if not math.isfinite(lens_m):
        return f"far behind the {name}"
    gap = lens_m - target_m
    if abs(gap) < 0.05:
        return f"at the {name}'s distance"
    where = "behind" if gap > 0 else "in front of"
    return f"{distance_words(abs(gap))} {where} the {name}"


def _worst(row) -> str:
    parts = {"focus": float(row["focus_mm"]), "motion": float(row["motion_mm"]), "shake": float(row["shake_mm"])}
    return max(parts, key=parts.__getitem__)


def frame_cause(row, object_names: list[str], min_focus_m: float = 0.0) -> str:
    """Why the frame missed (or 'sharp'), in words without numbers, so that frames can be counted by it.

    `min_focus_m`: the lens's minimum focus distance (a target nearer than it cannot be focused)."""
    target = int(row["target"])
    if target < 0 or not row["in_frame"]:
        return "no subject in the frame"
    name = object_names[target]
    if not row["visible"]:
        return f"the {name} hidden behind something nearer"
    if float(row["r"]) <= HIT_LIMIT_R:
        return "sharp"
    worst = _worst(row)
    if worst == "focus":
        if float(row["target_m"]) < min_focus_m:
            return f"the {name} nearer than the lens can focus"
        af = int(row["af_object"])
        if af >= 0 and af != target:
            return f"focus landed on the {object_names[af]}"
        if af == -1:
            return "focus landed on the background"
        if int(row["af_phase"]) in LENS_MOVING_PHASES:
            return "fired while the lens was still moving"
        return f"focus stayed put while the {name} moved"
    if worst == "motion":
        return "motion blur"
    return "camera shake"


def frame_words(row, object_names: list[str], exposure_s: float, coc_mm: float, min_focus_m: float = 0.0) -> FrameWords:
    """The frame as a photographer would say it, with the numbers behind it in plain words."""
    target = int(row["target"])
    grade = GRADES[int(row["grade"])]
    r = float(row["r"])
    numbers = (
        f"Sharpness r = {r:.2f}: the blur is {r:.1f} times the most a print still shows as sharp (r ≤ 1 is sharp)."
        if math.isfinite(r)
        else "No sharpness: nothing to measure it on."
    )
    parts = ", ".join(f"{k} {float(row[k + '_mm']) / coc_mm:.2f}·c" for k in ("focus", "motion", "shake"))
    blur_parts = f"Blur from {parts}; c = {coc_mm:.3f} mm, the blur circle a print still shows as a point."
    if target < 0 or not row["in_frame"]:
        return FrameWords("no subject in the frame: the camera was pointed away", numbers, blur_parts)
    name = object_names[target]
    lens_m, target_m = _lens_m(row), float(row["target_m"])
    if not row["visible"]:
        return FrameWords(f"{name} hidden: something nearer was in front of it", numbers, blur_parts)
    if r <= HIT_LIMIT_R:
        return FrameWords(f"{name} {grade}: focus at {distance_words(lens_m)}, on it", numbers, blur_parts)
    soft = "soft" if grade == "soft" else "out of focus"
    worst = _worst(row)
    offset = _offset(lens_m, target_m, name)
    if worst == "focus":
        af = int(row["af_object"])
        if target_m < min_focus_m:
            what = (
                f"it was at {distance_words(target_m)}; this lens focuses no closer than {distance_words(min_focus_m)}"
            )
        elif af >= 0 and af != target:
            what = f"focus landed on the {object_names[af]} at {distance_words(lens_m)}, {offset}"
        elif af == -1:
            what = f"focus landed on the background at {distance_words(lens_m)}, {offset}"
        elif int(row["af_phase"]) in LENS_MOVING_PHASES:
            what = f"the lens was still moving, {offset}: wait for the focus confirmation"
        else:
            what = f"focus stayed at {distance_words(lens_m)}, {offset}: it had moved"
        return FrameWords(f"{name} {soft}: {what}", numbers, blur_parts)
    speed = f"1/{round(1 / exposure_s)} s" if exposure_s < 0.3 else f"{exposure_s:g} s"
    if worst == "motion":
        headline = f"{name} blurred by its motion at {speed}: pan with it or use a faster shutter"
    else:
        headline = f"{name} blurred by camera shake at {speed}: hold steadier or use a faster shutter"
    return FrameWords(headline, numbers, blur_parts)


def missed_causes(frames, object_names: list[str], min_focus_m: float = 0.0) -> list[tuple[str, int]]:
    """What cost the frames that missed, most frames first: [(cause, number of frames)]."""
    counts = Counter(frame_cause(row, object_names, min_focus_m) for row in frames if not row["hit"])
    counts.pop("sharp", None)
    return counts.most_common()


def interval_words(lo: float, hi: float, frames: int) -> str:
    """The 95 % interval of a hit rate, and what it means, in one line."""
    frames_txt = f"{frames} frame{'s' * (frames != 1)}"
    return f"95 % interval {lo:.0%}–{hi:.0%}: from {frames_txt}, your real hit rate is most likely in this range"


def where_to_find(name: str, yaw_off_rad: float, pitch_off_rad: float, fov_rad: float) -> str:
    """Where a named object is from the start aim, when it is outside the frame ('' when in it).

    The Ready card says it, so a level that starts aimed elsewhere (trap focus: at the
    first rider, the post 39° away) is never a search.
    """
    if abs(yaw_off_rad) < 0.45 * fov_rad and abs(pitch_off_rad) < 0.3 * fov_rad:
        return ""
    deg = math.degrees(math.hypot(yaw_off_rad, pitch_off_rad))
    side = "right" if yaw_off_rad > 0 else "left"
    if abs(pitch_off_rad) > abs(yaw_off_rad):
        side = "up" if pitch_off_rad > 0 else "down"
    return f"The {name} is {deg:.0f}° to the {side} of where you start: turn {side} until it is under the AF point."
