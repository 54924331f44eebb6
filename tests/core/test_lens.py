"""The focus motor against hand arithmetic: straight-line travel at top speed, riding a moving goal, the focus range."""

from __future__ import annotations

import numpy as np
import pytest

from bbf_sim.core.lens import FocusMotor

SPEED_D_PER_S = 10.0  # the motor's top speed [dioptres/s]
NEAR_D = 5.0  # the nearest focus, 0.2 m [dioptres]


def motor(start_D: float = 0.0, batch: int = 1) -> FocusMotor:
    return FocusMotor(batch, NEAR_D, SPEED_D_PER_S, start_D)


def test_the_lens_travels_to_a_still_goal_at_top_speed_and_stops_there():
    m = motor(start_D=0.5)  # focused at 2 m
    m.drive_to(2.5, t_s=1.0)  # to 0.4 m: a 2 D trip at 10 D/s takes 0.2 s
    assert m.position_at(1.0)[0] == pytest.approx(0.5)
    assert m.position_at(1.05)[0] == pytest.approx(0.5 + 10 * 0.05)  # 1.0 D: a quarter of the way
    assert m.position_at(1.1)[0] == pytest.approx(1.5)
    assert m.arrival_s()[0] == pytest.approx(1.2)
    assert m.position_at(1.2)[0] == pytest.approx(2.5)
    assert m.position_at(3.0)[0] == pytest.approx(2.5), "it stays on a goal that stays put"


def test_the_lens_also_travels_towards_infinity():
    m = motor(start_D=4.0)
    m.drive_to(0.0, t_s=0.0)  # 4 D down at 10 D/s: 0.4 s
    assert m.position_at(0.1)[0] == pytest.approx(3.0)
    assert m.position_at(0.5)[0] == pytest.approx(0.0)


def test_a_moving_goal_is_caught_then_ridden():
    m = motor(start_D=0.0)
    # Goal at 1 D moving away from the lens (up) at 2 D/s: the gap closes at 10 − 2 = 8 D/s,
    # so 1 D takes 0.125 s; the lens is then at 10 × 0.125 = 1.25 D, the goal at 1 + 2 × 0.125 = 1.25 D.
    m.drive_to(1.0, t_s=0.0, rate_D_per_s=2.0)
    assert m.position_at(0.1)[0] == pytest.approx(1.0)  # still chasing: 10 × 0.1
    assert m.position_at(0.125)[0] == pytest.approx(1.25)
    assert m.position_at(0.5)[0] == pytest.approx(1.0 + 2.0 * 0.5)  # riding: 2.0 D


def test_a_goal_faster_than_the_motor_is_never_caught():
    m = motor(start_D=0.0)
    m.drive_to(1.0, t_s=0.0, rate_D_per_s=12.0)  # the goal runs at 12 D/s, the lens at 10
    for t in (0.1, 0.2, 0.3):
        assert m.position_at(t)[0] == pytest.approx(SPEED_D_PER_S * t)
        assert m.goal_at(t)[0] == pytest.approx(min(NEAR_D, 1.0 + 12.0 * t))


def test_goals_and_positions_stay_within_the_focus_range():
    m = motor(start_D=1.0)
    m.drive_to(9.0, t_s=0.0)  # nearer than the lens can focus: clipped to 5 D
    assert m.goal_at(0.0)[0] == NEAR_D
    assert m.position_at(10.0)[0] == NEAR_D
    m.drive_to(-3.0, t_s=10.0)  # "beyond infinity": clipped to 0 D
    assert m.position_at(20.0)[0] == 0.0


def test_stop_holds_the_lens_where_it_was_when_released():
    m = motor(start_D=0.0)
    m.drive_to(4.0, t_s=0.0)
    m.stop(t_s=0.2)  # 10 × 0.2 = 2 D on its way
    assert m.position_at(0.2)[0] == pytest.approx(2.0)
    assert m.position_at(5.0)[0] == pytest.approx(2.0)


def test_each_trial_of_a_batch_moves_on_its_own():
    m = motor(start_D=0.0, batch=3)
    m.drive_to(np.array([1.0, 2.0]), t_s=0.0, idx=np.array([0, 2]))
    assert m.position_at(0.15) == pytest.approx([1.0, 0.0, 1.5])
    m.advance(0.15)
    assert m.at_s == pytest.approx([0.15, 0.15, 0.15])
    assert m.position_at(1.0) == pytest.approx([1.0, 0.0, 2.0])


def test_a_trials_coming_path_is_where_the_lens_will_be_and_reads_nothing_into_the_motor():
    m = motor(start_D=0.5, batch=2)
    m.drive_to(np.array([2.5, 1.0]), t_s=1.0, rate_D_per_s=np.array([0.0, -1.0]))
    before = (m.pos_D.copy(), m.goal_D.copy(), m.at_s.copy())
    times = np.array([1.05, 1.1, 1.2, 1.5])
    # Trial 0: 0.5 → 2.5 D at 10 D/s, there at 1.2 s. Trial 1: its goal 1.0 D falls at 1 D/s,
    # the lens (10 D/s) catches it within 0.05 s (0.5 + 10·t = 1.0 − t at t = 0.045), then rides it.
    assert m.path_D(0, times) == pytest.approx([1.0, 1.5, 2.5, 2.5])
    assert m.path_D(1, times) == pytest.approx([0.95, 0.9, 0.8, 0.5])
    for t, expected in zip(times, m.position_at(times[:, None]).tolist(), strict=True):
        assert [m.path_D(k, np.array([t]))[0] for k in range(2)] == pytest.approx(expected)
    assert all(np.array_equal(a, b) for a, b in zip(before, (m.pos_D, m.goal_D, m.at_s), strict=True))
