"""The results screen: M replays the same scene in the other mapping and says so; advice follows the lesson."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pygame
import pytest

from bbf_sim.core.lessons import advice
from bbf_sim.core.scoring import level_summary
from bbf_sim.core.simulator import FRAME_DTYPE
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.scenes.play import PlayResult, PlayScene, PlaySetup
from bbf_sim.ui.scenes.results import ResultsScene
from tests.ui.test_menus import drive, make_app, press


@pytest.fixture
def app(tmp_path):
    a = make_app(tmp_path / "data", size=(1280, 720))
    yield a
    a.close()


def _result(setup: PlaySetup, **summary) -> PlayResult:
    s = replace(level_summary(setup.played_level, np.zeros(0, dtype=FRAME_DTYPE)), **summary)
    return PlayResult(setup, np.zeros(0), [], s, [], 0.001, None)  # as tests/ui/test_endless_rounds.py builds one


def test_m_plays_the_same_scene_in_the_other_mapping_and_the_results_say_so(app):
    level = load_level(resolve_level_path("portrait-recompose"))
    first = PlaySetup(level=level, mode="shutter", seed=41)
    results = drive(app, ResultsScene(_result(first, frames=4, hits=1)), 1)
    other = press(app, results, pygame.K_m)
    assert isinstance(other, PlayScene)
    assert (other.setup.mode, other.setup.seed, other.setup.level) == ("bbf", 41, level)
    # That attempt's results name the scene as the same one as the shutter-AF attempt.
    assert other.setup.same_scene_as == "shutter"
    second = drive(app, ResultsScene(_result(other.setup, frames=4, hits=4)), 1)
    # Enter plays a new scene, no longer the same one.
    again = press(app, second, pygame.K_RETURN)
    assert again.setup.seed == 42 and again.setup.mode == "bbf" and again.setup.same_scene_as is None


def test_trap_focus_advice_names_the_stand_in_not_focus_first():
    level = load_level(resolve_level_path("trap-focus"))
    s = replace(level_summary(level, np.zeros(0, dtype=FRAME_DTYPE)), frames=12, hits=4, fired_without_af=8)
    words = advice(s, "shutter", level)
    assert "wing post" in words and "subject's distance" in words and "wait for the dot" not in words
    assert "wing post" in advice(s, "bbf", level) and "AF-ON" in advice(s, "bbf", level)
    # A level that teaches focusing on the subject keeps the old advice.
    portrait = load_level(resolve_level_path("portrait-recompose"))
    assert "wait for the dot" in advice(s, "shutter", portrait)


def test_the_results_screen_of_a_trap_focus_attempt(app, tmp_path):
    level = load_level(resolve_level_path("trap-focus"))
    setup = PlaySetup(level=level, mode="shutter", seed=3, same_scene_as="bbf")
    results = drive(app, ResultsScene(_result(setup, frames=12, hits=4, hit_rate=1 / 3, fired_without_af=8)), 1)
    assert results.result.setup.same_scene_as == "bbf"
    shots = tmp_path / "shots"
    shots.mkdir()
    app.save_screenshot(shots / "results-trap-focus.png")
    assert (shots / "results-trap-focus.png").stat().st_size > 0
