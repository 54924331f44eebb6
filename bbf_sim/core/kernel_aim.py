"""The bots' aim on the compiled path: `kernels.bot_aim`'s glue around the numba kernels and numpy's arcs.

The aim is three compiled loops (`_numba_bot`) around numpy's arc functions, whose SIMD
bits numba cannot match, and the kicks, drawn many ticks at once by the compiled ziggurat
(`_numba_normals`). Each is the numpy reference's arithmetic (`TechniqueBot._aim`) in its
order; `tests/core/test_kernels_aim.py` and `test_kernels_kicks.py` hold them to it.
"""

from __future__ import annotations

import math
from types import ModuleType
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from bbf_sim.core.kernel_tables import pin

if TYPE_CHECKING:
    from bbf_sim.core.bots import TechniqueBot
    from bbf_sim.core.simulator import Snapshot


def bot_aim(k: ModuleType, bot: TechniqueBot, snap: Snapshot, t1_s: float, dt_s: float, edge_margin: float):
    """`TechniqueBot._aim`: compiled loops around numpy's arc functions (whose SIMD bits numba cannot match).

    Only the trials whose aim may differ from their row's first trial's are computed (the
    others copy it: `_numba_bot.aim_seen`); numpy's arc functions give each element the same
    bits whatever else is in the array (a test checks). The tick [s] and the frame's edge
    margin come from the bot (their modules import this one).
    """
    static = bot._aim_static
    if static is None:
        static = bot._aim_static = _aim_static(bot, dt_s, edge_margin)
    if bot._prev_dir is None:
        lead_on = False
        bot._prev_dir = (np.full(bot.batch, np.nan), np.full(bot.batch, np.nan))
    else:
        lead_on = bot.tracking
    prev_yaw, prev_pitch = bot._prev_dir
    table = static.table
    if table[0] is None:  # the arrays that live as long as the run, as one table, kept with them
        arrays = (
            bot.aim_obj, static.source, bot.turn_s, bot.turn_from, bot.recompose_s, static.apart,
            *static.scratch[:6], static.computed, static.twin_of, *static.arcs[:2], prev_yaw, prev_pitch,
            bot._prev_obj, bot.base_dir, *static.scratch[6:], *static.arcs[2:], bot.wander, bot.noise, bot.rows,
        )  # fmt: skip
        table[:] = [pin(arrays, k.AIM_PINNED), arrays]
    n = k.aim_seen_pinned(snap.positions_m, snap.point_col, snap.point_row, static.grid, table[0])
    parts = static.parts
    if parts[0] != n:  # the first n entries of each scratch array (the same n tick after tick, mostly)
        parts[:] = [n, *(a[:n] for a in (*static.scratch, *static.arcs))]
    (_, x, y, z, across, _, _, _, sin_pitch, ratio, forward, b_over_f,
     seen_yaw, seen_pitch, asin_side, atan2_pitch, atan_b) = parts  # fmt: skip
    np.arctan2(x, z, out=seen_yaw)  # camera.direction_to (aim_frame copies it into bot._prev_dir)
    np.arctan2(y, across, out=seen_pitch)
    k.aim_frame_pinned(
        t1_s, n, lead_on, static.lead_s, t1_s < bot._turning_until_s, static.aim_move_s, static.recompose_move_s,
        static.target_u_mm, static.target_v_mm, static.inside_u_mm, static.inside_v_mm, static.focal_mm, table[0],
    )  # fmt: skip
    np.arcsin(ratio, out=asin_side)
    np.arctan2(sin_pitch, forward, out=atan2_pitch)
    np.arctan(b_over_f, out=atan_b)
    kick = _kicks(k, bot, static, snap.t_s, dt_s)
    out = np.empty((bot.batch, 2))  # new each tick: the caller may keep it
    k.aim_finish_pinned(n, static.keep, static.kick_scale, kick, static.smooth, out, table[0])
    return out


