"""The compiled aim's kicks drawn many ticks at once: the numbers tick-by-tick draws give, in their order."""

from __future__ import annotations

import numpy as np
import pytest

from bbf_sim.core import kernel_aim, kernels
from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.rowstreams import row_streams
from bbf_sim.core.simulator import DT_S
from bbf_sim.levels.loader import load_level, shipped_levels_dir

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")


@pytest.mark.parametrize(("total", "first", "stop", "block"), [(7, 0, 7, 10), (20, 4, 15, 6), (12, 0, 12, 5)])
def test_kicks_drawn_ahead_are_the_draws_of_tick_after_tick(total, first, stop, block):
    """One block, a chunk over three blocks cut inside the first and last, and every row of three blocks."""
    k = kernels.load()
    ticks, rows = 40, stop - first  # 40 x 2 x rows numbers: the compiled draw, not numpy's few
    _, ahead_rng = row_streams(3, total, first, stop, block)
    _, tick_rng = row_streams(3, total, first, stop, block)
    ahead = kernel_aim.kicks_ahead(k, ahead_rng, ticks, rows)
    assert ahead.shape == (ticks, rows, 2) and ahead.flags.c_contiguous
    want = np.stack([tick_rng.standard_normal((rows, 2)) for _ in range(ticks)])
    assert ahead.tobytes() == want.tobytes()
    # The streams are left where the tick-by-tick draws leave them.
    assert kernel_aim.kicks_ahead(k, ahead_rng, 1, rows)[0].tobytes() == tick_rng.standard_normal((rows, 2)).tobytes()


def test_a_bots_kicks_follow_on_across_its_draws_and_stop_at_the_levels_end():
    """Through `_kicks`: batches of KICK_TICKS, then a short last one that ends with the level."""
    k = kernels.load()
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml")
    ticks = kernel_aim.KICK_TICKS * 2 + 5
    level = level.model_copy(update={"duration_s": ticks * DT_S})
    modes, rows = ["shutter", "shutter", "bbf", "bbf"], np.array([0, 1, 0, 1])
    bot = TechniqueBot(level, modes, rows, np.random.Generator(np.random.PCG64(11)))
    twin = TechniqueBot(level, modes, rows, np.random.Generator(np.random.PCG64(11)))
    static = kernel_aim._aim_static(bot, DT_S, 0.03)
    drawn = [kernel_aim._kicks(k, bot, static, tick * DT_S, DT_S).copy() for tick in range(ticks)]
    want = [twin.rng.standard_normal((2, 2)) for _ in range(ticks)]
    assert all(a.tobytes() == b.tobytes() for a, b in zip(drawn, want, strict=True))
    # Nothing drawn past the level's last tick: both streams are at the same place.
    assert bot.rng.bit_generator.state == twin.rng.bit_generator.state
    # A call past the end still gives the next draw.
    assert kernel_aim._kicks(k, bot, static, ticks * DT_S, DT_S).tobytes() == twin.rng.standard_normal((2, 2)).tobytes()
