"""What a tracking photographer watches in the finder, and what the hand does about it.

Two habits, both played by the careful and everyday trackers (the novice does not look):

**The recheck** (both mappings, `HumanModel.rechecks_af`). The photographer sees which
subject the camera tracks (the box in the finder). When AF tracks something other than the
subject, or hunts, for a reaction time, the AF button of the mapping (half-press or AF-ON)
is lifted, and pressed again once the subject has been clear under the point for a
reaction time: the eye has to see the point clear before the thumb can act on it.

**Letting go of AF-ON while an obstruction crosses** (back-button in AF-C,
`HumanModel.obstruction_let_go`). When something nearer than the subject covers the AF
point, the photographer sees it after a reaction time and lifts the thumb: the lens stays
at the subject's distance, the shutter still fires. AF-ON is pressed again a reaction time
after the point is clear on the subject; phase detection then reads the small defocus and
the lens is back on the subject one detection latency and a short move later. Riding
through on the camera's lock-on does better while the obstruction lasts less than the
lock-on delay (the lens keeps following the prediction, and AF measures again the moment
the subject is back, with no reaction time in the loop); past the delay lock-on hands the
focus to the obstruction and the frames after it are soft until AF is back on the subject.
So a skilled shooter rides short crossings through and takes the thumb off for long ones
("beyond-lock-on", the careful default): the obstruction's remaining time under the point is
judged from its motion in the finder (its image extrapolated at its current speed), and
the thumb comes off when the whole crossing will outlast the lock-on delay. "always" is the
issue's literal habit (every crossing), "never" rides everything through.
`docs/camera-model.md` ("Obstructions: ride through or let go") has the measurements.
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core import kernels
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
OBSTRUCTION_POLICIES = ("never", "beyond-lock-on", "always")


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
        self.area_half_mm = grid.area_half_mm(level.af.area == "zone")
        self.lock_on_s = level.af.lock_on_s
        self.wrong_since_s = np.full(b, np.inf)  # since when AF has been on something else
        self.recheck_after_s = np.zeros(b)  # no new recheck before this time
        self.clear_since_s = np.full(b, np.inf)  # since when the subject is clear under the point
        # Letting go through obstructions: back-button trials in AF-C whose owner does it.
        self.lets_go = (style == "bbf") & (level.af.mode == "af-c") & (human.obstruction_let_go != "never")
        self.covered_since_s = np.full(b, np.inf)  # since when something nearer covers the AF area
        self.judged = np.zeros(b, bool)  # this crossing has been judged (let go or ride through)
        self.let_go = np.zeros(b, bool)  # AF-ON lifted for a crossing, to be pressed again
        self.let_go_count = np.zeros(b, np.int32)  # crossings let go (for tests and the docs)
        self._prev_uv: tuple[np.ndarray, np.ndarray, float] | None = None
        self._box_parts: tuple | None = None  # `_boxes`'s margin-free parts, for the snapshot they are of
        self.kernels: ModuleType | None = None  # the compiled kernels (`kernels.load()`), or None: numpy
        self._static: tuple | None = None  # the compiled path's arguments that stay the same all run
        self._state: tuple = ()  # and the arrays it changes in place
        self._pinned_arrays: tuple = ()  # every array it reads that lives as long as the run, listed in _table
        self._table: np.ndarray | None = None  # their addresses (`kernel_tables.pin`)
        self.row_source: np.ndarray | None = None  # each trial's row's first trial (set by the bot), None: all apart

    def watch(self, snap: Snapshot, events: list) -> None:
        if self.kernels is not None:
            kernels.watch(self.kernels, self, snap, events, CLEAR_MARGIN, REPRESS_S)
            return
        t0 = snap.t_s
        half = self.grid.point_half_mm
        on_target = self._boxes(snap, -half, -half)[:, self.target]
        clear = ~self._nearer(snap, self._boxes(snap, CLEAR_MARGIN * half, CLEAR_MARGIN * half))
        ready = on_target & clear
        self.clear_since_s = np.where(ready, np.minimum(self.clear_since_s, t0), np.inf)
        if self.lets_go.any():
            self._obstructions(snap, events)
        if self.human.rechecks_af:
            self._recheck(snap, events)
        self._prev_uv = (snap.u_mm.copy(), snap.v_mm.copy(), t0)

    def _seen_clear(self, t0: float) -> np.ndarray:
        """(b,): the subject has been clear under the point for a reaction time (the eye has seen it)."""
        return t0 - self.clear_since_s >= self.human.reaction_median_s

    def _boxes(self, snap: Snapshot, margin_u_mm, margin_v_mm) -> np.ndarray:
        """(b, n): whether each object's image box, grown by the margins [mm], holds the active AF point."""
        parts = self._box_parts
        if parts is None or parts[0] is not snap:  # a tick asks two or three times of one snapshot
            f = self.focal_mm
            pu, pv = self.grid.active_position_mm(snap.point_col, snap.point_row)
            depth = np.maximum(snap.depth_m, 1e-6)
            ok = snap.present & (snap.depth_m > 0)
            du, dv = np.abs(snap.u_mm - pu[:, None]), np.abs(snap.v_mm - pv[:, None])
            parts = self._box_parts = (snap, ok, du, f * self.half_w_m / depth, dv, f * self.half_h_m / depth)
        _, ok, du, half_w_mm, dv, half_h_mm = parts
        return ok & (du <= half_w_mm + margin_u_mm) & (dv <= half_h_mm + margin_v_mm)

    def _nearer(self, snap: Snapshot, on: np.ndarray) -> np.ndarray:
        """(b,): some object other than the target, nearer than it, among `on`."""
        return np.asarray(self._nearer_each(snap, on).any(axis=1))

    def _nearer_each(self, snap: Snapshot, on: np.ndarray) -> np.ndarray:
        """(b, n): the objects among `on` that are not the target and nearer than it."""
        t = self.target
        nearer = on & (snap.depth_m < snap.depth_m[:, t : t + 1])
        nearer[:, t] = False
        return nearer

    def _obstructions(self, snap: Snapshot, events: list) -> None:
        """Back-button, AF-C: thumb off AF-ON while something nearer crosses the point; on again after."""
        t0 = snap.t_s
        h = self.human
        covering = self._nearer_each(snap, self._boxes(snap, *self.area_half_mm))
        covered = covering.any(axis=1) & self.lets_go
        self.covered_since_s = np.where(covered, np.minimum(self.covered_since_s, t0), np.inf)
        self.judged &= covered
        # Seen a reaction time after it started covering, AF-ON held and AF still on the subject (lock-on
        # protecting it; once AF is on something else the recheck is the answer): judge this crossing.
        protecting = snap.af_on & (snap.af_tracked == self.target)
        seen = t0 - self.covered_since_s >= h.reaction_median_s
        judge = covered & ~self.judged & ~self.let_go & protecting & seen
        if judge.any():
            g = np.nonzero(judge)[0]
            self.judged[g] = True
            if h.obstruction_let_go == "always":
                off = g
            else:
                whole_s = (t0 - self.covered_since_s[g]) + self._time_to_clear_s(snap, covering, g)
                off = g[whole_s >= self.lock_on_s]
            if len(off):
                events.append((off, np.full(len(off), t0), int(Button.AF_ON), False))
                self.let_go[off] = True
                self.let_go_count[off] += 1
        back = np.nonzero(self.let_go & self._seen_clear(t0))[0]
        if len(back):
            events.append((back, np.full(len(back), t0), int(Button.AF_ON), True))
            self.let_go[back] = False

    def _time_to_clear_s(self, snap: Snapshot, covering: np.ndarray, g: np.ndarray) -> np.ndarray:
        """(len(g),): how long until the objects now covering the point have left it [s], each image
        moving on at its speed in the finder since the last look (inf: one of them keeps still there)."""
        if self._prev_uv is None:
            return np.full(len(g), np.inf)
        u0, v0, t_prev = self._prev_uv
        dt = max(snap.t_s - t_prev, 1e-9)
        pu, pv = self.grid.position_mm(snap.point_col[g], snap.point_row[g])
        depth = np.maximum(snap.depth_m[g], 1e-6)
        out = []
        au, av = self.area_half_mm
        for rel, speed, reach in (
            (snap.u_mm[g] - pu[:, None], (snap.u_mm[g] - u0[g]) / dt, self.focal_mm * self.half_w_m / depth + au),
            (snap.v_mm[g] - pv[:, None], (snap.v_mm[g] - v0[g]) / dt, self.focal_mm * self.half_h_m / depth + av),
        ):
            with np.errstate(divide="ignore", invalid="ignore"):
                leave = np.where(speed > 0, (reach - rel) / speed, np.where(speed < 0, (reach + rel) / -speed, np.inf))
            out.append(np.maximum(leave, 0.0))
        each = np.minimum(out[0], out[1])  # an object leaves the point through either side
        return np.where(covering[g], each, 0.0).max(axis=1)

    def _recheck(self, snap: Snapshot, events: list) -> None:
        """AF on something else (or hunting) for a reaction time: lift and press again, the subject seen clear."""
        t0 = snap.t_s
        tracked = snap.af_tracked
        lost = ((tracked != NOTHING) & (tracked != self.target)) | (snap.af_phase == HUNT)
        wrong = snap.af_engaged & lost & ~snap.full
        self.wrong_since_s = np.where(wrong, np.minimum(self.wrong_since_s, t0), np.inf)
        due = wrong & (t0 - self.wrong_since_s >= self.human.reaction_median_s) & (t0 >= self.recheck_after_s)
        g = np.nonzero(due & self._seen_clear(t0))[0]
        if not len(g):
            return
        for style, button in (("shutter", Button.HALF), ("bbf", Button.AF_ON)):
            sel = g[self.style[g] == style]
            if len(sel):
                events.append((sel, np.full(len(sel), t0), int(button), False))
                events.append((sel, np.full(len(sel), t0 + REPRESS_S), int(button), True))
        self.wrong_since_s[g] = np.inf
        self.recheck_after_s[g] = t0 + REPRESS_S + self.human.reaction_median_s
