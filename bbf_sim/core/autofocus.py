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
sensitivity): when the tracked subject is no longer under the point during AF-C
tracking, AF keeps predicting its distance for `lock_on_s` from the moment it was lost
(Fujifilm's definition: "continue to predict for 1.3 sec"), the lens riding on along the
prediction, and only then switches to whatever is under the point. The clock runs from
losing the subject, not from each new thing that covers it, so two players crossing one
after the other add up. A *new* engagement has no track to protect, so it takes
whatever is under the point: this is how a shutter-AF re-press lands on a referee, with
no special case for it.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from bbf_sim.core.lens import FocusMotor


class AfPhase(enum.IntEnum):
    """Where the AF state machine is (the table above); stored per trial as int8 in `AfState.phase`."""

    IDLE = 0
    DETECT = 1
    DRIVE = 2
    LOCKED = 3
    TRACK = 4
    HUNT = 5
    FAILED = 6

    @property
    def label(self) -> str:
        """The phase in the HUD's words: "idle", "locked", ..."""
        return self.name.lower()


# Plain ints, not the members: numpy turns an IntEnum member into a number through lookups
# on the enum's class that fail slowly, which made each comparison with a phase array 4× dearer.
IDLE, DETECT, DRIVE, LOCKED, TRACK, HUNT, FAILED = (int(p) for p in AfPhase)
PHASE_NAMES = tuple(p.label for p in AfPhase)
LENS_MOVING = (DETECT, DRIVE, HUNT)  # phases in which the lens is still on its way
_FOCUSING = np.zeros(len(AfPhase), bool)  # phases in which AF is on an object
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
    background_ok,
):
    """The nearest usable object under each trial's AF area: (object index, seen?).

    All object arrays are (b, n); the AF area position is (b,). An object is usable
    when present, in front of the camera and contrasty enough. When none is under the
    area, AF sees the background if it is contrasty enough (`background_ok`, one flag or
    one per trial), otherwise NOTHING.
    """
    over = (
        usable
        & (np.abs(u_mm - point_u_mm[:, None]) <= half_w_mm + area_half_u_mm)
        & (np.abs(v_mm - point_v_mm[:, None]) <= half_h_mm + area_half_v_mm)
    )
    masked = np.where(over, depth_m, np.inf)
    nearest = np.argmin(masked, axis=1) if masked.shape[1] else np.zeros(len(masked), dtype=np.intp)
    any_obj = over.any(axis=1)
    seen = np.where(any_obj, nearest, np.where(background_ok, BACKGROUND, NOTHING))
    return seen.astype(np.int16)


@dataclass(frozen=True)
class AfReading:
    """What the AF sensor reads at one tick, per trial (all arrays (b,)).

    `sweep_seen` / `sweep_D`: what a contrast-detect sweep would find under the area if the
    lens passed its focus (the nearest object readable in focus, the background, or
    NOTHING) and where that focus is [dioptres]; used only while AF hunts.
    """

    lens_D: np.ndarray  # where the lens is now [dioptres]
    seen: np.ndarray  # object index, BACKGROUND or NOTHING: what phase detection reads now
    dist_m: np.ndarray  # distance of what is seen [m]
    read_s: np.ndarray  # the extra time this reading takes in this light (0 in daylight)
    # (n + 1,): a confirming reading's time per object in focus; the last entry (index
    # BACKGROUND, -1) is the background's.
    focus_read_s: np.ndarray
    sweep_seen: np.ndarray | None = None
    sweep_D: np.ndarray | None = None


