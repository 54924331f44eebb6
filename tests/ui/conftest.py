"""Fixtures shared by the window tests."""

from datetime import UTC, date, datetime, timedelta

import pygame
import pytest

from bbf_sim.core.recording import Recorder
from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
from bbf_sim.persistence.history import History
from bbf_sim.practice.attempts import FinishedRun, save_attempt
from bbf_sim.practice.generate import generate_history
from tests.run_once import made_once_per_run

HISTORY_LEVELS = ("control-static", "portrait-recompose")


@pytest.fixture(scope="module", autouse=True)
def _background_tiles_shared(background_tiles_made_once):
    """Every window test's play screen is handed the background tiles an earlier one made."""


@pytest.fixture
def small_display():
    """A display mode set (surfaces can be converted to it) for tests that draw without an App.

    The display alone: `pygame.quit()` after `pygame.init()` also stops the (dummy) sound
    device, which waits out its audio thread, for tests that play no sound.
    """
    pygame.display.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.display.quit()


@pytest.fixture(scope="session")
def practice_history_made_once(tmp_path_factory):
    """Three days of bot practice on two levels ending today, and one attempt quit after a second.

    Made once per test run (a dozen bot attempts), by the first test process to ask:
    `tests.ui.test_stats_screen.history_dir` gives each module that uses it a copy of its own,
    since some change it (a saved setting), so this folder is only ever read.
    """
    return made_once_per_run(tmp_path_factory, "practice-history", lambda: _practice_history(tmp_path_factory))


def _practice_history(tmp_path_factory):
    folder = tmp_path_factory.mktemp("practice-history")
    paths = [shipped_levels_dir() / f"{lv}.toml" for lv in HISTORY_LEVELS]
    levels = [(load_level(p), level_hash(p)) for p in paths]
    with History.open(folder) as history:
        generate_history(history, folder, levels, 3, date.today(), datetime.now().astimezone().tzinfo, seed=2, jobs=2)
        rec = Recorder.start(levels[1][0], 5, "bbf")
        while rec.sim.t_s < 1.0:
            rec.step(None, None)
        start = datetime.now(UTC) - timedelta(minutes=1)
        run = FinishedRun.from_recorder(rec, levels[1][1], "bbf", 5, start, start, completed=False)
        save_attempt(folder, history, run)
    return folder
