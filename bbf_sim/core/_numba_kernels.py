"""The numba kernels behind `kernels` (imported only through `kernels.load()`)."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from bbf_sim.core import _numba_normals
from bbf_sim.core._numba_base import _max, _min, _on_axis, _same
from bbf_sim.core._numba_expose import _waypoint_position
from bbf_sim.core._numba_table import f8_1, f8_2, f8_3, i8_1
from bbf_sim.core.controls import EVENT_DTYPE


@njit(cache=True, inline="always")
def observe(
    t_s, jitter_s, appear_s, leave_s, t_end_s, p0_m, v_mps, term_at, sin_obj_terms, sin_axis, sin_amp_m, sin_omega,
    sin_phase, wp_of, wp_at, wp_t, wp_p, source, yaw_rad, pitch_rad, focal_mm, pos, present, u_mm, v_mm, depth_m,
    term_m, wp_m, twin_offset,
):  # fmt: skip
    """Every object's position (3, b, n), presence (b, n) and projection at level time t_s.

    `Motion.positions_and_presence` then `camera.project`, element for element: the linear
    motion, the object's sine terms in term order (`term_at`: each object's run in
    `sin_obj_terms`, term indices in order), a waypoint path in place of both (`wp_of`: its
    path, -1 for none), then the turn by the trial's aim into u, v [mm] and depth [m]. Trials
    on one random row share their scene: trial k copies the positions of trial source[k] (an
    earlier trial on its row) rather than computing the same numbers again, and projects them
    unless the two are aimed alike to the bit, when it copies the projection too.
    `term_m` (b, terms) and `wp_m` (b, paths, 3) are scratch.

    `twin_offset` > 0: the batch is two halves of one set of rows, trial k + twin_offset on trial
    k's row (the comparison's two mappings). When every trial of the second half is aimed as
    its twin, none of them is written here and True is returned: the caller (`observe_pinned`)
    copies the first half's arrays onto the second's as whole blocks, cheaper than trial by trial.
    """
    b, n = jitter_s.shape
    alike = twin_offset > 0
    for k in range(twin_offset, b if alike else twin_offset):
        if not (_same(yaw_rad[k], yaw_rad[k - twin_offset]) and _same(pitch_rad[k], pitch_rad[k - twin_offset])):
            alike = False
            break
    stop = twin_offset if alike else b
    # First the library calls (sin, the waypoint paths), each trial's terms and paths in scratch: a
    # call inside the main loop would make it keep its numbers in memory across the call.
    for k in range(b):
        if source[k] != k:
            continue
        for i in range(n):
            tau = t_s - jitter_s[k, i]
            for jj in range(term_at[i], term_at[i + 1]):
                j = sin_obj_terms[jj]
                term_m[k, jj] = sin_amp_m[j] * math.sin(sin_omega[k, j] * tau + sin_phase[k, j])
            w = wp_of[i]
            if w >= 0:
                wp_m[k, w, 0], wp_m[k, w, 1], wp_m[k, w, 2] = _waypoint_position(
                    tau, wp_t, wp_p, wp_at[w], wp_at[w + 1]
                )
    for k in range(stop):
        s = source[k]
        if s != k and _same(yaw_rad[k], yaw_rad[s]) and _same(pitch_rad[k], pitch_rad[s]):
            # Aimed as the trial it copies, as both mappings' bots usually are: the same view.
            for i in range(n):
                present[k, i] = present[s, i]
                pos[0, k, i], pos[1, k, i], pos[2, k, i] = pos[0, s, i], pos[1, s, i], pos[2, s, i]
                u_mm[k, i], v_mm[k, i], depth_m[k, i] = u_mm[s, i], v_mm[s, i], depth_m[s, i]
            continue
        cy, sy = math.cos(yaw_rad[k]), math.sin(yaw_rad[k])
        cp, sp = math.cos(pitch_rad[k]), math.sin(pitch_rad[k])
        for i in range(n):
            if s != k:
                present[k, i] = present[s, i]
                x, y, z = pos[0, s, i], pos[1, s, i], pos[2, s, i]
            else:
                tau = t_s - jitter_s[k, i]
                present[k, i] = (tau >= appear_s[i]) and (tau < leave_s[i])
                w = wp_of[i]
                if w >= 0:
                    x, y, z = wp_m[k, w, 0], wp_m[k, w, 1], wp_m[k, w, 2]
                else:
                    lin_t = t_end_s[i] if t_end_s[i] < tau else tau  # np.minimum
                    x = lin_t * v_mps[i, 0] + p0_m[i, 0]
                    y = lin_t * v_mps[i, 1] + p0_m[i, 1]
                    z = lin_t * v_mps[i, 2] + p0_m[i, 2]
                    for jj in range(term_at[i], term_at[i + 1]):
                        x, y, z = _on_axis(sin_axis[sin_obj_terms[jj]], term_m[k, jj], x, y, z)
            pos[0, k, i], pos[1, k, i], pos[2, k, i] = x, y, z
            # camera.project
            x1 = x * cy - z * sy
            z1 = x * sy + z * cy
            yc = y * cp - z1 * sp
            depth = y * sp + z1 * cp
            safe = 1e-6 if depth < 1e-6 else depth  # np.maximum(depth, 1e-6), NaN kept
            scale = focal_mm / safe
            u_mm[k, i] = x1 * scale
            v_mm[k, i] = yc * scale
            depth_m[k, i] = depth
    return alike


# The arrays `observe_pinned` reads from its table, in order (`kernel_tables.pin`'s codes): the
# motion, each trial's row's first trial, scratch.
OBSERVE_PINNED = "f8_2 f8_1 f8_1 f8_1 f8_2 f8_2 i8_1 i8_1 i8_1 f8_1 f8_2 f8_2 i8_1 i8_1 f8_1 f8_2 i8_1 f8_2 f8_3"


@njit(cache=True)
def observe_pinned(t_s, yaw_rad, pitch_rad, focal_mm, pos, present, u_mm, v_mm, depth_m, twin_offset, p):
    """`observe` with the run's long-lived arrays from the table `p` (`OBSERVE_PINNED`); when the
    second half is aimed as the first, its arrays' halves are copied here, as blocks."""
    alike = observe(
        t_s, f8_2(p, 0), f8_1(p, 1), f8_1(p, 2), f8_1(p, 3), f8_2(p, 4), f8_2(p, 5), i8_1(p, 6), i8_1(p, 7),
        i8_1(p, 8), f8_1(p, 9), f8_2(p, 10), f8_2(p, 11), i8_1(p, 12), i8_1(p, 13), f8_1(p, 14), f8_2(p, 15),
        i8_1(p, 16), yaw_rad, pitch_rad, focal_mm, pos, present, u_mm, v_mm, depth_m, f8_2(p, 17), f8_3(p, 18),
        twin_offset,
    )  # fmt: skip
    if alike:
        for c in range(3):
            _second_half_copied(pos[c], twin_offset)
        _second_half_copied(present, twin_offset)
        _second_half_copied(u_mm, twin_offset)
        _second_half_copied(v_mm, twin_offset)
        _second_half_copied(depth_m, twin_offset)
    return alike


