"""The real play loop, driven by posted key, mouse and gamepad events: the mappings' semantics arrive intact."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.core.controls import Button
from bbf_sim.persistence.settings_file import PAD_BUTTONS
from tests.ui.helpers import (
    joy_axis,
    joy_button,
    key,
    make_app,
    mouse_button,
    pad_axis,
    pad_button,
    run_for,
    run_frames,
    start_play,
)


class OnKey:
    """Press (or release) a key; named for the test's id."""

    def __init__(self, k: int):
        self.k = k

    def __call__(self, down: bool = True) -> None:
        key(self.k, down)

    def __str__(self) -> str:
        return f"key-{pygame.key.name(self.k)}"


class OnPad(OnKey):
    """Press (or release) a game controller's button (`pygame.CONTROLLER_BUTTON_*`)."""

    def __call__(self, down: bool = True) -> None:
        pad_button(self.k, down)

    def __str__(self) -> str:
        return f"pad-{PAD_BUTTONS[self.k]}"


@pytest.fixture
def app():
    a = make_app()
    yield a
    a.close()


def test_half_press_focuses_in_shutter_mode(app):
    scene = start_play(app, mode="shutter")
    key(pygame.K_LSHIFT)
    run_for(app, scene, 0.6)
    snap = scene.live.snap
    assert snap.half[0] and not snap.full[0]
    assert snap.af_engaged[0]
    assert snap.af_confirmed[0], "the vase is under the centre point: AF-S confirms"
    assert snap.frames_fired[0] == 0


def test_half_press_only_meters_in_bbf_mode(app):
    scene = start_play(app, mode="bbf")
    key(pygame.K_LSHIFT)
    run_for(app, scene, 0.6)
    assert scene.live.snap.half[0]
    assert not scene.live.snap.af_engaged[0]


def test_full_press_fires_without_focusing_in_bbf_mode(app):
    scene = start_play(app, mode="bbf")
    key(pygame.K_SPACE)
    run_for(app, scene, 0.3)
    snap = scene.live.snap
    assert snap.full[0]
    assert not snap.af_engaged[0]
    assert snap.frames_fired[0] == 1
    assert len(scene.live.photos) == 1


def test_full_press_focuses_then_fires_in_shutter_mode(app):
    scene = start_play(app, mode="shutter")
    key(pygame.K_SPACE)
    run_for(app, scene, 0.6)
    snap = scene.live.snap
    assert snap.af_engaged[0] and snap.af_confirmed[0]
    assert snap.frames_fired[0] == 1
    # Focus priority: the frame waited for confirmation, so it is sharp.
    assert scene.live.photos[0].row["hit"]


# A pad SDL knows: its right shoulder by SDL's standard layout, whatever the pad.
@pytest.mark.parametrize("af_on", [OnKey(pygame.K_f), OnPad(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)], ids=str)
def test_af_on_focuses_in_bbf_mode_and_does_nothing_in_shutter_mode(app, af_on):
    scene = start_play(app, mode="bbf")
    af_on()
    run_for(app, scene, 0.6)
    assert scene.live.snap.af_on[0] and scene.live.snap.af_engaged[0] and scene.live.snap.af_confirmed[0]
    af_on(down=False)
    run_for(app, scene, 0.1)
    assert not scene.live.snap.af_on[0] and not scene.live.snap.af_engaged[0]
    locked_D = float(scene.live.snap.lens_D[0])
    assert locked_D == pytest.approx(1 / 3.0, abs=0.01), "the lens stays on the vase after AF-ON is let go"

    other = start_play(app, mode="shutter")
    af_on()
    run_for(app, other, 0.6)
    assert other.live.snap.af_on[0] and not other.live.snap.af_engaged[0]


def test_mouse_buttons_are_half_press_and_shutter(app):
    scene = start_play(app, mode="shutter")
    mouse_button(3)
    run_for(app, scene, 0.6)
    assert scene.live.snap.half[0] and scene.live.snap.af_confirmed[0]
    mouse_button(1)
    run_for(app, scene, 0.2)
    assert scene.live.snap.frames_fired[0] == 1


