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

import numpy as np

from bbf_sim.core.scoring import sharpness

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
    hit_rate: float
    ci95: tuple[float, float]
    mean_sharpness: float
    design_effect: float
    fired_without_af: int
    refocus_after_recompose: int

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
        }


def mode_result(frames: np.ndarray, trials: np.ndarray) -> ModeResult:
    """Pool the frames of the given trials (FRAME_DTYPE rows may include other trials)."""
    f = frames[np.isin(frames["trial"], trials)]
    index = np.searchsorted(trials, f["trial"])
    frames_per = np.bincount(index, minlength=len(trials))
    hits_per = np.bincount(index, weights=f["hit"], minlength=len(trials))
    n, k = int(frames_per.sum()), int(hits_per.sum())
    deff = design_effect(hits_per, frames_per)
    rate = k / n if n else 0.0
    ci = wilson_interval(rate * n / deff, n / deff) if n else (0.0, 1.0)
    return ModeResult(
        trials=len(trials),
        frames=n,
        hits=k,
        hit_rate=rate,
        ci95=ci,
        mean_sharpness=float(sharpness(f["r"]).mean()) if n else 0.0,
        design_effect=deff,
        fired_without_af=int(f["fired_without_af"].sum()),
        refocus_after_recompose=int(f["refocused_away"].sum()),
    )


def verdict(diff: float, ci: tuple[float, float]) -> str:
    points = f"{100 * diff:+.1f} points (95 % CI {100 * ci[0]:+.1f} to {100 * ci[1]:+.1f})"
    if ci[0] > 0:
        return f"Back-button focus wins here: {points}."
    if ci[1] < 0:
        return f"Shutter-AF wins here: {points}."
    return f"No difference the trials can show: {points}; the mapping does not matter here."
