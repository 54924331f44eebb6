"""One exposure as a compiled function: `Simulator._expose` for one trial, in the reference's order.

Positions (`Motion.positions_and_presence`, `Motion.positions_of`), the projection, the
hidden test, the frame's target, the blurs and the habits, written into one FRAME_DTYPE
row. Only sin, cos, hypot and sqrt are used, which numba and numpy compute alike.
Imported only through `kernels.load()`.
"""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from bbf_sim.core._numba_base import _max, _min, _on_axis, _same

BACKGROUND, NOTHING = -1, -2


@njit(cache=True, inline="always")
def object_position(
    k, i, t_s, jitter_s, t_end_s, p0_m, v_mps, sin_obj, sin_axis, sin_amp_m, sin_omega, sin_phase, wp_obj, wp_at,
    wp_t, wp_p,
):  # fmt: skip
    """Object i's clock τ and world position x, y, z [m] in trial k at level time t_s, as `Motion.positions_of`.

    Inlined where it is used: a call passing this many arrays costs more than the work.
    """
    tau = t_s - jitter_s[k, i]
    lin_t = _min(tau, t_end_s[i])
    x = lin_t * v_mps[i, 0] + p0_m[i, 0]
    y = lin_t * v_mps[i, 1] + p0_m[i, 1]
    z = lin_t * v_mps[i, 2] + p0_m[i, 2]
    for j in range(sin_obj.shape[0]):
        if sin_obj[j] == i:
            term = sin_amp_m[j] * math.sin(sin_omega[k, j] * tau + sin_phase[k, j])
            x, y, z = _on_axis(sin_axis[j], term, x, y, z)
    for w in range(wp_obj.shape[0]):
        if wp_obj[w] == i:
            x, y, z = _waypoint_position(tau, wp_t, wp_p, wp_at[w], wp_at[w + 1])
    return tau, x, y, z


@njit(cache=True)
def _waypoint_position(tau, wp_t, wp_p, s, e):
    """np.interp(tau, wp_t[s:e], wp_p[s:e, c]) for each coordinate c, to the bit (kept out of line:
    inlined, it slows every caller).

    numpy's `arr_interp` (and numba's copy of it, whose generic version is slow to compile):
    outside the points their end values, on a point its value, else between point j (the last at
    or before tau) and the next (`_between`).
    """
    last = e - 1
    if e - s == 1:
        j = s
    elif math.isnan(tau):
        return tau, tau, tau
    elif tau > wp_t[last]:
        j = last
    elif tau < wp_t[s]:
        j = s
    else:
        j, hi = s, last  # wp_t[j] <= tau; the last such point is in [j, hi]
        while j < hi:
            mid = (j + hi + 1) // 2
            if wp_t[mid] <= tau:
                j = mid
            else:
                hi = mid - 1
        if j != last and wp_t[j] != tau:
            t0, t1 = wp_t[j], wp_t[j + 1]
            return (
                _between(tau, t0, t1, wp_p[j, 0], wp_p[j + 1, 0]),
                _between(tau, t0, t1, wp_p[j, 1], wp_p[j + 1, 1]),
                _between(tau, t0, t1, wp_p[j, 2], wp_p[j + 1, 2]),
            )
    return wp_p[j, 0], wp_p[j, 1], wp_p[j, 2]


@njit(cache=True)
def _between(x, x0, x1, y0, y1):
    """numpy's interpolation between (x0, y0) and (x1, y1), x0 < x < x1: from the point before, and
    from the one after when that gives NaN (an infinite slope)."""
    slope = (y1 - y0) / (x1 - x0)
    y = slope * (x - x0) + y0
    if math.isnan(y):
        y = slope * (x - x1) + y1
        if math.isnan(y) and y0 == y1:
            y = y0
    return y


@njit(cache=True)
def _turn(yaw, pitch):
    """The cosines and sines `camera.project` turns by."""
    return math.cos(yaw), math.sin(yaw), math.cos(pitch), math.sin(pitch)


@njit(cache=True)
def _project(x, y, z, turn, focal_mm):
    """`camera.project` of one point, the camera turned by `_turn(yaw, pitch)`."""
    cy, sy, cp, sp = turn
    x1 = x * cy - z * sy
    z1 = x * sy + z * cy
    yc = y * cp - z1 * sp
    depth = y * sp + z1 * cp
    scale = focal_mm / _max(depth, 1e-6)
    return x1 * scale, yc * scale, depth


# The columns of `expose_all`'s list of exposures: floats, then integers.
T_E, LENS_D, SHAKE_MM, YAW_AT, PITCH_AT, YAW_A, PITCH_A, YAW_B, PITCH_B, POINT_U, POINT_V, EXPOSURE_FLOATS = range(12)
TRIAL, FRAME_NO, AF_OBJECT, AF_PHASE, EXPOSURE_INTS = range(5)
# The columns of what an exposure saw (`expose_all`'s `seen`), then one depth [m] per object.
SEEN_TARGET, SEEN_FOUND, SEEN_IN_FRAME, SEEN_VISIBLE, SEEN_MOTION_MM, SEEN_DEPTHS = range(6)


