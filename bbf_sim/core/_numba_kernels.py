"""The numba kernels behind `kernels` (imported only through `kernels.load()`)."""

from __future__ import annotations

import math

import numpy as np
from numba import njit

from bbf_sim.core._numba_base import _max, _min


@njit(cache=True)
def observe(
    t_s, jitter_s, appear_s, leave_s, t_end_s, p0_m, v_mps, sin_obj, sin_axis, sin_amp_m, sin_omega, sin_phase,
    pos, present, source,
):  # fmt: skip
    """Positions (3, b, n) and presence (b, n) at level time t_s, as `Motion.positions_and_presence`.

    Trials on one random row share their scene: trial k copies trial source[k] (an earlier
    trial on its row) rather than computing the same numbers again.
    """
    b, n = jitter_s.shape
    for k in range(b):
        s = source[k]
        if s != k:
            for i in range(n):
                present[k, i] = present[s, i]
                for a in range(3):
                    pos[a, k, i] = pos[a, s, i]
            continue
        for i in range(n):
            tau = t_s - jitter_s[k, i]
            present[k, i] = (tau >= appear_s[i]) and (tau < leave_s[i])
            lin_t = t_end_s[i] if t_end_s[i] < tau else tau  # np.minimum
            for a in range(3):
                pos[a, k, i] = lin_t * v_mps[i, a] + p0_m[i, a]
        # The sine terms in term order: each (axis, object) sums its own terms in that order.
        for j in range(sin_obj.shape[0]):
            o = sin_obj[j]
            tau = t_s - jitter_s[k, o]
            pos[sin_axis[j], k, o] += sin_amp_m[j] * math.sin(sin_omega[k, j] * tau + sin_phase[k, j])


@njit(cache=True)
def project(pos, yaw_rad, pitch_rad, focal_mm, u_mm, v_mm, depth_m):
    """Sensor positions and axial depths of positions (3, b, n), as `camera.project`."""
    b, n = pos.shape[1], pos.shape[2]
    for k in range(b):
        cy, sy = math.cos(yaw_rad[k]), math.sin(yaw_rad[k])
        cp, sp = math.cos(pitch_rad[k]), math.sin(pitch_rad[k])
        for i in range(n):
            x, y, z = pos[0, k, i], pos[1, k, i], pos[2, k, i]
            x1 = x * cy - z * sy
            z1 = x * sy + z * cy
            yc = y * cp - z1 * sp
            depth = y * sp + z1 * cp
            safe = 1e-6 if depth < 1e-6 else depth  # np.maximum(depth, 1e-6), NaN kept
            scale = focal_mm / safe
            u_mm[k, i] = x1 * scale
            v_mm[k, i] = yc * scale
            depth_m[k, i] = depth


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
    b, n, k = 1, 1, 1
    pos = np.zeros((3, b, n))
    present = np.zeros((b, n), np.bool_)
    f = np.zeros((b, n))
    observe(
        0.0, f, np.zeros(n), np.ones(n), np.zeros(n), np.zeros((n, 3)), np.zeros((n, 3)), np.zeros(k, np.intp),
        np.zeros(k, np.intp), np.zeros(k), np.zeros((b, k)), np.zeros((b, k)), pos, present, np.zeros(b, np.intp),
    )  # fmt: skip
    project(pos, np.zeros(b), np.zeros(b), 50.0, f.copy(), f.copy(), f.copy())
    z = np.zeros(b)
    lens_position(z, z, z, z, z, 1.0, 2.0)


# Re-exported for `kernels`, which reaches every kernel through this module.
from bbf_sim.core._numba_af import af_cycle as af_cycle  # noqa: E402
from bbf_sim.core._numba_af import lens_at as lens_at  # noqa: E402
from bbf_sim.core._numba_bot import aim_finish as aim_finish  # noqa: E402
from bbf_sim.core._numba_bot import aim_frame as aim_frame  # noqa: E402
from bbf_sim.core._numba_bot import aim_seen as aim_seen  # noqa: E402
from bbf_sim.core._numba_expose import tally_add as tally_add  # noqa: E402
from bbf_sim.core._numba_instants import instants as instants  # noqa: E402
from bbf_sim.core._numba_steps import arm as arm  # noqa: E402
from bbf_sim.core._numba_watch import watch as watch  # noqa: E402
