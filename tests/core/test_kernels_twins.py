"""The compiled AF cycle copies a twin trial's reading only when its image is its twin's, bit for bit.

Trials on one random row see the same scene; the compiled AF cycle copies a trial's reading
from its row's first trial when both are aimed exactly alike, with the same AF point, in
light where what the sensor can read is the same for all (`_numba_af.af_cycle_pinned`). The bots
aim both mappings of a row alike nearly always, so here the aims and points of the
back-button trials are pushed off their twins' on purpose, one way at a time (and their
lens, by lifting AF-ON, where in dim light the lens decides what AF can read), and the
compiled simulator must still match the reference every tick.
"""

import dataclasses

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
TURN_RAD = 0.03


@pytest.mark.parametrize(
    ("level_id", "light_ev"),
    [("sports-obstruction", None), ("lowlight-hunt", 0.0)],  # in daylight; AF hunting, the lens read per trial
)
@pytest.mark.parametrize("what", ["yaw", "pitch", "point_col", "point_row", "af_on", "lens"])
def test_compiled_af_reads_each_twin_as_the_reference_does(level_id, light_ev, what):
    level = load_level(shipped_levels_dir() / f"{level_id}.toml").model_copy(update={"duration_s": 3.0})
    if light_ev is not None:
        level = level.model_copy(update={"scene": level.scene.model_copy(update={"light_ev": light_ev})})
    modes = ["shutter"] * ROWS + ["bbf"] * ROWS
    rows = np.tile(np.arange(ROWS), 2)
    sims, snaps = [], []
    for compiled in (False, True):
        sim_rng, bot_rng = generators(4)
        sim = Simulator()
        snaps.append(sim.reset(level, sim_rng, modes, rows=rows, compiled=compiled))
        sims.append(sim)
    bot = TechniqueBot(level, modes, rows, generators(4)[1], PROFILES["everyday"])
    while not sims[0].done:
        tick = sims[0].tick
        events, aim = bot.act(snaps[0])
        events = events if events.dtype == EVENT_DTYPE else events.astype(EVENT_DTYPE)
        if what == "lens":  # the same jolt to both simulators' lens on one trial: out of focus, far off
            if tick % 10 == 1:
                for sim in sims:
                    k = ROWS + (tick // 10) % ROWS
                    sim.motor.pos_D[k] = sim.motor.goal_D[k] = 0.0
        else:
            aim, events = push_twin_apart(aim, events, what, tick, snaps[0].t_s, ROWS, TURN_RAD)
        snaps = [sim.step(events, aim) for sim in sims]
        for field in dataclasses.fields(snaps[0]):
            x, y = getattr(snaps[0], field.name), getattr(snaps[1], field.name)
            if isinstance(x, np.ndarray):
                assert x.tobytes() == y.tobytes(), f"tick {tick}: {field.name} differs"
        for name in ("_hist_seen", "_hist_m", "_hist_read_s"):
            assert getattr(sims[0].af, name).tobytes() == getattr(sims[1].af, name).tobytes(), f"tick {tick}: {name}"
    assert sims[0].frames().tobytes() == sims[1].frames().tobytes()
