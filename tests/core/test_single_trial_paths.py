"""The game's single-trial shortcuts give the reference path's numbers, bit for bit."""

from __future__ import annotations

import numpy as np

from bbf_sim.core.camera import AfGrid


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
