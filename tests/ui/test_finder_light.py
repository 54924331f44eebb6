"""The finder in changing light: the picture brightens and darkens modestly, the lane names the change."""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame
import pytest

from bbf_sim.core import optics
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.glance import _light_marks
from bbf_sim.ui.finder.light import finder_gain
from bbf_sim.ui.finder.render import Renderer, View
from tests.ui.helpers import make_app, run_for, start_play


def test_the_finder_takes_a_fraction_of_the_lights_change():
    # 0.3 stop of picture per stop of light, to the nearest 1/64:
    # 2.5 stops darker: 2^-0.75 = 0.595 -> 38/64; a stop brighter: 2^0.3 = 1.231 -> 79/64.
    assert finder_gain(11.5, 14.0) == 38 / 64
    assert finder_gain(15.0, 14.0) == 79 / 64
    assert finder_gain(14.0, 14.0) == 1.0
    assert finder_gain(-10.0, 14.0) == pytest.approx(0.3, abs=1 / 64)  # never black: the eye adapts


def test_a_darker_light_darkens_the_composed_frame_by_the_gain(small_display):
    level = load_level(resolve_level_path("landscape-hyperfocal"))
    sim = Simulator()
    snap = sim.reset(level, 1, "bbf")
    renderer = Renderer(level, optics.SENSORS[level.camera.sensor], (240, 160))
    renderer.set_exact(True)
    view = View.from_snapshot(snap)
    assert view.light_ev == level.scene.light_ev
    frames = {}
    for ev in (level.scene.light_ev, 11.5, 15.0):
        surf = pygame.Surface(renderer.size)
        renderer.draw(surf, dataclasses.replace(view, light_ev=ev))
        frames[ev] = pygame.surfarray.array3d(surf).astype(float)
    base, dark, bright = frames[14.0], frames[11.5], frames[15.0]
    # A multiply by 38/64 (pygame rounds each channel down): within one level of every pixel.
    assert np.abs(dark - np.floor(base * round(255 * 38 / 64) / 256 + 255 / 256)).max() <= 1
    # Brighter: a lift worth the gain at mid-grey, 128 · (79/64 - 1) = 30, clipped at white.
    assert np.abs(bright - np.minimum(255, base + 30)).max() <= 1


def test_the_lane_marks_each_change_and_names_it_while_it_happens():
    level = load_level(resolve_level_path("landscape-hyperfocal"))
    sim = Simulator()
    sim.reset(level, 1, "bbf")
    # 14 -> 12.5 -> 15 -> 11.5 -> 13.5 -> 15 EV: down, up, down, up, up.
    assert [sign for _, _, sign in _light_marks(sim.light)] == [-1, 1, -1, 1, 1]
    assert _light_marks(sim.light)[0] == (3.0, 3.8, -1)
    app = make_app(size=(960, 540))
    try:
        scene = start_play(app, "landscape-hyperfocal", mode="bbf", demo=True)
        assert scene.live.glance.lane
        run_for(app, scene, 3.4)  # inside the first change, 3.0-3.8 s
        assert any(k[0] == "DARKER" for k in app.text._cache)
        assert scene.live.snap.light_ev < level.scene.light_ev
    finally:
        app.close()
