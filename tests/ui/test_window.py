"""The window: resizable and re-laid out (the viewfinder keeps the sensor's aspect), F11 / Alt+Enter
fullscreen, and no window smaller than every screen is laid out for."""

from __future__ import annotations

import pygame
import pytest

from bbf_sim.cli import main
from bbf_sim.cli.play_cmd import parse_size
from bbf_sim.errors import UserError
from bbf_sim.ui import MIN_WINDOW_PX
from tests.ui.helpers import key, make_app, run_for, start_play


@pytest.fixture
def app():
    a = make_app(size=(1280, 720))
    yield a
    a.close()


def loop_step(app, scene):
    """The top of the real loop: poll, act on window changes, update, draw."""
    app.input.poll()
    app._window_changes(scene)
    scene.update(app)
    scene.draw(app, app.screen)
    app.clock.advance(1 / 120)


def resize(w: int, h: int) -> None:
    pygame.event.post(pygame.event.Event(pygame.VIDEORESIZE, w=w, h=h, size=(w, h)))


@pytest.mark.parametrize("size", [(1920, 1080), (1000, 800), (1600, 600)], ids=["16x9", "tall", "wide"])
def test_a_resized_window_lays_the_viewfinder_out_again_keeping_its_aspect(app, size):
    scene = start_play(app, "sports-obstruction", mode="bbf")
    key(pygame.K_f)
    run_for(app, scene, 0.3)
    t_before = scene.live.sim.t_s
    resize(*size)
    loop_step(app, scene)
    assert app.screen.get_size() == size
    frame = scene.live.layout.frame
    assert app.screen.get_rect().contains(frame)
    sensor = scene.live.sim.sensor
    # The frame has the sensor's 3:2 (36 x 24 mm) within a pixel's rounding.
    assert frame.w / frame.h == pytest.approx(sensor.width_mm / sensor.height_mm, abs=2 / frame.h)
    assert frame.w == size[0] or frame.h <= size[1], "fitted to the window, not cropped"
    assert scene.live.frame_surface.get_size() == frame.size
    # The attempt went on: same simulator, AF-ON still held, time still running.
    run_for(app, scene, 0.2)
    assert scene.live.sim.t_s > t_before and scene.live.snap.af_on[0]


def test_a_window_dragged_below_the_minimum_is_put_back_to_it(app):
    scene = start_play(app)
    resize(500, 300)
    loop_step(app, scene)
    assert app.screen.get_size() == MIN_WINDOW_PX


@pytest.mark.parametrize(
    "keys",
    [[(pygame.K_F11, 0)], [(pygame.K_RETURN, pygame.KMOD_LALT)]],
    ids=["f11", "alt-enter"],
)
def test_f11_and_alt_enter_toggle_fullscreen_on_any_screen(app, keys):
    scene = start_play(app)
    for k, mod in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    loop_step(app, scene)
    assert app.fullscreen
    assert pygame.display.get_surface().get_flags() & pygame.FULLSCREEN
    assert scene.live.frame_surface.get_size() == scene.live.layout.frame.size
    assert not scene.live.paused or not scene.live.started, "Alt+Enter is not Enter: it resumed nothing"
    for k, mod in keys:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0))
    loop_step(app, scene)
    assert not app.fullscreen and app.screen.get_size() == (1280, 720)


def test_alt_enter_on_a_menu_is_not_ok(tmp_path):
    from bbf_sim.practice.session import GameContext
    from bbf_sim.ui.scenes.menu import MenuScene

    app = make_app(size=(960, 540))
    try:
        scene = MenuScene(GameContext(data_dir=tmp_path))
        scene.enter(app)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_LALT, mod=0, unicode="", scancode=0))
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=pygame.K_RETURN, mod=pygame.KMOD_LALT, unicode="", scancode=0)
        )
        app.input.poll()
        app._window_changes(scene)
        assert scene.update(app) is None, "the menu did not open Play"
        assert app.fullscreen
    finally:
        app.close()


@pytest.mark.parametrize("text", ["640x360", "959x540", "960x539"])
def test_a_size_below_the_minimum_is_refused_in_one_line(text, capsys):
    with pytest.raises(UserError, match=r"smaller than 960x540, the smallest window the screens are laid out for"):
        parse_size(text)
    assert main(["play", "--size", text, "--seconds", "0.1"]) == 2
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith(f"bbf-sim play: --size {text} is smaller than 960x540")


def test_the_minimum_itself_is_accepted():
    assert parse_size("960x540") == MIN_WINDOW_PX
