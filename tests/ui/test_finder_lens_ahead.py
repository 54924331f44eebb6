"""The play screen tells the renderer where the lens is heading, and the renderer foresees
each object's blur along it (`View.lens_ahead_D`): what sprites are made first follows."""

from __future__ import annotations

import dataclasses

import numpy as np
import pygame

from bbf_sim.core import optics
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.render import Renderer, View
from bbf_sim.ui.finder.sprite_tuning import TUNING
from tests.ui.helpers import key, make_app, run_for, start_play

FRAME_S = 1.0 / 60
LOOK = TUNING.look_ahead_frames


def _nearest_in_view(level_id: str):
    """A renderer and view of the level's start, and the nearest object in view with its distance [m]."""
    level = load_level(resolve_level_path(level_id))
    snap = Simulator().reset(level, 1, "shutter")
    renderer = Renderer(level, optics.SENSORS[level.camera.sensor], (640, 400))
    view = View.from_snapshot(snap)
    wants, _, _ = renderer._wants(view)
    shown = [w.object for w in wants]
    i = min(shown, key=lambda j: view.depth_m[j])
    return renderer, view, i, float(view.depth_m[i])


def _levels_ahead(renderer: Renderer, view: View, i: int) -> list[int]:
    wants, _, ahead = renderer._wants(view)
    assert ahead is not None
    return ahead[[w.object for w in wants].index(i)]


def test_a_subject_tracked_as_it_approaches_stays_sharp_along_the_path(small_display):
    """The lens follows a subject coming nearer at 3 m/s (AF-C): focused at 1/(d - 3 t) on each
    coming frame, the subject's foreseen blur stays that of now (sharp). Had it stood still,
    the same path would have blurred it more and more: 1.2 m nearer in 24 frames at 60 Hz
    takes the lens 1/(d - 1.2) - 1/d dioptres off it."""
    renderer, view, i, d = _nearest_in_view("control-static")
    rate = np.zeros_like(view.depth_m, dtype=float)
    rate[i] = -3.0
    path = tuple(1.0 / (d + rate[i] * FRAME_S * k) for k in range(1, LOOK + 1))
    view = dataclasses.replace(view, lens_D=1.0 / d, lens_ahead_D=path, frame_s=FRAME_S)
    now = [w.blur_level for w in renderer._wants(view)[0] if w.object == i][0]
    tracked = _levels_ahead(renderer, dataclasses.replace(view, depth_rate_m_per_s=rate), i)
    assert tracked == [now] * LOOK
    still = _levels_ahead(renderer, view, i)
    assert still[-1] > now and still == sorted(still)


def test_a_focus_pull_on_the_play_screen_hands_the_renderer_the_lens_path(small_display):
    """Half-pressed on a subject out of focus: while the lens moves, each frame's view says where
    it will be on the coming frames (toward where it settles); once it stops, nothing."""
    app = make_app()
    try:
        scene = start_play(app, mode="shutter")
        views: list[View] = []
        draw = scene.live.renderer.draw
        scene.live.renderer.draw = lambda target, view, *a: (views.append(view), draw(target, view, *a))[1]
        run_for(app, scene, 0.2)
        assert views and all(not v.lens_ahead_D for v in views), "the lens at rest: no path"
        start_D = views[-1].lens_D
        views.clear()
        key(pygame.K_LSHIFT)
        run_for(app, scene, 0.8)
        settled_D = views[-1].lens_D
        assert abs(settled_D - start_D) > 0.05, "the pull moved the lens"
        moving = [v for v in views if v.lens_ahead_D]
        assert moving, "no frame of the pull said where the lens is heading"
        for v in moving:
            assert len(v.lens_ahead_D) == LOOK
            # Each foreseen position is between where the lens is and where it settles.
            heading = np.sign(settled_D - v.lens_D)
            assert np.all(np.sign(np.asarray(v.lens_ahead_D) - v.lens_D) * heading >= 0)
        assert not views[-1].lens_ahead_D, "settled: no path"
    finally:
        app.close()


def test_the_levels_ahead_are_worked_out_once_and_only_when_asked_for(small_display):
    """Most frames of a moving lens aim no sprite (every big one wanted is made): they pay
    nothing for the levels along the path; a frame that aims several pays once."""
    # A scene of several wants, so asking for each shows whether the work is done once.
    renderer, view, i, d = _nearest_in_view("landscape-hyperfocal")
    path = tuple(1.0 / d + 0.01 * k for k in range(1, LOOK + 1))
    view = dataclasses.replace(view, lens_D=1.0 / d, lens_ahead_D=path, frame_s=FRAME_S)
    calls = []
    blur_px = renderer.blur_px

    def counted(lens_D, subject_D):
        calls.append(np.ndim(lens_D))
        return blur_px(lens_D, subject_D)

    renderer.blur_px = counted
    wants, _, ahead = renderer._wants(view)
    assert ahead is not None and calls.count(2) == 0, "worked out before anyone asked"
    assert len(wants) >= 2
    firsts = [ahead[n][0] for n in range(len(wants))]
    assert calls.count(2) == 1
    # The same levels as one object's own blur worked out at the path's first lens position.
    n = [w.object for w in wants].index(i)
    expected = renderer._wants(dataclasses.replace(view, lens_D=path[0], lens_ahead_D=()))[0][n].blur_level
    assert firsts[n] == expected
