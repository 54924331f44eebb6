"""The tracking photographer's finder habits as one compiled loop: `Watcher.watch`, per trial.

Mirrors `Watcher.watch`, `_boxes`, `_nearer`, `_obstructions`, `_time_to_clear_s` and
`_recheck` in the reference's order; the events themselves are made by the caller from
the flags set here (`kernels.watch`), in the reference's order. What covers the AF area
is computed only for the trials that let go of AF-ON through crossings, the only readers;
the last look's image positions are the previous snapshot's (`prev_u`, `prev_v`, kept by
the caller). Imported only through `kernels.load()`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from bbf_sim.core._numba_base import _max, _min, _same
from bbf_sim.core._numba_table import b1_1, f8_1, i4_1, i8_1

HUNT, NOTHING = 5, -2


@njit(cache=True)
def _box(present, d, du, dv, half_w_mm, half_h_mm, margin_u, margin_v):
    """`Watcher._boxes` for one object at depth d, du and dv from the AF point: does its image box,
    grown by the margins, hold the point? (Scalars only: array arguments cost a compiled call more.)"""
    return (
        present
        and d > 0
        and abs(du) <= half_w_mm / _max(d, 1e-6) + margin_u
        and abs(dv) <= half_h_mm / _max(d, 1e-6) + margin_v
    )


@njit(cache=True, inline="always")
def _seen(k, i, present, depth, u, v, pu, pv, focal_half_w, focal_half_h):
    """Object i of trial k as `_box` takes it."""
    return present[k, i], depth[k, i], u[k, i] - pu, v[k, i] - pv, focal_half_w[i], focal_half_h[i]


@njit(cache=True)
def _leave_s(rel, speed, reach):
    """When an image moving at `speed` leaves a reach of `reach` around the point (never before now)."""
    if speed > 0:
        t = (reach - rel) / speed
    elif speed < 0:
        t = (reach + rel) / -speed
    else:
        t = np.inf
    return _max(t, 0.0)


# The arrays `watch_pinned` reads from its table, in order (`kernel_tables.pin`'s codes): the twins,
# the objects' half-sizes, who lets go, the watcher's state, the flags it sets.
WATCH_PINNED = "i8_1 b1_1 b1_1 f8_1 f8_1 b1_1 f8_1 f8_1 b1_1 b1_1 i4_1 f8_1 f8_1 b1_1 b1_1 b1_1"


@njit(cache=True)
def watch_pinned(
    t0, u, v, depth, present, point_col, point_row, af_on, af_tracked, af_engaged, af_phase, full, yaw, pitch,
    grid, target, point_half_mm, clear_margin, area_half, lets_go_any, always, lock_on_s, reaction_s, rechecks,
    repress_s, has_prev, prev_u, prev_v, t_prev, p,
):  # fmt: skip
    """One look through the finder for every trial; sets off/back/recheck flags, returns how many of each.

    A trial aimed exactly as its row's first trial (`source`; yaw and pitch bit for bit: the
    same image) with the same AF point sees what that trial saw under the point: its subject
    on the point and anything nearer over it are copied (`on_target_of`, `nearer_of`: each
    trial's, scratch) rather than tested again. The run's long-lived arrays are read from the
    table `p` (`WATCH_PINNED`).
    """
    source = i8_1(p, 0)
    on_target_of = b1_1(p, 1)
    nearer_of = b1_1(p, 2)
    focal_half_w = f8_1(p, 3)
    focal_half_h = f8_1(p, 4)
    lets_go = b1_1(p, 5)
    clear_since_s = f8_1(p, 6)
    covered_since_s = f8_1(p, 7)
    judged = b1_1(p, 8)
    let_go = b1_1(p, 9)
    let_go_count = i4_1(p, 10)
    wrong_since_s = f8_1(p, 11)
    recheck_after_s = f8_1(p, 12)
    off = b1_1(p, 13)
    back = b1_1(p, 14)
    recheck = b1_1(p, 15)
    cols, rows, step_u, step_v = grid
    area_u, area_v = area_half
    n = u.shape[1]
    n_off = n_back = n_recheck = 0
    for k in range(u.shape[0]):
        pu = (point_col[k] - (cols - 1) / 2) * step_u  # AfGrid.position_mm
        pv = -(point_row[k] - (rows - 1) / 2) * step_v
        d_t = depth[k, target]
        s = source[k]
        if (
            s != k
            and point_col[k] == point_col[s]
            and point_row[k] == point_row[s]
            and _same(yaw[k], yaw[s])
            and _same(pitch[k], pitch[s])
        ):
            on_target, nearer = on_target_of[s], nearer_of[s]
        else:
            on_target = _box(*_seen(k, target, present, depth, u, v, pu, pv, focal_half_w, focal_half_h),
                             -point_half_mm, -point_half_mm)  # fmt: skip
            grow = clear_margin * point_half_mm
            nearer = False
            for i in range(n):
                if i != target and depth[k, i] < d_t:
                    nearer = nearer or _box(
                        present[k, i], depth[k, i], u[k, i] - pu, v[k, i] - pv, focal_half_w[i], focal_half_h[i],
                        grow, grow,
                    )  # fmt: skip
        on_target_of[k], nearer_of[k] = on_target, nearer
        clear_since_s[k] = _min(clear_since_s[k], t0) if (on_target and not nearer) else np.inf
        off[k] = back[k] = recheck[k] = False
        if lets_go_any:
            covered = False
            if lets_go[k]:  # (the others' crossings are never judged)
                for i in range(n):
                    if i != target and depth[k, i] < d_t:
                        covered = covered or _box(
                            *_seen(k, i, present, depth, u, v, pu, pv, focal_half_w, focal_half_h), area_u, area_v
                        )
            covered_since_s[k] = _min(covered_since_s[k], t0) if covered else np.inf
            judged[k] = judged[k] and covered
            protecting = af_on[k] and af_tracked[k] == target
            seen = t0 - covered_since_s[k] >= reaction_s
            if covered and not judged[k] and not let_go[k] and protecting and seen:
                judged[k] = True
                go = True
                if not always:
                    to_clear = np.inf
                    if has_prev:
                        dt = _max(t0 - t_prev, 1e-9)
                        to_clear = 0.0
                        for i in range(n):
                            cover_i = (
                                i != target
                                and depth[k, i] < d_t
                                and _box(*_seen(k, i, present, depth, u, v, pu, pv, focal_half_w, focal_half_h),
                                         area_u, area_v)
                            )  # fmt: skip
                            d = _max(depth[k, i], 1e-6)
                            out_u = _leave_s(u[k, i] - pu, (u[k, i] - prev_u[k, i]) / dt, focal_half_w[i] / d + area_u)
                            out_v = _leave_s(v[k, i] - pv, (v[k, i] - prev_v[k, i]) / dt, focal_half_h[i] / d + area_v)
                            each = _min(out_u, out_v) if cover_i else 0.0
                            to_clear = each if i == 0 else _max(to_clear, each)
                    go = (t0 - covered_since_s[k]) + to_clear >= lock_on_s
                if go:
                    off[k] = True
                    n_off += 1
                    let_go[k] = True
                    let_go_count[k] += 1
            if let_go[k] and t0 - clear_since_s[k] >= reaction_s:
                back[k] = True
                n_back += 1
                let_go[k] = False
        if rechecks:
            tr = af_tracked[k]
            lost = (tr != NOTHING and tr != target) or af_phase[k] == HUNT
            wrong = af_engaged[k] and lost and not full[k]
            wrong_since_s[k] = _min(wrong_since_s[k], t0) if wrong else np.inf
            due = wrong and t0 - wrong_since_s[k] >= reaction_s and t0 >= recheck_after_s[k]
            if due and t0 - clear_since_s[k] >= reaction_s:
                recheck[k] = True
                n_recheck += 1
                wrong_since_s[k] = np.inf
                recheck_after_s[k] = t0 + repress_s + reaction_s
    return n_off, n_back, n_recheck
