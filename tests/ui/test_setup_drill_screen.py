"""The set-up drill's screens through the real loop: posted keys and gamepad presses walk each
brand's menu to back-button focus, the test shot shows the AF-left-on-the-shutter trap, and the
HUD names the AF modes and the rear button as each body does."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.brands import BRANDS, get_brand
from bbf_sim.core.controls import MODES, Mapping
from bbf_sim.core.simulator import Simulator
from bbf_sim.setup_drill import SPECS, get_spec, plan
from bbf_sim.ui.app import App, AppOptions
from bbf_sim.ui.finder.hud import Hud, ViewfinderLayout
from bbf_sim.ui.naming import mapping_long, mapping_short
from bbf_sim.ui.router import Router
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup
from bbf_sim.ui.scenes.review import ReviewScene
from bbf_sim.ui.scenes.setup_drill import (
    DRILL_VERBS,
    SetupDrillScene,
    SetupScoreScene,
    VerifyScene,
    explain_test,
    rating,
    verification_level,
)
from bbf_sim.ui.verbs import MENU_VERBS
from tests.ui.helpers import joy_button, key, pad_button

BRAND_IDS = sorted(SPECS)
FRAME_S = 1.0 / 60
KEYS = {
    "up": pygame.K_UP,
    "down": pygame.K_DOWN,
    "left": pygame.K_LEFT,
    "right": pygame.K_RIGHT,
    "ok": pygame.K_RETURN,
    "back": pygame.K_BACKSPACE,
    "menu": pygame.K_m,
}
HAT = {"up": (0, 1), "down": (0, -1), "left": (-1, 0), "right": (1, 0)}
PAD_BUTTONS = {"ok": 0, "back": 1, "menu": 7}


class Loop:
    """The body of `App.run` stepped by hand on the virtual clock, following scene hand-offs."""

    def __init__(self, app: App, scene):
        self.app, self.scene = app, scene
        scene.enter(app)

    def frames(self, n: int) -> None:
        for _ in range(n):
            self.app.input.poll()
            nxt = self.scene.update(self.app)
            if nxt is not None:
                self.scene = nxt
                nxt.enter(self.app)
                continue
            self.scene.draw(self.app, self.app.screen)
            pygame.display.flip()
            self.app.clock.advance(FRAME_S)

    def seconds(self, s: float) -> None:
        self.frames(round(s / FRAME_S))

    def tap(self, k: int) -> None:
        key(k)
        self.frames(1)
        key(k, down=False)
        self.frames(2)


def make_app(brand: str | None) -> App:
    return App(
        AppOptions(size_px=(960, 540), virtual_time=True, fps_cap=60),
        None,
        brand=get_brand(brand) if brand else None,
        router=Router(),
    )


@pytest.fixture
def app_for():
    made = []

    def make(brand):
        app = make_app(brand)
        made.append(app)
        return app

    yield make
    for app in made:
        app.close()


def binding_key(app: App, action: str) -> int:
    """The keyboard key the app's bindings give an action (the test presses what a player would)."""
    first = next(b for b in app.input.bindings[action] if b.startswith("key:"))
    return pygame.key.key_code(first.removeprefix("key:"))


def walk_with_keys(loop: Loop, inputs) -> None:
    for name in inputs:
        loop.tap(KEYS[name])


# --- the menu, walked -----------------------------------------------------------------------------


def test_every_drill_input_has_a_key_and_a_gamepad_control():
    assert {v.value for v in DRILL_VERBS} == {"up", "down", "left", "right", "ok", "back", "menu"}
    for verb in DRILL_VERBS:
        assert any(b.startswith("key:") for b in MENU_VERBS[verb]), verb
        assert any(b.startswith("pad:") for b in MENU_VERBS[verb]), verb
        assert any(b.startswith("joy:") for b in MENU_VERBS[verb]), verb


