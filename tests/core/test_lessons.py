"""Each level's lesson is data, and the habits are judged against it."""

import tomllib

import numpy as np
import pytest
from pydantic import ValidationError

from bbf_sim.core.headless import run_bots
from bbf_sim.core.human import PROFILES
from bbf_sim.core.lessons import LESSON_OF_TECHNIQUE, LESSONS, prefocus_lesson
from bbf_sim.core.scoring import fired_without_af
from bbf_sim.levels import schema
from bbf_sim.levels.catalog import shipped_levels
from bbf_sim.levels.loader import shipped_levels_dir
from bbf_sim.levels.schema import Level

from .test_bot_techniques import _trap_level

LEVELS = [e.level for e in shipped_levels() if e.ok]


def test_the_schema_knows_every_lesson_and_every_technique_has_one():
    assert set(schema.Lesson.__args__) == set(LESSONS)
    assert set(LESSON_OF_TECHNIQUE) == set(schema.Bot.model_fields["technique"].annotation.__args__)


@pytest.mark.parametrize("path", sorted(shipped_levels_dir().glob("*.toml")), ids=lambda p: p.stem)
def test_every_shipped_level_declares_its_lesson(path):
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    assert raw.get("lesson") in LESSONS
    # The declared lesson is what the level's technique always meant (files keep their meaning).
    assert raw["lesson"] == LESSON_OF_TECHNIQUE[raw["bot"]["technique"]]


def test_a_level_without_a_lesson_takes_its_techniques():
    level = _trap_level()
    assert level.lesson is None and level.taught_lesson == "trap-focus"
    d = level.model_dump()
    d["lesson"] = "tracking"
    assert Level.model_validate(d).taught_lesson == "tracking"
    d["lesson"] = "spray-and-pray"
    with pytest.raises(ValidationError, match="lesson"):
        Level.model_validate(d)


def test_the_habit_rule_by_lesson():
    has, had, at_distance = (
        np.array([True, True, True, False]),
        np.array([True, False, False, False]),
        np.array([True, True, False, False]),
    )
    # Focusing on the subject is the technique: flagged when AF had never been on the target.
    assert fired_without_af(False, has, had, at_distance).tolist() == [False, True, True, False]
    # A pre-focus on a stand-in: flagged only when AF was last on something at another distance.
    assert fired_without_af(True, has, had, at_distance).tolist() == [False, False, True, False]
    assert [prefocus_lesson(x) for x in ("trap-focus", "hyperfocal", "focus-on-a-stand-in", "tracking")] == [
        True,
        True,
        True,
        False,
    ]


def _habits(level, human, trials=4):
    modes = ["shutter"] * trials + ["bbf"] * trials
    frames = run_bots(level, modes, 5, np.tile(np.arange(trials), 2), human=human).frames
    return frames[frames["trial"] < trials], frames[frames["trial"] >= trials]


def test_trap_focus_a_prefocus_on_the_post_is_not_fired_without_af():
    # The post stands 15.3 m away, the runners cross at 15 m: with the lens on the post the runner's
    # blur circle is f²/N·(1/15 − 1/15.3) = 0.135²/2.8·0.001307 m = 8.5 µm, under c (30 µm): the
    # post is at the subject's distance, so neither mapping's careful frames are flagged.
    level = _trap_level()
    for frames in _habits(level, PROFILES["careful"]):
        assert len(frames) and not frames["fired_without_af"].any()
        assert (frames["af_object"] == 0).all()  # AF stays on the post
    # The novice's shutter finger lifts after the first burst: the second press focuses on the
    # background at 40 m, where the runner's blur is 0.135²/2.8·(1/15 − 1/40) m = 0.27 mm = 9 c.
    shutter, bbf = _habits(level, PROFILES["novice"])
    second = shutter[shutter["t_s"] > 4.0]
    assert len(second) and second["fired_without_af"].all()
    assert not shutter[shutter["t_s"] < 3.0]["fired_without_af"].any()
    assert not bbf["fired_without_af"].any()


def test_the_same_frames_under_a_focus_on_the_subject_lesson_are_all_flagged():
    # The lesson decides: with "tracking" declared, AF never on a runner is the habit, on every frame.
    d = _trap_level().model_dump()
    d["lesson"] = "tracking"
    shutter, bbf = _habits(Level.model_validate(d), PROFILES["careful"])
    assert shutter["fired_without_af"].all() and bbf["fired_without_af"].all()


@pytest.mark.parametrize("level", LEVELS, ids=[lv.id for lv in LEVELS])
def test_a_careful_bot_builds_no_bad_habit_on_any_shipped_level(level):
    shutter, bbf = _habits(level, PROFILES["careful"], trials=20)
    for frames in (shutter, bbf):
        assert frames["fired_without_af"].sum() == 0, level.id
        assert frames["refocused_away"].sum() == 0, level.id
