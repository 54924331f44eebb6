"""What a tracking photographer watches in the finder, and what the hand does about it.

A careful tracker sees which subject the camera tracks (the box in the finder): when AF
tracks something other than the subject, or hunts, for a reaction time, the AF button of
the mapping (half-press or AF-ON) is lifted and pressed again once the subject is clear
under the point (`HumanModel.rechecks_af`; the novice does not look).

Letting go of AF-ON while an obstruction crosses and pressing again after was tried as
the careful back-button habit and measured worse than riding through on the camera's
lock-on in this camera model (the lens stops while AF-ON is up, and the new press is a
fresh acquisition, sometimes on the edge of what just crossed), so it is not played.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.autofocus import HUNT, NOTHING
from bbf_sim.core.controls import Button

if TYPE_CHECKING:
    from bbf_sim.core.camera import AfGrid
    from bbf_sim.core.human import HumanModel
    from bbf_sim.core.simulator import Snapshot
    from bbf_sim.levels.schema import Level

# From lifting an AF button to pressing it again [s].
REPRESS_S = 0.1
# How clear of nearer objects the point must be for a new press [AF point half-sizes].
CLEAR_MARGIN = 1.5


class Watcher:
    """The finder-watching habits for a batch of tracking trials (events appended to the bot's list)."""

    def __init__(self, level: Level, style: np.ndarray, human: HumanModel, grid: AfGrid):
        b = len(style)
        self.human = human
        self.grid = grid
        self.focal_mm = level.camera.focal_mm
        self.style = style
        self.target = int(np.argmax([o.role == "target" for o in level.objects]))
        self.half_w_m = np.array([o.width_m / 2 for o in level.objects])
        self.half_h_m = np.array([o.height_m / 2 for o in level.objects])
        self.wrong_since_s = np.full(b, np.inf)  # since when AF has been on something else
        self.recheck_after_s = np.zeros(b)  # no new recheck before this time

    def watch(self, snap: Snapshot, events: list) -> None:
        if self.human.rechecks_af:
            self._recheck(snap, events)

    def _boxes(self, snap: Snapshot, u: np.ndarray, v: np.ndarray, margin_mm: float) -> np.ndarray:
        """(b, n): whether each object's image box, grown by margin_mm, holds the active AF point."""
        f = self.focal_mm
        pu, pv = self.grid.position_mm(snap.point_col, snap.point_row)
        depth = np.maximum(snap.depth_m, 1e-6)
        return (
            snap.present
            & (snap.depth_m > 0)
            & (np.abs(u - pu[:, None]) <= f * self.half_w_m / depth + margin_mm)
            & (np.abs(v - pv[:, None]) <= f * self.half_h_m / depth + margin_mm)
        )

    def _nearer(self, snap: Snapshot, on: np.ndarray) -> np.ndarray:
        """(b,): some object other than the target, nearer than it, among `on`."""
        t = self.target
        nearer = on & (snap.depth_m < snap.depth_m[:, t : t + 1])
        nearer[:, t] = False
        return np.asarray(nearer.any(axis=1))

    def _recheck(self, snap: Snapshot, events: list) -> None:
        """AF on something else (or hunting) for a reaction time: lift and press again, the subject clear."""
        t0 = snap.t_s
        tracked = snap.af_tracked
        lost = ((tracked != NOTHING) & (tracked != self.target)) | (snap.af_phase == HUNT)
        wrong = snap.af_engaged & lost & ~snap.full
        self.wrong_since_s = np.where(wrong, np.minimum(self.wrong_since_s, t0), np.inf)
        due = wrong & (t0 - self.wrong_since_s >= self.human.reaction_median_s) & (t0 >= self.recheck_after_s)
        if not due.any():
            return
        # The whole point on the subject (it will still be there when AF looks), nothing nearer close by.
        half = self.grid.point_half_mm
        on_target = self._boxes(snap, snap.u_mm, snap.v_mm, -half)[:, self.target]
        clear = ~self._nearer(snap, self._boxes(snap, snap.u_mm, snap.v_mm, CLEAR_MARGIN * half))
        g = np.nonzero(due & on_target & clear)[0]
        if not len(g):
            return
        for style, button in (("shutter", Button.HALF), ("bbf", Button.AF_ON)):
            sel = g[self.style[g] == style]
            if len(sel):
                events.append((sel, np.full(len(sel), t0), int(button), False))
                events.append((sel, np.full(len(sel), t0 + REPRESS_S), int(button), True))
        self.wrong_since_s[g] = np.inf
        self.recheck_after_s[g] = t0 + REPRESS_S + self.human.reaction_median_s
