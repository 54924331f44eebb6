"""Closing the window mid-level keeps the attempt; Esc on the menu asks first; aim sensitivity is a setting."""

from __future__ import annotations

import json

import pygame
import pytest

from bbf_sim.cli import main
from bbf_sim.persistence.history import History
from bbf_sim.persistence.settings_file import Settings, load_settings, save_settings
from tests.ui.helpers import FRAME_S, key, make_app, run_for, start_play


def run_json(tmp_path, capsys, lines, *args):
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines))
    assert main(["play", *args, "--seed", "2", "--input-script", str(path), "--json", "--data-dir", str(tmp_path)]) == 0
    return json.loads(capsys.readouterr().out)


def stored_attempts(data_dir):
    with History.open(data_dir) as history:
        return history.attempts()


START = [{"t": 0.2, "type": "key_down", "key": "return"}, {"t": 0.25, "type": "key_up", "key": "return"}]
FIRE = [{"t": 1.0, "type": "key_down", "key": "space"}, {"t": 1.5, "type": "key_up", "key": "space"}]


@pytest.mark.parametrize(
    "way_out",
    [
        [{"t": 2.0, "type": "quit"}],
        [{"t": 2.0, "type": "key_down", "key": "escape"}, {"t": 2.3, "type": "quit"}],
        [{"t": 2.0, "type": "key_down", "key": "escape"}, {"t": 2.3, "type": "key_down", "key": "q"}],
    ],
    ids=["close-while-playing", "close-while-paused", "esc-then-q"],
)
def test_every_way_out_of_a_level_keeps_the_attempt_as_abandoned(tmp_path, capsys, way_out):
    out = run_json(tmp_path, capsys, START + FIRE + way_out, "control-static")
    [attempt] = out["attempts"]
    assert attempt["abandoned"] is True and attempt["frames"] >= 1
    [stored] = stored_attempts(tmp_path)
    assert not stored.completed, "stored as abandoned: left out of hit rates"
    assert stored.level_id == "control-static"


def test_closing_the_window_on_the_ready_card_keeps_nothing(tmp_path, capsys):
    out = run_json(tmp_path, capsys, [{"t": 0.5, "type": "quit"}], "control-static")
    assert out == {"screens": ["play"], "attempts": []}
    assert stored_attempts(tmp_path) == []


def test_esc_on_the_main_menu_asks_before_quitting(tmp_path, capsys):
    lines = [
        {"t": 0.3, "type": "key_down", "key": "escape"},  # asks
        {"t": 0.6, "type": "key_down", "key": "escape"},  # stay
        {"t": 0.9, "type": "key_down", "key": "return"},  # Play: the menu was not left
        {"t": 1.3, "type": "key_down", "key": "escape"},  # level select → menu
        {"t": 1.6, "type": "key_down", "key": "escape"},  # asks
        {"t": 1.9, "type": "key_down", "key": "return"},  # quit
        {"t": 5.0, "type": "key_down", "key": "return"},  # never read: the program has ended
    ]
    out = run_json(tmp_path, capsys, lines)
    assert out["screens"] == ["menu", "level_select", "menu"]


def test_old_settings_files_load_with_the_default_sensitivities(tmp_path):
    (tmp_path / "settings.json").write_text('{"version": 2, "volume": 0.5}')
    settings, notices = load_settings(tmp_path)
    assert notices == [] and settings.volume == 0.5
    assert (settings.mouse_sensitivity, settings.stick_sensitivity) == (1.0, 1.0)


def aim_after_mouse(sensitivity: float, dx_px: int = 40) -> float:
    app = make_app()
    try:
        app.options.mouse_sensitivity = sensitivity
        scene = start_play(app)
        yaw0 = float(scene.live.snap.yaw_rad[0])
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEMOTION, pos=(100, 100), rel=(dx_px, 0), buttons=(0, 0, 0), touch=False)
        )
        run_for(app, scene, 0.1)
        return float(scene.live.snap.yaw_rad[0]) - yaw0, scene.live.rad_per_px
    finally:
        app.close()


def test_mouse_sensitivity_scales_the_turn():
    # At 1 the camera turns one pixel's angle of view per pixel: 40 px → 40·rad_per_px.
    turned_1, rad_per_px = aim_after_mouse(1.0)
    assert turned_1 == pytest.approx(40 * rad_per_px, rel=1e-9)
    turned_2, _ = aim_after_mouse(2.5)
    assert turned_2 == pytest.approx(2.5 * 40 * rad_per_px, rel=1e-9)


def test_stick_sensitivity_scales_the_pan_rate():
    turned = []
    for sensitivity in (1.0, 2.0):
        app = make_app()
        try:
            app.options.stick_sensitivity = sensitivity
            scene = start_play(app)
            yaw0 = float(scene.live.snap.yaw_rad[0])
            pygame.event.post(pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=0, axis=0, value=32767))
            run_for(app, scene, 0.5)
            turned.append(float(scene.live.snap.yaw_rad[0]) - yaw0)
        finally:
            app.close()
    assert turned[0] > 0
    assert turned[1] == pytest.approx(2 * turned[0], rel=0.02)


def test_the_settings_screen_changes_and_saves_the_sensitivities(tmp_path):
    from bbf_sim.practice.session import GameContext
    from bbf_sim.ui.scenes.settings import ROW_MOUSE, ROW_STICK, SettingsScene

    save_settings(tmp_path, Settings())
    app = make_app()
    try:
        scene = SettingsScene(GameContext(data_dir=tmp_path))
        scene.enter(app)
        for row, field in ((ROW_MOUSE, "mouse_sensitivity"), (ROW_STICK, "stick_sensitivity")):
            scene.row = row
            for _ in range(3):
                key(pygame.K_RIGHT)
                key(pygame.K_RIGHT, down=False)
                app.input.poll()
                scene.update(app)
                app.clock.advance(FRAME_S)
            assert getattr(load_settings(tmp_path)[0], field) == pytest.approx(1.3)
            assert getattr(app.options, field) == pytest.approx(1.3)
    finally:
        app.close()


def test_waiting_for_a_new_binding_is_cancelled_with_a_pad_alone(tmp_path):
    from bbf_sim.practice.session import GameContext
    from bbf_sim.ui.scenes.settings import SettingsScene
    from tests.ui.helpers import pad_button

    app = make_app()
    try:
        scene = SettingsScene(GameContext(data_dir=tmp_path))
        scene.enter(app)
        before = {k: list(v) for k, v in scene.bindings.items()}
        for button in (pygame.CONTROLLER_BUTTON_A, pygame.CONTROLLER_BUTTON_BACK):
            pad_button(button)
            pad_button(button, down=False)
            app.input.poll()
            scene.update(app)
            app.clock.advance(FRAME_S)
            if button == pygame.CONTROLLER_BUTTON_A:
                assert scene.listening == "full"
        assert scene.listening is None and scene.message == "Cancelled."
        assert scene.bindings == before
    finally:
        app.close()