@njit(cache=True)
def _second_half_copied(a, half):
    """Rows [half, 2 * half) of the C-contiguous (2 * half, n) array `a` set to rows [0, half), as one block."""
    flat = a.reshape(a.size)
    m = half * a.shape[1]
    for j in range(m):
        flat[m + j] = flat[j]


@njit(cache=True)
def lens_position(t_s, at_s, pos_D, goal_D, rate_D_per_s, speed_D_per_s, near_limit_D):
    """Where each lens is at time t_s, as `FocusMotor.position_at` (the same operations in the same order)."""
    out = np.empty(pos_D.shape[0])
    for k in range(pos_D.shape[0]):
        dt = _max(t_s[k] - at_s[k], 0.0)
        pos = pos_D[k]
        reach = speed_D_per_s * dt
        goal = goal_D[k] + rate_D_per_s[k] * dt
        lens = _min(_max(goal, pos - reach), pos + reach)
        out[k] = _min(_max(lens, 0.0), near_limit_D)
    return out


def warm_up() -> None:
    """Compile (or load from the cache) for the argument types the simulator passes."""
    from bbf_sim.core.kernel_tables import pin

    b, n, k = 1, 1, 1
    f, ints = np.zeros((b, n)), np.zeros(n + 1, np.intp)
    # The motion, scratch and source as `kernels.observe` pins them (`OBSERVE_PINNED`).
    pinned = (
        f, np.zeros(n), np.ones(n), np.zeros(n), np.zeros((n, 3)), np.zeros((n, 3)), ints, np.zeros(k, np.intp),
        np.zeros(k, np.intp), np.zeros(k), np.zeros((b, k)), np.zeros((b, k)), np.full(n, -1, np.intp), ints,
        np.zeros(1), np.zeros((1, 3)), np.zeros(b, np.intp), np.zeros((b, k)), np.zeros((b, 0, 3)),
    )  # fmt: skip
    z = np.zeros(b)
    observe_pinned(
        0.0, z, z.copy(), 50.0, np.zeros((3, b, n)), np.zeros((b, n), np.bool_), f.copy(), f.copy(), f.copy(), 0,
        pin(pinned, OBSERVE_PINNED),
    )  # fmt: skip
    lens_position(z, z, z, z, z, 1.0, 2.0)
    _numba_normals.warm_up()
    events = np.zeros(1, EVENT_DTYPE)  # a comparison's first moment may have none to split
    split_events(events, 0.0, 1.0, events.copy(), events.copy(), np.zeros(1, np.intp))


