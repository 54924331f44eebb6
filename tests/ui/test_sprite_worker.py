"""Sprites made on a worker thread: the same pixels, the same stand-in limits, exact frames
exact, and no thread or memory outliving the viewfinder that owns it."""

from __future__ import annotations

import gc
import threading
import weakref

import numpy as np
import pygame
import pytest

from bbf_sim.core.headless import generators
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.blur import pixels
from bbf_sim.ui.finder.render import Renderer, View
from bbf_sim.ui.finder.sprites import Sprites
from bbf_sim.ui.finder.stand_ins import close
from tests.ui.test_sprites import MAX_STAND_IN_FRAMES, make_sprites, shown_key

pytestmark = pytest.mark.usefixtures("small_display")


def _workers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "bbf-sprites"]


def test_through_a_focus_pull_on_the_worker_what_is_shown_is_never_more_than_the_limit_behind():
    """As on the drawing thread (test_sprites): the worker's sprites due in a frame are waited for."""
    sprites = make_sprites(side_px=1400)
    sprites.use_worker(True)
    sprites.frame([(0, 50, 0)], budget_s=None)
    wanted: list[tuple[int, tuple[int, int, int]]] = []
    exact = 0
    for n in range(40):
        key = (0, 50, min(14, n // 3))
        frame = sprites.frame_no + 1
        wanted.append((frame, key))
        surf = sprites.frame([key], budget_s=0.0)[0]
        assert surf is not None
        shown = shown_key(sprites, surf)
        exact += shown == key
        lag = frame - max(f for f, k in wanted if close(shown, k))
        assert lag < MAX_STAND_IN_FRAMES, f"frame {frame}: showing {shown} for {key}, {lag} frames behind"
    assert exact > 0, "never the exact sprite: proves nothing"
    assert sprites.worker is not None and sprites.worker.steps > 0, "the worker made nothing"


def test_sprites_made_on_the_worker_are_the_pixels_made_on_the_drawing_thread():
    """Several objects' pulls at once (jobs started, dropped and finished on the worker), every
    sprite it hands back compared with the same sprite made at once, on this thread."""
    on_worker = make_sprites(side_px=1000)
    on_worker.use_worker(True)
    reference = make_sprites(side_px=1000)
    keys = [[(i, 40 + 5 * i, min(14, (n + 2 * i) // 2)) for i in range(4)] for n in range(30)]
    for wants in keys:
        on_worker.frame(wants, budget_s=0.002)
    on_worker.frame(keys[-1], budget_s=None)  # the last frame exact: the worker's work taken back
    made = list(on_worker.cache._items.items())
    assert len(made) > 8 and on_worker.worker is not None and on_worker.worker.steps > 0
    for key, surf in made:
        [(ref, _, _)] = reference.frame([key], budget_s=None)
        assert np.array_equal(pixels(surf), pixels(ref)), f"{key} differs"


def test_an_exact_frame_takes_the_workers_part_made_sprites_back():
    sprites = make_sprites(side_px=1400)
    sprites.use_worker(True)
    sprites.frame([(0, 50, 5)], budget_s=0.0)  # a job for level 5 handed to the worker
    [surf] = sprites.frame([(0, 50, 7)], budget_s=None)
    assert shown_key(sprites, surf) == (0, 50, 7)
    job = sprites.in_making(0)
    assert sprites.worker is not None and (job is None or not sprites.worker.holds(job))


def test_the_worker_stops_when_its_sprites_go_without_the_cycle_collector():
    gc.collect()
    gc.disable()
    try:
        sprites = make_sprites(side_px=1200)
        sprites.use_worker(True)
        for n in range(6):
            sprites.frame([(0, 50, n), (1, 44, 14 - n)], budget_s=0.001)
        assert sprites.in_making(0) is not None or sprites.in_making(1) is not None or len(sprites.cache) > 2
        thread = sprites.worker.thread if sprites.worker else None
        assert thread is not None and thread.is_alive()
        gone = weakref.ref(sprites)
        del sprites
        assert gone() is None
        assert not thread.is_alive()
    finally:
        gc.enable()


def test_turning_the_worker_off_stops_its_thread_and_keeps_its_work():
    sprites = make_sprites(side_px=1200)
    sprites.use_worker(True)
    sprites.frame([(0, 50, 3)], budget_s=0.0)
    worker = sprites.worker
    assert worker is not None
    sprites.use_worker(False)
    assert not worker.thread.is_alive() and sprites.worker is None
    # The job it had goes on on the drawing thread.
    shown = [shown_key(sprites, sprites.frame([(0, 50, 3)], budget_s=0.0)[0]) for _ in range(MAX_STAND_IN_FRAMES)]
    assert shown[-1] == (0, 50, 3)


def test_a_viewfinder_with_a_worker_draws_the_exact_frame_of_one_without():
    level = load_level(resolve_level_path("sports-obstruction"))
    sim = Simulator()
    snap = sim.reset(level, generators(1)[0], "shutter")
    frames = []
    for worker in (True, False):
        renderer = Renderer(level, sim.sensor, (480, 320))
        renderer.use_worker(worker)
        view = View.from_snapshot(snap)
        target = pygame.Surface((480, 320))
        renderer.draw(target, view)  # the first frame is exact
        for lens_D in np.linspace(0.0, 0.6, 12):  # a pull: the worker is handed its sprites
            renderer.draw(target, View.from_snapshot(snap, lens_D=float(lens_D)))
        frames.append(pygame.image.tobytes(renderer.photo(View.from_snapshot(snap, lens_D=0.6)), "RGB"))
        del renderer
    assert frames[0] == frames[1]
    assert not _workers(), "a worker thread outlived its renderer"


def test_sprites_without_a_worker_start_no_thread():
    before = len(_workers())
    sprites: Sprites = make_sprites(side_px=600)
    sprites.frame([(0, 50, 3)], budget_s=0.0)
    assert sprites.worker is None and len(_workers()) == before


def test_a_sprite_that_fails_on_the_worker_raises_on_the_drawing_thread_not_a_hang(monkeypatch):
    from bbf_sim.ui.finder import sprite_job

    sprites = make_sprites(side_px=1400)
    sprites.use_worker(True)
    sprites.frame([(0, 50, 0)], budget_s=None)

    def broken_step(self):
        raise ValueError("a bad shape")

    monkeypatch.setattr(sprite_job.SpriteJob, "step", broken_step)
    with pytest.raises(RuntimeError, match="worker thread failed") as raised:
        for n in range(3 * MAX_STAND_IN_FRAMES):  # the sprite falls due within the limit, and is waited for
            sprites.frame([(0, 50, min(14, 4 + n))], budget_s=0.0)
    assert isinstance(raised.value.__cause__, ValueError)
    assert sprites.worker is not None
    sprites.worker.thread.join(2.0)
    assert not sprites.worker.thread.is_alive()
