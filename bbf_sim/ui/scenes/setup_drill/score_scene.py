"""`SetupScoreScene`: the drill's score panel once the menu closes, and again after the test shot.

Steps, wrong turns and time; after the test, the stars and what the test showed. From here
Enter plays the test (`VerifyScene`), M goes back into the same menu, R starts over.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import pygame

from bbf_sim.setup_drill import plan
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.naming import mapping_long, rear_button, shutter_button
from bbf_sim.ui.palette import AMBER, BG, DIM, GREEN, INFO_BLUE, RED, TEXT
from bbf_sim.ui.scenes.setup_drill.verdict import WRONG_TURN_WORDS, rating
from bbf_sim.ui.text import body_px
from bbf_sim.ui.verbs import Verb, hints

if TYPE_CHECKING:
    from bbf_sim.ui.scenes.setup_drill.menu_scene import SetupDrillScene


class SetupScoreScene(Scene):
    """The drill's score once the menu is closed; after the test, also what the test showed."""

    def __init__(self, drill_scene: SetupDrillScene, outcome=None):
        self.drill_scene = drill_scene
        self.outcome = outcome  # the test's PlayResult, once it has been played

    def enter(self, app: App) -> None:
        drill = self.drill_scene.drill
        self.score = drill.score()
        self.shortest = len(plan(drill.spec, drill.start))
        self.test_ok = False
        if self.outcome is not None:
            frames = self.outcome.frames
            self.test_ok = len(frames) >= 2 and all(bool(f["hit"]) for f in frames[:2])
        if self.score.correct:
            self.drill_scene.offer_brand()

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        for verb in inp.verbs:
            if verb == Verb.OK:
                return app.router.setup_verify(self.drill_scene)
            if verb == Verb.NEXT and getattr(self.drill_scene, "offered", False):
                self.drill_scene.save_brand()  # the player's word: this maker is their camera now
            if verb == Verb.MENU:
                # Back into the same menu: the drill's steps and clock carry on.
                self.drill_scene.drill.press("menu", app.now())
                return self.drill_scene
            if verb == Verb.AGAIN:
                return self.drill_scene.again()
            if verb in (Verb.BACK, Verb.END):
                return self.drill_scene.leave()
        if "key:t" in inp.pressed:  # T: the test (again)
            return app.router.setup_verify(self.drill_scene)
        return None

    def draw(self, app: App, screen: pygame.Surface) -> None:
        t = app.text
        w, h = screen.get_size()
        screen.fill(BG)
        m = max(16, w // 50)
        s = body_px(h, w)
        drill = self.drill_scene.drill
        spec, brand, score = drill.spec, drill.spec.brand, self.score
        x, y = m, m
        title = "Set-up tested" if self.outcome is not None else "Menu closed"
        t.blit(screen, f"{title}: {brand.name} back-button focus", (x, y), s + 10, (255, 255, 255), bold=True)
        y += s + 22
        t.blit(screen, spec.body, (x, y), s - 1, DIM)
        y += s + 24

        # The three numbers, large.
        cols = (
            (str(score.steps), "steps", f"the shortest walk to BBF: {self.shortest}"),
            (str(len(score.wrong_turns)), "wrong turns", "menus and settings off the path"),
            (f"{score.elapsed_s:.1f} s", "time", "to the last press"),
        )
        col_w = min(330, (w - 2 * m) // 3)
        big = s * 3
        for i, (value, label, note) in enumerate(cols):
            cx = x + i * col_w
            colour = AMBER if label == "wrong turns" and score.wrong_turns else (255, 255, 255)
            t.blit(screen, value, (cx, y), big, colour, bold=True)
            t.blit(screen, label, (cx, y + big + 4), s, TEXT)
            t.blit(screen, t.fit(note, col_w - 16, s - 4), (cx, y + big + s + 10), s - 4, DIM)
        y += big + 2 * s + 30

        left_w = (w - 3 * m) // 2
        yl = y
        if score.wrong_turns:
            t.blit(screen, "Wrong turns", (x, yl), s, (255, 255, 255), bold=True)
            yl += s + 8
            for wt in score.wrong_turns[:5]:
                where = " > ".join(wt.at) or "MENU"
                line = f"step {wt.step}: {where}: {WRONG_TURN_WORDS.get(wt.kind, wt.kind)}"
                yl = t.draw_wrapped(screen, line, x + 10, yl, left_w - 10, s - 3, AMBER) + 2
            if len(score.wrong_turns) > 5:
                t.blit(screen, f"... and {len(score.wrong_turns) - 5} more", (x + 10, yl), s - 3, AMBER)
                yl += s + 2
            yl += 10
        t.blit(screen, "The camera is now set to", (x, yl), s, (255, 255, 255), bold=True)
        yl += s + 8
        for path, setting in spec.bbf_settings().items():
            value = drill.values[path]
            # Which one is off the BBF value is shown only once the test has shown what it does.
            off = self.outcome is not None and value != setting.target
            colour = AMBER if off else TEXT
            yl = t.draw_wrapped(screen, f"{' > '.join(path)} = {value}", x + 10, yl, left_w - 10, s - 3, colour) + 2

        xr = x + left_w + m
        yr = y
        if self.outcome is None:
            yr = t.draw_wrapped(
                screen,
                f"Now try it: a short test in the viewfinder with your settings. Press {rear_button(brand)} "
                f"on the face, let go, take a frame with the {shutter_button(brand)}, recompose, take another.",
                xr,
                yr,
                left_w,
                s,
                INFO_BLUE,
            )
        else:
            stars, why = rating(score.correct, self.test_ok, score.steps, self.shortest, len(score.wrong_turns))
            self._stars(screen, (xr, yr), stars, s)
            t.blit(screen, why, (xr + 3 * (s * 2 + 6) + 10, yr + s // 2), s, TEXT)
            yr += 2 * s + 16
            verdict_colour = GREEN if score.correct and self.test_ok else (AMBER if score.correct else RED)
            frames = self.outcome.frames
            hits = int(sum(bool(f["hit"]) for f in frames))
            yr = t.draw_wrapped(
                screen, f"The test: {hits} of {len(frames)} frames sharp.", xr, yr, left_w, s, verdict_colour
            )
            yr += 6
            yr = (
                t.draw_wrapped(screen, f"Set-up: {mapping_long(score.mapping, brand)}.", xr, yr, left_w, s - 2, TEXT)
                + 8
            )
            for line in score.feedback[1:] if not score.correct else ():
                yr = t.draw_wrapped(screen, line, xr, yr, left_w, s - 2, AMBER) + 4

        saved = self.drill_scene.saved
        if saved is not None:
            colour = GREEN if saved.startswith("Saved") else AMBER
            t.draw_wrapped(screen, saved, xr, yr + 14, left_w, s - 1, colour)
        leave = (Verb.BACK, "back to the menu" if self.drill_scene.back is not None else "quit")
        test = (Verb.OK, "test it in the viewfinder" if self.outcome is None else "test again")
        items = [test, (Verb.MENU, "back into the menu"), (Verb.AGAIN, "start over"), leave]
        if getattr(self.drill_scene, "offered", False):
            # Another maker's drill changes the player's camera only when asked to.
            items.insert(1, (Verb.NEXT, f"make the {self.drill_scene.spec.brand.name} your camera"))
        keys = t.fit(hints(items, app.input.pad_last), w - 2 * m, s - 1)
        t.blit(screen, keys, (m, h - m), s - 1, (160, 160, 160), anchor="bottomleft")

    @staticmethod
    def _stars(screen, pos, stars: int, s: int) -> None:
        x, y = pos
        r = s
        for i in range(3):
            cx, cy = x + r + i * (2 * r + 6), y + r
            points = []
            for k in range(10):
                a = -math.pi / 2 + k * math.pi / 5
                rr = r if k % 2 == 0 else r * 0.45
                points.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
            if i < stars:
                pygame.draw.polygon(screen, (250, 200, 60), points)
            else:
                pygame.draw.polygon(screen, (90, 90, 90), points, 2)
