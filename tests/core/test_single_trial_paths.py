"""The game's single-trial shortcuts give the reference path's numbers, bit for bit."""

from __future__ import annotations

import numpy as np

from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.camera import AfGrid
from bbf_sim.core.headless import generators
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import Simulator
from bbf_sim.core.watching import CLEAR_MARGIN
from bbf_sim.levels.loader import load_level, shipped_levels_dir


def _same_bits(a: np.ndarray, b: np.ndarray) -> bool:
    return a.dtype == b.dtype and a.shape == b.shape and a.tobytes() == b.tobytes()


def test_active_point_position_follows_the_points_as_they_move_in_place():
    grid = AfGrid(9, 5, 36.0, 24.0)
    col = np.array([4, 0], np.int8)
    row = np.array([2, 4], np.int8)
    for move in [(0, 0), (1, 0), (0, -1), (0, 0), (-3, 2), (0, 0)]:
        # The simulator moves its point arrays in place: the cache must see the new values.
        col[0] += move[0]
        row[1] += move[1]
        u, v = grid.active_position_mm(col, row)
        ref_u, ref_v = grid.position_mm(col, row)
        assert _same_bits(u, ref_u) and _same_bits(v, ref_v), move
        # A centred point sits at u = 0; the grid's left edge at −0.4 × 36 mm = −14.4 mm.
        assert u[0] == (int(col[0]) - 4) * (0.8 * 36.0 / 8)
    assert grid.active_position_mm(col, row)[0][1] == -14.4


def test_active_point_positions_are_read_only():
    grid = AfGrid(9, 5, 36.0, 24.0)
    u, _ = grid.active_position_mm(np.array([1], np.int8), np.array([1], np.int8))
    assert not u.flags.writeable


def _boxes_reference(watcher, snap, margin_u_mm, margin_v_mm):
    """`Watcher._boxes` as first written: everything worked out again on every call."""
    f = watcher.focal_mm
    pu, pv = watcher.grid.position_mm(snap.point_col, snap.point_row)
    depth = np.maximum(snap.depth_m, 1e-6)
    return (
        snap.present
        & (snap.depth_m > 0)
        & (np.abs(snap.u_mm - pu[:, None]) <= f * watcher.half_w_m / depth + margin_u_mm)
        & (np.abs(snap.v_mm - pv[:, None]) <= f * watcher.half_h_m / depth + margin_v_mm)
    )


def test_the_watchers_boxes_are_the_reference_ones_every_tick_of_a_game():
    level = load_level(shipped_levels_dir() / "children-play.toml")
    level = level.model_copy(update={"duration_s": 3.0})
    sim_rng, bot_rng = generators(7)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, ["bbf"], rows=np.zeros(1, np.intp))
    bot = TechniqueBot(level, ["bbf"], np.zeros(1, np.intp), bot_rng, PROFILES["careful"])
    watcher = bot.watcher
    assert watcher is not None and sim.kernels is None
    half = watcher.grid.point_half_mm
    margins = [(-half, -half), (CLEAR_MARGIN * half, CLEAR_MARGIN * half), watcher.area_half_mm]
    held = 0
    while not sim.done:
        events, aim = bot.act(snap)  # the watcher looks at this snapshot first
        for m in margins:
            got, want = watcher._boxes(snap, *m), _boxes_reference(watcher, snap, *m)
            assert _same_bits(got, want), sim.tick
        held += int(got.any())
        snap = sim.step(events, aim)
    assert held > 0  # the AF area held the subject on some ticks: the comparison saw both answers