@pytest.mark.parametrize("brand", BRAND_IDS, ids=BRAND_IDS)
def test_each_brand_walked_with_keys_to_back_button_focus(brand, app_for):
    app = app_for(brand)
    loop = Loop(app, SetupDrillScene(brand))
    loop.frames(2)
    drill_scene = loop.scene
    inputs = plan(get_spec(brand))
    walk_with_keys(loop, inputs[:-1])
    assert drill_scene.drill.view().menu_open
    walk_with_keys(loop, inputs[-1:])  # MENU closes the menu: the score panel
    assert isinstance(loop.scene, SetupScoreScene)
    score = drill_scene.drill.score()
    assert score.correct and score.mapping == MODES["bbf"]
    assert score.steps == len(inputs) and not score.wrong_turns
    assert score.elapsed_s > 0  # stamped by the loop's clock


def test_a_gamepad_walks_the_drill_too(app_for):
    app = app_for("sony")
    loop = Loop(app, SetupDrillScene("sony"))
    loop.frames(2)
    drill = loop.scene.drill
    for name in plan(get_spec("sony")):
        if name in HAT:
            pygame.event.post(pygame.event.Event(pygame.JOYHATMOTION, joy=0, instance_id=0, hat=0, value=HAT[name]))
            loop.frames(1)
            pygame.event.post(pygame.event.Event(pygame.JOYHATMOTION, joy=0, instance_id=0, hat=0, value=(0, 0)))
        else:
            joy_button(PAD_BUTTONS[name])
            loop.frames(1)
            joy_button(PAD_BUTTONS[name], down=False)
        loop.frames(2)
    assert isinstance(loop.scene, SetupScoreScene)
    assert drill.score().correct


def test_wrong_turns_are_counted_and_named_on_screen(app_for):
    app = app_for("canon")
    loop = Loop(app, SetupDrillScene("canon"))
    loop.frames(2)
    scene = loop.scene
    # Into the Shooting tab: nothing about AF activation in there.
    walk_with_keys(loop, ["menu", "right"])
    assert [w.kind for w in scene.drill.wrong_turns] == ["off_path_submenu"]
    assert scene.wrong_shown is not None and "nothing about AF activation" in scene.wrong_shown[1]
    walk_with_keys(loop, ["back", "back"])  # back at the top closes the menu, as on the body
    assert isinstance(loop.scene, SetupScoreScene)


# --- the test shot -------------------------------------------------------------------------------


