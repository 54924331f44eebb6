"""The compiled `standard_normal` behind the bots' kicks: numpy's numbers and numpy's stream, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.rowstreams import row_streams

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")


@pytest.fixture(autouse=True)
def compiled_draws():
    """The compiled draw in use: were the process's check to find it wrong, every draw would be
    numpy's own and these tests would compare numpy with itself."""
    kernels.load()
    from bbf_sim.core import _numba_normals

    assert _numba_normals._agrees_with_numpy()


# numpy's ziggurat returns a draw beyond this only from its tail branch (the base layer's edge).
TAIL_R = 3.6541528853610088


def _pair(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    return np.random.Generator(np.random.PCG64(seed)), np.random.Generator(np.random.PCG64(seed))


@pytest.mark.parametrize("seed", [0, 1, 2026])
def test_many_draws_are_numpys_and_leave_the_stream_where_numpy_does(seed):
    k = kernels.load()
    ours, numpys = _pair(seed)
    got = np.concatenate([k.standard_normal(ours, (1000, 2)).ravel() for _ in range(1000)])
    want = numpys.standard_normal((1000 * 1000, 2)).ravel()
    assert np.array_equal(got.view(np.int64), want.view(np.int64))
    assert ours.bit_generator.state == numpys.bit_generator.state
    # About 0.03 % of 2,000,000 draws come from the tail: that branch was taken here too.
    assert np.count_nonzero(np.abs(got) > TAIL_R) > 100


@pytest.mark.parametrize("count", [64, 65])
def test_draws_of_any_size_one_after_another_follow_numpys_stream(count):
    # Few numbers a call (fewer than 64, here 5, are numpy's own draws; 64 on, compiled): a rejected
    # draw's extra words are taken between the others, and the two kinds of draw take turns.
    k = kernels.load()
    ours, numpys = _pair(7)
    for i in range(4_000):
        n = count if i % 3 else 5
        got, want = k.standard_normal(ours, (n,)), numpys.standard_normal(n)
        assert got.tobytes() == want.tobytes()
    assert ours.bit_generator.state == numpys.bit_generator.state


def test_row_streams_draw_each_blocks_numbers():
    # Rows 700-1,800 of 2,500 in blocks of 1,000: parts of three blocks, each drawn whole.
    k = kernels.load()
    ours, numpys = row_streams(5, 2500, 700, 1800, 1000)[1], row_streams(5, 2500, 700, 1800, 1000)[1]
    for _ in range(3):
        got, want = k.standard_normal(ours, (1100, 2)), numpys.standard_normal((1100, 2))
        assert got.tobytes() == want.tobytes()


def test_another_bit_generator_is_left_to_numpy(monkeypatch):
    # Its words would make other doubles: the compiled draw must not be called at all.
    from bbf_sim.core import _numba_normals

    def refuse(next_uint64, state, out):
        raise AssertionError("the compiled draw was used for an MT19937 stream")

    k = kernels.load()
    monkeypatch.setattr(_numba_normals, "normals", refuse)
    ours, numpys = np.random.Generator(np.random.MT19937(3)), np.random.Generator(np.random.MT19937(3))
    assert k.standard_normal(ours, (50, 2)).tobytes() == numpys.standard_normal((50, 2)).tobytes()
    assert ours.random(5).tobytes() == numpys.random(5).tobytes()  # the stream where numpy's is


def test_draws_are_numpys_even_where_the_compiled_ziggurat_would_differ(monkeypatch):
    # A numba or numpy whose ziggurat no longer matches: the process's check finds it once
    # and every draw is numpy's own (here `normals` is made to write zeros).
    from bbf_sim.core import _numba_normals

    k = kernels.load()
    monkeypatch.setattr(_numba_normals, "_agreement", None)
    monkeypatch.setattr(_numba_normals, "normals", lambda next_uint64, state, out: out.fill(0.0))
    ours, numpys = _pair(11)
    assert k.standard_normal(ours, (1000, 2)).tobytes() == numpys.standard_normal((1000, 2)).tobytes()
    assert ours.bit_generator.state == numpys.bit_generator.state
    assert _numba_normals._agreement is False
