"""The compiled split of a tick's events (`kernels.split_events`) is the reference's, byte for byte.

`Simulator.step` takes the events before the tick's end, moves them to no earlier than its
start and orders them by trial, then time, ties kept in the order given (the button a
step presses first goes first: a half-press before the full one); the rest wait for a
later tick in their order, and an event at NaN goes to neither. The lockstep runs rarely
meet ties whose order changes a frame, so the split is compared here on batches made of them.
"""

from types import SimpleNamespace

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.controls import EVENT_DTYPE, split_events

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")


def _batch(rng: np.random.Generator, n: int, trials: int, t0: float, t1: float) -> np.ndarray:
    # Times from a few values, so that one trial has several events at one time: before the
    # tick, at its start, inside, a hair before the end (on both sides of the 1e-12 cut), after, NaN.
    times = np.array([t0 - 0.01, t0, t0 + 0.003, t1 - 1e-13, t1 - 2e-12, t1, t1 + 0.02, np.nan])
    out = np.empty(n, EVENT_DTYPE)
    out["trial"] = rng.integers(0, trials, n)
    out["t_s"] = times[rng.integers(0, len(times), n)]
    out["button"] = rng.integers(0, 8, n)
    out["pressed"] = rng.random(n) < 0.5
    return out


def test_compiled_split_equals_the_reference_on_ties_cuts_and_nan():
    k = kernels.load()
    sim = SimpleNamespace(_kernel_state={}, batch=7)
    rng = np.random.default_rng(13)
    t0, t1 = 2.5, 2.5 + 1 / 120
    ties = 0
    for n in [0, 1, 2, 5, 17, 60, 400] * 4:
        batch = _batch(rng, n, sim.batch, t0, t1)
        want_now, want_later = split_events(batch, t0, t1, sim.batch)
        got_now, got_later = kernels.split_events(k, sim, batch, t0, t1)
        assert got_now.tobytes() == want_now.tobytes(), n
        assert got_later.tobytes() == want_later.tobytes(), n
        keys = list(zip(want_now["trial"].tolist(), want_now["t_s"].tolist(), strict=True))
        ties += len(keys) - len(set(keys))
    assert ties > 100  # the order of equal (trial, time) events was put to the test
    assert not sim._kernel_state["event_counts"].any()  # its scratch left zero for the next tick


def test_signed_zero_times_are_split_as_numpy_splits_them():
    """np.maximum(t, t0) gives t0 when the two are equal, so -0.0 and 0.0 come out as t0 is."""
    k = kernels.load()
    sim = SimpleNamespace(_kernel_state={}, batch=3)
    for t0 in (0.0, -0.0):
        batch = np.zeros(4, EVENT_DTYPE)
        batch["trial"] = [0, 1, 2, 0]
        batch["t_s"] = [-0.0, 0.0, -0.0, 0.0]
        want_now, want_later = split_events(batch, t0, t0 + 1 / 120, sim.batch)
        got_now, got_later = kernels.split_events(k, sim, batch, t0, t0 + 1 / 120)
        assert got_now.tobytes() == want_now.tobytes() and got_later.tobytes() == want_later.tobytes(), t0


def test_the_compiled_maximum_and_minimum_are_numpys_on_signed_zeros_and_nan():
    from bbf_sim.core._numba_base import _max, _min

    values = [-0.0, 0.0, 1.5, -2.0, np.nan]
    for a in values:
        for b in values:
            for mine, theirs in ((_max, np.maximum), (_min, np.minimum)):
                assert np.float64(mine(a, b)).tobytes() == theirs(np.float64(a), np.float64(b)).tobytes(), (a, b)


@pytest.mark.parametrize("compiled", [False, True], ids=["reference", "compiled"])
@pytest.mark.parametrize("trial", [-1, 2])
def test_an_event_for_a_trial_outside_the_batch_is_refused(compiled, trial):
    """The compiled split counts events in an array one per trial: a trial outside it would write
    outside that array, so both paths refuse it, and the held events stay as they were."""
    from bbf_sim.core.simulator import Simulator

    from .scenes import make_level

    sim = Simulator()
    sim.reset(make_level(), 0, ["bbf", "bbf"], compiled=compiled)
    assert sim.batch == 2
    events = np.zeros(2, EVENT_DTYPE)
    events["trial"] = [0, trial]
    events["t_s"] = [0.001, 0.002]
    with pytest.raises(ValueError, match=f"an event names trial {trial}, outside this batch of 2 trials"):
        sim.step(events)
    if compiled:
        assert not sim._kernel_state.get("event_counts", np.zeros(1)).any()
