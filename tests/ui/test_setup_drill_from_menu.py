"""The set-up drill opened from the game's menu: it returns to the menu, and a drill that ends in
back-button focus saves its brand, says so, and the game names the controls that way afterwards."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from bbf_sim.setup_drill import get_spec, plan
from bbf_sim.ui.scenes.menu import MenuScene
from bbf_sim.ui.scenes.setup_drill import SetupDrillScene, SetupScoreScene
from tests.ui.test_menus import ctx_for, drive, make_app, press

SHOTS = Path("/tmp/shots")
KEYS = {
    "up": pygame.K_UP,
    "down": pygame.K_DOWN,
    "left": pygame.K_LEFT,
    "right": pygame.K_RIGHT,
    "ok": pygame.K_RETURN,
    "back": pygame.K_BACKSPACE,
    "menu": pygame.K_m,
}


@pytest.fixture
def app(tmp_path):
    a = make_app(tmp_path / "data", size=(960, 540))
    yield a
    a.close()


def open_drill(app):
    """The menu, then C ("Set up your camera")."""
    menu = drive(app, MenuScene(ctx_for(app)))
    scene = press(app, menu, pygame.K_c)
    assert isinstance(scene, SetupDrillScene)
    return scene


def walk(app, scene, brand: str, mistake: str | None = None):
    for name in plan(get_spec(brand), mistake=mistake):
        scene = press(app, scene, KEYS[name])
    return scene


def test_the_menu_opens_the_drill_with_the_context_and_the_drill_comes_back_to_the_menu(app):
    scene = open_drill(app)
    assert scene.ctx is not None and isinstance(scene.back, MenuScene)
    assert scene.spec.brand.key == "canon", "the brand in the settings (the default)"
    # Q on the shooting screen (menu closed) leaves the drill: back to the menu, not out of the game.
    scene = press(app, scene, pygame.K_q)
    assert isinstance(scene, MenuScene)
    # From the score panel, Esc goes back to the menu too.
    scene = press(app, scene, pygame.K_c)
    scene = walk(app, scene, "canon")
    assert isinstance(scene, SetupScoreScene)
    scene = press(app, scene, pygame.K_ESCAPE)
    assert isinstance(scene, MenuScene)


def test_another_makers_correct_set_up_changes_the_camera_only_when_asked(app):
    scene = open_drill(app)
    scene = press(app, scene, pygame.K_TAB)  # another camera: Nikon
    assert isinstance(scene, SetupDrillScene) and scene.spec.brand.key == "nikon"
    assert app.brand.key == "nikon", "the drill's body names the controls in its test shot"
    assert scene.ctx is not None and isinstance(scene.back, MenuScene), "a switched drill still goes back"
    scene = walk(app, scene, "nikon")
    assert isinstance(scene, SetupScoreScene) and scene.score.correct
    # Trying the Nikon's menus does not silently make it the camera: the screen offers it.
    assert scene.drill_scene.saved == "Your camera is still a Canon."
    assert ctx_for(app).settings().brand == "canon"
    assert any("make the Nikon your camera" in k[0] for k in app.text._cache)
    scene = press(app, scene, pygame.K_TAB)  # yes: the Nikon is my camera
    assert scene.drill_scene.saved.startswith("Saved: your camera is a Nikon")
    assert ctx_for(app).settings().brand == "nikon", "stored in the settings file"
    SHOTS.mkdir(parents=True, exist_ok=True)
    app.save_screenshot(SHOTS / "setup-drill-saved-brand.png")
    # Back on the menu, the game names things as the Nikon does.
    scene = press(app, scene, pygame.K_ESCAPE)
    assert isinstance(scene, MenuScene) and scene.brand.key == "nikon" and app.brand.key == "nikon"
    # The next start of the game finds it (a new context reads the file again).
    app2 = make_app(app.options.data_dir)
    try:
        menu = drive(app2, MenuScene(ctx_for(app2)))
        assert menu.brand.key == "nikon" and app2.brand.key == "nikon"
    finally:
        app2.close()


def test_a_wrong_set_up_saves_nothing(app):
    scene = open_drill(app)
    scene = press(app, scene, pygame.K_TAB)  # Nikon, so a save would show
    scene = walk(app, scene, "nikon", mistake="leave-af-on-shutter")
    assert isinstance(scene, SetupScoreScene) and not scene.score.correct
    assert scene.drill_scene.saved is None
    assert ctx_for(app).settings().brand == "canon"


def test_start_over_keeps_the_way_back(app):
    scene = open_drill(app)
    scene = walk(app, scene, "canon", mistake="leave-af-on-shutter")
    scene = press(app, scene, pygame.K_r)
    assert isinstance(scene, SetupDrillScene) and isinstance(scene.back, MenuScene) and scene.ctx is not None


def test_standalone_drill_quits_at_the_end_and_saves_the_brand(tmp_path):
    """`bbf-sim setup --brand NAME` (the window, no menu behind it): Esc quits, a correct set-up is saved."""
    from bbf_sim.practice.session import GameContext
    from bbf_sim.ui.app import QUIT

    app = make_app(tmp_path / "data")
    try:
        ctx = GameContext(data_dir=app.options.data_dir)
        app.options.data_dir.mkdir(parents=True)
        scene = drive(app, SetupDrillScene("fujifilm", ctx=ctx))
        scene = walk(app, scene, "fujifilm")
        assert isinstance(scene, SetupScoreScene) and scene.drill_scene.saved == "Your camera is still a Canon."
        scene = press(app, scene, pygame.K_TAB)
        assert scene.drill_scene.saved.startswith("Saved")
        assert ctx.settings().brand == "fujifilm"
        key_esc = pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0)
        pygame.event.post(key_esc)
        app.input.poll()
        assert scene.update(app) is QUIT
    finally:
        app.close()


def test_the_end_screen_after_the_test_shot_shows_the_stars_and_the_saved_brand(app):
    """The whole drill from the menu: walk the Sony menus, take the test shot, end on the score panel."""
    from tests.ui.test_setup_drill_screen import Loop, play_test_shot, walk_with_keys

    loop = Loop(app, MenuScene(ctx_for(app)))
    loop.frames(2)
    loop.tap(pygame.K_c)
    loop.tap(pygame.K_TAB)
    loop.tap(pygame.K_TAB)  # Canon → Nikon → Sony
    assert isinstance(loop.scene, SetupDrillScene) and loop.scene.spec.brand.key == "sony"
    walk_with_keys(loop, plan(get_spec("sony")))
    play_test_shot(loop, app)
    loop.seconds(1.5)  # the test ends by itself; the review explains it
    loop.tap(pygame.K_RETURN)
    panel = loop.scene
    assert isinstance(panel, SetupScoreScene) and panel.outcome is not None and panel.test_ok
    assert panel.drill_scene.saved == "Your camera is still a Canon."
    loop.tap(pygame.K_TAB)
    assert panel.drill_scene.saved.startswith("Saved: your camera is a Sony")
    loop.frames(1)
    SHOTS.mkdir(parents=True, exist_ok=True)
    app.save_screenshot(SHOTS / "setup-drill-end-saved-brand.png")
    loop.tap(pygame.K_ESCAPE)
    assert isinstance(loop.scene, MenuScene) and loop.scene.brand.key == "sony"
