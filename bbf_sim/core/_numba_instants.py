"""A tick's button events and exposures as one compiled loop: `Simulator._run_instants`, per trial.

The reference applies, in each round of its loop, one action to every trial that has
one before the tick's end: the trial's next event or its next exposure, whichever is
first (the exposure on a tie). No action touches another trial, so each trial's
actions are taken here in the same order, and each frame is tagged with its round: the
caller orders the frames by round, then trial, as the reference appends them.
Mirrors `_apply_events`, `_shutter_pressed`, `_shutter_opens`, `AfState.engage` and
`release`. Imported only through `kernels.load()`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from bbf_sim.core._numba_af import _advance, _position
from bbf_sim.core._numba_expose import (
    AF_OBJECT,
    AF_PHASE,
    FRAME_NO,
    LENS_D,
    PITCH_A,
    PITCH_AT,
    PITCH_B,
    POINT_U,
    POINT_V,
    SHAKE_MM,
    T_E,
    TRIAL,
    YAW_A,
    YAW_AT,
    YAW_B,
    expose_all,
)
from bbf_sim.core._numba_table import b1_1, b1_2, f8_1, f8_2, i1_1, i2_1, i4_1, i4_2, i8_1, i8_2

# Button values (controls.Button) and AF codes (autofocus.py).
HALF, FULL, AF_ON, POINT_LEFT, POINT_RIGHT, POINT_UP, POINT_DOWN, POINT_CENTRE = 0, 1, 2, 3, 4, 5, 6, 7
IDLE, DETECT = 0, 1
NOTHING = -2


@njit(cache=True)
def _clip_int(x, hi):
    return 0 if x < 0 else (hi if x > hi else x)


@njit(cache=True)
def _blocks_shutter(k, focus_priority, engaged, confirmed):
    return focus_priority and engaged[k] and not confirmed[k]


@njit(cache=True, inline="always")
def instants(
    t0, t1, dt_s, events, ctl, af, motor, cfg, aim, shake_factor, mo, geo, scratch, exp_f, exp_i, source, first_e,
    seen, frames, rounds,
):  # fmt: skip
    """Apply trial by trial this tick's events (sorted by trial, then time) and exposures; returns frames taken.

    `events`: EVENT_DTYPE rows. `exp_f`, `exp_i`, `seen`: room for the list of exposures
    `expose_all` grades and what each saw (rows as many as `frames`); `source`: each trial's
    row's first trial; `first_e`: scratch, one per trial. The frames are written in the reference's order (by
    round, then trial); `rounds` is scratch.
    """
    half, full, af_on, af_on_half, af_on_rear, point_col, point_row, next_exp_t, committed, waiting, fired = ctl
    engaged, phase, engage_t, confirmed, tracked, lost_t, last_m, last_meas_t, had, had_at_acq, acquisitions = af
    pos_D, goal_D, rate, at_s = motor
    (cols, rows, step_u, step_v, frames_left, burst, burst_interval_s, shutter_lag_s, focus_priority,
     speed, near, half_exp_s, shake_mm) = cfg  # fmt: skip
    yaw0, yaw1, pitch0, pitch1 = aim
    n_ev = events.shape[0]
    count = np.intp(0)  # not the literal 0, for which numba would compile the callees again
    e = 0
    for k in range(next_exp_t.shape[0]):
        step = 0
        while True:
            has_ev = e < n_ev and events[e].trial == k
            t_ev = events[e].t_s if has_ev else np.inf
            t_ex = next_exp_t[k]
            if not ((t_ev if t_ev <= t_ex else t_ex) < t1):
                break
            if t_ex <= t_ev:
                if not committed[k] and _blocks_shutter(k, focus_priority, engaged, confirmed):
                    waiting[k] = True
                    next_exp_t[k] = np.inf
                else:
                    _advance(k, t_ex, pos_D, goal_D, rate, at_s, speed, near)
                    lens_D = _position(k, t_ex, pos_D, goal_D, rate, at_s, speed, near)
                    frame_no = fired[k]
                    shake = shake_mm * shake_factor[k, frame_no % shake_factor.shape[1]]
                    t_a, t_b = t_ex - half_exp_s, t_ex + half_exp_s
                    f, fa, fb = (t_ex - t0) / dt_s, (t_a - t0) / dt_s, (t_b - t0) / dt_s
                    if count == frames.shape[0]:
                        raise ValueError("more frames in one tick than the buffer holds")
                    # Listed now, graded after the loop (the AF's object and phase as they are now).
                    c = count
                    exp_f[c, T_E], exp_f[c, LENS_D], exp_f[c, SHAKE_MM] = t_ex, lens_D, shake
                    exp_f[c, YAW_AT] = yaw0[k] + (yaw1[k] - yaw0[k]) * f
                    exp_f[c, PITCH_AT] = pitch0[k] + (pitch1[k] - pitch0[k]) * f
                    exp_f[c, YAW_A] = yaw0[k] + (yaw1[k] - yaw0[k]) * fa
                    exp_f[c, PITCH_A] = pitch0[k] + (pitch1[k] - pitch0[k]) * fa
                    exp_f[c, YAW_B] = yaw0[k] + (yaw1[k] - yaw0[k]) * fb
                    exp_f[c, PITCH_B] = pitch0[k] + (pitch1[k] - pitch0[k]) * fb
                    exp_f[c, POINT_U] = (point_col[k] - (cols - 1) / 2) * step_u
                    exp_f[c, POINT_V] = -(point_row[k] - (rows - 1) / 2) * step_v
                    exp_i[c, TRIAL], exp_i[c, FRAME_NO] = k, frame_no
                    exp_i[c, AF_OBJECT], exp_i[c, AF_PHASE] = tracked[k], phase[k]
                    rounds[count] = step
                    count += 1
                    fired[k] += 1
                    committed[k] = False
                    more = burst and full[k] and fired[k] < frames_left
                    next_exp_t[k] = t_ex + burst_interval_s if more else np.inf
            else:
                ev = events[e]
                t, button, pressed = ev.t_s, ev.button, ev.pressed
                e += 1
                was_engaged, was_full = engaged[k], full[k]
                if button == HALF:
                    half[k] = pressed
                elif button == FULL:
                    full[k] = pressed
                elif button == AF_ON:
                    af_on[k] = pressed
                elif pressed and button == POINT_LEFT:
                    point_col[k] = _clip_int(point_col[k] - 1, cols - 1)
                elif pressed and button == POINT_RIGHT:
                    point_col[k] = _clip_int(point_col[k] + 1, cols - 1)
                elif pressed and button == POINT_UP:
                    point_row[k] = _clip_int(point_row[k] - 1, rows - 1)
                elif pressed and button == POINT_DOWN:
                    point_row[k] = _clip_int(point_row[k] + 1, rows - 1)
                elif pressed and button == POINT_CENTRE:
                    point_col[k] = cols // 2
                    point_row[k] = rows // 2
                # The custom function: which held controls run AF (a full press passes through half).
                on = (af_on_half[k] and (half[k] or full[k])) or (af_on_rear[k] and af_on[k])
                if on and not was_engaged:  # AfState.engage
                    engaged[k] = True
                    phase[k] = DETECT
                    engage_t[k] = t
                    confirmed[k] = False
                    tracked[k] = NOTHING
                    lost_t[k] = np.nan
                    last_m[k] = np.nan
                    last_meas_t[k] = np.nan
                elif not on and was_engaged:  # AfState.release, the lens stopped where it is
                    engaged[k] = False
                    phase[k] = IDLE
                    confirmed[k] = False
                    _advance(k, t, pos_D, goal_D, rate, at_s, speed, near)
                    goal_D[k] = pos_D[k]
                    rate[k] = 0.0
                if full[k] and not was_full and fired[k] < frames_left:  # _shutter_pressed
                    if _blocks_shutter(k, focus_priority, engaged, confirmed):
                        waiting[k] = True
                    else:
                        next_exp_t[k] = t + shutter_lag_s
                        committed[k] = True
                elif not full[k] and was_full:
                    if not committed[k]:
                        next_exp_t[k] = np.inf
                    waiting[k] = False
            step += 1
    _order_by_round(count, rounds)
    expose_all(
        count, exp_f, exp_i, mo, geo, scratch, (had, had_at_acq, acquisitions), frames, rounds, source, first_e, seen
    )
    return count


@njit(cache=True)
def _order_by_round(count, rounds):
    """Replace each exposure's round by its place among the tick's frames: by round, then in listed order."""
    last = 0
    for c in range(count):
        last = max(last, rounds[c])
    if last == 0:  # one round, the usual tick: the listed order
        for c in range(count):
            rounds[c] = c
        return
    start = np.zeros(last + 2, np.intp)
    for c in range(count):
        start[rounds[c] + 1] += 1
    for r in range(last + 1):
        start[r + 1] += start[r]
    for c in range(count):
        r = rounds[c]
        rounds[c] = start[r]
        start[r] += 1


# The arrays `instants_pinned` reads from its table, in order (`kernel_tables.pin`'s codes): the
# controls, the AF state, the lens, the shake, the motion, the objects, scratch, the exposures' room,
# and the run's numbers as floats (counts and flags too, exactly): `instants`' cfg, then the
# numbers among its geo (focal_mm to prefocus).
INSTANTS_PINNED = (
    "b1_1 b1_1 b1_1 b1_1 b1_1 i2_1 i2_1 f8_1 b1_1 b1_1 i4_1 "
    "b1_1 i1_1 f8_1 b1_1 i2_1 f8_1 f8_1 f8_1 b1_2 i4_2 i4_1 "
    "f8_1 f8_1 f8_1 f8_1 f8_2 "
    "f8_2 f8_1 f8_2 f8_2 i8_1 i8_1 f8_1 f8_2 f8_2 i8_1 i8_1 f8_1 f8_2 "
    "f8_1 f8_1 f8_1 f8_1 b1_1 f8_2 "
    "f8_1 f8_1 f8_1 f8_1 f8_1 b1_1 b1_1 b1_1 "
    "f8_2 i8_2 i8_1 i8_1 f8_2 i8_1 f8_1"
)


@njit(cache=True)
def instants_pinned(t0, t1, dt_s, events, aim, frames, p):
    """`instants` with the run's long-lived arrays and numbers from the table `p` (`INSTANTS_PINNED`)."""
    c = f8_1(p, 60)
    cfg = (
        int(c[0]), int(c[1]), c[2], c[3], int(c[4]), c[5] != 0.0, c[6], c[7], c[8] != 0.0, c[9], c[10], c[11], c[12],
    )  # fmt: skip
    ctl = (
        b1_1(p, 0), b1_1(p, 1), b1_1(p, 2), b1_1(p, 3), b1_1(p, 4), i2_1(p, 5), i2_1(p, 6), f8_1(p, 7), b1_1(p, 8),
        b1_1(p, 9), i4_1(p, 10),
    )  # fmt: skip
    af = (
        b1_1(p, 11), i1_1(p, 12), f8_1(p, 13), b1_1(p, 14), i2_1(p, 15), f8_1(p, 16), f8_1(p, 17), f8_1(p, 18),
        b1_2(p, 19), i4_2(p, 20), i4_1(p, 21),
    )  # fmt: skip
    motor = (f8_1(p, 22), f8_1(p, 23), f8_1(p, 24), f8_1(p, 25))
    mo = (
        f8_2(p, 27), f8_1(p, 28), f8_2(p, 29), f8_2(p, 30), i8_1(p, 31), i8_1(p, 32), f8_1(p, 33), f8_2(p, 34),
        f8_2(p, 35), i8_1(p, 36), i8_1(p, 37), f8_1(p, 38), f8_2(p, 39),
    )  # fmt: skip
    geo = (
        f8_1(p, 40), f8_1(p, 41), f8_1(p, 42), f8_1(p, 43), b1_1(p, 44), c[13], c[14], c[15], c[16], c[17], c[18],
        c[19], c[20], c[21] != 0.0, f8_2(p, 45),
    )  # fmt: skip
    scratch = (f8_1(p, 46), f8_1(p, 47), f8_1(p, 48), f8_1(p, 49), f8_1(p, 50), b1_1(p, 51), b1_1(p, 52), b1_1(p, 53))
    return instants(
        t0, t1, dt_s, events, ctl, af, motor, cfg, aim, f8_2(p, 26), mo, geo, scratch, f8_2(p, 54), i8_2(p, 55),
        i8_1(p, 56), i8_1(p, 57), f8_2(p, 58), frames, i8_1(p, 59),
    )  # fmt: skip


