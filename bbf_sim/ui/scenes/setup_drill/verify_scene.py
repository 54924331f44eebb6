"""`VerifyScene`: the test shot in the viewfinder, played with the mapping the player made.

`verification_level` is the test: a face, a hedge behind, focus and recompose. A wrong
set-up is not called wrong on the spot: the test scene plays with the mapping the
player made, so AF left on the shutter as well as on the rear button refocuses the second,
recomposed frame onto the hedge behind, and the review says why (`verdict.explain_test`).
"""

from __future__ import annotations

import math
from functools import partial
from typing import TYPE_CHECKING

import pygame

from bbf_sim.ui.app import App, Scene
from bbf_sim.ui.live.attempt import LiveAttempt
from bbf_sim.ui.live.setups import PlaySetup
from bbf_sim.ui.naming import rear_button, shutter_button
from bbf_sim.ui.palette import GREEN
from bbf_sim.ui.scenes.setup_drill.verdict import explain_test
from bbf_sim.ui.verbs import control_label

if TYPE_CHECKING:
    from bbf_sim.ui.scenes.setup_drill.menu_scene import SetupDrillScene

VERIFY_END_AFTER_S = 1.2  # the test ends this long after its second frame


def verification_level(brand=None):
    """A short focus-and-recompose test, like `portrait-recompose`, briefed in the body's button names.

    A face 2.5 m away, a hedge 12 m behind; 85 mm f/2.8, AF-S, the centre point. Two
    frames: one where focus was set, one after turning the face onto the left third.
    With AF left on the shutter as well, the second press refocuses on the hedge.
    """
    from bbf_sim.levels.schema import Level

    rear, shutter = rear_button(brand), shutter_button(brand)
    single = brand.af_mode_label("af-s") if brand is not None else "AF-S"
    return Level.model_validate(
        {
            "id": "setup-check",
            "title": f"Check your set-up: {rear}, recompose, shoot",
            "scenario": "portrait",
            "difficulty": 1,
            "duration_s": 45.0,
            "briefing": (
                f"The camera is in {single} with the centre AF point. Put the point on the face and press "
                f"{rear} until the point turns green, then let go of {rear}. Press the {shutter} fully: frame 1. "
                "Now recompose: move the mouse (or the right stick) until the face sits on the dashed "
                f"left-third line, and press the {shutter} again: frame 2."
            ),
            "camera": {
                "sensor": "ff",
                "focal_mm": 85,
                "aperture": 2.8,
                "exposure_s": 0.004,
                "iso": 200,
                "drive": "single",
                "frames_left": 2,
            },
            "lens": {"min_focus_m": 0.85, "full_travel_s": 0.45, "start_focus_m": 10.0},
            "af": {"mode": "af-s", "area": "single"},
            "scene": {
                "light_ev": 12,
                "background_m": 12.0,
                "background_contrast": 0.6,
                "background_colour": "#4d6b3c",
                "sky_colour": "#b9d0e6",
            },
            "objects": [
                {
                    "name": "face",
                    "role": "target",
                    "shape": "face",
                    "colour": "#d9a47e",
                    "width_m": 0.2,
                    "height_m": 0.28,
                    "contrast": 0.75,
                    "path": {"kind": "still", "at_m": [0.0, 0.0, 2.5]},
                },
                {
                    "name": "shoulders",
                    "role": "subject",
                    "shape": "person",
                    "colour": "#5a4a7a",
                    "width_m": 0.5,
                    "height_m": 0.3,
                    "contrast": 0.3,
                    "path": {"kind": "still", "at_m": [0.0, -0.3, 2.6]},
                },
            ],
            "goal": {"keepers": 2},
            "bot": {
                "technique": "recompose",
                "frames": 2,
                "interval_s": 1.2,
                "recompose_to": [-0.167, 0.0],
                "recompose_move_s": 0.45,
            },
        }
    )


def recompose_yaw_rad(level) -> float:
    """How far the camera turns to put a centred subject on the left third [rad]."""
    from bbf_sim.core.optics import SENSORS

    width_mm = SENSORS[level.camera.sensor].width_mm
    return math.atan((width_mm / 6) / level.camera.focal_mm)


class Checklist:
    """The test shot's five steps, ticked off as the simulator shows each done."""

    def __init__(self, turn_rad: float):
        self.turn_rad = turn_rad  # the turn that puts the face on the left third [rad]
        self.start_yaw_rad = 0.0
        self.done = {"press": False, "release": False, "frame1": False, "recompose": False, "frame2": False}
        self.second_at_s: float | None = None  # the clock reading when frame 2 was taken

    def after_tick(self, app: App, live: LiveAttempt) -> None:
        snap = live.snap
        held = bool(snap.af_on[0])
        c = self.done
        c["press"] = c["press"] or held
        c["release"] = c["release"] or (c["press"] and not held)
        c["frame1"] = len(live.photos) >= 1
        # Most of the way to the left third counts: a hand never turns exactly.
        c["recompose"] = c["recompose"] or float(snap.yaw_rad[0]) - self.start_yaw_rad >= 0.75 * self.turn_rad
        if len(live.photos) >= 2 and self.second_at_s is None:
            c["frame2"] = True
            self.second_at_s = app.now()


