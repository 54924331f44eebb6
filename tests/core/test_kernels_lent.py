"""Lent snapshots (`kernels.lend_snapshots`, the headless comparison's) show what copied ones show.

The compiled simulator can hand out snapshots without copying: the image positions (u, v)
from two pairs of arrays used in turn, the rest of the observation from one set, the AF
and button state as views of the live arrays. Every tick here a lent run is compared with
the numpy reference, and the previous tick's lent u and v are compared again after the next
step: the watcher reads the previous look's (`_prev_uv`, by reference) and must still find
them as they were.
"""

import dataclasses

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.headless import generators
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import Simulator, Snapshot
from bbf_sim.levels.loader import load_level, shipped_levels_dir

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")

ROWS = 4
PREVIOUS_LOOK = ("u_mm", "v_mm")  # what stays as it was through the next step


def _same(a, b, tick: int, fields=None) -> None:
    for name in fields or [f.name for f in dataclasses.fields(a)]:
        x, y = getattr(a, name), getattr(b, name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.tobytes() == y.tobytes(), f"tick {tick}: {name} differs"
        else:
            assert x == y, f"tick {tick}: {name}"


def _start(level, compiled: bool, human):
    modes = ["shutter"] * ROWS + ["bbf"] * ROWS
    rows = np.tile(np.arange(ROWS), 2)
    sim_rng, bot_rng = generators(5)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, modes, rows=rows, compiled=compiled)
    bot = TechniqueBot(level, modes, rows, bot_rng, human)
    bot.kernels = sim.kernels
    return sim, snap, bot


@pytest.mark.parametrize(
    ("level_id", "seconds", "profile"),
    [("sports-obstruction", 4.0, "novice"), ("children-play", 6.0, "careful")],  # the second with a watcher
)
def test_lent_snapshots_equal_the_reference_and_keep_the_previous_look(level_id, seconds, profile):
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    level = level.model_copy(update={"duration_s": min(level.duration_s, seconds)})
    human = PROFILES[profile]
    ref_sim, ref_snap, ref_bot = _start(level, False, human)
    sim, snap, bot = _start(level, True, human)
    kernels.lend_snapshots(sim)
    if profile == "careful":
        assert bot.watcher is not None
    tick, prev, prev_prev, ref_prev, reused = 0, None, None, None, 0
    while not sim.done:
        _same(ref_snap, snap, tick)
        if prev is not None:  # the previous tick's look, read after this tick's step
            _same(ref_prev, prev, tick - 1, PREVIOUS_LOOK)
            reused += np.shares_memory(snap.u_mm, prev_prev.u_mm) if prev_prev is not None else 0
        events, aim = ref_bot.act(ref_snap)
        events_c, aim_c = bot.act(snap)
        assert events.tobytes() == events_c.tobytes() and aim.tobytes() == aim_c.tobytes(), f"tick {tick}"
        prev_prev, prev, ref_prev = prev, snap, ref_snap
        ref_snap, snap = ref_sim.step(events, aim), sim.step(events_c, aim_c)
        tick += 1
    _same(ref_snap, snap, tick)
    _same(ref_prev, prev, tick - 1, PREVIOUS_LOOK)
    # The buffers were lent, not copied: each pair came back every other tick, the rest every tick,
    # and the state is the live one.
    assert reused >= tick - 3
    assert np.shares_memory(snap.positions_m, prev.positions_m) and np.shares_memory(snap.depth_m, prev.depth_m)
    assert np.shares_memory(snap.present, prev.present) and not np.shares_memory(snap.u_mm, prev.u_mm)
    assert np.shares_memory(snap.af_engaged, sim.af.engaged) and not snap.af_engaged.flags.writeable
    assert not snap.u_mm.flags.writeable and not snap.positions_m.flags.writeable
    # Made without __init__ (`kernels.lent_snapshot`): every field there, and nothing else, the lens
    # positions as what works them out at the first reading (then kept: read twice, the same array).
    fields = {f.name for f in dataclasses.fields(snap)}
    assert set(vars(snap)) == fields - {"lens_D"} | {"_lens"}
    assert isinstance(snap, Snapshot) and snap.lens_D is snap.lens_D
    kept = dataclasses.replace(snap, tick=snap.tick)  # a copy made as __init__ makes one
    assert kept.lens_D.tobytes() == ref_snap.lens_D.tobytes()
    assert ref_sim.frames().tobytes() == sim.frames().tobytes()


def test_a_lent_snapshots_lens_read_after_its_tick_is_refused():
    """Its lens positions are worked out when first read, from the live lens: read after the next
    step they would be the lens's new ones, so that read fails instead of answering wrong."""
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml")
    sim, snap, bot = _start(level, True, PROFILES["novice"])
    kernels.lend_snapshots(sim)
    for _ in range(3):
        snap = sim.step(*bot.act(snap))
    read_in_time = sim.step(*bot.act(snap))
    assert read_in_time.lens_D.shape == (2 * ROWS,)
    late = sim.step(*bot.act(read_in_time))
    sim.step(*bot.act(late))
    with pytest.raises(RuntimeError, match="after its tick"):
        _ = late.lens_D
    assert read_in_time.lens_D is read_in_time.lens_D  # read in time, kept


def test_snapshots_not_lent_keep_what_they_showed():
    """The game's and the replays' snapshots (compiled or not) are their reader's to keep."""
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml")
    for compiled in (False, True):
        sim, snap, bot = _start(level, compiled, PROFILES["novice"])
        first = None
        for tick in range(6):
            events, aim = bot.act(snap)
            snap = sim.step(events, aim)
            if tick == 1:
                first, kept = snap, dataclasses.replace(
                    snap, **{f.name: getattr(snap, f.name).copy() for f in dataclasses.fields(snap)
                             if isinstance(getattr(snap, f.name), np.ndarray)}
                )  # fmt: skip
        _same(kept, first, 1)
        assert not np.shares_memory(first.af_engaged, sim.af.engaged)


def test_the_frame_room_is_not_made_again_at_each_busier_tick():
    """`run_instants` keeps room to spare: a tick with more events than any before reuses it (each
    remake also pins a new table), and the frames stay the reference's."""
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml").model_copy(update={"duration_s": 4.0})
    human = PROFILES["novice"]
    ref_sim, ref_snap, ref_bot = _start(level, False, human)
    sim, snap, bot = _start(level, True, human)
    rooms, most_events, busier = [], 0, 0
    while not sim.done:
        events, aim = ref_bot.act(ref_snap)
        ref_snap, snap = ref_sim.step(events, aim), sim.step(*bot.act(snap))
        room = sim._kernel_state["frames"]
        if not rooms or room is not rooms[-1]:
            rooms.append(room)
        busier += len(events) > most_events
        most_events = max(most_events, len(events))
    assert busier >= 3  # ticks that grew the room when it was made only to fit
    assert len(rooms) <= 2
    assert ref_sim.frames().tobytes() == sim.frames().tobytes()
