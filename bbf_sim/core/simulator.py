"""The simulator: a camera pointed at a level's moving scene, stepped in fixed ticks.

One API for every player, as in Gymnasium: `reset(level, seed, mode)` then
`step(events, aim)` once per tick. The game window, the bots and replays all drive
it the same way. A simulator holds a *batch* of trials (one for a person playing;
thousands for `compare`), each with its own mapping, so statistics over many
trials cost one pass of array operations rather than a Python loop per trial.

Time: the AF system computes once per tick (TICK_HZ); inputs carry their own
timestamps and are applied at that instant inside the tick, and a frame is exposed
at its exact time (press + shutter lag), with the lens wherever it is by then.

Randomness: one numpy Generator, passed in or made from the seed. Draws are made
per *row*; trials sharing a row share the scene's randomness, so a shutter-AF trial
and a back-button trial on the same row see the very same scene.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core import hands, kernels, optics
from bbf_sim.core.af_signal import AfSensor
from bbf_sim.core.autofocus import BACKGROUND, HUNT, NOTHING, AfSettings, AfState
from bbf_sim.core.camera import AfGrid, direction_to, project
from bbf_sim.core.controls import (
    EVENT_DTYPE,
    POINT_MOVES,
    Button,
    ControlEvent,
    Mapping,
    events_to_array,
    mapping_for,
    split_events,
)
from bbf_sim.core.kernels import readonly
from bbf_sim.core.lens import FocusMotor
from bbf_sim.core.light import LightSchedule
from bbf_sim.core.records import concat_records, copy_records
from bbf_sim.core.rowstreams import RowStreams
from bbf_sim.core.scoring import FRAME_DTYPE, HIT_LIMIT_R, fired_without_af, grade_codes
from bbf_sim.core.subjects import Motion
from bbf_sim.levels.lessons import prefocus_lesson

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level

TICK_HZ = 120  # AF cycles (and simulation ticks) per second
DT_S = 1.0 / TICK_HZ
SHAKE_FRAMES_PER_TRIAL_MAX = 4096  # per-frame shake draws kept per row (reused beyond)
HIDDEN_FRACTION = 0.5  # a target at least this much covered by nearer objects is not in the picture


@dataclass(frozen=True)
class Snapshot:
    """What can be seen of the simulation after a step: read-only arrays, one row per trial.

    The renderer and the bots read this and nothing else; nothing here changes state.
    """

    tick: int
    t_s: float
    positions_m: np.ndarray  # (b, n, 3) world positions [m] (a view of the axis-first array)
    present: np.ndarray  # (b, n)
    u_mm: np.ndarray  # (b, n) sensor position, right of centre
    v_mm: np.ndarray  # (b, n) sensor position, above centre
    depth_m: np.ndarray  # (b, n) axial distance
    yaw_rad: np.ndarray  # (b,)
    pitch_rad: np.ndarray
    lens_D: np.ndarray  # (b,) focus position [dioptres]
    af_engaged: np.ndarray
    af_phase: np.ndarray
    af_tracked: np.ndarray
    af_confirmed: np.ndarray
    confirm_count: np.ndarray  # AF-S confirmations so far (a beep each)
    point_col: np.ndarray
    point_row: np.ndarray
    half: np.ndarray
    full: np.ndarray
    af_on: np.ndarray
    frames_fired: np.ndarray
    new_frames: np.ndarray  # FRAME_DTYPE rows exposed during this step
    light_ev: float = 12.0  # the scene's light at t_s [EV at ISO 100], the same for every trial


class Simulator:
    """A level, a batch of trials, and their cameras."""

    def reset(
        self,
        level: Level,
        seed: int | np.random.Generator | RowStreams,
        mode: str | Mapping | list,
        rows: np.ndarray | None = None,
        keep_frames: bool = True,
        compiled: bool = False,
    ) -> Snapshot:
        """Start the level. `mode` is one mapping for a single trial, or a list: one per trial.

        `rows` gives each trial's random row (default: its own); trials sharing a row
        see the same scene randomness. With `keep_frames` False, frames are only handed
        out in each step's snapshot (`new_frames`) and `frames()` stays empty: a caller
        that tallies them as they come needs no memory per frame. `compiled` runs each
        tick as compiled loops (`kernels`, needs numba; a bot given `self.kernels` does
        too): the same numbers, bit for bit, in less time for large batches.
        """
        rng = np.random.default_rng(seed) if isinstance(seed, (int, np.integer)) else seed
        modes = [mode] if isinstance(mode, (str, Mapping)) else list(mode)
        maps = [mapping_for(m) for m in modes]
        b = len(maps)
        self.batch = b
        self.level = level
        rows = np.arange(b) if rows is None else np.asarray(rows, dtype=np.intp)
        n_rows = int(rows.max()) + 1
        self.rows = rows

        cam, lens, af, scene = level.camera, level.lens, level.af, level.scene
        self.sensor = optics.SENSORS[cam.sensor]
        self.focal_mm = cam.focal_mm
        self.aperture = cam.aperture
        self.exposure_s = cam.exposure_s
        self.objects = level.objects
        self.object_names = [o.name for o in level.objects]
        n = len(level.objects)
        self.is_target = np.array([o.role == "target" for o in level.objects])
        self.half_w_m = np.array([o.width_m / 2 for o in level.objects])
        self.half_h_m = np.array([o.height_m / 2 for o in level.objects])
        self.background_D = 1.0 / scene.background_m
        self.moments = list(level.goal.moments)
        self.prefocus_lesson = prefocus_lesson(level.taught_lesson)

        self.af_on_half = np.array([m.af_on_half_press for m in maps])
        self.af_on_rear = np.array([m.af_on_rear_button for m in maps])
        self.modes = modes

        near_D = 1.0 / lens.min_focus_m
        f_m = cam.focal_mm / 1000.0
        coc_m = self.sensor.coc_mm / 1000.0
        settings = AfSettings(
            continuous=af.mode == "af-c",
            zone=af.area == "zone",
            focus_priority=af.effective_priority == "focus",
            detect_latency_s=af.detect_latency_s,
            lock_on_s=af.lock_on_s,
            min_contrast=af.min_contrast,
            # Close enough that focus error alone blurs at most a quarter of c.
            tolerance_D=0.25 * coc_m * cam.aperture / (f_m * f_m),
            hunt_give_up_s=2.5 * lens.full_travel_s,
        )
        self.af_settings = settings
        self.motor = FocusMotor(b, near_D, near_D / lens.full_travel_s, 1.0 / lens.start_focus_m)
        self.af = AfState(b, n, settings)
        self.af_sensor = AfSensor(level, self.sensor, near_D)
        self.light = LightSchedule.of_level(level)
        self.light_ev = self.light.base_ev  # the light the AF sensor reads in now
        self.grid = AfGrid(af.grid[0], af.grid[1], self.sensor.width_mm, self.sensor.height_mm)
        self.area_half_mm = self.grid.area_half_mm(settings.zone)
        c0, r0 = af.start_point
        self.point_col = np.full(b, c0, np.int16)
        self.point_row = np.full(b, r0, np.int16)

        self.half = np.zeros(b, bool)
        self.full = np.zeros(b, bool)
        self.af_on = np.zeros(b, bool)
        self.next_exp_t = np.full(b, np.inf)
        self.committed = np.zeros(b, bool)  # the scheduled exposure comes from a press already made
        self.waiting = np.zeros(b, bool)  # a press held back by focus priority
        self.frames_fired = np.zeros(b, np.int32)
        self.frames_left = cam.frames_left
        self.burst = cam.drive == "burst"
        self.burst_interval_s = 1.0 / cam.burst_fps
        self.shutter_lag_s = cam.shutter_lag_s

        self.motion = Motion(level.objects, rows, n_rows, rng)
        # Shake: the hands' tremor (`hands`: the 1/focal-length rule less the sway the aim already
        # carries, none on a tripod, halved per stop of stabilisation), times a per-frame Rayleigh
        # factor of mean 1 (the tremor differs from frame to frame).
        self.shake_mm = hands.tremor_blur_mm(
            cam.exposure_s, cam.focal_mm, self.sensor, cam.support, cam.stabilisation_stops
        )
        n_draw = min(SHAKE_FRAMES_PER_TRIAL_MAX, int(level.duration_s * max(cam.burst_fps, 4)) + 16)
        self.shake_factor = rng.rayleigh(math.sqrt(2 / math.pi), (n_rows, n_draw))[rows]

        # Start aimed at the first target's starting position, as a photographer would be.
        first = int(np.argmax(self.is_target))
        start = self.motion.positions(np.zeros(b))[:, :, first]
        self.yaw0, self.pitch0 = direction_to(start)
        self.yaw1, self.pitch1 = self.yaw0.copy(), self.pitch0.copy()
        self.tick = 0
        self.duration_s = level.duration_s
        self.kernels: ModuleType | None = kernels.load() if compiled else None  # None: the numpy reference
        self.motor.kernels = self.kernels
        if compiled:  # the same numbers in C order: the layout the kernels are compiled (and cached) for
            self.motion.sin_omega = np.ascontiguousarray(self.motion.sin_omega)
            self.motion.sin_phase = np.ascontiguousarray(self.motion.sin_phase)
            self._row_source = kernels.first_trial_of_row(rows)
        self._kernel_state: dict = {}  # the compiled path's per-run arguments and buffers (`kernels`)
        self._frames: list[np.ndarray] = []
        self._keep_frames = keep_frames
        self._new_frames: list[np.ndarray] = []
        self._pending = np.empty(0, EVENT_DTYPE)
        self._observe(0.0)
        return self.snapshot(np.empty(0, FRAME_DTYPE))

    # --- stepping ---------------------------------------------------------------------------

    @property
    def t_s(self) -> float:
        return self.tick * DT_S

    @property
    def done(self) -> bool:
        return self.t_s >= self.duration_s - 1e-9

    def step(self, events: np.ndarray | list[ControlEvent] | None = None, aim: np.ndarray | None = None) -> Snapshot:
        """Advance one tick.

        `events`: timed button events (EVENT_DTYPE rows, or ControlEvents for a single
        trial); those at or after the tick's end wait for their own tick, those before
        its start act at its start. `aim`: (b, 2) camera yaw and pitch [rad] at the end
        of the tick; the camera turns steadily across the tick (None: hold still).
        """
        t0 = self.t_s
        t1 = t0 + DT_S
        if events is not None and len(events):
            if not isinstance(events, np.ndarray):
                events = events_to_array(list(events))
            events = events if events.dtype == EVENT_DTYPE else events.astype(EVENT_DTYPE)
            # The events held back from earlier ticks first (see below).
            batch = concat_records([self._pending, events], EVENT_DTYPE) if len(self._pending) else events
        else:
            batch = self._pending
        if len(batch) and self.kernels is not None:
            now, self._pending = kernels.split_events(self.kernels, self, batch, t0, t1)
        elif len(batch):
            now, self._pending = split_events(batch, t0, t1, self.batch)
        else:
            now = batch
        if aim is not None:
            aim = np.asarray(aim, dtype=float).reshape(self.batch, 2)
            self.yaw1, self.pitch1 = aim[:, 0].copy(), aim[:, 1].copy()
        else:
            self.yaw1, self.pitch1 = self.yaw0.copy(), self.pitch0.copy()

        self._set_light(t0)
        self._af_cycle(t0)
        self._new_frames = []
        self._run_instants(now, t0, t1)
        self.tick += 1
        self.yaw0, self.pitch0 = self.yaw1, self.pitch1
        self._observe(t1)
        # Lent (`kernels.lend_snapshots`): a view of the compiled path's frame buffer, which the next step
        # overwrites; else a copy (`records` moves their bytes: numpy copies records field by field).
        lent = len(self._new_frames) == 1 and "lent" in self._kernel_state
        new = self._new_frames[0] if lent else concat_records(self._new_frames, FRAME_DTYPE)
        if self._keep_frames and len(new):
            self._frames.append(copy_records(new))  # kept apart from the snapshot's, which its reader owns
        return self.snapshot(new)

    def frames(self) -> np.ndarray:
        """Every frame fired so far, all trials, in firing order (FRAME_DTYPE rows)."""
        return np.concatenate(self._frames) if self._frames else np.empty(0, FRAME_DTYPE)

    # --- internals ----------------------------------------------------------------------------

    def _observe(self, t_s: float) -> None:
        """Where everything is at tick time t_s, seen from the camera: used by AF and snapshots."""
        b = self.batch
        self._obs_t = t_s
        if self.kernels is None:
            self._pos, self._present = self.motion.positions_and_presence(np.full(b, t_s))
            self._u, self._v, self._depth = project(self._pos, self.yaw0, self.pitch0, self.focal_mm)
            return
        self._pos, self._present, self._u, self._v, self._depth = kernels.observe(self.kernels, self, t_s)

    def _set_light(self, t_s: float) -> None:
        """The AF sensor reads in the light of this tick's start (one number for every trial)."""
        if self.light.constant:
            return
        ev = self.light.ev_at(t_s)
        if ev != self.light_ev:
            self.light_ev = ev
            self.af_sensor.set_light(ev)

    def _af_cycle(self, t_s: float) -> None:
        if self.kernels is not None:
            kernels.af_cycle(self.kernels, self, t_s, DT_S)
            return
        f = self.focal_mm
        safe_depth = np.maximum(self._depth, 1e-6)
        pu, pv = self.grid.active_position_mm(self.point_col, self.point_row)
        reading = self.af_sensor.read(
            self.motor.position_at(t_s),
            self._u,
            self._v,
            self._depth,
            self._present,
            f * self.half_w_m / safe_depth,
            f * self.half_h_m / safe_depth,
            (pu, pv, *self.area_half_mm),
            bool((self.af.phase == HUNT).any()),
        )
        self.af.cycle(t_s, DT_S, reading, self.motor)
        # A press held back by focus priority goes as soon as focus is confirmed.
        go = self.waiting & self.af.confirmed & self.full
        if go.any():
            gi = np.nonzero(go)[0]
            self.waiting[gi] = False
            self.next_exp_t[gi] = t_s + self.shutter_lag_s
            self.committed[gi] = True
        self.waiting &= self.full

    def _run_instants(self, events: np.ndarray, t0: float, t1: float) -> None:
        """Apply this tick's events and exposures in time order, each at its own instant."""
        if self.kernels is not None:
            kernels.run_instants(self.kernels, self, events, t0, t1, DT_S)
            return
        b = self.batch
        if len(events):
            trials = np.arange(b)
            ptr = np.searchsorted(events["trial"], trials, "left")
            end = np.searchsorted(events["trial"], trials, "right")
        else:
            ptr = end = np.zeros(b, np.intp)
        while True:
            has_ev = ptr < end
            t_ev = np.full(b, np.inf)
            t_ev[has_ev] = events["t_s"][ptr[has_ev]]
            t_ex = self.next_exp_t
            active = np.minimum(t_ev, t_ex) < t1
            if not active.any():
                return
            ex = active & (t_ex <= t_ev)
            if ex.any():
                idx = np.nonzero(ex)[0]
                self._shutter_opens(idx, t_ex[idx].copy(), t0)
            ev = active & ~ex
            if ev.any():
                idx = np.nonzero(ev)[0]
                self._apply_events(idx, events[ptr[idx]])
                ptr[idx] += 1

    def _apply_events(self, idx: np.ndarray, rows: np.ndarray) -> None:
        t = rows["t_s"]
        btn = rows["button"]
        pressed = rows["pressed"]
        was_engaged = self.af.engaged[idx].copy()
        was_full = self.full[idx].copy()
        for button, state in (
            (Button.HALF, self.half),
            (Button.FULL, self.full),
            (Button.AF_ON, self.af_on),
        ):
            m = btn == button
            state[idx[m]] = pressed[m]
        for button, (dc, dr) in POINT_MOVES.items():
            m = (btn == button) & pressed
            if m.any():
                j = idx[m]
                self.point_col[j] = np.clip(self.point_col[j] + dc, 0, self.grid.cols - 1)
                self.point_row[j] = np.clip(self.point_row[j] + dr, 0, self.grid.rows - 1)
        m = (btn == Button.POINT_CENTRE) & pressed
        self.point_col[idx[m]] = self.grid.cols // 2
        self.point_row[idx[m]] = self.grid.rows // 2

        # The custom function: which held controls run AF (a full press passes through half).
        shutter_held = self.half[idx] | self.full[idx]
        engaged = (self.af_on_half[idx] & shutter_held) | (self.af_on_rear[idx] & self.af_on[idx])
        rise = engaged & ~was_engaged
        if rise.any():
            self.af.engage(idx[rise], t[rise])
        fall = ~engaged & was_engaged
        if fall.any():
            self.af.release(idx[fall], t[fall], self.motor)

        press = self.full[idx] & ~was_full
        if press.any():
            self._shutter_pressed(idx[press], t[press])
        let_go = ~self.full[idx] & was_full
        if let_go.any():
            j = idx[let_go]
            cancel = j[~self.committed[j]]
            self.next_exp_t[cancel] = np.inf
            self.waiting[j] = False

    def _shutter_pressed(self, idx: np.ndarray, t: np.ndarray) -> None:
        ok = self.frames_fired[idx] < self.frames_left
        idx, t = idx[ok], t[ok]
        held = self.af.blocks_shutter(idx)
        self.waiting[idx[held]] = True
        go = idx[~held]
        self.next_exp_t[go] = t[~held] + self.shutter_lag_s
        self.committed[go] = True

    def _shutter_opens(self, idx: np.ndarray, t_e: np.ndarray, t0: float) -> None:
        """Exposures due now: focus priority may hold back a burst frame; the rest are taken."""
        held = ~self.committed[idx] & self.af.blocks_shutter(idx)
        if held.any():
            h = idx[held]
            self.waiting[h] = True
            self.next_exp_t[h] = np.inf
        idx, t_e = idx[~held], t_e[~held]
        if not len(idx):
            return
        self.motor.advance(t_e, idx)
        self._new_frames.append(self._expose(idx, t_e, t0))
        self.frames_fired[idx] += 1
        self.committed[idx] = False
        more = self.burst & self.full[idx] & (self.frames_fired[idx] < self.frames_left)
        self.next_exp_t[idx] = np.where(more, t_e + self.burst_interval_s, np.inf)

    def _aim_at(self, idx: np.ndarray, t: np.ndarray, t0: float):
        frac = (t - t0) / DT_S
        yaw = self.yaw0[idx] + (self.yaw1[idx] - self.yaw0[idx]) * frac
        pitch = self.pitch0[idx] + (self.pitch1[idx] - self.pitch0[idx]) * frac
        return yaw, pitch

    def _expose(self, idx: np.ndarray, t_e: np.ndarray, t0: float) -> np.ndarray:
        """Take frames for trials idx at times t_e and grade them (FRAME_DTYPE rows)."""
        k = len(idx)
        f = self.focal_mm
        half_exp = self.exposure_s / 2
        pos, present = self.motion.positions_and_presence(t_e, idx)
        yaw, pitch = self._aim_at(idx, t_e, t0)
        u, v, depth = project(pos, yaw, pitch, f)
        safe = np.maximum(depth, 1e-6)
        hw, hh = f * self.half_w_m / safe, f * self.half_h_m / safe
        in_frame = (
            present & (depth > 0) & (np.abs(u) <= self.sensor.width_mm / 2) & (np.abs(v) <= self.sensor.height_mm / 2)
        )
        # Hidden: nearer present objects cover at least half of this one's outline (a runner
        # half behind a player is still a picture of the runner; one behind him is not).
        # Each outline's edges once per object, then compared pair by pair (the same sums the
        # pairs made); np.maximum(·, 0) for np.clip: the same overlaps (but perhaps the sign of
        # a zero, which the sum below cannot see) at a third of the call's cost.
        left, right = u - hw, u + hw
        low, high = v - hh, v + hh
        overlap_u = np.maximum(
            np.minimum(right[:, :, None], right[:, None, :]) - np.maximum(left[:, :, None], left[:, None, :]), 0.0
        )
        overlap_v = np.maximum(
            np.minimum(high[:, :, None], high[:, None, :]) - np.maximum(low[:, :, None], low[:, None, :]), 0.0
        )
        in_front = present[:, :, None] & (depth[:, :, None] < depth[:, None, :])
        covered = np.where(in_front, overlap_u * overlap_v, 0.0).sum(axis=1) / np.maximum(4 * hw * hh, 1e-12)
        visible = covered < HIDDEN_FRACTION
        pu, pv = self.grid.position_mm(self.point_col[idx], self.point_row[idx])
        d2 = (u - pu[:, None]) ** 2 + (v - pv[:, None]) ** 2
        # The frame's target: the visible in-frame target nearest the AF point, else the
        # nearest one in frame, else any present one (for the reason text).
        rank = np.where(self.is_target & present, d2, np.inf)
        rank = rank + np.where(in_frame & visible, 0.0, 1e6) + np.where(in_frame, 0.0, 1e6)
        tgt = np.argmin(rank, axis=1)
        rows = np.arange(k)
        has_tgt = np.isfinite(rank[rows, tgt])
        tgt_depth = depth[rows, tgt]

        lens_D = self.motor.position_at(t_e, idx)
        target_D = 1.0 / np.maximum(tgt_depth, 1e-6)
        focus_mm = optics.blur_circle_mm(f, self.aperture, lens_D, target_D)
        # Motion blur: the streak the target's image draws on the sensor during the exposure,
        # camera panning included. Only the target's motion is needed: both ends of the
        # exposure in one evaluation, for that object alone.
        t_ab = np.concatenate([t_e - half_exp, t_e + half_exp])
        idx_ab = np.concatenate([idx, idx])  # np.tile does the same in five times the time
        p_ab = self.motion.positions_of(t_ab, idx_ab, np.concatenate([tgt, tgt]))[:, :, None]
        y_ab, pitch_ab = self._aim_at(idx_ab, t_ab, t0)
        u_ab, v_ab, _ = project(p_ab, y_ab, pitch_ab, f)
        motion_mm = np.hypot(u_ab[k:] - u_ab[:k], v_ab[k:] - v_ab[:k])[:, 0]
        frame_no = self.frames_fired[idx]
        shake_mm = self.shake_mm * self.shake_factor[idx, frame_no % self.shake_factor.shape[1]]
        r = optics.blur_ratio(focus_mm, motion_mm, shake_mm, self.sensor.coc_mm)
        ok = has_tgt & in_frame[rows, tgt] & visible[rows, tgt]

        out = np.zeros(k, FRAME_DTYPE)
        out["trial"] = idx
        out["index"] = frame_no
        out["t_s"] = t_e
        out["target"] = np.where(has_tgt, tgt, -1)
        out["in_frame"] = has_tgt & in_frame[rows, tgt]
        out["visible"] = has_tgt & visible[rows, tgt]
        out["focus_mm"] = focus_mm
        out["motion_mm"] = motion_mm
        out["shake_mm"] = shake_mm
        out["r"] = np.where(has_tgt, r, np.inf)
        out["grade"] = grade_codes(out["r"], ok)
        out["hit"] = ok & (r <= HIT_LIMIT_R)
        out["lens_D"] = lens_D
        out["target_m"] = tgt_depth
        af = self.af
        out["af_object"] = af.tracked[idx]
        out["af_phase"] = af.phase[idx]
        had = af.had[idx, tgt]
        # Where the object AF was last on stood at this instant, for a pre-focus lesson's habit.
        af_obj = af.tracked[idx]
        af_D = np.where(af_obj == BACKGROUND, self.background_D, np.nan)
        on_obj = af_obj >= 0
        af_D[on_obj] = 1.0 / np.maximum(depth[rows[on_obj], af_obj[on_obj]], 1e-6)
        with np.errstate(invalid="ignore"):
            at_distance = optics.blur_circle_mm(f, self.aperture, af_D, target_D) <= self.sensor.coc_mm
        out["fired_without_af"] = fired_without_af(self.prefocus_lesson, has_tgt, had, at_distance)
        out["refocused_away"] = (
            has_tgt
            & had
            & (af.tracked[idx] != tgt)
            & (af.tracked[idx] != NOTHING)
            & (af.acquisitions[idx] > af.had_at_acq[idx, tgt])
        )
        out["in_moment"] = np.zeros(k, bool)
        for a, bnd in self.moments:
            out["in_moment"] |= (t_e >= a) & (t_e <= bnd)
        return out

    def snapshot(self, new_frames: np.ndarray) -> Snapshot:
        if "lent" in self._kernel_state:  # the headless comparison's, for one tick (`kernels.lend_snapshots`)
            return kernels.lent_snapshot(self, new_frames, Snapshot)
        af = self.af
        k = self.kernels
        lens_D = self.motor.position_at(self._obs_t) if k is None else kernels.lens_at(k, self.motor, self._obs_t)
        return Snapshot(
            tick=self.tick,
            t_s=self._obs_t,
            positions_m=readonly(self._pos.transpose(1, 2, 0)),  # np.moveaxis(·, 0, -1), without its checks
            present=readonly(self._present),
            u_mm=readonly(self._u),
            v_mm=readonly(self._v),
            depth_m=readonly(self._depth),
            yaw_rad=readonly(self.yaw0),
            pitch_rad=readonly(self.pitch0),
            lens_D=lens_D,
            af_engaged=readonly(af.engaged.copy()),
            af_phase=readonly(af.phase.copy()),
            af_tracked=readonly(af.tracked.copy()),
            af_confirmed=readonly(af.confirmed.copy()),
            confirm_count=readonly(af.confirm_count.copy()),
            point_col=readonly(self.point_col.copy()),
            point_row=readonly(self.point_row.copy()),
            half=readonly(self.half.copy()),
            full=readonly(self.full.copy()),
            af_on=readonly(self.af_on.copy()),
            frames_fired=readonly(self.frames_fired.copy()),
            new_frames=new_frames,
            light_ev=self.light.ev_at(self._obs_t),
        )