class AimStatic(NamedTuple):
    """What `bot_aim` passes every tick that does not change during a run, and its scratch arrays."""

    lead_s: float  # the pursuit lead's factor on the last tick's motion
    aim_move_s: float
    recompose_move_s: float
    target_u_mm: float  # where recomposing puts the subject
    target_v_mm: float
    inside_u_mm: float  # how far from the centre it may go
    inside_v_mm: float
    focal_mm: float
    keep: float  # the wander's share kept each tick
    kick_scale: float
    smooth: float  # the arm's smoothing per tick
    kick_rows: int  # random rows the kicks are drawn for
    grid: tuple  # the AF grid's cols, rows, step_u_mm, step_v_mm
    source: np.ndarray  # each trial's row's first trial
    apart: np.ndarray  # (b,) bool: has aimed otherwise than its row's first trial (`_numba_bot.aim_seen`)
    computed: np.ndarray  # the trials computed this tick (the first `aim_seen` returns)
    twin_of: np.ndarray  # the trial each trial's aim is copied from this tick, -1: its own
    scratch: tuple  # per computed trial: `aim_seen`'s and `aim_frame`'s outputs
    arcs: tuple  # numpy's arctan2 of the seen directions, then arcsin, arctan2 and arctan of aim_frame's
    parts: list  # [n, the first n entries of scratch and arcs]
    table: list  # [the table of the arrays the compiled aim reads (`_numba_bot.AIM_PINNED`), the arrays], once made
    kicks: list  # [the kicks of the ticks drawn ahead (ticks, kick_rows, 2), the next tick's index in them]


def _aim_static(bot: TechniqueBot, dt_s: float, edge_margin: float) -> AimStatic:
    """The constants and scratch arrays of a bot's compiled aim."""
    h, bot_cfg, b = bot.human, bot.level.bot, bot.batch
    w_mm, h_mm = bot.sensor.width_mm, bot.sensor.height_mm
    rx, ry = bot_cfg.recompose_to
    inside = 0.5 - edge_margin
    sigma = math.hypot(h.track_noise_deg, bot.sway_deg) if bot.tracking else bot.sway_deg
    keep = math.exp(-dt_s / h.noise_tau_s)
    g = bot.grid

    def scratch(count: int) -> tuple:
        return tuple(np.empty(b) for _ in range(count))

    return AimStatic(
        1 - h.pursuit_lag_s / dt_s, bot_cfg.aim_move_s, bot_cfg.recompose_move_s, rx * w_mm, ry * h_mm,
        inside * w_mm, inside * h_mm, float(bot.level.camera.focal_mm), keep, math.sqrt(1 - keep * keep) * sigma,
        dt_s / h.wander_smooth_s, int(bot.rows.max()) + 1, (g.cols, g.rows, g.step_u_mm, g.step_v_mm),
        bot.row_source, np.zeros(b, bool), np.empty(b, np.intp), np.empty(b, np.intp), scratch(11),
        scratch(5), [-1], [None], [np.empty((0, 0, 2)), 0],
    )  # fmt: skip


# Ticks of kicks drawn at once: one compiled draw instead of one (and its Python) a tick.
KICK_TICKS = 32


def _kicks(k: ModuleType, bot: TechniqueBot, static: AimStatic, t_s: float, dt_s: float) -> np.ndarray:
    """This tick's kicks, (kick_rows, 2): `bot.rng.standard_normal((kick_rows, 2))`'s numbers, compiled.

    After its draws at the start the bot's stream gives nothing but the kicks, one such draw a
    tick, so up to `KICK_TICKS` ticks' are drawn in one go (in C order, the same numbers as tick by
    tick: `tests/core/test_kernels_kicks.py`), never past the level's end.
    """
    held = static.kicks
    ahead, at = held
    if at >= len(ahead):
        ticks_left = math.ceil((bot.level.duration_s - 1e-9 - t_s) / dt_s - 1e-9)
        ahead = held[0] = kicks_ahead(k, bot.rng, max(1, min(KICK_TICKS, ticks_left)), static.kick_rows)
        at = 0
    held[1] = at + 1
    return ahead[at]


def kicks_ahead(k: ModuleType, rng, ticks: int, rows: int) -> np.ndarray:
    """`ticks` successive draws of `rng.standard_normal((rows, 2))`, as one C-ordered (ticks, rows, 2) array.

    `rng` is a Generator or a `RowStreams`, whose blocks each draw their whole block every tick.
    """
    if isinstance(rng, np.random.Generator):
        return k.standard_normal(rng, (ticks, rows, 2))
    # Each block draws (ticks, its rows, 2), seen row-first so that the chunk's rows are kept.
    by_row = rng.per_block(lambda g, shape: k.standard_normal(g, (ticks, *shape)).transpose(1, 0, 2), (rows, 2))
    return np.ascontiguousarray(by_row.transpose(1, 0, 2))
