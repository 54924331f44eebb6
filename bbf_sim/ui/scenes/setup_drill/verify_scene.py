"""`VerifyScene`: the test shot in the viewfinder, played with the mapping the player made.

`verification_level` is the test: a face, a hedge behind, focus and recompose. A wrong
set-up is not called wrong on the spot: the test scene plays with the mapping the
player made, so AF left on the shutter as well as on the rear button refocuses the second,
recomposed frame onto the hedge behind, and the review says why (`verdict.explain_test`).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from bbf_sim.ui.app import App
from bbf_sim.ui.naming import rear_button, shutter_button
from bbf_sim.ui.palette import GREEN
from bbf_sim.ui.scenes.play import PlayScene
from bbf_sim.ui.scenes.setup_drill.verdict import explain_test
from bbf_sim.ui.scenes.setups import PlaySetup
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


class VerifyScene(PlayScene):
    """The focus-and-recompose test, played with the mapping the drill produced.

    A `PlayScene` handed a `PlaySetup` whose mode is the drill's `Mapping`: the simulator
    treats a wrong set-up like any other mapping, so its consequence shows without a
    special case. On top: a checklist in the body's button names and the left-third line.
    """

    mapping_switch = False  # the point is to test the player's own set-up

    def __init__(self, drill_scene: SetupDrillScene):
        self.drill_scene = drill_scene
        drill = drill_scene.drill
        self.brand = drill.spec.brand
        level = verification_level(self.brand)
        super().__init__(PlaySetup(level=level, mode=drill.resulting_mapping(), seed=0))
        self.turn_rad = recompose_yaw_rad(level)
        self.checks = {"press": False, "release": False, "frame1": False, "recompose": False, "frame2": False}
        self.second_at_s: float | None = None

    def mapping_words(self, app: App) -> str:
        # Not named here: what the set-up does is for the test to show, not for the screen to say.
        return "your set-up from the menu"

    def _hints(self, app: App) -> list[str]:
        b, pad = app.input.bindings, app.input.pad_last
        self.hints_pad = pad

        def first(action):
            return control_label(b, action, pad)

        return [
            f"{first('af_on')}  {rear_button(self.brand)}",
            f"{first('full')}  shutter",
            f"{first('half')}  half-press",
            "left stick  aim" if pad else "mouse  aim",
            f"{first('pause')}  pause",
        ]

    def enter(self, app: App) -> None:
        super().enter(app)
        self.start_yaw = float(self.snap.yaw_rad[0])
        self.hud.mapping_label = "YOUR SET-UP"

    def _tick(self, app: App) -> None:
        super()._tick(app)
        snap = self.snap
        held = bool(snap.af_on[0])
        c = self.checks
        c["press"] = c["press"] or held
        c["release"] = c["release"] or (c["press"] and not held)
        c["frame1"] = len(self.photos) >= 1
        # Most of the way to the left third counts: a hand never turns exactly.
        c["recompose"] = c["recompose"] or float(snap.yaw_rad[0]) - self.start_yaw >= 0.75 * self.turn_rad
        if len(self.photos) >= 2 and self.second_at_s is None:
            c["frame2"] = True
            self.second_at_s = app.now()

    def again(self, app: App, setup: PlaySetup):
        """R on the pause screen: the same test again."""
        return app.router.setup_verify(self.drill_scene)

    def update(self, app: App):
        nxt = super().update(app)
        ended = self.second_at_s is not None and app.now() - self.second_at_s >= VERIFY_END_AFTER_S
        if nxt is None and ended and not self.paused:
            return self._finish(app)
        return nxt

    def _finish(self, app: App):
        self._grab(app, False)
        result = self.result()
        drill = self.drill_scene.drill
        score = drill.score()
        note = explain_test(score.mapping, self.brand, result.frames, score.feedback)
        drill_scene = self.drill_scene
        router = app.router
        return router.review(result, note=note, then=lambda r: router.setup_score(drill_scene, outcome=r))

    def draw(self, app: App, screen: pygame.Surface) -> None:
        super().draw(app, screen)
        if self.paused:
            return
        f = self.layout.frame
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
        current = next((k for k, _ in steps if not self.checks[k]), None)
        y = box.y + 8
        for key, text in steps:
            done = self.checks[key]
            colour = GREEN if done else ((255, 255, 255) if key == current else (170, 170, 170))
            mark = pygame.Rect(box.x + 10, y + 3, s - 5, s - 5)
            if done:
                pygame.draw.rect(screen, GREEN, mark)
            else:
                pygame.draw.rect(screen, colour, mark, 1)
            t.blit(screen, text, (box.x + 10 + s + 4, y), s, colour, bold=key == current)
            y += s + 6
