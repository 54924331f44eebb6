"""The compiled watcher shares a twin trial's look only when its image and AF point are its twin's.

Both mappings of a random row see the same scene, so while a back-button trial is aimed
exactly as its row's shutter-AF trial, with the same AF point, the compiled watcher copies
what that trial saw under the point (`_numba_watch.watch_pinned`). The bots aim both alike nearly
always; here a back-button trial's aim or AF point is pushed off its twin's every few ticks,
and the compiled bot's watcher must keep the reference's state and events every tick.
"""

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.controls import EVENT_DTYPE
from bbf_sim.core.headless import generators
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, shipped_levels_dir
from tests.core.twin_pushes import push_twin_apart

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")

ROWS = 4
TURN_RAD = 0.1  # 13.5 mm on the sensor at 135 mm: the subject off the point
WATCHED = ("clear_since_s", "covered_since_s", "judged", "let_go", "let_go_count", "wrong_since_s", "recheck_after_s")


@pytest.mark.parametrize("what", ["yaw", "pitch", "point_col", "point_row"])
@pytest.mark.parametrize(("level_id", "profile"), [("children-play", "careful"), ("sports-obstruction", "everyday")])
def test_compiled_watcher_shares_a_look_only_between_twins_alike(level_id, profile, what):
    level = load_level(shipped_levels_dir() / f"{level_id}.toml").model_copy(update={"duration_s": 5.0})
    modes = ["shutter"] * ROWS + ["bbf"] * ROWS
    rows = np.tile(np.arange(ROWS), 2)
    sims, snaps, bots = [], [], []
    for compiled in (False, True):
        sim_rng, bot_rng = generators(6)
        sim = Simulator()
        snaps.append(sim.reset(level, sim_rng, modes, rows=rows, compiled=compiled))
        sims.append(sim)
        bots.append(TechniqueBot(level, modes, rows, bot_rng, PROFILES[profile]))
        bots[-1].kernels = sim.kernels
    watchers = [bot.watcher for bot in bots]
    assert watchers[0] is not None and watchers[1] is not None and watchers[1].kernels is not None
    apart = 0
    while not sims[0].done:
        tick = sims[0].tick
        (events, aim), (events_c, aim_c) = (bot.act(snap) for bot, snap in zip(bots, snaps, strict=True))
        assert events.tobytes() == events_c.tobytes(), f"tick {tick}: the bots' events differ"
        assert aim.tobytes() == aim_c.tobytes(), f"tick {tick}: the bots' aims differ"
        for name in WATCHED:
            x, y = (getattr(w, name) for w in watchers)
            assert x.tobytes() == y.tobytes(), f"tick {tick}: the watcher's {name} differs"
        ref = watchers[0]
        apart += int((ref.clear_since_s[ROWS:] != ref.clear_since_s[:ROWS]).any())
        events = events if events.dtype == EVENT_DTYPE else events.astype(EVENT_DTYPE)
        aim, events = push_twin_apart(aim, events, what, tick, snaps[0].t_s, ROWS, TURN_RAD)
        snaps = [sim.step(events, aim) for sim in sims]
    assert apart > 0, "the pushes never made a twin see otherwise than its row's first trial"
