"""A careful photographer's habit counters are zero on every shipped level, in both mappings.

The counters flag habits the level's lesson calls mistakes (a frame fired with AF never on the
subject, or last on something at another distance; a refocus after recomposing): the careful
profile is the best technique of each mapping, so none may show, on any trial.
"""

import pytest

from bbf_sim.core.compare import tally_trials
from bbf_sim.core.human import PROFILES
from bbf_sim.levels.loader import load_level, shipped_levels_dir

LEVELS = sorted(p.stem for p in shipped_levels_dir().glob("*.toml"))
TRIALS = 100


@pytest.mark.parametrize("level_id", LEVELS)
def test_the_careful_bot_keeps_every_habit_counter_at_zero(level_id):
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    tallies = tally_trials(level, TRIALS, seed=1, human=PROFILES["careful"])
    for mode, tally in tallies.items():
        assert tally.frames.sum() > 0, mode
        assert tally.fired_without_af.sum() == 0, mode
        assert tally.refocused_away.sum() == 0, mode
