"""Driving the real play loop headless: a virtual clock, posted pygame events, frames stepped by hand."""

from __future__ import annotations

import pygame

from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.app import App, AppOptions
from bbf_sim.ui.router import Router
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup

FRAME_S = 1.0 / 120


def make_app(bindings=None, size=(640, 400)) -> App:
    return App(AppOptions(size_px=size, virtual_time=True, fps_cap=120), bindings, router=Router())


def start_play(app: App, level_id: str = "control-static", mode: str = "shutter", demo: bool = False, seed: int = 1):
    level = load_level(resolve_level_path(level_id))
    scene = PlayScene(PlaySetup(level=level, mode=mode, seed=seed, demo=demo, start_paused=False))
    scene.enter(app)
    run_frames(app, scene, 1)  # the first frame starts the level clock
    return scene


def run_frames(app: App, scene, n: int):
    """n iterations of the real loop body (poll, update, draw, flip) on the virtual clock."""
    for _ in range(n):
        app.input.poll()
        nxt = scene.update(app)
        if nxt is not None:
            return nxt
        scene.draw(app, app.screen)
        pygame.display.flip()
        app.clock.advance(FRAME_S)
    return None


def run_for(app: App, scene, seconds: float):
    return run_frames(app, scene, round(seconds / FRAME_S))


def key(k: int, down: bool = True) -> None:
    pygame.event.post(
        pygame.event.Event(pygame.KEYDOWN if down else pygame.KEYUP, key=k, mod=0, unicode="", scancode=0)
    )


def mouse_button(button: int, down: bool = True) -> None:
    kind = pygame.MOUSEBUTTONDOWN if down else pygame.MOUSEBUTTONUP
    pygame.event.post(pygame.event.Event(kind, button=button, pos=(100, 100), touch=False, window=None))


def joy_axis(axis: int, value: float) -> None:
    pygame.event.post(pygame.event.Event(pygame.JOYAXISMOTION, joy=0, instance_id=0, axis=axis, value=value))


def joy_button(button: int, down: bool = True) -> None:
    kind = pygame.JOYBUTTONDOWN if down else pygame.JOYBUTTONUP
    pygame.event.post(pygame.event.Event(kind, joy=0, instance_id=0, button=button))


def pad_axis(axis: int, value: int) -> None:
    """A game controller's axis (`pygame.CONTROLLER_AXIS_*`): sticks −32768…32767, triggers 0…32767."""
    pygame.event.post(pygame.event.Event(pygame.CONTROLLERAXISMOTION, instance_id=0, axis=axis, value=value))


def pad_button(button: int, down: bool = True) -> None:
    """A game controller's button (`pygame.CONTROLLER_BUTTON_*`), down or up."""
    kind = pygame.CONTROLLERBUTTONDOWN if down else pygame.CONTROLLERBUTTONUP
    pygame.event.post(pygame.event.Event(kind, instance_id=0, button=button))
