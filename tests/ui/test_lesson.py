"""The first lesson: offered to a newcomer, the buttons found by pressing them, the portrait
played in back-button mode with the way back to the lesson, skippable, replayable from the menu."""

from __future__ import annotations

import pygame

from bbf_sim.ui.scenes.lesson import LessonScene
from bbf_sim.ui.scenes.menu import MenuScene
from bbf_sim.ui.scenes.play import PlayScene
from tests.ui.helpers import key
from tests.ui.test_menus import ctx_for, drive, make_app, press


def _hold(app, scene, k):
    key(k)
    scene = drive(app, scene, 2)
    key(k, down=False)
    return drive(app, scene, 2)


def test_the_lesson_from_the_menu_to_the_portrait_and_back(tmp_path):
    app = make_app(tmp_path / "data", size=(960, 540))
    try:
        app.input.set_bindings({"half": ["key:s"], "full": ["key:space"], "af_on": ["key:f"], "pause": ["key:p"]})
        menu = drive(app, MenuScene(ctx_for(app)))
        assert menu.new_here, "a newcomer is pointed at the lesson"
        assert any("First lesson" in k[0] and "New here" in k[0] for k in app.text._cache)
        lesson = press(app, menu, pygame.K_l)
        assert isinstance(lesson, LessonScene) and lesson.step == 0
        # Which key is which: each button lights when pressed; all three move on.
        lesson = _hold(app, lesson, pygame.K_f)
        assert lesson.found == {"af_on"} and lesson.step == 0
        lesson = _hold(app, lesson, pygame.K_s)
        lesson = _hold(app, lesson, pygame.K_SPACE)
        assert lesson.step == 1
        # Half-press or AF-ON, then the portrait in back-button mode.
        play = press(app, lesson, pygame.K_RETURN)
        assert isinstance(play, PlayScene) and play.setup.mode == "bbf"
        assert play.setup.level.id == "portrait-recompose"
        # The results' way back leads to the lesson's last card, and on to the menu.
        back = play.setup.back()
        assert isinstance(back, LessonScene) and back.step == 3
        menu = press(app, back, pygame.K_RETURN)
        assert isinstance(menu, MenuScene)
        assert ctx_for(app).settings().first_lesson_done
        menu = drive(app, MenuScene(ctx_for(app)))
        assert not menu.new_here
    finally:
        app.close()


def test_esc_skips_the_lesson_and_the_menu_plays_it_again(tmp_path):
    app = make_app(tmp_path / "data", size=(960, 540))
    try:
        menu = drive(app, MenuScene(ctx_for(app)))
        lesson = press(app, menu, pygame.K_l)
        assert isinstance(lesson, LessonScene)
        menu = press(app, lesson, pygame.K_ESCAPE)
        assert isinstance(menu, MenuScene) and ctx_for(app).settings().first_lesson_done
        again = press(app, menu, pygame.K_l)
        assert isinstance(again, LessonScene) and again.step == 0
    finally:
        app.close()
