"""A large frame made in two bands at once (`finder.bands`) is the frame made in one go, pixel for pixel.

The bench scene's busy field, with pans, tilts (the sky and ground filled above and below
the background), near subjects crossing the middle row and a focus pull, is drawn into a
window-sized surface twice per view: in two bands on two threads, and in one go. The
window around the frame must be left as it was.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame
import pytest

from bbf_sim.core.headless import generators
from bbf_sim.core.simulator import Simulator
from bbf_sim.ui import bench
from bbf_sim.ui.finder import bands
from bbf_sim.ui.finder.render import Renderer
from bbf_sim.ui.finder.view import View
from tests.ui.helpers import make_app

WINDOW_PX = (1280, 720)
FRAME_RECT = pygame.Rect(150, 20, 960, 640)  # 614,400 px: made in bands


def draw_into_window(renderer: Renderer, view: View, split: bool, monkeypatch) -> np.ndarray:
    window = pygame.Surface(WINDOW_PX)
    window.fill((1, 2, 3))
    monkeypatch.setattr(bands, "helper_wanted", lambda: split)
    renderer.draw(window.subsurface(FRAME_RECT), view)
    return pygame.surfarray.array3d(window)


@pytest.mark.skipif(not bands.two_cores(), reason="one core: every frame is made in one go")
def test_two_bands_make_the_frame_one_go_makes(monkeypatch):
    app = make_app(size=WINDOW_PX)
    try:
        level = bench.bench_level()
        sim = Simulator()
        sim_rng, _ = generators(3)
        snap = sim.reset(level, sim_rng, "bbf")
        renderer = Renderer(level, sim.sensor, FRAME_RECT.size)
        renderer.set_exact(True)  # the same sprites for both draws of a view
        assert FRAME_RECT.w * FRAME_RECT.h >= bands.MIN_SPLIT_PX
        helper_cpu = bands.helper_cpu_s()
        crossing_middle = 0
        for k in range(40):
            view = View.from_snapshot(snap)
            # Pan and tilt far enough that the tile leaves sky and ground to fill; pull focus.
            view = dataclasses.replace(
                view,
                yaw_rad=view.yaw_rad + 0.02 * k,
                pitch_rad=0.25 * np.sin(k / 5),
                lens_D=(k % 10) / 10 * 0.6,
            )
            one_go = draw_into_window(renderer, view, False, monkeypatch)
            in_bands = draw_into_window(renderer, view, True, monkeypatch)
            assert np.array_equal(one_go, in_bands), f"view {k}: the bands differ from the frame made in one go"
            outside = one_go.copy()
            outside[FRAME_RECT.left : FRAME_RECT.right, FRAME_RECT.top : FRAME_RECT.bottom] = (1, 2, 3)
            assert (outside == (1, 2, 3)).all(), "drawn outside the frame"
            for _ in range(3):
                snap = sim.step([], np.array([[snap.yaw_rad[0], snap.pitch_rad[0]]]))
            wants, where = renderer._wants(view)
            crossing_middle += any(abs(y - FRAME_RECT.h / 2) < 40 for _, y in where)
        assert bands.helper_cpu_s() > helper_cpu, "the helper thread never drew: proves nothing"
        assert crossing_middle > 10, "no subject crossed the bands' border: proves little"
    finally:
        app.close()


@pytest.mark.parametrize(
    ("idle_ticks", "helper_cpu_s", "spare"),
    [
        (100, 0.0, True),  # both cores idle over the second
        (20, 0.0, False),  # 0.2 of a core idle: the helper would wait for a turn
        (20, 0.2, True),  # 0.2 idle besides the 0.2 the helper itself used: 0.4 to spare
        (0, 0.0, False),  # every core busy
    ],
)
def test_frames_are_made_in_bands_only_with_a_core_to_spare(monkeypatch, idle_ticks, helper_cpu_s, spare):
    # Two cores at 100 ticks a second, one second apart: 200 ticks in all.
    readings = iter([(0, 0), (idle_ticks, 200)])
    monkeypatch.setattr(bands, "_idle_and_total_ticks", lambda: next(readings))
    monkeypatch.setattr(bands, "_CORES", 2)
    monkeypatch.setattr(bands, "_TICKS_PER_S", 100)
    monkeypatch.setattr(bands, "_helper_cpu_s", 0.0)
    check = bands.SpareCore()
    assert check() is True  # nothing known yet: taken to be free
    monkeypatch.setattr(bands, "_helper_cpu_s", helper_cpu_s)
    check._next_s = 0.0  # the next check is due
    assert check() is spare
