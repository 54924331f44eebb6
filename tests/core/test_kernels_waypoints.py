"""The compiled waypoint interpolation against `np.interp`, which the numpy reference calls: to the bit."""

from __future__ import annotations

import numpy as np
import pytest

from bbf_sim.core import kernels

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")

INF, NAN = np.inf, np.nan
# Times to ask at: before, on and between the points, on the repeated point, after, and not numbers.
TAUS = [-1.0, 0.0, 0.25, 1.0, 1.5, 2.0, 3.0, 5.0, 6.0, -0.0, NAN, INF, -INF, 1e-300, 4.999999999999999]


def _bits(values) -> list[int]:
    return np.asarray(values, np.float64).view(np.int64).tolist()


@pytest.mark.parametrize(
    ("times", "points"),
    [
        ([0.0, 1.0, 1.0, 2.0, 5.0], [[0, 1, 2], [3, 4, 5], [6, 7, 8], [-1, 0.5, 9], [2, 2, 2]]),
        ([0.0, 2.0, 5.0], [[INF, 0.0, -INF], [INF, 1.0, 3.0], [0.0, NAN, -INF]]),  # infinite and NaN values
        ([0.0, 1e-12, 5.0], [[0.1, 1e300, -1e300], [0.2, -1e300, 1e300], [0.3, 0.0, 0.0]]),
        ([2.0], [[1.0, 2.0, 3.0]]),  # a path of one point
        ([1.0, 5.0], [[0.0, 1.0, 2.0], [4.0, -3.0, 2.5]]),  # two points, the fewest a level may have
        ([0.0, 0.0, 1.0], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),  # the first time repeated
        ([0.0, 5.0, 5.0], [[1, 2, 3], [4, 5, 6], [7, 8, 9]]),  # the last time repeated
    ],
    ids=["repeated-time", "infinities", "steep", "one-point", "two-points", "repeated-first", "repeated-last"],
)
def test_waypoint_position_is_np_interp(times, points):
    kernels.load()
    from bbf_sim.core._numba_expose import _waypoint_position

    # The path sits inside a longer table, as the level's paths do, between two other points.
    wp_t = np.array([-7.0, *times, 99.0])
    wp_p = np.array([[9.0, 9.0, 9.0], *points, [-9.0, -9.0, -9.0]], np.float64)
    s, e = 1, 1 + len(times)
    for tau in TAUS:
        with np.errstate(all="ignore"):
            want = [np.interp(np.array([tau]), wp_t[s:e], wp_p[s:e, c])[0] for c in range(3)]
        assert _bits(_waypoint_position(tau, wp_t, wp_p, s, e)) == _bits(want), tau
    # The reference asks for many times at once, where numpy works out the slopes first: the same bits.
    with np.errstate(all="ignore"):
        at_once = [np.interp(np.array(TAUS), wp_t[s:e], wp_p[s:e, c]) for c in range(3)]
    for i, tau in enumerate(TAUS):
        assert _bits(_waypoint_position(tau, wp_t, wp_p, s, e)) == _bits([col[i] for col in at_once]), tau
