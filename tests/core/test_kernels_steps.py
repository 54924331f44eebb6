"""The bots' compiled technique steps (`kernel_steps.bot_steps`) set the numpy reference's due times, bit for bit."""

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.headless import generators
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, shipped_levels_dir

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")

ROWS = 6


@pytest.mark.parametrize(
    ("level_id", "profile"),
    [
        ("portrait-recompose", "everyday"),  # appear, confirm (with stabs), after, fired
        ("landscape-hyperfocal", "everyday"),  # and time
        ("trap-focus", "everyday"),  # time
        ("children-play", "careful"),  # time, gated on the finder showing AF (a watching tracker rechecks)
    ],
)
def test_compiled_steps_set_the_references_due_times(level_id, profile):
    """Both bots see the same snapshots (the reference simulator's) and must act alike every tick.

    Every slip is a coin flip, so the back-button stab before the confirmation, the lift and
    the hold all happen on some trials and not on others.
    """
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    human = PROFILES[profile].with_slips(0.5)
    modes = ["shutter"] * ROWS + ["bbf"] * ROWS
    rows = np.tile(np.arange(ROWS), 2)
    sim_rng, bot_rng = generators(5)
    _, bot_rng_c = generators(5)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, modes, rows=rows, compiled=False)
    bot, bot_c = TechniqueBot(level, modes, rows, bot_rng, human), TechniqueBot(level, modes, rows, bot_rng_c, human)
    bot_c.kernels = kernels.load()
    steps_taken = 0
    while not sim.done:
        (events, aim), (events_c, aim_c) = bot.act(snap), bot_c.act(snap)
        tick = sim.tick
        assert events.tobytes() == events_c.tobytes(), f"tick {tick}: the bots' events differ"
        assert aim.tobytes() == aim_c.tobytes(), f"tick {tick}: the bots' aims differ"
        for name in ("due_s", "k", "last_s", "waiting_for_af", "shots_before"):
            assert getattr(bot, name).tobytes() == getattr(bot_c, name).tobytes(), f"tick {tick}: {name} differs"
        steps_taken = int(bot.k.sum())
        snap = sim.step(events, aim)
    assert steps_taken > 2 * ROWS * 2  # the bots got through their steps, not stuck waiting
