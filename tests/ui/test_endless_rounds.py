"""The endless drill in the game: round after round, the next round's level from `levels.adaptive`
(faster and thinner after a clean round, easier after misses), handed over by the results screen
and named on the results and Ready screens."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pygame
import pytest

from bbf_sim.levels.adaptive import level_at_step
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.scenes.endless import change_line, next_round_setup, round_line
from bbf_sim.ui.scenes.play import PlayResult, PlayScene, PlaySetup
from bbf_sim.ui.scenes.results import ResultsScene
from bbf_sim.ui.scenes.review import ReviewScene
from tests.ui.test_menus import drive, make_app, press

SHOTS = Path("/tmp/shots")
LEVEL = "endless-dragonfly"


@pytest.fixture(scope="module")
def base():
    return load_level(resolve_level_path(LEVEL))


@pytest.fixture
def app(tmp_path):
    a = make_app(tmp_path / "data", size=(1280, 720))
    yield a
    a.close()


def result_with(setup: PlaySetup, hits: int, frames: int, ended_early: bool = False) -> PlayResult:
    """A round's result with a given score (the summary is what the hand-over reads)."""
    from bbf_sim.core.scoring import level_summary
    from bbf_sim.core.simulator import FRAME_DTYPE

    summary = replace(level_summary(setup.played_level, np.zeros(0, dtype=FRAME_DTYPE)), hits=hits)
    summary = replace(summary, frames=frames, hit_rate=hits / frames if frames else 0.0)
    return PlayResult(setup, np.zeros(0), [], summary, [], 0.001, None, ended_early=ended_early)


@pytest.mark.parametrize(
    ("hits", "frames", "early", "step"),
    [(19, 20, False, 3), (12, 20, False, 2), (3, 20, False, 1), (19, 20, True, 2)],
    ids=["clean-harder", "middle-same", "misses-easier", "ended-early-same"],
)
def test_the_next_round_follows_the_hit_rate(base, hits, frames, early, step):
    setup = PlaySetup(level=base, mode="bbf", seed=5, endless_step=2, endless_round=4)
    nxt = next_round_setup(result_with(setup, hits, frames, early))
    assert (nxt.endless_step, nxt.endless_round, nxt.seed, nxt.mode) == (step, 5, 6, "bbf")
    assert nxt.level is base, "the file's level stays; the step says how it is played"


def test_a_round_is_played_at_its_step(base):
    setup = PlaySetup(level=base, endless_step=2)
    played = setup.played_level
    assert played == level_at_step(base, 2)
    assert played.camera.aperture < base.camera.aperture, "thinner depth of field"
    speed = {o.name: o.path.speed_mps for o in played.objects if o.path.kind == "erratic"}
    assert speed["dragonfly"] == pytest.approx(base.objects[0].path.speed_mps * base.endless.speed_step**2)
    assert PlaySetup(level=base).played_level is base, "round 1 is the file as written"
    # The chosen AF mode still applies on top of the step.
    assert PlaySetup(level=base, endless_step=1, af_mode="af-s").played_level.af.mode == "af-s"


def test_the_words_say_what_changed(base):
    four = PlaySetup(level=base, endless_step=2, endless_round=4)
    assert round_line(four).startswith(
        "Round 4 of the endless drill: against round 1, the dragonfly is 32 % faster, f/4.4 instead of f/5.6"
    )
    assert "thinner depth of field" in round_line(four)
    assert "as the level is written (f/5.6)" in round_line(PlaySetup(level=base))
    clean = result_with(four, 19, 20)
    words = change_line(clean, next_round_setup(clean))
    assert words.startswith("A clean round (95 % sharp, 90 % needed): in round 5 the dragonfly is 15 % faster")
    poor = result_with(four, 3, 20)
    words = change_line(poor, next_round_setup(poor))
    assert words.startswith("Too many misses (15 % sharp, under 50 %): in round 5 the dragonfly is 13 % slower")
    assert "deeper depth of field" in words
    early = result_with(four, 3, 20, ended_early=True)
    assert change_line(early, next_round_setup(early)) == "Ended early, so round 5 is played at the same pace."


def test_results_hand_over_to_the_next_round_and_the_ready_screen_names_it(app, base):
    """The bot plays round 1 through the real loop; results → Enter → round 2's Ready screen."""
    setup = PlaySetup(level=base, mode="bbf", seed=6, demo=True, start_paused=False)  # a clean round
    scene = drive(app, PlayScene(setup), round(base.duration_s * 120) + 30)
    assert isinstance(scene, ReviewScene)
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, ResultsScene)
    first = scene.result
    assert first.summary.frames > 0 and not first.ended_early
    nxt = scene.next_round
    expected = next_round_setup(first)
    assert (nxt.endless_round, nxt.endless_step) == (2, expected.endless_step)
    assert first.summary.hit_rate >= base.endless.clean_hit_rate and nxt.endless_step == 1, "harder"
    SHOTS.mkdir(parents=True, exist_ok=True)
    app.save_screenshot(SHOTS / "endless-results-round-1.png")
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, PlayScene) and scene.setup.endless_round == 2
    assert scene.live.sim.level == scene.setup.played_level, "the simulator plays round 2's level"
    # The Ready screen (a player's round starts paused) says what round 2 is.
    ready = PlayScene(replace(scene.setup, demo=False, start_paused=True))
    ready = drive(app, ready, 3)
    assert ready.live.paused and "the dragonfly is 15 % faster" in round_line(ready.setup)
    app.save_screenshot(SHOTS / "endless-ready-round-2.png")
    # M plays this round's very scene in the other mapping; R this round again.
    results = ResultsScene(first)
    results = drive(app, results, 1)
    other = press(app, results, pygame.K_m)
    assert other.setup.mode == "shutter" and other.setup.endless_round == 1
    assert (other.setup.seed, other.setup.endless_step) == (first.setup.seed, first.setup.endless_step)
    results = drive(app, ResultsScene(first), 1)
    again = press(app, results, pygame.K_r)
    assert again.setup.endless_round == 1 and again.setup.endless_step == 0


def test_a_level_without_the_endless_table_plays_again_as_before(app):
    level = load_level(resolve_level_path("control-static"))
    setup = PlaySetup(level=level, mode="shutter", seed=1)
    results = drive(app, ResultsScene(result_with(setup, 5, 5)), 1)
    assert results.next_round is None
    again = press(app, results, pygame.K_RETURN)
    assert again.setup == replace(setup, seed=2)
