"""The fixed-step accumulator: whole ticks due, the cap per frame and the time it gives up, the leftover fraction."""

from __future__ import annotations

import pytest

from bbf_sim.ui.clock import FixedStep, VirtualClock

TICK_S = 1 / 120  # the simulator's tick at 120 Hz


def test_a_frame_runs_the_whole_ticks_that_fit_and_leaves_the_rest():
    step = FixedStep(TICK_S)
    # A 60 Hz frame (1/60 s) after the level's clock: two 120 Hz ticks, nothing over.
    assert step.ticks_due(0.0, 1 / 60) == 2
    # 2.5 ticks' worth: two now, and the frame is drawn half-way to the next tick.
    assert step.ticks_due(0.0, 2.5 * TICK_S) == 2
    assert step.alpha(2 * TICK_S, 2.5 * TICK_S) == pytest.approx(0.5)
    assert step.ticks_due(0.0, 0.0) == 0 and step.ticks_due(1.0, 0.5) == 0, "never backwards"


def test_a_tick_that_is_exactly_due_is_run_despite_rounding():
    step = FixedStep(0.1)
    # 0.3 / 0.1 is 2.9999999999999996 in floating point: the third tick is due all the same.
    assert step.ticks_due(0.0, 0.3) == 3


def test_a_stall_runs_at_most_the_cap_and_counts_the_time_given_up():
    step = FixedStep(TICK_S, max_ticks_per_frame=30)
    # A 1 s stall: 120 ticks due, 30 run, 90 ticks (0.75 s) skipped by the level clock.
    assert step.ticks_due(0.0, 1.0) == 30
    assert step.dropped_s == pytest.approx(90 * TICK_S)
    assert step.ticks_due(0.0, 0.1) == 12 and step.dropped_s == pytest.approx(0.75), "a normal frame drops nothing"


def test_alpha_stays_between_the_ticks():
    step = FixedStep(TICK_S)
    assert step.alpha(1.0, 1.0) == 0.0
    assert step.alpha(1.0, 1.0 + TICK_S / 4) == pytest.approx(0.25)
    assert step.alpha(1.0, 1.0 + 3 * TICK_S) == 1.0  # behind by more than a tick: clamped
    assert step.alpha(1.0, 0.9) == 0.0


def test_a_virtual_clock_moves_only_when_told():
    clock = VirtualClock(start_s=2.0)
    assert clock() == 2.0
    clock.advance(0.25)
    clock.sleep(0.25)  # sleeping on a virtual clock is advancing it
    assert clock() == 2.5 and clock.virtual
