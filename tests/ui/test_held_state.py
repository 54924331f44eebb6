"""Held buttons are re-read from the devices after a pause, a focus loss and a screen change.

The case from issue 16: in sports with AF-ON and the shutter held, Esc, release both,
Enter: the burst must stop and the lamps go out (it used to keep firing, 6 frames
becoming 21 in 1.5 s, until the key was pressed again).
"""

from __future__ import annotations

import json

import pygame
import pytest

from bbf_sim.cli import main
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup
from tests.ui.helpers import key, make_app, pad_axis, pad_button, run_for, start_play


@pytest.fixture
def app():
    a = make_app()
    yield a
    a.close()


def held_lamps(snap) -> tuple[bool, bool, bool]:
    """The simulator's held half-press, shutter and AF-ON (what the finder's lamps show)."""
    return bool(snap.half[0]), bool(snap.full[0]), bool(snap.af_on[0])


HELD_FULL_AND_AF_ON = (False, True, True)


def test_keys_let_go_while_paused_are_let_go_on_resume(app):
    scene = start_play(app, "sports-obstruction", mode="bbf")
    key(pygame.K_f)
    key(pygame.K_SPACE)
    run_for(app, scene, 0.5)
    fired = int(scene.live.snap.frames_fired[0])
    assert fired >= 3, "10 frames a second for half a second"
    assert held_lamps(scene.live.snap) == HELD_FULL_AND_AF_ON
    key(pygame.K_ESCAPE)
    run_for(app, scene, 0.1)
    key(pygame.K_f, down=False)
    key(pygame.K_SPACE, down=False)
    run_for(app, scene, 0.2)
    key(pygame.K_RETURN)
    key(pygame.K_RETURN, down=False)
    run_for(app, scene, 1.5)
    assert not scene.live.paused
    assert int(scene.live.snap.frames_fired[0]) == fired, "no frame after resume: the shutter was let go"
    assert held_lamps(scene.live.snap) == (False, False, False)
    assert not scene.live.snap.af_engaged[0]


def test_a_pad_trigger_and_button_let_go_while_paused(app):
    scene = start_play(app, "sports-obstruction", mode="bbf")
    pad_button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER)  # AF-ON
    pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 32767)  # the shutter, both stages
    run_for(app, scene, 0.5)
    fired = int(scene.live.snap.frames_fired[0])
    assert fired >= 3 and held_lamps(scene.live.snap) == (True, True, True), "the trigger's first stage is the half"
    pad_button(pygame.CONTROLLER_BUTTON_START)
    pad_button(pygame.CONTROLLER_BUTTON_START, down=False)
    run_for(app, scene, 0.1)
    assert scene.live.paused
    pad_button(pygame.CONTROLLER_BUTTON_RIGHTSHOULDER, down=False)
    pad_axis(pygame.CONTROLLER_AXIS_TRIGGERRIGHT, 0)
    run_for(app, scene, 0.2)
    pad_button(pygame.CONTROLLER_BUTTON_A)
    pad_button(pygame.CONTROLLER_BUTTON_A, down=False)
    run_for(app, scene, 1.5)
    assert not scene.live.paused
    assert int(scene.live.snap.frames_fired[0]) == fired
    assert held_lamps(scene.live.snap) == (False, False, False)


def test_a_release_nobody_saw_is_read_from_the_device_on_resume(app):
    """Keys let go in another window send no KEYUP: the keyboard itself is asked on resume.

    SDL's dummy keyboard holds nothing, so a KEYDOWN posted without its KEYUP is a key
    the device has since let go."""
    scene = start_play(app, "sports-obstruction", mode="bbf")
    key(pygame.K_f)
    key(pygame.K_SPACE)
    run_for(app, scene, 0.5)
    fired = int(scene.live.snap.frames_fired[0])
    key(pygame.K_ESCAPE)
    run_for(app, scene, 0.2)
    key(pygame.K_RETURN)
    run_for(app, scene, 1.0)
    assert int(scene.live.snap.frames_fired[0]) == fired
    assert held_lamps(scene.live.snap) == (False, False, False)


def test_a_focus_loss_pauses_and_lets_go_of_everything(app):
    scene = start_play(app, "sports-obstruction", mode="bbf")
    key(pygame.K_f)
    key(pygame.K_SPACE)
    run_for(app, scene, 0.5)
    fired = int(scene.live.snap.frames_fired[0])
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSLOST, window=None))
    run_for(app, scene, 0.3)
    assert scene.live.paused
    assert not app.input.held("full") and not app.input.held("af_on")
    pygame.event.post(pygame.event.Event(pygame.WINDOWFOCUSGAINED, window=None))
    key(pygame.K_RETURN)
    run_for(app, scene, 1.0)
    assert int(scene.live.snap.frames_fired[0]) == fired
    assert held_lamps(scene.live.snap) == (False, False, False)


def test_a_screen_change_reads_the_devices_again(app):
    key(pygame.K_f)
    app.input.poll()
    assert app.input.held("af_on")
    level = load_level(resolve_level_path("control-static"))
    app.enter(PlayScene(PlaySetup(level=level, mode="bbf")))
    assert not app.input.held("af_on"), "the keyboard holds nothing now"


def test_the_sports_pause_case_by_script(tmp_path, capsys):
    lines = [
        {"t": 0.2, "type": "key_down", "key": "return"},  # Ready → play
        {"t": 0.25, "type": "key_up", "key": "return"},
        {"t": 0.5, "type": "key_down", "key": "f"},
        {"t": 0.5, "type": "key_down", "key": "space"},
        {"t": 1.1, "type": "key_down", "key": "escape"},
        {"t": 1.15, "type": "key_up", "key": "escape"},
        {"t": 1.3, "type": "key_up", "key": "f"},
        {"t": 1.3, "type": "key_up", "key": "space"},
        {"t": 1.6, "type": "key_down", "key": "return"},
        {"t": 1.65, "type": "key_up", "key": "return"},
        {"t": 3.1, "type": "quit"},
    ]
    path = tmp_path / "pause.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines))
    args = ["play", "sports-obstruction", "--mode", "bbf", "--seed", "3", "--input-script", str(path), "--json"]
    assert main([*args, "--data-dir", str(tmp_path / "d")]) == 0
    [attempt] = json.loads(capsys.readouterr().out)["attempts"]
    # The shutter was held about 0.6 s at 10 frames a second (the first after AF's latency):
    # 5 to 7 frames, and none in the 1.5 s after resume (it was 21 frames in all).
    assert 5 <= attempt["frames"] <= 7
    assert attempt["abandoned"] is True