def hints_for_the_test(brand, app: App) -> list[str]:
    """The keys beside the frame, in the body's names; which of them focus is for the test to show."""
    b, pad = app.input.bindings, app.input.pad_last

    def first(action):
        return control_label(b, action, pad)

    return [
        f"{first('af_on')}  {rear_button(brand)}",
        f"{first('full')}  shutter",
        f"{first('half')}  half-press",
        "left stick  aim" if pad else "mouse  aim",
        f"{first('pause')}  pause",
    ]


def review_the_test(drill_scene: SetupDrillScene, app: App, live: LiveAttempt):
    """The test's frames on the review, with what they say of the set-up; then the drill's score panel."""
    live.grab(app, False)
    result = live.result()
    drill = drill_scene.drill
    score = drill.score()
    note = explain_test(score.mapping, drill.spec.brand, result.frames, score.feedback)
    router = app.router
    return router.review(result, note=note, then=lambda r: router.setup_score(drill_scene, outcome=r))


def mapping_words(app: App) -> str:
    # Not named here: what the set-up does is for the test to show, not for the screen to say.
    return "your set-up from the menu"


class VerifyScene(Scene):
    """The focus-and-recompose test, played with the mapping the drill produced.

    A live attempt (`ui.live.LiveAttempt`) handed a `PlaySetup` whose mode is the drill's
    `Mapping`: the simulator treats a wrong set-up like any other mapping, so its
    consequence shows without a special case. On top: a checklist in the body's button
    names and the left-third line.
    """

    def __init__(self, drill_scene: SetupDrillScene):
        self.drill_scene = drill_scene
        self.brand = brand = drill_scene.drill.spec.brand
        level = verification_level(brand)
        self.setup = PlaySetup(level=level, mode=drill_scene.drill.resulting_mapping(), seed=0)
        self.turn_rad = recompose_yaw_rad(level)
        self.checklist = Checklist(self.turn_rad)
        self.live = LiveAttempt(
            self.setup,
            finish=partial(review_the_test, drill_scene),
            # R on the pause card: the same test again.
            again=lambda app, setup: app.router.setup_verify(drill_scene),
            hints_for=partial(hints_for_the_test, brand),
            mapping_words=mapping_words,
            mapping_switch=False,  # the point is to test the player's own set-up
            mapping_label="YOUR SET-UP",
            after_tick=self.checklist.after_tick,
        )

    def mapping_words(self, app: App) -> str:
        return mapping_words(app)

    def enter(self, app: App) -> None:
        self.live.enter(app)
        self.checklist.start_yaw_rad = float(self.live.snap.yaw_rad[0])

    def resized(self, app: App) -> None:
        self.live.resized(app)

    def update(self, app: App):
        nxt = self.live.update(app)
        second_at_s = self.checklist.second_at_s
        ended = second_at_s is not None and app.now() - second_at_s >= VERIFY_END_AFTER_S
        if nxt is None and ended and not self.live.paused:
            return review_the_test(self.drill_scene, app, self.live)
        return nxt

    def draw(self, app: App, screen: pygame.Surface) -> None:
        self.live.draw(app, screen)
        if self.live.paused:
            return
        f = self.live.layout.frame
        # The left-third line where the face should end up.
        x = f.x + f.w // 3
        for y in range(f.y, f.bottom, 14):
            pygame.draw.line(screen, (255, 255, 255), (x, y), (x, min(f.bottom, y + 7)), 1)
        t = app.text
        s = max(13, f.h // 34)
        rear, shutter = rear_button(self.brand), shutter_button(self.brand)
        steps = (
            ("press", f"press {rear} on the face"),
            ("release", f"let go of {rear}"),
            ("frame1", f"press the {shutter}: frame 1"),
            ("recompose", "recompose: face on the dashed line"),
            ("frame2", f"press the {shutter} again: frame 2"),
        )
        box_w = max(t.width(text, s) for _, text in steps) + 44
        box = pygame.Rect(f.x + 10, f.y + 10, box_w, len(steps) * (s + 6) + 12)
        veil = pygame.Surface(box.size, pygame.SRCALPHA)
        veil.fill((0, 0, 0, 150))
        screen.blit(veil, box)
        current = next((k for k, _ in steps if not self.checklist.done[k]), None)
        y = box.y + 8
        for key, text in steps:
            done = self.checklist.done[key]
            colour = GREEN if done else ((255, 255, 255) if key == current else (170, 170, 170))
            mark = pygame.Rect(box.x + 10, y + 3, s - 5, s - 5)
            if done:
                pygame.draw.rect(screen, GREEN, mark)
            else:
                pygame.draw.rect(screen, colour, mark, 1)
            t.blit(screen, text, (box.x + 10 + s + 4, y), s, colour, bold=key == current)
            y += s + 6
