"""The AF cycle as one compiled loop: the sensor's reading, the state machine and the lens.

Mirrors, operation for operation and in the same order, `AfSensor.read` (with `af_sees`),
`AfState.cycle` (with `_delayed`, `_acquire`, `_predict`, `_start_hunt`), the
`FocusMotor` calls they make and the focus-priority release at the end of
`Simulator._af_cycle`. Every stage of the reference is a whole-batch mask computed from
the state the previous stage left, and no stage mixes trials, so running the stages in
order for one trial at a time gives the same numbers. Imported only through `kernels.load()`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from bbf_sim.core._numba_base import _max, _min, _same
from bbf_sim.core._numba_table import b1_1, b1_2, f8_1, f8_2, i1_1, i2_1, i2_2, i4_1, i4_2, i8_1

# AfPhase values and object codes (autofocus.py); numba reads module globals as constants.
IDLE, DETECT, DRIVE, LOCKED, TRACK, HUNT, FAILED = 0, 1, 2, 3, 4, 5, 6
BACKGROUND, NOTHING = -1, -2


@njit(cache=True)
def _position(k, t, pos_D, goal_D, rate, at_s, speed, near):
    """`FocusMotor.position_at` for trial k."""
    dt = _max(t - at_s[k], 0.0)
    pos = pos_D[k]
    reach = speed * dt
    goal = goal_D[k] + rate[k] * dt
    lens = _min(_max(goal, pos - reach), pos + reach)
    return _min(_max(lens, 0.0), near)


@njit(cache=True)
def lens_at(t, pos_D, goal_D, rate, at_s, speed, near, out):
    """`FocusMotor.position_at(t)` for every trial, into out."""
    for k in range(out.shape[0]):
        out[k] = _position(k, t, pos_D, goal_D, rate, at_s, speed, near)


@njit(cache=True)
def _goal(k, t, goal_D, rate, at_s):
    """`FocusMotor.goal_at(..., within_range=False)` for trial k."""
    dt = _max(t - at_s[k], 0.0)
    return goal_D[k] + rate[k] * dt


@njit(cache=True)
def _advance(k, t, pos_D, goal_D, rate, at_s, speed, near):
    p = _position(k, t, pos_D, goal_D, rate, at_s, speed, near)
    g = _goal(k, t, goal_D, rate, at_s)
    pos_D[k] = p
    goal_D[k] = g
    at_s[k] = t


@njit(cache=True)
def _drive_to(k, new_goal, t, new_rate, pos_D, goal_D, rate, at_s, speed, near):
    _advance(k, t, pos_D, goal_D, rate, at_s, speed, near)
    goal_D[k] = _max(new_goal, 0.0)
    rate[k] = new_rate


@njit(cache=True)
def _arrival(k, pos_D, goal_D, at_s, speed, near):
    goal = _min(goal_D[k], near)
    return at_s[k] + abs(goal - pos_D[k]) / speed


@njit(cache=True)
def _sees(k, u, v, depth, focal_half_w, focal_half_h, present, ok, ok_row, pu, pv, ahu, ahv, bg_ok):
    """`af_sees` for trial k: the nearest usable object under the area, BACKGROUND or NOTHING.

    An object's image half-size (focal_half_w[i] / its depth, as the reference divides) is
    worked out only for the objects whose turn comes in the test, which is all it reads.
    """
    best = -1
    best_d = np.inf
    for i in range(u.shape[1]):
        d = depth[k, i]
        usable = present[k, i] and d > 0 and ok[ok_row, i]
        if not usable:
            continue
        sd = _max(d, 1e-6)
        if abs(u[k, i] - pu) <= focal_half_w[i] / sd + ahu and abs(v[k, i] - pv) <= focal_half_h[i] / sd + ahv:
            if d != d:  # np.argmin stops at the first NaN
                return i
            if best < 0 or d < best_d:
                best, best_d = i, d
    if best >= 0:
        return best
    return BACKGROUND if bg_ok else NOTHING


@njit(cache=True)
def _acquire(k, seen, seen_m, meas_t, t_s, continuous, tracked, lost_t, acquisitions, last_m, last_meas_t,
             settle_t, phase, pos_D, goal_D, rate, at_s, speed, near):  # fmt: skip
    tracked[k] = seen
    lost_t[k] = np.nan
    acquisitions[k] += 1
    last_m[k] = seen_m
    last_meas_t[k] = meas_t
    settle_t[k] = np.nan
    phase[k] = TRACK if continuous else DRIVE
    _drive_to(k, 1.0 / seen_m, t_s, 0.0, pos_D, goal_D, rate, at_s, speed, near)


@njit(cache=True)
def _predict(k, dist_m, meas_t, t_s, dt_s, last_m, last_meas_t, pos_D, goal_D, rate, at_s, speed, near):
    first = math.isnan(last_meas_t[k])
    elapsed = 1.0 if first else meas_t - last_meas_t[k]
    speed_mps = 0.0 if (first or elapsed <= 0) else (dist_m - last_m[k]) / _max(elapsed, 1e-12)
    mid_s = t_s + dt_s / 2
    mid_m = _max(dist_m + speed_mps * (mid_s - meas_t), 1e-3)
    rate_D = -speed_mps / (mid_m * mid_m)
    _drive_to(k, 1.0 / mid_m - rate_D * (dt_s / 2), t_s, rate_D, pos_D, goal_D, rate, at_s, speed, near)
    last_m[k] = dist_m
    last_meas_t[k] = meas_t


# The arrays `af_cycle_pinned` reads from its table, in order (`kernel_tables.pin`'s codes): the
# trials' rows' first trials, the objects' half-sizes, the AF point, the AF state, the lens, the
# shutter, and the run's numbers as floats (counts and flags too, exactly): focal_mm, the AF grid's
# cols, rows, step_u_mm and step_v_mm, the AF area's half-sizes, continuous, detect_latency_s,
# lock_on_s, tolerance_D, give_up_s, the lens's speed_D_per_s and near_limit_D, shutter_lag_s.
AF_PINNED = (
    "i8_1 f8_1 f8_1 i2_1 i2_1 "
    "i1_1 f8_1 i2_1 f8_1 b1_1 i4_1 f8_1 f8_1 f8_1 i2_2 f8_2 f8_2 f8_1 f8_1 i4_1 b1_2 i4_2 "
    "f8_1 f8_1 f8_1 f8_1 "
    "b1_1 b1_1 f8_1 b1_1 f8_1"
)


@njit(cache=True)
def af_cycle_pinned(
    t_s, dt_s, meas_t, w_row, r_row, lens_D, lens_ready, u, v, depth, present, yaw_rad, pitch_rad,
    obj_ok, bg_ok, sweep_ok, sweep_bg_ok, defocus_matters, focus_read_s, background_D, p,
):  # fmt: skip
    """One tick's AF for every trial (see the module docstring); state arrays are updated in place.

    `lens_D` is filled here (with the lens where it is at t_s) unless `lens_ready`; `grid`:
    the AF grid's (cols, rows, step_u_mm, step_v_mm), for the active point's position.
    A trial aimed exactly as its row's first trial (`source`: the same scene, so the same
    image) with the same AF point reads what that one read, when what the sensor can read
    is the same for every trial (no defocus cost, no sweep): its reading is copied rather
    than searched for again. The run's long-lived arrays and numbers are read from the table `p`
    (`AF_PINNED`): one argument instead of forty, and no wrapper for numba to compile apart.
    """
    c = f8_1(p, 30)
    source = i8_1(p, 0)
    half_w_m = f8_1(p, 1)
    half_h_m = f8_1(p, 2)
    focal_mm = c[0]
    point_col = i2_1(p, 3)
    point_row = i2_1(p, 4)
    grid = (int(c[1]), int(c[2]), c[3], c[4])
    ahu = c[5]
    ahv = c[6]
    continuous = c[7] != 0.0
    detect_latency_s = c[8]
    lock_on_s = c[9]
    tol_D = c[10]
    give_up_s = c[11]
    phase = i1_1(p, 5)
    engage_t = f8_1(p, 6)
    tracked = i2_1(p, 7)
    lost_t = f8_1(p, 8)
    confirmed = b1_1(p, 9)
    confirm_count = i4_1(p, 10)
    hunt_t = f8_1(p, 11)
    last_m = f8_1(p, 12)
    last_meas_t = f8_1(p, 13)
    hist_seen = i2_2(p, 14)
    hist_m = f8_2(p, 15)
    hist_read_s = f8_2(p, 16)
    settle_t = f8_1(p, 17)
    prev_lens_D = f8_1(p, 18)
    acquisitions = i4_1(p, 19)
    had = b1_2(p, 20)
    had_at_acq = i4_2(p, 21)
    pos_D = f8_1(p, 22)
    goal_D = f8_1(p, 23)
    rate = f8_1(p, 24)
    at_s = f8_1(p, 25)
    speed = c[12]
    near = c[13]
    waiting = b1_1(p, 26)
    full = b1_1(p, 27)
    next_exp_t = f8_1(p, 28)
    committed = b1_1(p, 29)
    shutter_lag_s = c[14]
    b, n = u.shape
    cols, rows, step_u, step_v = grid
    hunting_any = False
    for k in range(b):
        if phase[k] == HUNT:
            hunting_any = True
            break
    with_sweep = hunting_any and defocus_matters
    per_trial_ok = obj_ok.shape[0] > 1
    focal_half_w = np.empty(n)  # focal length times each object's half-size, as the reference multiplies
    focal_half_h = np.empty(n)
    for i in range(n):
        focal_half_w[i] = focal_mm * half_w_m[i]
        focal_half_h[i] = focal_mm * half_h_m[i]
    for k in range(b):
        # --- the reading (AfSensor.read) ---
        if not lens_ready:
            lens_D[k] = _position(k, t_s, pos_D, goal_D, rate, at_s, speed, near)
        pu = (point_col[k] - (cols - 1) / 2) * step_u  # AfGrid.position_mm
        pv = -(point_row[k] - (rows - 1) / 2) * step_v
        row = k if per_trial_ok else 0
        s = source[k]
        sweep_seen = NOTHING
        sweep_D = 0.0
        if (
            s != k
            and not per_trial_ok  # (a sweep happens only then: defocus matters)
            and not with_sweep
            and point_col[k] == point_col[s]
            and point_row[k] == point_row[s]
            and _same(yaw_rad[k], yaw_rad[s])
            and _same(pitch_rad[k], pitch_rad[s])
        ):
            hist_seen[w_row, k] = hist_seen[w_row, s]
            hist_m[w_row, k] = hist_m[w_row, s]
            hist_read_s[w_row, k] = hist_read_s[w_row, s]
        else:
            seen_now = _sees(
                k, u, v, depth, focal_half_w, focal_half_h, present, obj_ok, row, pu, pv, ahu, ahv, bg_ok[row]
            )
            read_now = 0.0 if seen_now == NOTHING else focus_read_s[seen_now]
            seen_D = 1.0 / _max(depth[k, seen_now], 1e-6) if seen_now >= 0 else background_D
            hist_seen[w_row, k] = seen_now
            hist_m[w_row, k] = 1.0 / _max(seen_D, 1e-9)
            hist_read_s[w_row, k] = read_now
            if with_sweep:
                row0 = np.intp(0)  # not the literal 0, for which numba would compile `_sees` again
                sweep_seen = _sees(
                    k, u, v, depth, focal_half_w, focal_half_h, present, sweep_ok, row0, pu, pv, ahu, ahv, sweep_bg_ok
                )
                sweep_D = 1.0 / _max(depth[k, sweep_seen], 1e-6) if sweep_seen >= 0 else background_D

        # --- the cycle (AfState.cycle), on the reading detect_latency_s old ---
        was_hunting = phase[k] == HUNT
        seen = hist_seen[r_row, k]
        seen_m = hist_m[r_row, k]
        read_s = hist_read_s[r_row, k]
        seen_ok = seen != NOTHING
        lens_now = lens_D[k]
        swept_from = lens_now if math.isnan(prev_lens_D[k]) else prev_lens_D[k]
        prev_lens_D[k] = lens_now

        if phase[k] == DETECT and t_s >= engage_t[k] + detect_latency_s:
            if seen_ok and t_s >= engage_t[k] + detect_latency_s + read_s:
                _acquire(k, seen, seen_m, meas_t, t_s, continuous, tracked, lost_t, acquisitions, last_m,
                         last_meas_t, settle_t, phase, pos_D, goal_D, rate, at_s, speed, near)  # fmt: skip
            elif not seen_ok:
                phase[k] = HUNT
                tracked[k] = NOTHING
                hunt_t[k] = t_s
                acquisitions[k] += 1
                p = _position(k, t_s, pos_D, goal_D, rate, at_s, speed, near)
                _drive_to(k, 0.0 if p > near / 2 else near, t_s, 0.0, pos_D, goal_D, rate, at_s, speed, near)

        if phase[k] == HUNT:
            passed = False
            if seen_ok:
                _acquire(k, seen, seen_m, meas_t, t_s, continuous, tracked, lost_t, acquisitions, last_m,
                         last_meas_t, settle_t, phase, pos_D, goal_D, rate, at_s, speed, near)  # fmt: skip
            elif with_sweep and was_hunting:
                lo = _min(swept_from, lens_now) - tol_D
                hi = _max(swept_from, lens_now) + tol_D
                passed = sweep_seen != NOTHING and sweep_D >= lo and sweep_D <= hi
                if passed:  # seen as int16, as the readings' are: one compiled `_acquire`
                    _acquire(k, np.int16(sweep_seen), 1.0 / _max(sweep_D, 1e-9), t_s, t_s, continuous, tracked, lost_t,
                             acquisitions, last_m, last_meas_t, settle_t, phase, pos_D, goal_D, rate, at_s, speed,
                             near)  # fmt: skip
            if not seen_ok and not passed:
                if not continuous and t_s - hunt_t[k] > give_up_s:
                    phase[k] = FAILED
                    _advance(k, t_s, pos_D, goal_D, rate, at_s, speed, near)  # motor.stop
                    goal_D[k] = pos_D[k]
                    rate[k] = 0.0
                elif _arrival(k, pos_D, goal_D, at_s, speed, near) <= t_s:
                    far_end = goal_D[k] < near / 2
                    _drive_to(k, near if far_end else 0.0, t_s, 0.0, pos_D, goal_D, rate, at_s, speed, near)

        if phase[k] == DRIVE:
            off_D = abs(_position(k, t_s, pos_D, goal_D, rate, at_s, speed, near) - _goal(k, t_s, goal_D, rate, at_s))
            there = off_D <= tol_D
            if there and math.isnan(settle_t[k]):
                settle_t[k] = t_s
            if there and t_s >= settle_t[k] + focus_read_s[tracked[k]]:
                phase[k] = LOCKED
                confirmed[k] = True
                confirm_count[k] += 1
            elif off_D > tol_D and _arrival(k, pos_D, goal_D, at_s, speed, near) <= t_s:
                phase[k] = FAILED

        if phase[k] == TRACK:
            # Lock-on: the subject out of view for lock_on_s (from losing it), then switch to what is there.
            if seen == tracked[k]:
                lost_t[k] = np.nan
            else:
                if math.isnan(lost_t[k]):
                    lost_t[k] = t_s
                if seen_ok and t_s - lost_t[k] >= lock_on_s:
                    tracked[k] = seen
                    lost_t[k] = np.nan
                    last_m[k] = np.nan
                    last_meas_t[k] = np.nan
            if seen == tracked[k] and not (meas_t - last_meas_t[k] < read_s):
                _predict(k, seen_m, meas_t, t_s, dt_s, last_m, last_meas_t, pos_D, goal_D, rate, at_s, speed, near)
            on_goal_D = abs(
                _position(k, t_s, pos_D, goal_D, rate, at_s, speed, near) - _goal(k, t_s, goal_D, rate, at_s)
            )
            confirmed[k] = on_goal_D <= tol_D

        ph = phase[k]
        obj = tracked[k]
        if (ph in (DRIVE, LOCKED, TRACK)) and obj >= 0:
            had[k, obj] = True
            had_at_acq[k, obj] = acquisitions[k]

        # --- Simulator._af_cycle: a press held back by focus priority goes once focus is confirmed ---
        if waiting[k] and confirmed[k] and full[k]:
            waiting[k] = False
            next_exp_t[k] = t_s + shutter_lag_s
            committed[k] = True
        waiting[k] = waiting[k] and full[k]
