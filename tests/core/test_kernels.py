"""The compiled kernels (simulator and bots) give the numpy reference's numbers bit for bit, tick by tick."""

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from bbf_sim.core import kernels
from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.compare import play_rows
from bbf_sim.core.controls import EVENT_DTYPE, Mapping
from bbf_sim.core.headless import generators
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, shipped_levels_dir
from bbf_sim.levels.schema import LightChange

pytestmark = pytest.mark.skipif(not kernels.available(), reason="numba is not installed")

LEVELS = sorted(p.stem for p in shipped_levels_dir().glob("*.toml"))
ROWS = 4
# The seconds of each level the lockstep plays: the shortest span in which both the compiled run
# (its kernels run as Python under coverage.py, NUMBA_DISABLE_JIT=1) and the numpy reference take
# every branch the whole level takes, plus 1 s (measured 7 December 2026; docs/performance.md, "The
# test suite"). Later seconds run the same code on other numbers; whole levels compiled and not
# are still compared in test_compiled_comparison_tallies_equal_the_reference. A level not listed
# (or one made longer) plays whole.
LOCKSTEP_S = {
    "af-on-reflex": 3.0,
    "bird-in-flight": 4.0,
    "children-play": 7.0,
    "control-static": 3.0,
    "endless-dragonfly": 4.0,
    "event-burst": 9.0,
    "landscape-hyperfocal": 15.0,
    "lowlight-hunt": 9.0,
    "macro-sway": 5.0,
    "portrait-recompose": 4.0,
    "sports-obstruction": 5.0,
    "trap-focus": 9.0,
    "wildlife-branches": 4.0,
}
# The same, for a watching tracker (the careful and everyday finder habits): measured alike.
WATCHING_S = {"children-play": 11.0, "wildlife-branches": 4.0}


def _span(level_id: str, spans: dict[str, float]):
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    return level.model_copy(update={"duration_s": min(level.duration_s, spans.get(level_id, level.duration_s))})


def _lockstep(level, seed: int = 3, human=None):
    """The reference and the compiled path, each a simulator and its bot, compared after every tick."""
    modes = ["shutter"] * ROWS + ["bbf"] * ROWS
    rows = np.tile(np.arange(ROWS), 2)
    sims, snaps, bots = [], [], []
    for compiled in (False, True):
        sim_rng, bot_rng = generators(seed)
        sim = Simulator()
        snaps.append(sim.reset(level, sim_rng, modes, rows=rows, compiled=compiled))
        sims.append(sim)
        bots.append(TechniqueBot(level, modes, rows, bot_rng, human))
        bots[-1].kernels = sim.kernels
    assert bots[0].kernels is None and bots[1].kernels is not None
    ticks = 0
    while not sims[0].done:
        _same_snapshot(snaps[0], snaps[1], ticks)
        (events, aim), (events_c, aim_c) = (bot.act(snap) for bot, snap in zip(bots, snaps, strict=True))
        assert events.tobytes() == events_c.tobytes(), f"tick {ticks}: the bots' events differ"
        assert aim.tobytes() == aim_c.tobytes(), f"tick {ticks}: the bots' aims differ"
        snaps = [sims[0].step(events, aim), sims[1].step(events_c, aim_c)]
        ticks += 1
    _same_snapshot(snaps[0], snaps[1], ticks)
    return sims[0].frames(), sims[1].frames()


