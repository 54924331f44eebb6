"""The bots' aim as compiled loops: `TechniqueBot._aim` with its arithmetic fused, per trial.

The arc tangents and arc sine stay in numpy between the loops (`kernels.bot_aim`): numpy's
SIMD versions give other bits than the C library's that numba calls. Everything else
(`sin`, `cos`, `hypot`, `sqrt` agree bit for bit) is here, in the reference's order.
Imported only through `kernels.load()`.
"""

from __future__ import annotations

import math

from numba import njit

from bbf_sim.core._numba_base import _max, _min


@njit(cache=True)
def _clip_between(x, lo, hi):
    """np.clip with array bounds: x unless beyond a bound (a bound equal to x wins)."""
    if x != x:
        return x
    t = x if x > lo else lo
    if t != t:
        return t
    return t if t < hi else hi


@njit(cache=True)
def aim_seen(positions_m, aim_obj, x, y, z, across):
    """The aimed-at object's position (x, y, z) per trial, and hypot(x, z), as `direction_to` takes it."""
    for k in range(aim_obj.shape[0]):
        o = aim_obj[k]
        x[k] = positions_m[k, o, 0]
        y[k] = positions_m[k, o, 1]
        z[k] = positions_m[k, o, 2]
        across[k] = math.hypot(x[k], z[k])


@njit(cache=True)
def aim_frame(
    t1_s, seen_yaw, seen_pitch, lead_on, lead_s, prev_yaw, prev_pitch, aim_obj, prev_obj,
    turning, turn_s, aim_move_s, turn_from, base_dir, point_u_mm, point_v_mm,
    recompose_s, recompose_move_s, target_u_mm, target_v_mm, inside_u_mm, inside_v_mm, focal_mm,
    yaw, sin_pitch, ratio, forward, b_over_f,
):  # fmt: skip
    """From the seen direction to `aim_placing`'s inputs: pursuit lead, turn, recompose and the frame's edge.

    Fills yaw (before the placing turn), sin(pitch), side/cos(pitch) (for arcsin), the forward
    component (for arctan2) and v/f (for arctan); keeps prev_* and base_dir as the reference does.
    """
    for k in range(seen_yaw.shape[0]):
        yw, pt = seen_yaw[k], seen_pitch[k]
        if lead_on:
            lead = lead_s if aim_obj[k] == prev_obj[k] else 0.0
            yw = yw + (yw - prev_yaw[k]) * lead
            pt = pt + (pt - prev_pitch[k]) * lead
        prev_yaw[k], prev_pitch[k] = seen_yaw[k], seen_pitch[k]
        prev_obj[k] = aim_obj[k]
        if turning:
            turn = _min(_max((t1_s - turn_s[k]) / aim_move_s, 0.0), 1.0)
            te = turn * turn * (3 - 2 * turn)
            if turn < 1:
                yw = turn_from[k, 0] + te * (yw - turn_from[k, 0])
                pt = turn_from[k, 1] + te * (pt - turn_from[k, 1])
        base_dir[k, 0], base_dir[k, 1] = yw, pt
        pu, pv = point_u_mm[k], point_v_mm[k]
        frac = _min(_max((t1_s - recompose_s[k]) / recompose_move_s, 0.0), 1.0)
        ease = frac * frac * (3 - 2 * frac)
        u_mm = pu + ease * (target_u_mm - pu)
        v_mm = pv + ease * (target_v_mm - pv)
        u_mm = _min(_max(u_mm, -inside_u_mm), inside_u_mm)
        v_mm = _min(_max(v_mm, -inside_v_mm), inside_v_mm)
        # camera.aim_placing, up to its arc functions.
        a = u_mm / focal_mm
        bf = v_mm / focal_mm
        scale = 1.0 / math.sqrt(1.0 + a * a + bf * bf)
        cp = math.cos(pt)
        side = _clip_between(a * scale, -cp, cp)
        ratio[k] = side / cp if cp > 0 else 0.0
        forward[k] = math.sqrt(_max(cp * cp - side * side, 0.0))
        sin_pitch[k] = math.sin(pt)
        b_over_f[k] = bf
        yaw[k] = yw


@njit(cache=True)
def aim_finish(yaw, asin_side, atan2_pitch, atan_b, wander, noise, keep, kick_scale, kick, smooth, rows, out):
    """The placing turn's result plus the aim wander (an OU process smoothed by the arm) [rad]."""
    for k in range(yaw.shape[0]):
        for j in range(2):
            w = keep * wander[k, j] + kick_scale * kick[rows[k], j]
            wander[k, j] = w
            noise[k, j] += (w - noise[k, j]) * smooth
        out[k, 0] = (yaw[k] - asin_side[k]) + math.radians(noise[k, 0])
        out[k, 1] = (atan2_pitch[k] - atan_b[k]) + math.radians(noise[k, 1])
