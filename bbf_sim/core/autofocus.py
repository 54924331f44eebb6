"""Autofocus: what the AF area sees, and the AF-S / AF-C state machines.

The AF system runs once per simulator tick (its "AF cycle", as real bodies compute
at a fixed rate); the focus motor in between is exact (see `lens`). Engaging and
releasing AF happen at the exact time of the button event. Each cycle acts on what
the AF sensor read a detection latency earlier, and AF-C predicts from those
measurements to the instants the lens will be used (`docs/camera-model.md`).

| phase | meaning |
|---|---|
| IDLE | AF not engaged; the lens stays where it is |
| DETECT | engaged, waiting out the detection latency |
| DRIVE | AF-S / One-Shot: driving to the distance measured at acquisition |
| LOCKED | AF-S confirmed (beep, dot): focus held until AF is released and engaged again |
| TRACK | AF-C / AI Servo: following the tracked object, predicting its motion |
| HUNT | nothing with enough contrast: sweeping the focus range looking for it |
| FAILED | AF-S gave up hunting, or its subject is nearer than the lens focuses: no shot in focus priority |

Lock-on (Canon "Case 2", Nikon "blocked shot AF response", Fujifilm tracking
sensitivity): when something else comes under the point during AF-C tracking, AF
holds its focus for `lock_on_s` before switching to it. A *new* engagement has no
track to protect, so it takes whatever is under the point: this is how a
shutter-AF re-press lands on a referee, with no special case for it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bbf_sim.core.lens import FocusMotor

IDLE, DETECT, DRIVE, LOCKED, TRACK, HUNT, FAILED = range(7)
PHASE_NAMES = ("idle", "detect", "drive", "locked", "track", "hunt", "failed")
_FOCUSING = np.zeros(7, bool)  # phases in which AF is on an object
_FOCUSING[[DRIVE, LOCKED, TRACK]] = True
BACKGROUND = -1  # "object index" of the background
NOTHING = -2  # no object: nothing acquired, or nothing with contrast


@dataclass(frozen=True)
class AfSettings:
    continuous: bool  # AF-C / AI Servo (else AF-S / One-Shot)
    zone: bool  # zone area (else single point)
    focus_priority: bool  # the shutter waits for confirmed focus
    detect_latency_s: float
    lock_on_s: float
    min_contrast: float  # the least effective contrast AF can focus on
    tolerance_D: float  # "in focus" when the lens is this close to the goal [dioptres]
    hunt_give_up_s: float  # AF-S stops hunting after this long


def light_factor(light_ev: float, min_light_ev: float) -> float:
    """How much of an object's contrast the AF sensor gets in this light (0..1).

    Full contrast from 4 EV above the AF system's rated low-light limit, fading to
    nothing at the limit: phase detection needs light as much as it needs detail.
    """
    return float(np.clip((light_ev - min_light_ev) / 4.0, 0.0, 1.0))


def af_sees(
    u_mm,
    v_mm,
    depth_m,
    half_w_mm,
    half_h_mm,
    usable,
    point_u_mm,
    point_v_mm,
    area_half_u_mm,
    area_half_v_mm,
    background_ok: bool,
):
    """The nearest usable object under each trial's AF area: (object index, seen?).

    All object arrays are (b, n); the AF area position is (b,). An object is usable
    when present, in front of the camera and contrasty enough. When none is under the
    area, AF sees the background if it is contrasty enough, otherwise NOTHING.
    """
    over = (
        usable
        & (np.abs(u_mm - point_u_mm[:, None]) <= half_w_mm + area_half_u_mm)
        & (np.abs(v_mm - point_v_mm[:, None]) <= half_h_mm + area_half_v_mm)
    )
    masked = np.where(over, depth_m, np.inf)
    nearest = np.argmin(masked, axis=1) if masked.shape[1] else np.zeros(len(masked), dtype=np.intp)
    any_obj = over.any(axis=1)
    seen = np.where(any_obj, nearest, BACKGROUND if background_ok else NOTHING)
    return seen.astype(np.int16)


class AfState:
    """Per-trial autofocus state for a batch of trials."""

    def __init__(self, batch: int, n_objects: int, settings: AfSettings):
        self.s = settings
        self.engaged = np.zeros(batch, bool)
        self.phase = np.full(batch, IDLE, np.int8)
        self.engage_t = np.zeros(batch)
        self.tracked = np.full(batch, NOTHING, np.int16)
        self.pending = np.full(batch, NOTHING, np.int16)
        self.pending_t = np.zeros(batch)
        self.confirmed = np.zeros(batch, bool)
        self.confirm_count = np.zeros(batch, np.int32)  # each AF-S confirmation: a beep
        self.hunt_t = np.zeros(batch)
        # The previous distance measurement and when it was taken, for prediction [m, s].
        self.last_m = np.full(batch, np.nan)
        self.last_meas_t = np.full(batch, np.nan)
        # What the AF sensor read at each recent tick: a measurement is used detect_latency_s
        # after it was taken (ring buffers indexed by tick, oldest overwritten).
        self.delay_ticks = 0
        self._hist_seen: np.ndarray | None = None
        self._hist_m = np.empty(0)
        self.acquisitions = np.zeros(batch, np.int32)
        # Habits: has AF been on object i, and at which acquisition count was that?
        self.had = np.zeros((batch, n_objects), bool)
        self.had_at_acq = np.zeros((batch, n_objects), np.int32)

    def engage(self, idx, t_s) -> None:
        self.engaged[idx] = True
        self.phase[idx] = DETECT
        self.engage_t[idx] = t_s
        self.confirmed[idx] = False
        self.tracked[idx] = NOTHING
        self.pending[idx] = NOTHING
        self.last_m[idx] = np.nan
        self.last_meas_t[idx] = np.nan

    def release(self, idx, t_s, motor: FocusMotor) -> None:
        self.engaged[idx] = False
        self.phase[idx] = IDLE
        self.confirmed[idx] = False
        motor.stop(t_s, idx)

    def blocks_shutter(self, idx) -> np.ndarray:
        """Focus priority: the shutter waits while AF is engaged and not yet confirmed."""
        return self.s.focus_priority & self.engaged[idx] & ~self.confirmed[idx]

    def _delayed(self, t_s: float, dt_s: float, seen_now, seen_now_m):
        """Record this tick's reading; return the one taken detect_latency_s ago and its time.

        The latency is rounded up to whole ticks (the sensor reads once per tick), so the
        measurement's time is exact: prediction knows how old its data is.
        """
        if self._hist_seen is None:
            self.delay_ticks = int(np.ceil(self.s.detect_latency_s / dt_s - 1e-9))
            depth = self.delay_ticks + 1
            self._hist_seen = np.full((depth, len(seen_now)), NOTHING, np.int16)
            self._hist_m = np.full((depth, len(seen_now)), np.inf)
        depth = self._hist_seen.shape[0]
        tick = int(round(t_s / dt_s))
        self._hist_seen[tick % depth] = seen_now
        self._hist_m[tick % depth] = seen_now_m
        then = max(tick - self.delay_ticks, 0)
        return self._hist_seen[then % depth], self._hist_m[then % depth], then * dt_s

    def cycle(
        self,
        t_s: float,
        dt_s: float,
        seen: np.ndarray,
        object_D: np.ndarray,
        background_D: float,
        motor: FocusMotor,
    ) -> None:
        """One AF cycle at tick time t_s for every trial.

        `seen` (b,) is what the AF area sees now; `object_D` (b, n) each object's
        axial distance in dioptres now. AF acts on what it saw detect_latency_s ago
        (the sensor's read-out and the computation take that long) and predicts on
        from there.
        """
        s = self.s
        b = np.arange(len(seen))
        seen_now_D = np.where(seen >= 0, object_D[b, np.maximum(seen, 0)], background_D)
        seen, seen_m, meas_t = self._delayed(t_s, dt_s, seen, 1.0 / np.maximum(seen_now_D, 1e-9))
        seen_ok = seen != NOTHING

        # DETECT → acquire whatever is under the AF area once the latency has passed.
        ready = (self.phase == DETECT) & (t_s >= self.engage_t + s.detect_latency_s)
        acq = ready & seen_ok
        if acq.any():
            self._acquire(np.nonzero(acq)[0], seen, seen_m, meas_t, t_s, motor)
        start_hunt = ready & ~seen_ok
        if start_hunt.any():
            self._start_hunt(np.nonzero(start_hunt)[0], t_s, motor)

        # HUNT: sweep end to end; grab anything contrasty that comes under the area.
        hunting = self.phase == HUNT
        if hunting.any():
            found = hunting & seen_ok
            if found.any():
                self._acquire(np.nonzero(found)[0], seen, seen_m, meas_t, t_s, motor)
            still = hunting & ~seen_ok
            give_up = still & ~np.bool_(s.continuous) & (t_s - self.hunt_t > s.hunt_give_up_s)
            if give_up.any():
                gi = np.nonzero(give_up)[0]
                self.phase[gi] = FAILED
                motor.stop(t_s, gi)
            sweep = still & ~give_up
            if sweep.any():
                si = np.nonzero(sweep)[0]
                arrived = motor.arrival_s(si) <= t_s
                flip = si[arrived]
                if len(flip):
                    far_end = motor.goal_D[flip] < motor.near_limit_D / 2
                    motor.drive_to(np.where(far_end, motor.near_limit_D, 0.0), t_s, flip)

        # DRIVE (AF-S): confirm when the lens reaches the measured distance; then hold
        # (LOCKED). A subject nearer than the lens can focus is never reached: at its end
        # stop the lens stays unconfirmed (FAILED), and focus priority keeps the shutter shut.
        driving = self.phase == DRIVE
        if driving.any():
            di = np.nonzero(driving)[0]
            off_D = np.abs(motor.position_at(t_s, di) - motor.goal_at(t_s, di, within_range=False))
            done = di[off_D <= s.tolerance_D]
            self.phase[done] = LOCKED
            self.confirmed[done] = True
            self.confirm_count[done] += 1
            stuck = di[(off_D > s.tolerance_D) & (motor.arrival_s(di) <= t_s)]
            self.phase[stuck] = FAILED

        # TRACK (AF-C): lock-on delay before switching, then predictive drive.
        tracking = self.phase == TRACK
        if tracking.any():
            ti = np.nonzero(tracking)[0]
            other = seen_ok[ti] & (seen[ti] != self.tracked[ti])
            same = seen[ti] == self.tracked[ti]
            self.pending[ti[same]] = NOTHING
            oi = ti[other]
            new_pending = self.pending[oi] != seen[oi]
            self.pending[oi[new_pending]] = seen[oi[new_pending]]
            self.pending_t[oi[new_pending]] = t_s
            switch = oi[(~new_pending) & (t_s - self.pending_t[oi] >= s.lock_on_s)]
            if len(switch):
                self.tracked[switch] = seen[switch]
                self.pending[switch] = NOTHING
                self.last_m[switch] = np.nan
                self.last_meas_t[switch] = np.nan
            # Measure only what is actually under the area; otherwise the lens rides on
            # along the last prediction (lock-on keeps tracking through an obstruction).
            meas = ti[seen[ti] == self.tracked[ti]]
            if len(meas):
                self._predict(meas, seen_m[meas], meas_t, t_s, dt_s, motor)
            on_goal_D = np.abs(motor.position_at(t_s, ti) - motor.goal_at(t_s, ti, within_range=False))
            self.confirmed[ti] = on_goal_D <= s.tolerance_D

        # Habit bookkeeping: AF is on object i now.
        on = _FOCUSING[self.phase] & (self.tracked >= 0)
        if on.any():
            oi = np.nonzero(on)[0]
            obj = self.tracked[oi]
            self.had[oi, obj] = True
            self.had_at_acq[oi, obj] = self.acquisitions[oi]

    def _acquire(self, idx, seen, seen_m, meas_t, t_s, motor) -> None:
        self.tracked[idx] = seen[idx]
        self.pending[idx] = NOTHING
        self.acquisitions[idx] += 1
        self.last_m[idx] = seen_m[idx]
        self.last_meas_t[idx] = meas_t
        self.phase[idx] = TRACK if self.s.continuous else DRIVE
        motor.drive_to(1.0 / seen_m[idx], t_s, idx)

    def _predict(self, idx, dist_m, meas_t, t_s, dt_s, motor) -> None:
        """AF-C: drive the lens along the subject's predicted distance through the coming cycle.

        The speed comes from this measurement and the previous one over the real time
        between them (after an obstruction that is several cycles, not one). Distance,
        not dioptres, is extrapolated: a subject running at a steady speed is a straight
        line in metres. The goal is that line's dioptres, linearised about the middle of
        the cycle, so a frame exposed at any instant of it finds the lens on the subject.
        """
        first = np.isnan(self.last_meas_t[idx])
        elapsed = np.where(first, 1.0, meas_t - self.last_meas_t[idx])
        speed = np.where(first | (elapsed <= 0), 0.0, (dist_m - self.last_m[idx]) / np.maximum(elapsed, 1e-12))
        mid_s = t_s + dt_s / 2
        mid_m = np.maximum(dist_m + speed * (mid_s - meas_t), 1e-3)
        rate_D = -speed / (mid_m * mid_m)  # d(1/d)/dt
        motor.drive_to(1.0 / mid_m - rate_D * (dt_s / 2), t_s, idx, rate_D)
        self.last_m[idx] = dist_m
        self.last_meas_t[idx] = meas_t

    def _start_hunt(self, idx, t_s, motor) -> None:
        self.phase[idx] = HUNT
        self.tracked[idx] = NOTHING
        self.hunt_t[idx] = t_s
        self.acquisitions[idx] += 1
        pos = motor.position_at(t_s, idx)
        motor.drive_to(np.where(pos > motor.near_limit_D / 2, 0.0, motor.near_limit_D), t_s, idx)
