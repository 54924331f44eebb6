"""A finished screen's renderers and their caches are freed by reference counting alone.

Python's cycle collector runs only now and then; a renderer kept alive by a reference
cycle holds its caches (up to 216 MiB) until it does, so memory climbs with every
screen change. With the collector off, the renderer must be gone the moment its screen is.
"""

from __future__ import annotations

import gc
import weakref

import pygame
import pytest

from bbf_sim.core.headless import generators
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.render import Renderer, View
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup
from tests.ui.helpers import make_app, run_for, run_frames, start_play


@pytest.fixture
def no_cycle_collector():
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def test_a_renderer_that_has_drawn_is_freed_by_reference_counting(no_cycle_collector):
    level = load_level(resolve_level_path("control-static"))
    sim = Simulator()
    snap = sim.reset(level, generators(1)[0], "shutter")
    renderer = Renderer(level, sim.sensor, (320, 200))
    renderer.draw(pygame.Surface((320, 200)), View.from_snapshot(snap))
    assert len(renderer.sprites.cache) > 0 and len(renderer.background.cache) > 0, "nothing cached: proves nothing"
    gone = weakref.ref(renderer)
    sprites_gone = weakref.ref(renderer.sprites)
    del renderer
    assert gone() is None
    assert sprites_gone() is None


def test_a_finished_play_screen_frees_its_renderers(no_cycle_collector):
    app = make_app()
    try:
        scene = start_play(app, "control-static", mode="bbf", demo=True)
        run_frames(app, scene, 20)
        renderers = [weakref.ref(scene.live.renderer), weakref.ref(scene.live.thumbs)]
        nxt = run_for(app, scene, 9.0)  # the demo plays to the end and hands over to review
        assert nxt is not None
        del scene
        assert [r() for r in renderers] == [None, None]
        # The review screen's own renderers go with it too.
        nxt.enter(app)
        nxt.draw(app, app.screen)
        review = [weakref.ref(nxt.thumb_r), weakref.ref(nxt.photo_r)]
        del nxt
        assert [r() for r in review] == [None, None]
    finally:
        app.close()


def test_a_screen_frozen_out_of_the_collectors_sight_is_still_freed_after_it():
    """`App.enter` hides what a screen set up from the cycle collector (`gc.freeze`); a
    finished screen must not stay alive because of it, even one caught in a reference cycle
    (reference counting alone cannot free that), nor its renderers."""
    app = make_app()
    try:
        level = load_level(resolve_level_path("control-static"))
        first = PlayScene(PlaySetup(level=level, mode="bbf", seed=1, demo=True, start_paused=False))
        app.enter(first)
        run_frames(app, first, 5)
        assert gc.get_freeze_count() > 0, "nothing was frozen: proves nothing"
        first.itself = first  # a cycle: only the collector frees this screen
        gone = [weakref.ref(first), weakref.ref(first.live.renderer), weakref.ref(first.live.thumbs)]
        del first
        assert gone[0]() is not None, "freed by reference counting: the cycle proves nothing"
        app.enter(PlayScene(PlaySetup(level=level, mode="bbf", seed=2, demo=True, start_paused=False)))
        assert [r() for r in gone] == [None, None, None]
    finally:
        app.close()
    assert gc.get_freeze_count() == 0, "a closed window leaves nothing frozen"


def test_what_start_up_left_in_a_cycle_is_freed_when_the_first_screen_is_left(no_cycle_collector, monkeypatch):
    """The first screen is entered without a full collection (there is no last screen to free,
    and its cost grows with all the program holds); what start-up left in a reference cycle is
    frozen with that screen and still freed the moment the screen is left."""
    collections = []
    collect = gc.collect
    monkeypatch.setattr(gc, "collect", lambda *args: collections.append(args) or collect(*args))
    app = make_app()
    try:
        level = load_level(resolve_level_path("control-static"))

        class LeftByStartUp:
            pass

        left = LeftByStartUp()
        left.itself = left
        gone = weakref.ref(left)
        del left
        first = PlayScene(PlaySetup(level=level, mode="bbf", seed=1, demo=True, start_paused=False))
        app.enter(first)
        assert collections == [], "the first screen was entered with a full collection"
        assert gone() is not None, "freed already: the collector was not off, the test proves nothing"
        run_frames(app, first, 5)
        app.enter(PlayScene(PlaySetup(level=level, mode="bbf", seed=2, demo=True, start_paused=False)))
        assert len(collections) == 1
        assert gone() is None
    finally:
        app.close()
