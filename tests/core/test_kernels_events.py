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
        want_now, want_later = split_events(batch, t0, t1)
        got_now, got_later = kernels.split_events(k, sim, batch, t0, t1)
        assert got_now.tobytes() == want_now.tobytes(), n
        assert got_later.tobytes() == want_later.tobytes(), n
        keys = list(zip(want_now["trial"].tolist(), want_now["t_s"].tolist(), strict=True))
        ties += len(keys) - len(set(keys))
    assert ties > 100  # the order of equal (trial, time) events was put to the test
    assert not sim._kernel_state["event_counts"].any()  # its scratch left zero for the next tick
