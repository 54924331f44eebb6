"""The bots' compiled aim (`TechniqueBot._aim`) gives the numpy reference's aim bit for bit, twins or not.

The compiled aim computes a trial only when its aim may differ from its row's first
trial's (`_numba_bot.aim_seen`). In the shipped levels both mappings of a row mostly turn
and recompose at the same moments, so here the two bots are pushed apart on purpose: one
trial of each row at a time gets another object, turn, turn start, recompose or AF point.
"""

import dataclasses

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.headless import generators
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, shipped_levels_dir

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")

ROWS = 5
STATE = ("wander", "noise", "base_dir", "_prev_obj", "turn_from")


def _push_apart(bots, snap, what: str, tick: int):
    """The same change to both bots (or to the snapshot both see), on one bbf trial, every few ticks."""
    if tick % 23 != 7:
        return snap
    k = ROWS + (tick // 23) % ROWS  # a back-button trial: its row's first trial is the shutter one
    t_s = snap.t_s
    for bot in bots:
        if what == "aim_obj":
            bot.aim_obj[k] = (bot.aim_obj[k] + 1) % len(bot.level.objects)
        elif what == "turn_s":
            bot.turn_s[k] = t_s
            bot._turning_until_s = max(bot._turning_until_s, t_s + bot.level.bot.aim_move_s)
        elif what.startswith("turn_from"):
            bot.turn_from[k, int(what == "turn_from_pitch")] += 0.01
            bot._turning_until_s = max(bot._turning_until_s, t_s + bot.level.bot.aim_move_s)
        elif what == "recompose_s":
            bot.recompose_s[k] = t_s
    if what.startswith("point"):
        field = what  # point_col or point_row
        moved = getattr(snap, field).copy()
        moved[k] = (moved[k] + 1) % (bots[0].grid.cols if field == "point_col" else bots[0].grid.rows)
        # Read-only, as every array of a snapshot the simulator hands out: a writable one is another
        # argument type to numba, and would compile `aim_seen_pinned` and
        # `watch_pinned` again for this test alone.
        moved.flags.writeable = False
        return dataclasses.replace(snap, **{field: moved})
    return snap


@pytest.mark.parametrize(
    "what",
    ["aim_obj", "turn_s", "turn_from_yaw", "turn_from_pitch", "recompose_s", "point_col", "point_row", "nothing"],
)
def test_compiled_aim_equals_the_reference_when_twins_part(what):
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml").model_copy(update={"duration_s": 2.5})
    modes = ["shutter"] * ROWS + ["bbf"] * ROWS
    rows = np.tile(np.arange(ROWS), 2)
    sim_rng, bot_rng = generators(7)
    _, bot_rng_c = generators(7)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, modes, rows=rows, compiled=False)
    human = PROFILES["everyday"]
    bots = [TechniqueBot(level, modes, rows, bot_rng, human), TechniqueBot(level, modes, rows, bot_rng_c, human)]
    bots[1].kernels = kernels.load()
    copied = 0
    while not sim.done:
        seen = _push_apart(bots, snap, what, sim.tick)
        (events, aim), (events_c, aim_c) = bots[0].act(seen), bots[1].act(seen)
        tick = sim.tick
        assert aim.tobytes() == aim_c.tobytes(), f"tick {tick}: the bots' aims differ"
        assert events.tobytes() == events_c.tobytes(), f"tick {tick}: the bots' events differ"
        for name in STATE:
            assert getattr(bots[0], name).tobytes() == getattr(bots[1], name).tobytes(), f"tick {tick}: {name}"
        for a, b in zip(bots[0]._prev_dir, bots[1]._prev_dir, strict=True):
            assert a.tobytes() == b.tobytes(), f"tick {tick}: the last direction differs"
        twin_of = bots[1]._aim_static.twin_of
        copied += int((twin_of >= 0).sum())
        snap = sim.step(events, aim)
    apart = bots[1]._aim_static.apart
    assert copied > 0  # some aims were copied from their row's first trial
    assert apart.any() == (what != "nothing")  # and the pushed trials were computed on their own


def test_numpys_arc_functions_give_an_element_the_same_bits_in_any_array():
    """The compiled aim calls them on the trials it computes only: a trial's bits must not
    depend on what else is in the array (a scalar loop for the tail would differ)."""
    rng = np.random.default_rng(11)
    x, z, r = rng.normal(0, 3, 3000), rng.normal(0, 3, 3000), rng.uniform(-1, 1, 3000)
    whole = np.arctan2(x, z), np.arcsin(r), np.arctan(x)
    for _ in range(300):
        picked = np.sort(rng.choice(3000, size=int(rng.integers(1, 40)), replace=False))
        lo = int(rng.integers(0, 2990))
        for part in (picked, slice(lo, int(rng.integers(lo + 1, 3001)))):
            got = np.arctan2(x[part], z[part]), np.arcsin(r[part]), np.arctan(x[part])
            for g, w in zip(got, whole, strict=True):
                assert g.tobytes() == w[part].tobytes()
