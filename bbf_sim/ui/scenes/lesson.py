"""The first lesson: about two minutes from "which key is which" to one reviewed recompose.

| step | the player | moves on |
|---|---|---|
| 0 your buttons | presses half-press, shutter and AF-ON once each (each lights when found) | all three pressed |
| 1 half-press or AF-ON | reads what each mapping does with them | Enter / A |
| 2 one recompose | plays the portrait in BBF: focus on the face, let go, recompose, shoot | results' Esc |
| 3 one review | has seen the review say where focus landed; reads what next | Enter / A: the menu |

Esc / B at any card ends the lesson (it counts as seen, so the menu stops offering it
first); the menu's "First lesson" plays it again. Nothing here is a rule of the game: the
level played is the shipped portrait, recorded like any other attempt.
"""

from __future__ import annotations

import contextlib

import pygame

from bbf_sim.practice.session import GameContext
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.naming import mapping_long, rear_button, shutter_button
from bbf_sim.ui.palette import (
    BG,
    DIM,
    GREEN,
    INFO_BLUE,
    LOCKED,
    PANEL,
    SOFT,
    WHITE,
    mapping_colour,
)
from bbf_sim.ui.scenes.widgets import draw_footer, draw_title, footer, margin, text_size
from bbf_sim.ui.verbs import Verb, binding_label

LESSON_LEVEL = "portrait-recompose"  # focus on the eye, recompose: the move BBF exists for
BUTTONS = ("half", "full", "af_on")
STEPS = 4


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class LessonScene(Scene):
    def __init__(self, ctx: GameContext, back: Scene | None = None, step: int = 0):
        self.ctx = ctx
        self.back = back
        self.step = step

    def enter(self, app: App) -> None:
        self.found: set[str] = set()

    # --- input -------------------------------------------------------------------------------

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        if Verb.BACK in inp.verbs:
            return self._finish(app)
        if self.step == 0:
            # Held state, not key presses: a trigger pulled half-way is the half-press too.
            self.found |= {b for b in BUTTONS if app.input.held(b)}
            if self.found >= set(BUTTONS) and not any(app.input.held(b) for b in BUTTONS):
                self.step = 1
            if Verb.NEXT in inp.verbs:  # Tab / right shoulder: skip a step
                self.step = 1
            return None
        if Verb.OK in inp.verbs or Verb.NEXT in inp.verbs:
            if self.step == 1:
                return self._play(app)
            return self._finish(app)
        return None

    def _play(self, app: App):
        """Step 2: the portrait in back-button mode; the results' way back is step 3 of this lesson."""
        from bbf_sim.levels.loader import load_level, resolve_level_path
        from bbf_sim.ui.live.setups import PlaySetup

        path = resolve_level_path(LESSON_LEVEL)
        ctx, back = self.ctx, self.back
        setup = PlaySetup(
            level=load_level(path),
            mode="bbf",
            seed=ctx.next_seed(),
            level_path=path,
            back=lambda: LessonScene(ctx, back, step=3),
        )
        return app.router.play(setup)

    def _finish(self, app: App):
        """The lesson was seen (or skipped): the menu stops offering it first."""
        # A settings file that cannot be written costs the note, not the way back to the menu.
        with contextlib.suppress(Exception):
            self.ctx.save(first_lesson_done=True)
        return self.back if self.back is not None else QUIT

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        t = app.text
        m, size = margin(w), text_size(h, w)
        screen.fill(BG)
        top = draw_title(app, screen, "First lesson", f"Step {min(self.step, 2) + 1} of 3 · about two minutes")
        card = pygame.Rect(m, top, w - 2 * m, h - top - m - 2 * size - 10)
        pygame.draw.rect(screen, PANEL, card, border_radius=6)
        x, y, width = card.x + 24, card.y + 20, card.w - 48
        brand = app.brand
        rear, shutter = rear_button(brand), shutter_button(brand)
        if self.step == 0:
            y = t.draw_wrapped(screen, "Which key is which", x, y, width, size + 6, WHITE) + 8
            y = t.draw_wrapped(
                screen,
                "A camera has two buttons that can focus. Press each of yours once: it lights when found.",
                x,
                y,
                width,
                size,
                SOFT,
            )
            y += 10
            names = {"half": f"half-press of the {shutter}", "full": f"full press of the {shutter}", "af_on": rear}
            for action in BUTTONS:
                keys = " / ".join(binding_label(b) for b in app.input.bindings.get(action, [])[:3]) or "unbound"
                found = action in self.found
                lamp = pygame.Rect(x, y + size // 4, size - 2, size - 2)
                pygame.draw.rect(screen, GREEN if found else LOCKED, lamp, 0 if found else 2, border_radius=3)
                line = t.fit(f"{names[action]}:  {keys}", width - size - 10, size)
                t.blit(screen, line, (x + size + 10, y), size, WHITE if found else SOFT)
                y += size + 14
            hints = [(Verb.NEXT, "skip this step"), (Verb.BACK, "end the lesson")]
        elif self.step == 1:
            y = t.draw_wrapped(screen, "Half-press or AF-ON", x, y, width, size + 6, WHITE) + 8
            for text, colour in (
                (f"As every camera ships, {mapping_long('shutter', brand)}.", mapping_colour("shutter")),
                ("So every new press focuses again on whatever is under the AF point.", DIM),
                (_capital(mapping_long("bbf", brand)) + ".", mapping_colour("bbf")),
                (
                    f"So you focus once with {rear}, let go, and the focus stays while you recompose and shoot.",
                    DIM,
                ),
                (
                    "Now try it on a portrait: put the centre point on the face, hold "
                    f"{rear} until the dot lights, let go, turn so the face sits on the left third, and take "
                    "a frame. Then the review shows where focus landed.",
                    INFO_BLUE,
                ),
            ):
                y = t.draw_wrapped(screen, text, x, y, width, size, colour) + 10
            hints = [(Verb.OK, "try it"), (Verb.BACK, "end the lesson")]
        else:
            y = t.draw_wrapped(screen, "What the review showed", x, y, width, size + 6, WHITE) + 8
            for text, colour in (
                (
                    "Each frame in the review said where focus landed. With back-button focus it stayed on "
                    "the face through the recompose; in shutter-AF mode the second press would have put it "
                    "on the hedge behind.",
                    SOFT,
                ),
                (
                    "Next: Play the portrait again in shutter-AF mode (M on the results) to see the "
                    "difference, or start Daily practice. This lesson is in the menu whenever you want it.",
                    INFO_BLUE,
                ),
            ):
                y = t.draw_wrapped(screen, text, x, y, width, size, colour) + 10
            hints = [(Verb.OK, "to the menu")]
        draw_footer(app, screen, footer(app, hints))