def _same_snapshot(a, b, tick: int) -> None:
    for field in dataclasses.fields(a):
        x, y = getattr(a, field.name), getattr(b, field.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and x.tobytes() == y.tobytes(), f"tick {tick}: {field.name} differs"
        else:
            assert x == y, f"tick {tick}: {field.name}"


@pytest.mark.parametrize("level_id", LEVELS)
def test_compiled_step_is_bit_identical_to_the_numpy_reference(level_id):
    level = _span(level_id, LOCKSTEP_S)
    reference, compiled = _lockstep(level)
    assert len(reference) > 0
    assert reference.tobytes() == compiled.tobytes()


def test_zone_area_is_bit_identical_too():
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml")
    level = level.model_copy(update={"af": level.af.model_copy(update={"area": "zone"})})
    reference, compiled = _lockstep(level)
    assert reference.tobytes() == compiled.tobytes()


@pytest.mark.parametrize("profile", ["careful", "everyday"])
@pytest.mark.parametrize("level_id", ["children-play", "wildlife-branches"])
def test_watching_trackers_are_bit_identical_too(level_id, profile):
    """The finder habits (rechecks, AF-ON let go through crossings) in both paths."""
    level = _span(level_id, WATCHING_S)
    reference, compiled = _lockstep(level, human=PROFILES[profile])
    assert reference.tobytes() == compiled.tobytes()


@pytest.mark.parametrize("light_ev", [0.0, -2.0])
def test_hunting_in_dimmer_light_is_bit_identical_too(light_ev):
    """At 0 EV the low-light level's AF hunts and lands where its sweep passes a readable subject;
    at -2 EV (its AF limit) AF-S hunts to the end and gives up."""
    level = load_level(shipped_levels_dir() / "lowlight-hunt.toml")
    level = level.model_copy(update={"scene": level.scene.model_copy(update={"light_ev": light_ev})})
    reference, compiled = _lockstep(level)
    assert reference.tobytes() == compiled.tobytes()


def test_light_that_changes_what_af_reads_is_bit_identical_too():
    """The compiled AF keeps the sensor's readings for the light until the light changes: here
    it falls to the AF limit early (AF hunts) and comes back (AF reads again)."""
    level = load_level(shipped_levels_dir() / "lowlight-hunt.toml")
    changes = [LightChange(at_s=0.4, light_ev=-2.0), LightChange(at_s=2.0, light_ev=2.0, ramp_s=0.5)]
    level = level.model_copy(update={"scene": level.scene.model_copy(update={"light_changes": changes})})
    reference, compiled = _lockstep(level)
    assert reference.tobytes() == compiled.tobytes()


@pytest.mark.parametrize("level_id", ["sports-obstruction", "af-on-reflex"])
def test_random_presses_are_bit_identical_too(level_id):
    """Every button at random instants, several in one tick (events and exposures interleaved)."""
    level = load_level(shipped_levels_dir() / f"{level_id}.toml").model_copy(update={"duration_s": 4.0})
    both = Mapping(af_on_half_press=True, af_on_rear_button=True)  # AF on either button
    reference, compiled = _random_presses(level, ["shutter", "bbf", both] * 4, rows=None, alike=None)
    assert len(reference) > 20
    assert reference.tobytes() == compiled.tobytes()


def test_trials_sharing_a_row_are_bit_identical_too():
    """Trials on one row share their scene; the compiled path copies it, the view when aimed alike, and
    what a frame sees when it is also taken at the same instant.

    Rows 0 and 1 have both their trials aimed and pressed alike, rows 2 and 3 each trial its own way.
    """
    level = load_level(shipped_levels_dir() / "sports-obstruction.toml").model_copy(update={"duration_s": 3.0})
    rows = np.tile(np.arange(4), 2)
    alike = np.array([0, 1, 2, 3, 0, 1, 6, 7])  # whose aim each trial takes
    reference, compiled = _random_presses(level, ["shutter"] * 4 + ["bbf"] * 4, rows=rows, alike=alike)
    assert len(reference) > 5
    assert reference.tobytes() == compiled.tobytes()


def _random_presses(level, modes, rows, alike):
    """Both paths stepped with the same random presses and aims; `alike`: whose aim and presses each trial takes."""
    trials = len(modes)
    sims, snaps = [Simulator(), Simulator()], []
    for sim, compiled in zip(sims, (False, True), strict=True):
        snaps.append(sim.reset(level, 11, modes, rows=rows, compiled=compiled))
    rng = np.random.default_rng(5)
    held = np.zeros((trials, 3), bool)  # half, full, AF-ON
    tick = 0
    while not sims[0].done:
        _same_snapshot(snaps[0], snaps[1], tick)
        t0 = snaps[0].t_s
        rows_ev = []
        for trial in np.nonzero(rng.random(trials) < 0.3)[0]:
            for t in np.sort(t0 + rng.random(rng.integers(1, 4)) / 120):
                button = int(rng.integers(0, 8))
                pressed = bool(rng.random() < 0.6) if button > 2 else not held[trial, button]
                if button <= 2:
                    held[trial, button] = pressed
                rows_ev.append((trial, t, button, pressed))
        if alike is not None:
            rows_ev = [(k, t, b, p) for j, t, b, p in rows_ev for k in np.nonzero(alike == j)[0]]
        events = np.array(rows_ev, dtype=EVENT_DTYPE)
        aim = np.column_stack([snaps[0].yaw_rad, snaps[0].pitch_rad]) + rng.normal(0, 0.002, (trials, 2))
        if alike is not None:
            aim = aim[alike]
        snaps = [sim.step(events, aim) for sim in sims]
        tick += 1
    _same_snapshot(snaps[0], snaps[1], tick)
    return sims[0].frames(), sims[1].frames()


@pytest.mark.parametrize("level_id", ["sports-obstruction", "trap-focus"])
def test_compiled_comparison_tallies_equal_the_reference(level_id):
    """`compare`'s whole path (bots, simulator, tallies), compiled and not, in the everyday profile."""
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    reference = play_rows(level, 4, 6, 0, 6, compiled=False, human=PROFILES["everyday"])
    compiled = play_rows(level, 4, 6, 0, 6, compiled=True, human=PROFILES["everyday"])
    assert reference.frames.sum() > 0
    assert compiled.equals(reference)


def test_compiled_kicks_drawn_by_block_equal_the_reference():
    """Rows 30-90 of 100 in blocks of 40: the kicks of the two whole blocks (80 numbers each) are
    drawn compiled and the last block's (40 numbers) by numpy, as a `compare` worker's chunk does."""
    from bbf_sim.core import _numba_normals

    kernels.load()
    assert _numba_normals._agrees_with_numpy()  # else every draw is numpy's and this tests nothing new
    # Handheld among branches: the aim's wander decides what the AF point lands on (on the sports
    # level the kicks change no tally, so a wrong draw there would go unseen).
    level = load_level(shipped_levels_dir() / "wildlife-branches.toml").model_copy(update={"duration_s": 3.0})
    reference = play_rows(level, 9, 100, 30, 90, row_block=40, compiled=False, human=PROFILES["everyday"])
    compiled = play_rows(level, 9, 100, 30, 90, row_block=40, compiled=True, human=PROFILES["everyday"])
    assert reference.frames.sum() > 0
    assert compiled.equals(reference)


def test_kernels_compiled_inline_take_at_most_thirty_arguments():
    """Python passes a call of more than 30 arguments as one tuple, which numba cannot compile
    inline: such a kernel would be compiled apart again, and the first compile grow."""
    import importlib
    import inspect

    kernels.load()
    inline = {}
    for name in ("_numba_kernels", "_numba_af", "_numba_bot", "_numba_watch", "_numba_instants", "_numba_steps"):
        module = importlib.import_module(f"bbf_sim.core.{name}")
        for key, f in vars(module).items():
            if getattr(f, "targetoptions", {}).get("inline") == "always" and f.__module__ == module.__name__:
                inline[key] = len(inspect.signature(f.py_func).parameters)
    assert {"observe", "instants", "aim_seen", "aim_frame", "aim_finish", "arm"} <= set(inline)
    assert {k: n for k, n in inline.items() if n > 30} == {}


def test_a_comparison_compiles_nothing_after_its_warm_up():
    """Every kernel signature a comparison uses is loaded before the work (and before workers fork)."""
    from bbf_sim.core import compare

    level = load_level(shipped_levels_dir() / "wildlife-branches.toml")
    compare._load_every_kernel(level, PROFILES["careful"])
    k = kernels.load()
    from bbf_sim.core import _numba_normals  # its kernel is reached through a Python function

    modules = (vars(k), vars(_numba_normals))
    dispatchers = [f for m in modules for f in m.values() if hasattr(f, "signatures")]
    before = {f: len(f.signatures) for f in dispatchers}
    # 32 rows: the kicks are 64 numbers a tick, enough for the compiled draw.
    play_rows(level, 2, 32, 0, 32, compiled=True, human=PROFILES["careful"])
    assert {f: len(f.signatures) for f in dispatchers} == before


def test_the_game_and_the_cli_start_without_numba(tmp_path):
    """`dof`, `levels` and a game's simulator never import numba; only a compiled comparison does."""

    code = (
        "import sys\n"
        "from bbf_sim.cli import main\n"
        "main(['dof', '--focal', '50', '--aperture', '8', '--distance', '3'])\n"
        "main(['levels'])\n"
        "from bbf_sim.core.simulator import Simulator\n"
        "from bbf_sim.levels.loader import load_level, shipped_levels_dir\n"
        "Simulator().reset(load_level(shipped_levels_dir() / 'control-static.toml'), 1, 'bbf')\n"
        "assert 'numba' not in sys.modules, 'numba imported'\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert out.returncode == 0, out.stderr


@pytest.mark.parametrize("cache_folder", ["__pycache__", "elsewhere/not-yet-made"])
def test_a_changed_kernel_file_drops_every_cached_kernel(tmp_path, cache_folder):
    """numba keys a kernel's cache on its own file only: a change to any kernel file drops them all,
    wherever numba keeps them (beside the sources, or a `NUMBA_CACHE_DIR` folder not made yet)."""
    (tmp_path / "_numba_a.py").write_text("x = 1\n")
    (tmp_path / "_numba_b.py").write_text("y = 1\n")
    cache = tmp_path / cache_folder

    def cached(name):
        cache.mkdir(parents=True, exist_ok=True)
        (cache / f"{name}.py311.nbi").write_text("index")
        (cache / f"{name}.py311.1.nbc").write_text("code")

    assert kernels.drop_stale_caches(tmp_path, cache)  # the folder made, the digest kept: to compile
    cached("_numba_a.f-3")
    assert not kernels.drop_stale_caches(tmp_path, cache)  # nothing changed: kept
    assert len(list(cache.glob("*.nb?"))) == 2
    (tmp_path / "_numba_b.py").write_text("y = 2\n")  # only the helper's file
    assert kernels.drop_stale_caches(tmp_path, cache)
    assert not list(cache.glob("*.nb?"))


def test_compiling_is_announced_and_loading_is_not(monkeypatch, caplog):
    """A first `compare` compiles for up to a minute: the player is told, once, why it waits."""
    kernels.load()  # compiled or loaded from the cache already: what follows only loads
    for stale in (True, False):
        monkeypatch.setattr(kernels, "_loaded", None)
        monkeypatch.setattr(kernels, "drop_stale_caches", lambda sources, cache, stale=stale: stale)
        caplog.clear()
        kernels.load()
        said = [r.getMessage() for r in caplog.records if r.name == "bbf_sim.core.kernels"]
        notice = "compiling the fast kernels, once for this install: this takes a minute or less"
        assert said == ([notice] if stale else [])


def test_the_digest_is_kept_where_numba_keeps_the_kernels(tmp_path):
    """With `NUMBA_CACHE_DIR` set, numba caches under it: the stale-cache check must look there."""
    code = "from bbf_sim.core import _numba_kernels, kernels\nprint(kernels._cache_folder(_numba_kernels))\n"
    env = dict(os.environ, NUMBA_CACHE_DIR=str(tmp_path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert Path(out.stdout.strip()).is_relative_to(tmp_path)
