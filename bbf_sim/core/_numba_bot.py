"""The bots' aim as compiled loops: `TechniqueBot._aim` with its arithmetic fused, per trial.

The arc tangents and arc sine stay in numpy between the loops (`kernels.bot_aim`): numpy's
SIMD versions give other bits than the C library's that numba calls. Everything else
(`sin`, `cos`, `hypot`, `sqrt` agree bit for bit) is here, in the reference's order. Trials
whose aim cannot differ from their row's first trial's copy it (`aim_seen`).
Imported only through `kernels.load()`.
"""

from __future__ import annotations

import math

from numba import njit

from bbf_sim.core._numba_base import _max, _min, _same
from bbf_sim.core._numba_table import b1_1, f8_1, f8_2, i8_1


@njit(cache=True)
def _clip_between(x, lo, hi):
    """np.clip with array bounds: x unless beyond a bound (a bound equal to x wins)."""
    if x != x:
        return x
    t = x if x > lo else lo
    if t != t:
        return t
    return t if t < hi else hi


@njit(cache=True, inline="always")
def aim_seen(
    positions_m, aim_obj, source, turn_s, turn_from, point_col, point_row, grid, recompose_s, apart,
    x, y, z, across, point_u_mm, point_v_mm, computed, twin_of,
):  # fmt: skip
    """The aimed-at object's position (x, y, z) and hypot(x, z), as `direction_to` takes it, per trial aimed.

    Trials on one random row see the same scene and draw the same kicks, so a trial whose
    object, turn, AF point and recompose have always been its row's first trial's aims
    exactly as that one does, and so keeps the same wander and the same last direction: it
    is not computed but copied by `aim_finish` (twin_of[k]: that trial, else -1). Once they
    differ, `apart[k]` is set for good. The others' indices go to `computed` and their
    positions to x, y, z and across, in that order, and their AF point's sensor position [mm]
    to point_u_mm and point_v_mm (`grid`: the AF grid's cols, rows, step_u_mm, step_v_mm);
    returns how many.
    """
    cols, rows, step_u, step_v = grid
    count = 0
    for k in range(aim_obj.shape[0]):
        s = source[k]
        o = aim_obj[k]
        if s != k and not apart[k]:
            if (
                o == aim_obj[s]
                and _same(turn_s[k], turn_s[s])
                and _same(turn_from[k, 0], turn_from[s, 0])
                and _same(turn_from[k, 1], turn_from[s, 1])
                and point_col[k] == point_col[s]
                and point_row[k] == point_row[s]
                and _same(recompose_s[k], recompose_s[s])
            ):
                twin_of[k] = s
                continue
            apart[k] = True
        twin_of[k] = -1
        computed[count] = k
        x[count] = positions_m[k, o, 0]
        y[count] = positions_m[k, o, 1]
        z[count] = positions_m[k, o, 2]
        across[count] = math.hypot(x[count], z[count])
        point_u_mm[count] = (point_col[k] - (cols - 1) / 2) * step_u  # AfGrid.position_mm
        point_v_mm[count] = -(point_row[k] - (rows - 1) / 2) * step_v
        count += 1
    return count


@njit(cache=True, inline="always")
def aim_frame(
    t1_s, computed, seen_yaw, seen_pitch, lead_on, lead_s, prev_yaw, prev_pitch, aim_obj, prev_obj,
    turning, turn_s, aim_move_s, turn_from, base_dir, point_u_mm, point_v_mm,
    recompose_s, recompose_move_s, target_u_mm, target_v_mm, inside_u_mm, inside_v_mm, focal_mm,
    yaw, sin_pitch, ratio, forward, b_over_f,
):  # fmt: skip
    """From the seen direction to `aim_placing`'s inputs: pursuit lead, turn, recompose and the frame's edge.

    For the trials `computed` (entry j: trial computed[j]), fills yaw (before the placing
    turn), sin(pitch), side/cos(pitch) (for arcsin), the forward component (for arctan2) and
    v/f (for arctan); keeps prev_* and base_dir as the reference does.
    """
    for j in range(computed.shape[0]):
        k = computed[j]
        yw, pt = seen_yaw[j], seen_pitch[j]
        if lead_on:
            lead = lead_s if aim_obj[k] == prev_obj[k] else 0.0
            yw = yw + (yw - prev_yaw[k]) * lead
            pt = pt + (pt - prev_pitch[k]) * lead
        prev_yaw[k], prev_pitch[k] = seen_yaw[j], seen_pitch[j]
        prev_obj[k] = aim_obj[k]
        if turning:
            turn = _min(_max((t1_s - turn_s[k]) / aim_move_s, 0.0), 1.0)
            te = turn * turn * (3 - 2 * turn)
            if turn < 1:
                yw = turn_from[k, 0] + te * (yw - turn_from[k, 0])
                pt = turn_from[k, 1] + te * (pt - turn_from[k, 1])
        base_dir[k, 0], base_dir[k, 1] = yw, pt
        pu, pv = point_u_mm[j], point_v_mm[j]
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
        ratio[j] = side / cp if cp > 0 else 0.0
        forward[j] = math.sqrt(_max(cp * cp - side * side, 0.0))
        sin_pitch[j] = math.sin(pt)
        b_over_f[j] = bf
        yaw[j] = yw


