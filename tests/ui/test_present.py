"""Presenting only what changed (`App.present`): the play screen's changed parts hold every
pixel its drawing changed, and the whole window still goes when it must."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui import app as app_module
from bbf_sim.ui import bench
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup
from tests.ui.helpers import FRAME_S, make_app


def covered(rects: list[pygame.Rect], size: tuple[int, int]) -> np.ndarray:
    """A (x, y) mask of the window's pixels inside any of `rects`."""
    mask = np.zeros(size, bool)
    for r in rects:
        r = pygame.Rect(r).clip(pygame.Rect((0, 0), size))
        mask[r.left : r.right, r.top : r.bottom] = True
    return mask


def pixels(surface: pygame.Surface) -> np.ndarray:
    """The surface's pixel values (x, y), copied: what `surfarray.array2d` gives, at memory speed
    (it reads pixel by pixel, slower than the frame's drawing here)."""
    return pygame.surfarray.pixels2d(surface).copy(order="K")  # its own memory order: a plain copy


@pytest.mark.parametrize(
    ("level_id", "size", "paused"),
    [
        ("bench", (1280, 720), False),  # thirty subjects, bursts, the thumbnail, the counters
        ("endless-dragonfly", (960, 540), False),  # the moments lane, a level's own outline
        ("control-static", (1280, 720), True),  # the Ready card
    ],
)
def test_every_pixel_a_frame_changes_is_in_its_changed_rects(level_id, size, paused):
    app = make_app(size=size)
    try:
        level = bench.bench_level() if level_id == "bench" else load_level(resolve_level_path(level_id))
        scene = PlayScene(PlaySetup(level=level, mode="bbf", seed=1, demo=not paused, start_paused=paused))
        app.enter(scene)
        scene.update(app)
        scene.draw(app, app.screen)
        scene.changed_rects()  # the first frame is presented whole
        outside = 0
        for _ in range(240):
            app.clock.advance(FRAME_S)
            app.input.poll()
            assert scene.update(app) is None
            before = pixels(app.screen)
            scene.draw(app, app.screen)
            changed = before != pixels(app.screen)
            rects = scene.changed_rects()
            assert rects is not None
            mask = covered(rects, size)
            assert not (changed & ~mask).any(), "a pixel changed outside what is presented"
            outside += bool((changed & ~covered(rects[:1], size)).any())
        if not paused:
            assert outside > 0, "nothing changed outside the frame: the panels' part proves nothing"
    finally:
        app.close()


def test_the_whole_window_is_presented_when_it_must_be(monkeypatch):
    shown: list[str] = []
    monkeypatch.setattr(pygame.display, "flip", lambda: shown.append("all"))
    monkeypatch.setattr(pygame.display, "update", lambda rects: shown.append("part"))
    app = make_app(size=(960, 540))
    try:
        scene = PlayScene(
            PlaySetup(level=load_level(resolve_level_path("control-static")), mode="bbf", seed=1, demo=True)
        )
        app.enter(scene)

        def frames(n: int) -> list[str]:
            shown.clear()
            for _ in range(n):
                app.clock.advance(FRAME_S)
                app.input.poll()
                scene.update(app)
                scene.draw(app, app.screen)
                app.present(scene)
            return list(shown)

        first = frames(3)
        assert first == ["all", "part", "part"], "a new screen goes whole first"
        every = app_module.FULL_PRESENT_FRAMES
        later = frames(2 * every)
        assert later.count("all") == 2 and later.count("part") == 2 * every - 2
        app.input.exposed = True  # the window was uncovered
        assert frames(2) == ["all", "part"]
        app.set_window(scene, size_px=(1280, 720))
        assert frames(2) == ["all", "part"]
    finally:
        app.close()