class AfState:
    """Per-trial autofocus state for a batch of trials."""

    def __init__(self, batch: int, n_objects: int, settings: AfSettings):
        self.s = settings
        self.engaged = np.zeros(batch, bool)
        self.phase = np.full(batch, IDLE, np.int8)
        self.engage_t = np.zeros(batch)
        self.tracked = np.full(batch, NOTHING, np.int16)
        self.lost_t = np.full(batch, np.nan)  # AF-C: since when the tracked subject is not under the area [s]
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
        self._hist_read_s = np.empty(0)
        self.settle_t = np.full(batch, np.nan)  # AF-S: when the lens reached the subject
        self.prev_lens_D = np.full(batch, np.nan)  # the lens at the previous cycle (a sweep's span)
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
        self.lost_t[idx] = np.nan
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

    def _delayed(self, t_s: float, dt_s: float, reading: AfReading):
        """Record this tick's reading; return the one taken detect_latency_s ago and its time.

        The latency is rounded up to whole ticks (the sensor reads once per tick), so the
        measurement's time is exact: prediction knows how old its data is.
        """
        w, k, meas_t = self.history_rows(t_s, dt_s, len(reading.seen))
        hist_seen = self._hist_seen
        assert hist_seen is not None  # made by history_rows
        hist_seen[w] = reading.seen
        self._hist_m[w] = reading.dist_m
        self._hist_read_s[w] = reading.read_s
        return hist_seen[k], self._hist_m[k], self._hist_read_s[k], meas_t

    def history_rows(self, t_s: float, dt_s: float, b: int) -> tuple[int, int, float]:
        """The ring buffers' row for this tick's reading, the row of the one to act on, and its time [s]."""
        if self._hist_seen is None:
            self.delay_ticks = int(np.ceil(self.s.detect_latency_s / dt_s - 1e-9))
            depth = self.delay_ticks + 1
            self._hist_seen = np.full((depth, b), NOTHING, np.int16)
            self._hist_m = np.full((depth, b), np.inf)
            self._hist_read_s = np.full((depth, b), np.inf)
        depth = self._hist_seen.shape[0]
        tick = int(round(t_s / dt_s))
        return tick % depth, max(tick - self.delay_ticks, 0) % depth, max(tick - self.delay_ticks, 0) * dt_s

    def cycle(self, t_s: float, dt_s: float, reading: AfReading, motor: FocusMotor) -> None:
        """One AF cycle at tick time t_s for every trial, given what the sensor reads now.

        AF acts on what it read detect_latency_s ago (the sensor's read-out and the
        computation take that long) and predicts on from there. In dim light a reading
        takes longer (`reading.read_s`): the first acquisition waits for it, AF-C takes
        fewer measurements, and AF-S needs as long again with the lens on the subject
        before it confirms.
        """
        s = self.s
        # The sweep is judged only for trials hunting when the sensor read: a hunt that starts
        # this tick has swept nothing yet, whatever the other trials of the batch are doing.
        was_hunting = self.phase == HUNT
        seen, seen_m, read_s, meas_t = self._delayed(t_s, dt_s, reading)
        seen_ok = seen != NOTHING
        lens_now_D = reading.lens_D
        swept_from_D = np.where(np.isnan(self.prev_lens_D), lens_now_D, self.prev_lens_D)
        self.prev_lens_D = lens_now_D

        # DETECT → acquire whatever is under the AF area once the latency (and, in dim
        # light, the reading's own time) has passed; nothing readable: hunt.
        ready = (self.phase == DETECT) & (t_s >= self.engage_t + s.detect_latency_s)
        acq = ready & seen_ok & (t_s >= self.engage_t + s.detect_latency_s + read_s)
        if acq.any():
            self._acquire(np.nonzero(acq)[0], seen, seen_m, meas_t, t_s, motor)
        start_hunt = ready & ~seen_ok
        if start_hunt.any():
            self._start_hunt(np.nonzero(start_hunt)[0], t_s, motor)

        # HUNT: sweep end to end; grab anything phase detection can read as the lens
        # comes closer, or whose focus the sweep has just passed (contrast detection
        # sees the peak go by, and the lens goes back to it).
        hunting = self.phase == HUNT
        if hunting.any():
            found = hunting & seen_ok
            if found.any():
                self._acquire(np.nonzero(found)[0], seen, seen_m, meas_t, t_s, motor)
            passed = np.zeros_like(hunting)
            if reading.sweep_seen is not None and reading.sweep_D is not None:
                lo = np.minimum(swept_from_D, lens_now_D) - s.tolerance_D
                hi = np.maximum(swept_from_D, lens_now_D) + s.tolerance_D
                passed = (
                    hunting
                    & was_hunting
                    & ~found
                    & (reading.sweep_seen != NOTHING)
                    & (reading.sweep_D >= lo)
                    & (reading.sweep_D <= hi)
                )
                if passed.any():
                    sweep_m = 1.0 / np.maximum(reading.sweep_D, 1e-9)
                    self._acquire(np.nonzero(passed)[0], reading.sweep_seen, sweep_m, t_s, t_s, motor)
            still = hunting & ~seen_ok & ~passed
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
            there = off_D <= s.tolerance_D
            arrive = di[there & np.isnan(self.settle_t[di])]
            self.settle_t[arrive] = t_s
            # Confirmation is one more reading with the lens on the subject.
            done = di[there & (t_s >= self.settle_t[di] + reading.focus_read_s[self.tracked[di]])]
            self.phase[done] = LOCKED
            self.confirmed[done] = True
            self.confirm_count[done] += 1
            stuck = di[(off_D > s.tolerance_D) & (motor.arrival_s(di) <= t_s)]
            self.phase[stuck] = FAILED

        # TRACK (AF-C): lock-on: the subject out of view for lock_on_s, then switch to what is there.
        tracking = self.phase == TRACK
        if tracking.any():
            ti = np.nonzero(tracking)[0]
            in_view = seen[ti] == self.tracked[ti]
            self.lost_t[ti[in_view]] = np.nan
            self.lost_t[ti[~in_view & np.isnan(self.lost_t[ti])]] = t_s
            give_up = ~in_view & seen_ok[ti] & (t_s - self.lost_t[ti] >= s.lock_on_s)
            switch = ti[give_up]
            if len(switch):
                self.tracked[switch] = seen[switch]
                self.lost_t[switch] = np.nan
                self.last_m[switch] = np.nan
                self.last_meas_t[switch] = np.nan
            # Measure only what is actually under the area; otherwise the lens rides on
            # along the last prediction (lock-on keeps tracking through an obstruction).
            # In dim light a measurement takes longer: a new one only once it is complete.
            meas = ti[(seen[ti] == self.tracked[ti]) & ~(meas_t - self.last_meas_t[ti] < read_s[ti])]
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
        self.lost_t[idx] = np.nan
        self.acquisitions[idx] += 1
        self.last_m[idx] = seen_m[idx]
        self.last_meas_t[idx] = meas_t
        self.settle_t[idx] = np.nan
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
