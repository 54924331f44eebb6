"""Interval estimates against published values (Newcombe 1998, Statistics in Medicine 17:857–872)."""

import numpy as np
import pytest

from bbf_sim.core.comparison import design_effect, newcombe_difference, wilson_interval


@pytest.mark.parametrize(
    ("hits", "n", "lo", "hi"),
    [
        pytest.param(81, 263, 0.2553, 0.3662, id="81/263"),
        pytest.param(15, 148, 0.0624, 0.1605, id="15/148"),
        pytest.param(0, 20, 0.0, 0.1611, id="0/20"),
        pytest.param(1, 29, 0.0061, 0.1718, id="1/29"),
    ],
)
def test_wilson_interval_published_values(hits, n, lo, hi):
    got = wilson_interval(hits, n)
    assert got == pytest.approx((lo, hi), abs=1e-4)


@pytest.mark.parametrize(
    ("a", "b", "lo", "hi"),
    [
        pytest.param((56, 70), (48, 80), 0.0524, 0.3339, id="56/70-48/80"),
        pytest.param((9, 10), (3, 10), 0.1705, 0.8090, id="9/10-3/10"),
    ],
)
def test_newcombe_difference_published_values(a, b, lo, hi):
    p1, p2 = b[0] / b[1], a[0] / a[1]
    d, ci = newcombe_difference(p1, wilson_interval(*b), p2, wilson_interval(*a))
    assert d == pytest.approx(p2 - p1)
    assert ci == pytest.approx((lo, hi), abs=1e-4)


def test_design_effect_is_one_for_independent_looking_clusters_and_large_for_all_or_nothing():
    frames = np.full(100, 4)
    # Every trial hits exactly 1 of 4: no spread between trials.
    assert design_effect(np.ones(100), frames) == 1.0
    # All-or-nothing trials: a cluster of 4 frames carries the information of one.
    hits = np.tile([0, 4], 50)
    assert design_effect(hits, frames) == pytest.approx(4.0, rel=0.02)