@njit(cache=True)
def expose_all(count, exp_f, exp_i, mo, geo, scratch, af, frames, place, source, first_e, seen):
    """Take and grade the tick's first `count` exposures, listed in exp_f, exp_i: exposure e into frames[place[e]].

    Each row is one trial's frame: its time t_e, the lens [D], the shake [mm], the camera's
    (yaw, pitch) [rad] at t_e and at the exposure's start and end, the AF point [mm], the trial,
    its frame number and its AF's object and phase when the shutter opened. One call a tick:
    a call per frame passing these arrays cost more than grading the frame.

    A trial on the row of an earlier trial (`source`) that exposed at the same instant, aimed
    and pointed alike to the bit, sees what that exposure saw: its target, whether it is in
    frame and visible, the motion blur and the depths are copied (`seen`: a row per exposure,
    the SEEN_ columns then each object's depth [m]); only what the lens, the shake and the AF
    change is worked out again. `first_e`: per trial, its first exposure in the list (scratch).
    """
    (appear_s, leave_s, half_w_m, half_h_m, is_target, focal_mm, half_sensor_w, half_sensor_h,
     blur_c, f_m, coc_mm, half_exp_s, background_D, prefocus, moments) = geo  # fmt: skip
    had, had_at_acq, acquisitions = af
    u, v, depth, hw, hh, present, in_frame, visible = scratch
    jitter_s, t_end_s, p0_m, v_mps, sin_obj, sin_axis, sin_amp_m, sin_omega, sin_phase, wp_obj, wp_at, wp_t, wp_p = mo
    n = u.shape[0]
    for e in range(count):
        first_e[exp_i[e, TRIAL]] = -1
        first_e[source[exp_i[e, TRIAL]]] = -1
    for e in range(count):
        k, frame_no, af_obj = exp_i[e, TRIAL], exp_i[e, FRAME_NO], exp_i[e, AF_OBJECT]
        t_e, lens_D, shake_mm = exp_f[e, T_E], exp_f[e, LENS_D], exp_f[e, SHAKE_MM]
        point_u, point_v = exp_f[e, POINT_U], exp_f[e, POINT_V]
        out = frames[place[e]]
        if first_e[k] < 0:
            first_e[k] = e
        like = _seen_alike(e, k, source[k], first_e, exp_f, exp_i)
        if like >= 0:  # the same frame as the row's first trial's: its view copied
            for col in range(SEEN_DEPTHS + n):
                seen[e, col] = seen[like, col]
        else:
            turn = _turn(exp_f[e, YAW_AT], exp_f[e, PITCH_AT])
            for i in range(n):
                tau, x, y, z = object_position(
                    k, i, t_e, jitter_s, t_end_s, p0_m, v_mps, sin_obj, sin_axis, sin_amp_m, sin_omega, sin_phase,
                    wp_obj, wp_at, wp_t, wp_p,
                )  # fmt: skip
                present[i] = (tau >= appear_s[i]) and (tau < leave_s[i])
                u[i], v[i], depth[i] = _project(x, y, z, turn, focal_mm)
                safe = _max(depth[i], 1e-6)
                hw[i] = focal_mm * half_w_m[i] / safe
                hh[i] = focal_mm * half_h_m[i] / safe
                in_frame[i] = present[i] and depth[i] > 0 and abs(u[i]) <= half_sensor_w and abs(v[i]) <= half_sensor_h
            # Hidden: nearer present objects cover at least half of this one's outline (summed in i order).
            for j in range(n):
                total = 0.0
                for i in range(n):
                    ou = _max(_min(u[i] + hw[i], u[j] + hw[j]) - _max(u[i] - hw[i], u[j] - hw[j]), 0.0)
                    ov = _max(_min(v[i] + hh[i], v[j] + hh[j]) - _max(v[i] - hh[i], v[j] - hh[j]), 0.0)
                    term = ou * ov if (present[i] and depth[i] < depth[j]) else 0.0
                    total = term if i == 0 else total + term
                visible[j] = total / _max(4 * hw[j] * hh[j], 1e-12) < 0.5
            # The frame's target: the visible in-frame target nearest the AF point, else the nearest in frame.
            tgt = 0
            best = np.inf
            for i in range(n):
                du, dv = u[i] - point_u, v[i] - point_v
                rank = du * du + dv * dv if (is_target[i] and present[i]) else np.inf
                rank = rank + (0.0 if (in_frame[i] and visible[i]) else 1e6) + (0.0 if in_frame[i] else 1e6)
                if rank != rank:
                    if best == best:
                        tgt, best = i, rank
                elif rank < best:
                    tgt, best = i, rank
            has_tgt = best == best and abs(best) != np.inf
            # Motion blur: the target's image at both ends of the exposure, the camera's pan included.
            _, x, y, z = object_position(
                k, tgt, t_e - half_exp_s,
                jitter_s, t_end_s, p0_m, v_mps, sin_obj, sin_axis, sin_amp_m, sin_omega, sin_phase,
                wp_obj, wp_at, wp_t, wp_p,
            )  # fmt: skip
            ua, va, _ = _project(x, y, z, _turn(exp_f[e, YAW_A], exp_f[e, PITCH_A]), focal_mm)
            _, x, y, z = object_position(
                k, tgt, t_e + half_exp_s,
                jitter_s, t_end_s, p0_m, v_mps, sin_obj, sin_axis, sin_amp_m, sin_omega, sin_phase,
                wp_obj, wp_at, wp_t, wp_p,
            )  # fmt: skip
            ub, vb, _ = _project(x, y, z, _turn(exp_f[e, YAW_B], exp_f[e, PITCH_B]), focal_mm)
            seen[e, SEEN_TARGET], seen[e, SEEN_FOUND] = tgt, has_tgt
            seen[e, SEEN_IN_FRAME], seen[e, SEEN_VISIBLE] = in_frame[tgt], visible[tgt]
            seen[e, SEEN_MOTION_MM] = math.hypot(ub - ua, vb - va)
            for i in range(n):
                seen[e, SEEN_DEPTHS + i] = depth[i]
        tgt = int(seen[e, SEEN_TARGET])
        has_tgt, motion_mm = seen[e, SEEN_FOUND] != 0, seen[e, SEEN_MOTION_MM]
        in_frame_t, visible_t = seen[e, SEEN_IN_FRAME] != 0, seen[e, SEEN_VISIBLE] != 0
        tgt_depth = seen[e, SEEN_DEPTHS + tgt]
        target_D = 1.0 / _max(tgt_depth, 1e-6)
        focus_mm = blur_c * abs(lens_D - target_D) / (1.0 - f_m * lens_D)
        r = math.sqrt(focus_mm * focus_mm + motion_mm * motion_mm + shake_mm * shake_mm) / coc_mm
        ok = has_tgt and in_frame_t and visible_t
        r_out = r if has_tgt else np.inf
        if ok and abs(r_out) != np.inf and r_out == r_out:
            grade = 0 if r_out <= 0.5 else (1 if r_out <= 1.0 else (2 if r_out <= 2.0 else 3))
        else:
            grade = 3
        out.trial = k
        out.index = frame_no
        out.t_s = t_e
        out.target = tgt if has_tgt else -1
        out.in_frame = has_tgt and in_frame_t
        out.visible = has_tgt and visible_t
        out.focus_mm = focus_mm
        out.motion_mm = motion_mm
        out.shake_mm = shake_mm
        out.r = r_out
        out.grade = grade
        out.hit = ok and r <= 1.0
        out.lens_D = lens_D
        out.target_m = tgt_depth
        out.af_object = af_obj
        out.af_phase = exp_i[e, AF_PHASE]
        had_tgt = had[k, tgt]
        if prefocus:
            af_D = background_D if af_obj == BACKGROUND else np.nan
            if af_obj >= 0:
                af_D = 1.0 / _max(seen[e, SEEN_DEPTHS + af_obj], 1e-6)
            at_distance = blur_c * abs(af_D - target_D) / (1.0 - f_m * af_D) <= coc_mm
            out.fired_without_af = has_tgt and not at_distance
        else:
            out.fired_without_af = has_tgt and not had_tgt
        out.refocused_away = (
            has_tgt and had_tgt and af_obj != tgt and af_obj != NOTHING and acquisitions[k] > had_at_acq[k, tgt]
        )
        in_moment = False
        for m in range(moments.shape[0]):
            in_moment = in_moment or (t_e >= moments[m, 0] and t_e <= moments[m, 1])
        out.in_moment = in_moment