@njit(cache=True, inline="always")
def aim_finish(
    computed, twin_of, yaw, asin_side, atan2_pitch, atan_b, wander, noise, keep, kick_scale, kick, smooth, rows,
    prev_yaw, prev_pitch, prev_obj, base_dir, out,
):  # fmt: skip
    """The placing turn's result plus the aim wander (an OU process smoothed by the arm) [rad];
    then each twin trial takes its row's computed trial's aim and state."""
    for j in range(computed.shape[0]):
        k = computed[j]
        for i in range(2):
            w = keep * wander[k, i] + kick_scale * kick[rows[k], i]
            wander[k, i] = w
            noise[k, i] += (w - noise[k, i]) * smooth
        out[k, 0] = (yaw[j] - asin_side[j]) + math.radians(noise[k, 0])
        out[k, 1] = (atan2_pitch[j] - atan_b[j]) + math.radians(noise[k, 1])
    for k in range(twin_of.shape[0]):
        s = twin_of[k]
        if s < 0:
            continue
        prev_yaw[k], prev_pitch[k], prev_obj[k] = prev_yaw[s], prev_pitch[s], prev_obj[s]
        for i in range(2):
            base_dir[k, i] = base_dir[s, i]
            wander[k, i] = wander[s, i]
            noise[k, i] = noise[s, i]
            out[k, i] = out[s, i]


# The arrays the `*_pinned` aims read from their table, in order (`kernel_tables.pin`'s codes): the
# bot's aim state, the scratch of `aim_seen`, the seen directions, the last look, `aim_frame`'s
# outputs, numpy's arc functions of them, the wander and each trial's random row.
AIM_PINNED = (
    "i8_1 i8_1 f8_1 f8_2 f8_1 b1_1 f8_1 f8_1 f8_1 f8_1 f8_1 f8_1 i8_1 i8_1 f8_1 f8_1 "
    "f8_1 f8_1 i8_1 f8_2 f8_1 f8_1 f8_1 f8_1 f8_1 f8_1 f8_1 f8_1 f8_2 f8_2 i8_1"
)


@njit(cache=True)
def aim_seen_pinned(positions_m, point_col, point_row, grid, p):
    """`aim_seen` with the run's long-lived arrays from the table `p` (`AIM_PINNED`)."""
    return aim_seen(
        positions_m, i8_1(p, 0), i8_1(p, 1), f8_1(p, 2), f8_2(p, 3), point_col, point_row, grid, f8_1(p, 4),
        b1_1(p, 5), f8_1(p, 6), f8_1(p, 7), f8_1(p, 8), f8_1(p, 9), f8_1(p, 10), f8_1(p, 11), i8_1(p, 12),
        i8_1(p, 13),
    )  # fmt: skip


@njit(cache=True)
def aim_frame_pinned(
    t1_s, n, lead_on, lead_s, turning, aim_move_s, recompose_move_s, target_u_mm, target_v_mm, inside_u_mm,
    inside_v_mm, focal_mm, p,
):  # fmt: skip
    """`aim_frame` for the first n trials `aim_seen_pinned` listed, its arrays from the table `p`."""
    aim_frame(
        t1_s, i8_1(p, 12)[:n], f8_1(p, 14)[:n], f8_1(p, 15)[:n], lead_on, lead_s, f8_1(p, 16), f8_1(p, 17),
        i8_1(p, 0), i8_1(p, 18), turning, f8_1(p, 2), aim_move_s, f8_2(p, 3), f8_2(p, 19), f8_1(p, 10)[:n],
        f8_1(p, 11)[:n], f8_1(p, 4), recompose_move_s, target_u_mm, target_v_mm, inside_u_mm, inside_v_mm, focal_mm,
        f8_1(p, 20)[:n], f8_1(p, 21)[:n], f8_1(p, 22)[:n], f8_1(p, 23)[:n], f8_1(p, 24)[:n],
    )  # fmt: skip


@njit(cache=True)
def aim_finish_pinned(n, keep, kick_scale, kick, smooth, out, p):
    """`aim_finish` for the first n trials `aim_seen_pinned` listed, its arrays from the table `p`."""
    aim_finish(
        i8_1(p, 12)[:n], i8_1(p, 13), f8_1(p, 20)[:n], f8_1(p, 25)[:n], f8_1(p, 26)[:n], f8_1(p, 27)[:n],
        f8_2(p, 28), f8_2(p, 29), keep, kick_scale, kick, smooth, i8_1(p, 30), f8_1(p, 16), f8_1(p, 17),
        i8_1(p, 18), f8_2(p, 19), out,
    )  # fmt: skip
