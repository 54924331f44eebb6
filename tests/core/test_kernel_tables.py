"""`kernel_tables.pin`: the compiled kernels' tables of long-lived arrays, and what it refuses."""

from __future__ import annotations

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.kernel_tables import pin


def test_pin_lists_address_and_shape():
    a, b = np.zeros((2, 3)), np.zeros(5, np.int16)
    table = pin([a, b], "f8_2 i2_1")
    assert table.tolist() == [[a.ctypes.data, 2, 3, 0], [b.ctypes.data, 5, 0, 0]]


@pytest.mark.parametrize(
    ("array", "code"),
    [
        (np.zeros(4, np.int32), "i8_1"),  # another dtype than the accessor reads
        (np.zeros((4, 1)), "f8_1"),  # another number of dimensions
        (np.zeros(4, bool), "i1_1"),  # the same size, another kind
    ],
)
def test_pin_refuses_an_array_its_accessor_would_misread(array, code):
    with pytest.raises(TypeError):
        pin([array], code)


@pytest.mark.parametrize(
    "array",
    [
        np.zeros(8)[::2],  # strided: the kernel would read every element in turn
        np.zeros((3, 4)).T,  # Fortran order
        np.frombuffer(bytes(32)),  # read-only: the kernel may write
    ],
)
def test_pin_refuses_what_is_not_a_writeable_dense_block(array):
    with pytest.raises(ValueError):
        pin([array], f"f8_{array.ndim}")


def test_pin_wants_one_code_per_array():
    with pytest.raises(ValueError):
        pin([np.zeros(3)], "f8_1 f8_1")


@pytest.mark.skipif(not kernels.available(), reason="numba not installed")
def test_a_kernel_reads_and_writes_the_arrays_themselves():
    from numba import njit

    from bbf_sim.core._numba_table import f8_2, i2_1

    @njit
    def bump(p):
        f, i = f8_2(p, 0), i2_1(p, 1)
        for r in range(f.shape[0]):
            for c in range(f.shape[1]):
                f[r, c] += i[c]
        return f.sum()

    f, i = np.arange(6.0).reshape(2, 3), np.array([10, 20, 30], np.int16)
    total = bump(pin([f, i], "f8_2 i2_1"))
    assert f.tolist() == [[10.0, 21.0, 32.0], [13.0, 24.0, 35.0]]
    assert total == 135.0


def test_a_bot_keeps_its_kernels_once_it_has_acted():
    """The compiled path's tables list the arrays one path made; the numpy path replaces some of
    them, so switching paths mid-run would leave a table pointing at arrays that are gone."""
    from bbf_sim.core.bots import TechniqueBot
    from bbf_sim.core.headless import generators
    from bbf_sim.core.simulator import Simulator
    from bbf_sim.levels.loader import load_level, shipped_levels_dir

    level = load_level(shipped_levels_dir() / "sports-obstruction.toml")
    modes, rows = ["shutter", "bbf"], np.zeros(2, np.intp)
    sim_rng, bot_rng = generators(3)
    snap = Simulator().reset(level, sim_rng, modes, rows=rows, compiled=False)
    bot = TechniqueBot(level, modes, rows, bot_rng)
    compiled = kernels.load()
    bot.kernels = compiled  # before the first act: chosen freely
    bot.kernels = None
    bot.act(snap)
    bot.kernels = None  # the same again: nothing changes
    with pytest.raises(RuntimeError, match="before it first acts"):
        bot.kernels = compiled