def test_two_inputs_on_one_button_hold_it_until_both_let_go(app):
    scene = start_play(app, mode="bbf")
    key(pygame.K_LSHIFT)
    mouse_button(3)
    run_for(app, scene, 0.1)
    key(pygame.K_LSHIFT, down=False)
    run_for(app, scene, 0.1)
    assert scene.live.snap.half[0], "the right mouse button still holds the half-press"
    mouse_button(3, down=False)
    run_for(app, scene, 0.1)
    assert not scene.live.snap.half[0]


@pytest.mark.parametrize(
    "pull",
    [
        # A pad SDL knows: the standard layout's right trigger, resting at 0, fully pulled at 32767.
        lambda share: pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, round(share * 32767)),
        # A raw device (fallback): axis 5, resting at −1, fully pulled at +1.
        lambda share: joy_axis(5, 2 * share - 1),
    ],
    ids=["controller-right-trigger", "raw-axis-5"],
)
def test_gamepad_trigger_is_a_two_stage_shutter(app, pull):
    scene = start_play(app, mode="shutter")
    pull(0.1)  # a finger resting on it: nothing
    run_for(app, scene, 0.2)
    assert not scene.live.snap.half[0] and not scene.live.snap.full[0]
    pull(0.5)  # half way: the first stage
    run_for(app, scene, 0.6)
    snap = scene.live.snap
    assert snap.half[0] and not snap.full[0] and snap.af_confirmed[0]
    assert snap.frames_fired[0] == 0
    pull(1.0)  # all the way
    run_for(app, scene, 0.2)
    assert scene.live.snap.full[0] and scene.live.snap.half[0] and scene.live.snap.frames_fired[0] == 1
    pull(0.0)  # let go
    run_for(app, scene, 0.1)
    assert not scene.live.snap.half[0] and not scene.live.snap.full[0]


def test_gamepad_shoulder_is_af_on(app):
    scene = start_play(app, mode="bbf")
    joy_button(5)
    run_for(app, scene, 0.6)
    assert scene.live.snap.af_on[0] and scene.live.snap.af_confirmed[0]


# A pad SDL knows (Xbox, PlayStation, Switch Pro, 8BitDo, ...) arrives as CONTROLLER* events on
# SDL's standard layout: the same names whatever the pad. (Its trigger and AF-ON: above.)


def test_controller_dpad_moves_the_af_point(app):
    scene = start_play(app, mode="bbf")
    col0, row0 = int(scene.live.snap.point_col[0]), int(scene.live.snap.point_row[0])
    for button in (pygame.CONTROLLER_BUTTON_DPAD_LEFT, pygame.CONTROLLER_BUTTON_DPAD_UP):
        pad_button(button)
        pad_button(button, down=False)
    run_for(app, scene, 0.05)
    assert (int(scene.live.snap.point_col[0]), int(scene.live.snap.point_row[0])) == (col0 - 1, row0 - 1)
    pad_button(pygame.CONTROLLER_BUTTON_DPAD_RIGHT)
    pad_button(pygame.CONTROLLER_BUTTON_DPAD_RIGHT, down=False)
    run_for(app, scene, 0.05)
    assert int(scene.live.snap.point_col[0]) == col0


def test_controller_stick_aims_the_camera(app):
    scene = start_play(app, mode="bbf")
    yaw0 = float(scene.live.snap.yaw_rad[0])
    pad_axis(pygame.CONTROLLER_AXIS_LEFTX, 32767)
    run_for(app, scene, 0.2)
    assert app.input.stick["aim_x"] == pytest.approx(1.0)
    assert float(scene.live.snap.yaw_rad[0]) > yaw0
    pad_axis(pygame.CONTROLLER_AXIS_LEFTX, 1000)  # back inside the dead zone
    run_for(app, scene, 0.05)
    assert app.input.stick["aim_x"] == 0.0


