"""The bots' play of a shipped level, both mappings, made once per test run and shared.

`test_shipped_levels` judges each level's play with seed `SHIPPED_SEED`: that play is made once in
a run (by whichever test process asks first) on the compiled kernels, and read back by the others.
`test_determinism` plays some of the same levels with the same seed again on the numpy reference
(the game window's path) and compares the frames bit for bit: the same play both times, and the
compiled kernels the same as the reference over whole levels.
"""

import numpy as np

from bbf_sim.core import kernels
from bbf_sim.core.headless import run_bots
from bbf_sim.levels.loader import load_level, shipped_levels_dir
from tests.run_once import made_once_per_run

TRIALS = 8  # per mapping: enough to see a goal reached, small enough to keep the suite quick
SHIPPED_SEED = 21


def bot_frames(level_id: str, seed: int, compiled: bool = False) -> np.ndarray:
    """Every frame the bots fire on a shipped level: `TRIALS` shutter trials, then as many back-button
    ones on the same random rows, played now (on the numpy reference unless `compiled`)."""
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    modes = ["shutter"] * TRIALS + ["bbf"] * TRIALS
    return run_bots(level, modes, seed, rows=np.tile(np.arange(TRIALS), 2), compiled=compiled).frames


def bot_frames_once_per_run(tmp_path_factory, level_id: str, seed: int) -> np.ndarray:
    """`bot_frames(level_id, seed)`, played once in a test run however many tests ask for it: on the
    compiled kernels where numba is installed (the same frames, for far less CPU than the reference)."""
    compiled = kernels.available()
    name = f"bot-frames-{level_id}-{seed}-{'compiled' if compiled else 'numpy'}"
    return made_once_per_run(tmp_path_factory, name, lambda: bot_frames(level_id, seed, compiled))
