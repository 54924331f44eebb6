"""Remapped bindings work, and survive a restart (saved to the settings file and loaded again)."""

from __future__ import annotations

import json

import pygame

from bbf_sim.persistence.settings_file import SETTINGS_FILE, load_settings
from bbf_sim.practice.session import GameContext
from bbf_sim.ui.input import InputAdapter, load_bindings, remap, save_bindings
from bbf_sim.ui.scenes.settings import SettingsScene
from tests.ui.helpers import joy_axis, joy_button, key, make_app, pad_axis, pad_button, run_for, run_frames, start_play

# What bbf-sim wrote before it read gamepads as game controllers (settings version 1):
# the defaults, raw joystick numbers and all, with the player's AF-ON moved to raw button 4.
VERSION_1_FILE = {
    "version": 1,
    "key_bindings": {
        "half": ["key:left shift", "mouse:3"],
        "full": ["key:space", "mouse:1", "joy:axis:5"],
        "af_on": ["key:f", "mouse:6", "joy:button:4"],
        "point_left": ["key:left"],
        "point_right": ["key:right"],
        "point_up": ["key:up"],
        "point_down": ["key:down"],
        "point_centre": ["key:c"],
        "pause": ["key:escape", "key:p", "joy:button:7"],
        "aim_x": ["joy:axis:0", "joy:axis:3"],
        "aim_y": ["joy:axis:1", "joy:axis:4"],
    },
    "window_width_px": 1280,
    "window_height_px": 720,
    "fullscreen": False,
    "volume": 0.8,
    "brand": "nikon",
    "last_mode": "bbf",
}


def test_remapped_shutter_key_works_after_a_restart(tmp_path):
    bindings, notices = load_bindings(tmp_path)
    assert notices == []
    bindings = remap(bindings, "full", "key:k")
    save_bindings(tmp_path, bindings)

    # A new session: bindings come from the file, not from memory.
    loaded, _ = load_bindings(tmp_path)
    assert loaded["full"] == ["key:k"]
    app = make_app(loaded)
    try:
        scene = start_play(app, mode="bbf")
        key(pygame.K_SPACE)  # no longer the shutter
        run_for(app, scene, 0.2)
        assert scene.live.snap.frames_fired[0] == 0
        key(pygame.K_k)
        run_for(app, scene, 0.2)
        assert scene.live.snap.frames_fired[0] == 1
    finally:
        app.close()


def test_remap_takes_the_input_away_from_its_old_action():
    bindings = {"half": ["key:s"], "full": ["key:space"], "af_on": ["key:f"]}
    out = remap(bindings, "af_on", "key:s")
    assert out["half"] == [] and out["af_on"] == ["key:s"]
    assert bindings["half"] == ["key:s"], "the original table is not changed"


def test_saving_bindings_keeps_the_other_settings(tmp_path):
    from bbf_sim.persistence.settings_file import Settings, load_settings, save_settings

    save_settings(tmp_path, Settings(volume=0.3, brand="nikon"))
    save_bindings(tmp_path, remap(load_bindings(tmp_path)[0], "af_on", "mouse:6"))
    settings, _ = load_settings(tmp_path)
    assert settings.volume == 0.3 and settings.brand == "nikon"
    assert "mouse:6" in settings.key_bindings["af_on"]


def test_events_are_stamped_when_read():
    pygame.display.init()
    now = [12.5]
    adapter = InputAdapter({"full": ["key:space"]}, clock=lambda: now[0])
    pygame.event.clear()
    key(pygame.K_SPACE)
    adapter.poll()
    now[0] = 13.0
    adapter.poll()
    controls = adapter.take().controls
    assert [(c.t_s, c.pressed) for c in controls] == [(12.5, True)]


def test_remapped_controller_button_works_after_a_restart(tmp_path):
    bindings = remap(load_bindings(tmp_path)[0], "af_on", "pad:left_shoulder")
    save_bindings(tmp_path, bindings)

    loaded, notices = load_bindings(tmp_path)
    assert notices == [] and "pad:left_shoulder" in loaded["af_on"]
    app = make_app(loaded)
    try:
        scene = start_play(app, mode="bbf")
        pad_button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)  # the default, replaced
        run_for(app, scene, 0.2)
        assert not scene.live.snap.af_on[0]
        pad_button(pygame.CONTROLLER_BUTTON_LEFTSHOULDER)
        run_for(app, scene, 0.6)
        assert scene.live.snap.af_on[0] and scene.live.snap.af_confirmed[0]
    finally:
        app.close()


def _settings_scene(app, data_dir):
    scene = SettingsScene(GameContext(data_dir=data_dir))
    scene.enter(app)
    return scene


def _listen_for(app, scene, action: str, post) -> None:
    """Choose `action`'s row, press Enter, then do `post()` (the new input) through the real loop."""
    from bbf_sim.ui.scenes.settings import ACTIONS

    scene.row = [a for a, _ in ACTIONS].index(action)
    key(pygame.K_RETURN)
    key(pygame.K_RETURN, down=False)
    run_frames(app, scene, 1)
    assert scene.listening == action
    post()
    run_frames(app, scene, 1)
    assert scene.listening is None