def test_a_game_controllers_raw_joystick_events_are_not_read_twice(app):
    # SDL sends a known pad's raw JOY* events too, numbered its own way (on a PlayStation pad
    # under SDL's own driver, raw button 5 is the PS button): only the CONTROLLER* ones count.
    app.input._controller_ids = {0}
    scene = start_play(app, mode="bbf")
    joy_button(5)
    joy_axis(5, 1.0)
    run_for(app, scene, 0.3)
    assert not scene.live.snap.af_on[0] and not scene.live.snap.full[0] and scene.live.snap.frames_fired[0] == 0
    pad_button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)
    run_for(app, scene, 0.1)
    assert scene.live.snap.af_on[0]


def test_unplugging_a_gamepad_lets_go_of_what_it_held(app):
    scene = start_play(app, mode="bbf")
    pad_button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)
    pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 16384)
    key(pygame.K_LSHIFT)
    run_for(app, scene, 0.1)
    assert scene.live.snap.af_on[0] and scene.live.snap.half[0]
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERDEVICEREMOVED, instance_id=0))
    run_for(app, scene, 0.1)
    assert not scene.live.snap.af_on[0]
    assert scene.live.snap.half[0], "the keyboard's half-press is still held"


def test_arrow_keys_move_the_af_point(app):
    scene = start_play(app, mode="bbf")
    col0 = int(scene.live.snap.point_col[0])
    key(pygame.K_LEFT)
    key(pygame.K_LEFT, down=False)
    key(pygame.K_UP)
    run_for(app, scene, 0.05)
    assert int(scene.live.snap.point_col[0]) == col0 - 1
    assert int(scene.live.snap.point_row[0]) == scene.live.sim.grid.rows // 2 - 1


def test_presses_carry_the_time_they_were_read_not_the_frame_time(app):
    scene = start_play(app, mode="bbf")
    run_for(app, scene, 0.25)
    app.clock.advance(0.0037)  # read between frames, as the loop does while it waits
    key(pygame.K_SPACE)
    app.input.poll()
    expected = app.now() - scene.live.zero_s
    scene.update(app)
    run_frames(app, scene, 40)
    frames = scene.live.sim.frames()
    assert len(frames) == 1
    lag = scene.live.sim.shutter_lag_s
    assert frames["t_s"][0] == pytest.approx(expected + lag, abs=1e-9)


def test_mouse_moves_pan_the_camera(app):
    scene = start_play(app, mode="bbf")
    yaw0 = float(scene.live.snap.yaw_rad[0])
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=(0, 0), rel=(50, 0), buttons=(0, 0, 0)))
    run_for(app, scene, 0.05)
    expected = 50 * scene.live.rad_per_px
    assert float(scene.live.snap.yaw_rad[0]) - yaw0 == pytest.approx(expected, rel=1e-6)


@pytest.mark.parametrize("pause", [OnKey(pygame.K_ESCAPE), OnPad(pygame.CONTROLLER_BUTTON_START)], ids=str)
def test_pause_stops_the_level_clock(app, pause):
    scene = start_play(app, mode="bbf")
    run_for(app, scene, 0.2)
    pause()
    pause(down=False)
    run_for(app, scene, 0.5)
    t_paused = scene.live.sim.t_s
    run_for(app, scene, 0.5)
    assert scene.live.sim.t_s == t_paused
    pause()
    run_for(app, scene, 0.25)
    assert scene.live.sim.t_s == pytest.approx(t_paused + 0.25, abs=0.02)


def test_button_states_follow_the_enum():
    # The adapter's action names are the core's button names: a renamed button must fail here.
    from bbf_sim.ui.input import ACTION_BUTTONS

    assert ACTION_BUTTONS["half"] is Button.HALF and ACTION_BUTTONS["af_on"] is Button.AF_ON
    assert np.all([name == b.name.lower() for name, b in ACTION_BUTTONS.items()])