@njit(cache=True)
def split_events(batch, t0, t1, now, later, count_of):
    """`Simulator.step`'s split of the events: those before t1 (less 1e-12) into `now`, moved to no
    earlier than t0 and ordered by trial, then time, ties in their order (`np.lexsort`'s, stable);
    those from then on into `later`, in their order. A NaN time goes to neither, as in the
    reference's two masks. `count_of`: scratch, one per trial, zero. Returns the two counts, or
    (-1, -1) with nothing written if an event names a trial outside `count_of`."""
    for e in range(batch.shape[0]):
        if batch[e].trial < 0 or batch[e].trial >= count_of.shape[0]:
            return -1, -1
    cut = t1 - 1e-12
    n_later = 0
    n_now = 0
    for e in range(batch.shape[0]):
        t = batch[e].t_s
        if t >= cut:
            later[n_later] = batch[e]
            n_later += 1
        elif t < cut:
            count_of[batch[e].trial] += 1
            n_now += 1
    # A counting sort by trial (stable), then each trial's few events by time (an insertion sort: stable).
    start = 0
    for k in range(count_of.shape[0]):
        c = count_of[k]
        count_of[k] = start
        start += c
    for e in range(batch.shape[0]):
        t = batch[e].t_s
        if t < cut:
            k = batch[e].trial
            j = count_of[k]
            now[j] = batch[e]
            now[j].t_s = t if (t > t0 or t != t) else t0  # np.maximum(t, t0): t0 when equal, as numpy's
            count_of[k] = j + 1
    lo = 0
    for k in range(count_of.shape[0]):
        hi = count_of[k]
        for j in range(lo + 1, hi):
            row = now[j]
            trial, t, button, pressed = row.trial, row.t_s, row.button, row.pressed
            i = j - 1
            while i >= lo and now[i].t_s > t:
                now[i + 1] = now[i]
                i -= 1
            dest = now[i + 1]
            dest.trial, dest.t_s, dest.button, dest.pressed = trial, t, button, pressed
        lo = hi
        count_of[k] = 0  # left zero for the next tick
    return n_now, n_later