def play_test_shot(loop: Loop, app: App) -> None:
    """From the score panel: the textbook BBF technique, played by posted keys and a mouse turn."""
    loop.tap(pygame.K_RETURN)  # test it
    assert isinstance(loop.scene, VerifyScene)
    loop.frames(2)
    loop.tap(pygame.K_RETURN)  # start from the Ready screen
    af_on, shutter = binding_key(app, "af_on"), binding_key(app, "full")
    key(af_on)
    loop.seconds(0.6)
    key(af_on, down=False)
    loop.seconds(0.2)
    key(shutter)
    loop.seconds(0.5)
    key(shutter, down=False)
    loop.seconds(0.3)
    scene = loop.scene
    dx = round(scene.turn_rad / scene.live.rad_per_px)  # the face onto the left third
    for _ in range(10):
        pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(0, 0), rel=(dx // 10, 0), buttons=(0, 0, 0)))
        loop.frames(2)
    loop.seconds(0.3)
    key(shutter)
    loop.seconds(0.6)
    key(shutter, down=False)


def drill_to_panel(app: App, brand: str, mistake: str | None) -> Loop:
    loop = Loop(app, SetupDrillScene(brand))
    loop.frames(2)
    walk_with_keys(loop, plan(get_spec(brand), mistake=mistake))
    assert isinstance(loop.scene, SetupScoreScene)
    return loop


def test_af_left_on_the_shutter_refocuses_the_second_frame_on_the_background(app_for):
    app = app_for("canon")
    loop = drill_to_panel(app, "canon", "leave-af-on-shutter")
    play_test_shot(loop, app)
    verify = loop.scene
    assert isinstance(verify, VerifyScene)
    assert verify.setup.mode == Mapping(af_on_half_press=True, af_on_rear_button=True)
    # The screen does not give the set-up away: the frames show it.
    assert verify.live.hud.mapping_label == "YOUR SET-UP" and "refocus" not in verify.mapping_words(app)
    assert not any("focus" in h for h in verify.live.hints)
    assert all(verify.checklist.done.values()), verify.checklist.done
    first, second = (p.row for p in verify.live.photos)
    assert first["hit"], "the first frame is where focus was set: sharp"
    assert not second["hit"]
    assert second["af_object"] == -1, "the shutter press refocused on the background"
    assert 1 / second["lens_D"] == pytest.approx(12.0, rel=0.02)
    loop.seconds(1.5)  # the test ends by itself after the second frame
    review = loop.scene
    assert isinstance(review, ReviewScene)
    assert review.selected == 1, "the review opens on the refocused frame"
    assert "AF is still on the shutter button" in review.note and "background at 12 m" in review.note
    loop.tap(pygame.K_RETURN)
    panel = loop.scene
    assert isinstance(panel, SetupScoreScene) and panel.outcome is not None
    assert not panel.test_ok and not panel.score.correct


@pytest.mark.parametrize("brand", BRAND_IDS, ids=BRAND_IDS)
def test_a_correct_set_up_keeps_both_frames_on_the_face(brand, app_for):
    app = app_for(brand)
    loop = drill_to_panel(app, brand, None)
    play_test_shot(loop, app)
    verify = loop.scene
    assert verify.setup.mode == MODES["bbf"]
    assert [bool(p.row["hit"]) for p in verify.live.photos] == [True, True]
    loop.seconds(1.5)
    assert isinstance(loop.scene, ReviewScene)
    assert "both frames are sharp" in loop.scene.note
    loop.tap(pygame.K_RETURN)
    assert loop.scene.test_ok and loop.scene.score.correct


def test_back_into_the_menu_from_the_panel_carries_on_the_same_drill(app_for):
    app = app_for("nikon")
    loop = drill_to_panel(app, "nikon", "leave-af-on-shutter")
    drill_scene = loop.scene.drill_scene
    steps = len(drill_scene.drill.history)
    loop.tap(pygame.K_m)
    assert loop.scene is drill_scene and drill_scene.drill.view().menu_open
    assert len(drill_scene.drill.history) == steps + 1


def test_the_verify_scene_ignores_the_mapping_switch(app_for):
    app = app_for("fujifilm")
    loop = drill_to_panel(app, "fujifilm", "leave-af-on-shutter")
    loop.tap(pygame.K_RETURN)
    loop.frames(2)
    loop.tap(pygame.K_m)  # on a plain level this plays the other mapping
    assert isinstance(loop.scene, VerifyScene) and loop.scene.setup.mode == Mapping(True, True)
    loop.tap(pygame.K_r)  # restart: the same test, not a plain PlayScene
    assert isinstance(loop.scene, VerifyScene)


# --- names, per brand -------------------------------------------------------------------------------

AF_NAMES = {
    "canon": ("One-Shot", "AI Servo"),
    "nikon": ("AF-S", "AF-C"),
    "sony": ("AF-S", "AF-C"),
    "fujifilm": ("S", "C"),
}


def _hud(level, mode, brand) -> Hud:
    sim = Simulator()
    sim.reset(level, 0, mode)
    from bbf_sim.ui.text import TextCache

    layout = ViewfinderLayout.for_window(960, 540, sim.sensor)
    return Hud(sim, layout, TextCache(), mode, brand)


@pytest.mark.parametrize("brand", BRAND_IDS, ids=BRAND_IDS)
def test_hud_names_the_af_modes_and_rear_button_as_the_body_does(brand, app_for):
    app_for(brand)  # a display for the text cache
    b = get_brand(brand)
    single = verification_level(b)
    continuous = single.model_copy(update={"af": single.af.model_copy(update={"mode": "af-c"})})
    assert _hud(single, "bbf", b).af_label == AF_NAMES[brand][0]
    assert _hud(continuous, "bbf", b).af_label == AF_NAMES[brand][1]
    hud = _hud(single, "bbf", b)
    assert hud.mapping_label == f"BBF ({b.rear_button})"
    assert hud.labels[2] == b.rear_button
    assert _hud(single, Mapping(True, True), b).mapping_label == f"SHUTTER+{b.rear_button} AF"
    assert _hud(single, "shutter", b).mapping_label == "SHUTTER AF"


def test_hud_without_a_brand_keeps_the_generic_names(app_for):
    app_for(None)
    level = verification_level(None)
    hud = _hud(level, "shutter", None)
    assert hud.af_label == "AF-S" and hud.labels[2] == "AF-ON"


def test_info_line_draws_the_brand_names(app_for):
    app = app_for("canon")
    scene = PlayScene(PlaySetup(level=verification_level(app.brand), mode=Mapping(True, True), start_paused=False))
    loop = Loop(app, scene)
    loop.frames(3)
    assert scene.live.hud.af_label == "One-Shot"
    hints = " | ".join(scene.live.hints)
    assert "AF-ON: focus" in hints and "half: focus" in hints, "both buttons focus on this set-up"


@pytest.mark.parametrize(
    ("mode", "words"),
    [
        pytest.param("bbf", "back-button focus", id="bbf"),
        pytest.param("shutter", "half-press of the shutter-release button", id="shutter"),
        pytest.param(Mapping(True, True), "every press of the shutter-release button refocuses", id="both"),
        pytest.param(Mapping(False, False), "no button starts AF", id="none"),
    ],
)
def test_mapping_named_in_the_brands_words(mode, words):
    assert words in mapping_long(mode, BRANDS["nikon"])
    assert mapping_short(mode, None)


# --- pure pieces -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "stars"),
    [
        pytest.param((False, False, 9, 9, 0), 0, id="wrong-set-up"),
        pytest.param((True, False, 9, 9, 0), 1, id="test-missed"),
        pytest.param((True, True, 9, 9, 0), 3, id="straight-there"),
        pytest.param((True, True, 20, 9, 0), 2, id="long-walk"),
        pytest.param((True, True, 12, 9, 2), 2, id="two-wrong-turns"),
        pytest.param((True, True, 30, 9, 5), 1, id="lost"),
    ],
)
def test_rating(args, stars):
    assert rating(*args)[0] == stars