@njit(cache=True)
def _seen_alike(e, k, s, first_e, exp_f, exp_i):
    """An earlier exposure of trial s (k's row's first) at the same instant, aimed and pointed alike; else -1."""
    if s == k:
        return -1
    c = first_e[s]
    while c >= 0 and c < e and exp_i[c, TRIAL] == s:
        alike = True
        for col in (T_E, YAW_AT, PITCH_AT, YAW_A, PITCH_A, YAW_B, PITCH_B, POINT_U, POINT_V):
            a, b = exp_f[c, col], exp_f[e, col]
            alike = alike and _same(a, b)
        if alike:
            return c
        c += 1
    return -1


@njit(cache=True)
def tally_add(frames, appear_s, n_frames, hits, in_frame, sharpness_sum, without_af, refocused, first_sharp_s):
    """`TrialTally.add`: one step's frames summed per trial, in firing order.

    The sharpness is `scoring.sharpness`: min(1, 1/r), 0 for an r that is not finite.
    """
    for j in range(frames.shape[0]):
        fr = frames[j]
        k = fr.trial
        n_frames[k] += 1
        hits[k] += fr.hit
        in_frame[k] += fr.in_frame
        if fr.in_frame:
            x = fr.r
            finite = 1.0 if (x == x and abs(x) != np.inf) else 0.0
            sharpness_sum[k] += (1.0 / (x if x > 0 else 1.0) if x > 1.0 else 1.0) * finite
        without_af[k] += fr.fired_without_af
        refocused[k] += fr.refocused_away
        if fr.hit and first_sharp_s[k] != first_sharp_s[k]:
            first_sharp_s[k] = fr.t_s - appear_s[k]