def test_settings_screen_captures_a_controller_button_and_trigger_and_they_survive_a_restart(tmp_path):
    app = make_app(load_bindings(tmp_path)[0])
    try:
        scene = _settings_scene(app, tmp_path)
        _listen_for(app, scene, "af_on", lambda: pad_button(pygame.CONTROLLER_BUTTON_LEFTSHOULDER))
        af_on = scene.bindings["af_on"]
        assert af_on[0] == "pad:left_shoulder" and "pad:right_shoulder" not in af_on
        assert "key:f" in af_on and "joy:button:5" in af_on, "the other kinds of input stay"
        # A trigger is captured when pulled all the way (a stick is never captured).
        _listen_for(
            app,
            scene,
            "full",
            lambda: (
                pad_axis(pygame.CONTROLLER_AXIS_LEFTX, 32767),
                pad_axis(pygame.CONTROLLER_AXIS_TRIGGERLEFT, 32767),
            ),
        )
        assert scene.bindings["full"][0] == "pad:left_trigger" and "pad:right_trigger" not in scene.bindings["full"]
        assert "Saved to" in scene.message
    finally:
        app.close()

    loaded, notices = load_bindings(tmp_path)
    assert notices == [] and loaded["full"][0] == "pad:left_trigger" and loaded["af_on"][0] == "pad:left_shoulder"
    app = make_app(loaded)
    try:
        scene = start_play(app, mode="bbf")
        pad_axis(pygame.CONTROLLER_AXIS_TRIGGERLEFT, 32767)
        run_for(app, scene, 0.3)
        assert scene.live.snap.full[0] and scene.live.snap.frames_fired[0] == 1
        pad_button(pygame.CONTROLLER_BUTTON_LEFTSHOULDER)
        run_for(app, scene, 0.6)
        assert scene.live.snap.af_on[0] and scene.live.snap.af_confirmed[0]
    finally:
        app.close()


def test_a_version_1_settings_file_with_joystick_bindings_still_loads_and_plays(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(json.dumps(VERSION_1_FILE))
    bindings, notices = load_bindings(tmp_path)
    assert notices == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE], "not set aside"
    assert load_settings(tmp_path)[0].brand == "nikon", "the other settings kept"
    # Each raw number gains the control it stood for; the raw one stays for raw devices.
    assert bindings["full"] == ["key:space", "mouse:1", "pad:right_trigger", "joy:axis:5"]
    assert bindings["af_on"] == ["key:f", "mouse:6", "pad:left_shoulder", "joy:button:4"]
    assert bindings["pause"] == ["key:escape", "key:p", "pad:start", "joy:button:7"]
    assert bindings["aim_x"] == ["pad:left_x", "joy:axis:0", "pad:right_x", "joy:axis:3"]
    assert bindings["point_up"] == ["key:up", "pad:dpad_up"], "the d-pad was always the AF point's"

    app = make_app(bindings)
    try:
        scene = start_play(app, mode="bbf")
        row0 = int(scene.live.snap.point_row[0])
        pad_button(pygame.CONTROLLER_BUTTON_LEFTSHOULDER)
        pad_button(pygame.CONTROLLER_BUTTON_DPAD_UP)
        pad_button(pygame.CONTROLLER_BUTTON_DPAD_UP, down=False)
        run_for(app, scene, 0.6)
        assert scene.live.snap.af_on[0] and int(scene.live.snap.point_row[0]) == row0 - 1
        pad_button(pygame.CONTROLLER_BUTTON_LEFTSHOULDER, down=False)
        pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 32767)
        run_for(app, scene, 0.3)
        assert scene.live.snap.frames_fired[0] == 1
        # A raw device (no controller mapping) still works through the same file's raw numbers.
        pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 0)
        joy_button(4)
        joy_axis(5, 1.0)
        run_for(app, scene, 0.3)
        assert scene.live.snap.af_on[0] and scene.live.snap.frames_fired[0] == 2
    finally:
        app.close()


def test_menus_answer_a_controllers_buttons():
    from bbf_sim.ui.scenes.setup_drill import DRILL_VERBS, SWITCH_BODY
    from bbf_sim.ui.verbs import VERBS_OF_INPUT, Verb

    def verbs(binding):
        return VERBS_OF_INPUT.get(binding, ())

    assert (verbs("pad:a"), verbs("pad:b"), verbs("pad:dpad_down")) == ((Verb.OK,), (Verb.BACK,), (Verb.DOWN,))
    assert verbs("joy:button:0") == (Verb.OK,) and verbs("joy:hat:up") == (Verb.UP,), "a raw pad works the menus"
    assert {Verb.OK, Verb.MENU} <= set(DRILL_VERBS) and Verb.MENU in verbs("pad:start")
    assert SWITCH_BODY in verbs("pad:right_shoulder")


def test_pad_buttons_are_named_the_same_everywhere():
    """One label table: the settings chips, the hints and the play screen's help agree."""
    from bbf_sim.ui.verbs import Verb, binding_label, control_label, hints, verb_label

    assert binding_label("pad:right_shoulder") == "RB" and binding_label("pad:right_trigger") == "RT"
    assert binding_label("pad:a") == verb_label(Verb.OK, pad=True) == "A"
    assert hints([(Verb.OK, "start"), (Verb.BACK, "back")], pad=True) == "A: start    B: back"
    assert hints([(Verb.OK, "start"), (Verb.BACK, "back")]) == "Enter: start    Esc: back"
    defaults = {"full": ["key:space", "pad:right_trigger"], "af_on": ["key:f", "pad:right_shoulder"], "half": []}
    assert control_label(defaults, "af_on", pad=True) == "RB"
    assert control_label(defaults, "half", pad=True) == "RT part way"
    assert control_label(defaults, "full") == "Space"