# Re-exported for `kernels`, which reaches every kernel it calls through this module (the
# `*_pinned` ones inline the kernels of the same name, or are them, reading their own table).
from bbf_sim.core._numba_af import AF_PINNED as AF_PINNED  # noqa: E402
from bbf_sim.core._numba_af import af_cycle_pinned as af_cycle_pinned  # noqa: E402
from bbf_sim.core._numba_af import lens_at as lens_at  # noqa: E402
from bbf_sim.core._numba_bot import AIM_PINNED as AIM_PINNED  # noqa: E402
from bbf_sim.core._numba_bot import aim_finish_pinned as aim_finish_pinned  # noqa: E402
from bbf_sim.core._numba_bot import aim_frame_pinned as aim_frame_pinned  # noqa: E402
from bbf_sim.core._numba_bot import aim_seen_pinned as aim_seen_pinned  # noqa: E402
from bbf_sim.core._numba_expose import EXPOSURE_FLOATS as EXPOSURE_FLOATS  # noqa: E402
from bbf_sim.core._numba_expose import EXPOSURE_INTS as EXPOSURE_INTS  # noqa: E402
from bbf_sim.core._numba_expose import SEEN_DEPTHS as SEEN_DEPTHS  # noqa: E402
from bbf_sim.core._numba_expose import tally_add as tally_add  # noqa: E402
from bbf_sim.core._numba_instants import INSTANTS_PINNED as INSTANTS_PINNED  # noqa: E402
from bbf_sim.core._numba_instants import instants_pinned as instants_pinned  # noqa: E402
from bbf_sim.core._numba_instants import split_events as split_events  # noqa: E402
from bbf_sim.core._numba_normals import standard_normal as standard_normal  # noqa: E402
from bbf_sim.core._numba_steps import ALL as ALL  # noqa: E402
from bbf_sim.core._numba_steps import ARM_PINNED as ARM_PINNED  # noqa: E402
from bbf_sim.core._numba_steps import IF_LIFTED as IF_LIFTED  # noqa: E402
from bbf_sim.core._numba_steps import STEPS_PINNED as STEPS_PINNED  # noqa: E402
from bbf_sim.core._numba_steps import UNLESS_HELD as UNLESS_HELD  # noqa: E402
from bbf_sim.core._numba_steps import steps_pinned as steps_pinned  # noqa: E402
from bbf_sim.core._numba_watch import WATCH_PINNED as WATCH_PINNED  # noqa: E402
from bbf_sim.core._numba_watch import watch_pinned as watch_pinned  # noqa: E402
