"""The finder's at-a-glance feedback: the AF state in words, where focus landed, the practice outline."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pygame

from bbf_sim.core.autofocus import DRIVE, HUNT, IDLE, LOCKED, TRACK
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.glance import af_words, landed_words, outline_by_default
from bbf_sim.ui.palette import WHITE, state_colour
from tests.ui.helpers import make_app, run_for, start_play


def test_the_af_state_in_words():
    assert af_words(LOCKED, True, True) == ("FOCUS LOCKED", "confirmed")
    # Back-button: AF-ON let go after the lock, the lens stays: focus held, not off.
    assert af_words(LOCKED, False, True) == ("FOCUS HELD", "confirmed")
    assert af_words(TRACK, True, False) == ("TRACKING", "tracking")
    assert af_words(DRIVE, True, False) == ("FOCUSING", "")
    assert af_words(HUNT, True, False)[1] == "hunt"
    assert af_words(IDLE, False, False) == ("AF OFF", "")
    assert landed_words(-1, ["face"]) == "on the background" and landed_words(0, ["face"]) == "on the face"
    assert landed_words(-2, ["face"]) == ""


def test_the_outline_is_on_while_learning_and_off_in_the_highest_tier():
    assert outline_by_default(load_level(resolve_level_path("control-static")))  # tier 1
    assert outline_by_default(SimpleNamespace(difficulty=4))
    assert not outline_by_default(SimpleNamespace(difficulty=5))


def _lit(surface, rect, colour) -> int:
    px = pygame.surfarray.array3d(surface.subsurface(rect))
    return int(np.all(px == np.array(colour), axis=-1).sum())


def test_the_outline_frames_the_object_focus_landed_on_and_the_badge_names_it():
    app = make_app(size=(960, 540))
    try:
        app.options.focus_outline = True
        scene = start_play(app, "control-static", mode="bbf", demo=True)
        run_for(app, scene, 2.5)  # the bot has focused on the card
        snap = scene.live.snap
        tracked = int(snap.af_tracked[0])
        assert tracked >= 0
        colour = state_colour("confirmed") if bool(snap.af_confirmed[0]) else WHITE
        from bbf_sim.ui.finder.render import View

        view = View.from_snapshot(snap)
        box = scene.live.glance.object_box(view, tracked)
        assert box is not None and scene.live.layout.frame.contains(box)
        badge = scene.live.glance.draw(app.screen, snap, view)
        ring = box.inflate(8, 8).clip(scene.live.layout.frame)
        # The brackets' corners are drawn in the confirmed colour; inside the object they are not.
        corners = pygame.Rect(ring.x - 2, ring.y - 2, ring.w // 4 + 4, 6)
        assert _lit(app.screen, corners, colour) > 5
        assert badge.top <= scene.live.layout.frame.top + 10 and badge.h >= 16
        assert any(k[0] == f"on the {scene.live.sim.object_names[tracked]}" for k in app.text._cache)

        app.options.focus_outline = False
        scene = start_play(app, "control-static", mode="bbf", demo=True)
        assert not scene.live.glance.outline
    finally:
        app.close()


def test_trap_focus_says_where_the_post_is_and_moments_show_as_they_come():
    import math

    from bbf_sim.ui.words import where_to_find

    # 39° right with a 15° field of view: out of the frame, so said; 2° is in the frame.
    assert where_to_find("wing post", math.radians(39), 0.0, math.radians(15)).startswith(
        "The wing post is 39° to the right"
    )
    assert where_to_find("wing post", math.radians(2), 0.0, math.radians(15)) == ""
    app = make_app(size=(960, 540))
    try:
        from bbf_sim.ui.scenes.play import PlayScene, PlaySetup

        level = load_level(resolve_level_path("trap-focus"))
        scene = PlayScene(PlaySetup(level=level, mode="bbf", seed=1))
        scene.enter(app)
        # The camera starts on the first rider, 15 m left at 20 m; the post is 0.8 m right at 20.5 m:
        # atan(15/20) + atan(0.8/20.5) = 36.9° + 2.2° = 39°.
        assert scene.live.find_words.startswith("The wing post is 39° to the right")
        scene.draw(app, app.screen)
        assert any("39°" in k[0] for k in app.text._cache), "the Ready card shows where the post is"
        assert scene.live.glance.moments == ((2.3, 2.7), (7.3, 7.7), (12.3, 12.7))
        scene = start_play(app, "trap-focus", mode="bbf", demo=True)
        run_for(app, scene, 2.45)  # inside the first moment, 2.3–2.7 s
        assert any(k[0] == "NOW" for k in app.text._cache)
    finally:
        app.close()