def test_note_for_a_body_with_no_af_button_says_so():
    frames = np.zeros(2, dtype=[("hit", bool), ("af_object", int), ("target", int), ("lens_D", float)])
    frames["lens_D"] = 0.1
    note = explain_test(Mapping(False, False), BRANDS["sony"], frames, ("Nothing focuses.", "Fix it."))
    assert note == "Nothing focuses. Fix it."


def pad_tap(loop: Loop, button: int) -> None:
    pad_button(button)
    loop.frames(1)
    pad_button(button, down=False)
    loop.frames(2)


def test_the_score_panel_and_the_test_shot_with_a_pad_alone(app_for):
    """Score panel → test shot (A) → pause (Start) → end (Back) → review (A) → score panel → leave (B)."""
    app = app_for("canon")
    loop = drill_to_panel(app, "canon", None)
    assert isinstance(loop.scene, SetupScoreScene)
    pad_tap(loop, pygame.CONTROLLER_BUTTON_A)
    assert isinstance(loop.scene, VerifyScene)
    pad_tap(loop, pygame.CONTROLLER_BUTTON_A)  # the Ready card: start
    assert loop.scene.live.started and not loop.scene.live.paused
    pad_tap(loop, pygame.CONTROLLER_BUTTON_START)
    assert loop.scene.live.paused
    pad_tap(loop, pygame.CONTROLLER_BUTTON_BACK)  # end and review
    assert isinstance(loop.scene, ReviewScene)
    pad_tap(loop, pygame.CONTROLLER_BUTTON_A)
    assert isinstance(loop.scene, SetupScoreScene) and loop.scene.outcome is not None
    pad_tap(loop, pygame.CONTROLLER_BUTTON_START)  # back into the menu
    assert loop.scene.drill.view().menu_open
