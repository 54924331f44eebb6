"""Comparing the two mappings: hit rates with honest 95 % intervals, and a verdict in words.

Frames from one trial are not independent (a shutter-AF portrait trial that refocused
on the hedge misses every later frame too), so a plain binomial interval over frames
would claim more certainty than the trials hold. Each mode's interval is a Wilson
score interval on the *effective* number of frames: the frame count divided by the
design effect of sampling frames in clusters (one cluster per trial; Kish), estimated
from the spread of hits between trials. The difference (bbf − shutter) gets
Newcombe's hybrid score interval built from the two Wilson intervals.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.mapping_names import MAPPING_NAMES

if TYPE_CHECKING:
    from bbf_sim.core.headless import TrialTally

Z95 = 1.959963984540054  # two-sided 95 % normal quantile


def wilson_interval(hits: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion; n may be an effective (non-integer) count."""
    if n <= 0:
        return (0.0, 1.0)
    p = hits / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return (max(0.0, centre - half), min(1.0, centre + half))


def design_effect(hits_per_trial: np.ndarray, frames_per_trial: np.ndarray) -> float:
    """Variance of the pooled hit rate over clustered frames relative to independent frames (≥ 1)."""
    h = np.asarray(hits_per_trial, dtype=float)
    n = np.asarray(frames_per_trial, dtype=float)
    m = int((n > 0).sum())
    total = n.sum()
    if m < 2 or total <= 0:
        return 1.0
    p = h.sum() / total
    var_srs = p * (1 - p) / total
    if var_srs <= 0:
        return 1.0
    # Linearised variance of a ratio estimator over clusters.
    var_cluster = m / (m - 1) * np.sum((h - p * n) ** 2) / total**2
    return max(1.0, float(var_cluster / var_srs))


def newcombe_difference(p1: float, ci1: tuple[float, float], p2: float, ci2: tuple[float, float]):
    """Newcombe's hybrid score interval for p2 − p1 from each proportion's Wilson interval."""
    d = p2 - p1
    lo = d - math.sqrt((p2 - ci2[0]) ** 2 + (ci1[1] - p1) ** 2)
    hi = d + math.sqrt((ci2[1] - p2) ** 2 + (p1 - ci1[0]) ** 2)
    return d, (max(-1.0, lo), min(1.0, hi))


@dataclass(frozen=True)
class ModeResult:
    trials: int
    frames: int
    hits: int
    hit_rate: float  # hits / frames; 0 when no frame was fired
    ci95: tuple[float, float]
    mean_sharpness: float | None  # mean min(1, 1/r) of the frames with the target in frame; None: no such frame
    design_effect: float
    fired_without_af: int
    refocus_after_recompose: int
    first_sharp_s: float | None  # median over trials of the target's appearance to the first hit [s]
    first_sharp_trials: int  # trials with a hit: the ones that median is over

    def to_dict(self) -> dict:
        return {
            "trials": self.trials,
            "frames": self.frames,
            "hits": self.hits,
            "hit_rate": self.hit_rate,
            "ci95": list(self.ci95),
            "mean_sharpness": self.mean_sharpness,
            "design_effect": self.design_effect,
            "fired_without_af": self.fired_without_af,
            "refocus_after_recompose": self.refocus_after_recompose,
            "first_sharp_s": self.first_sharp_s,
            "first_sharp_trials": self.first_sharp_trials,
        }


def mode_result(tally: TrialTally) -> ModeResult:
    """Pool one mapping's trials (a TrialTally with one entry per trial)."""
    frames_per, hits_per = tally.frames, tally.hits
    n, k = int(frames_per.sum()), int(hits_per.sum())
    deff = design_effect(hits_per, frames_per)
    rate = k / n if n else 0.0
    ci = wilson_interval(rate * n / deff, n / deff) if n else (0.0, 1.0)
    in_frame = int(tally.in_frame.sum())
    # fsum: the pooled mean does not depend on how the trials were split up to be run.
    mean_sharpness = math.fsum(tally.sharpness_sum.tolist()) / in_frame if in_frame else None
    firsts = tally.first_sharp_s[~np.isnan(tally.first_sharp_s)]
    return ModeResult(
        trials=len(frames_per),
        frames=n,
        hits=k,
        hit_rate=rate,
        ci95=ci,
        mean_sharpness=mean_sharpness,
        design_effect=deff,
        fired_without_af=int(tally.fired_without_af.sum()),
        refocus_after_recompose=int(tally.refocused_away.sum()),
        first_sharp_s=float(np.median(firsts)) if len(firsts) else None,
        first_sharp_trials=len(firsts),
    )


def verdict(diff: float, ci: tuple[float, float], frames: dict[str, int] | None = None) -> str:
    """The comparison in words; `frames` (frames fired per mapping) tells a measurement from none."""
    silent = [m for m, n in (frames or {}).items() if n == 0]
    if len(silent) == len(frames or {}) and silent:
        return "Nothing was measured: no frame was fired in either mapping."
    if silent:
        name = MAPPING_NAMES.get(silent[0], silent[0])
        return f"Nothing was measured in {name}: it fired no frame, so the mappings cannot be compared here."
    points = f"{100 * diff:+.1f} points (95 % CI {100 * ci[0]:+.1f} to {100 * ci[1]:+.1f})"
    if ci[0] > 0:
        return f"Back-button focus wins here: {points}."
    if ci[1] < 0:
        return f"Shutter-AF wins here: {points}."
    return f"No difference the trials can show: {points}; the mapping does not matter here."
