"""`SetupDrillScene`: the camera body on screen, with the maker's menu on its rear screen.

Menu verbs become the drill's inputs (`DRILL_VERBS`); `bbf_sim.setup_drill.SetupDrill` does
the rest. Closing the menu hands the drill to `SetupScoreScene` (built by `app.router`).
Tab (gamepad RB) on the shooting screen switches to another maker's body; Q (Back) leaves.

| camera | keyboard | gamepad |
|---|---|---|
| MENU | M | Start |
| dial / joystick | arrow keys | d-pad, left stick |
| SET / OK | Enter, Space | A |
| back | Backspace, Esc | B |
"""

from __future__ import annotations

import pygame

from bbf_sim.setup_drill import SPECS, DrillSpec, SetupDrill, get_spec
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.naming import rear_button, shutter_button
from bbf_sim.ui.palette import AMBER, BG, DIM, INFO_BLUE, TEXT
from bbf_sim.ui.scenes.setup_drill.menu_look import STYLES, draw_menu
from bbf_sim.ui.scenes.setup_drill.verdict import WRONG_TURN_WORDS
from bbf_sim.ui.verbs import Verb, verb_label

# The verbs (`ui.verbs`) the drill reads as the body's controls; each verb's value is the drill's input.
DRILL_VERBS: tuple[Verb, ...] = (Verb.UP, Verb.DOWN, Verb.LEFT, Verb.RIGHT, Verb.OK, Verb.BACK, Verb.MENU)
SWITCH_BODY = Verb.NEXT  # Tab / RB: another maker's body (menu closed)
WRONG_TURN_SHOW_S = 2.5  # how long the side panel names a wrong turn

BODY = (38, 38, 41)
BODY_EDGE = (70, 70, 74)


class SetupDrillScene(Scene):
    """The body's rear screen: the menu drawn from `SetupDrill.view()`, driven by presses."""

    def __init__(
        self,
        spec: DrillSpec | str,
        start: str = "reassigned",
        drill: SetupDrill | None = None,
        ctx=None,
        back: Scene | None = None,
    ):
        self.spec = get_spec(spec) if isinstance(spec, str) else spec
        self.start = start
        self._drill = drill  # made in `enter` when None: its clock starts with the body on screen
        self.ctx = ctx  # GameContext: where a correct set-up's brand is saved; None: not saved
        self.back = back  # where the drill ends (the menu); None: quit
        self.saved: str | None = None  # what saving the brand did, once it was tried
        self.show_hint = False
        self.wrong_shown: tuple[float, str] | None = None

    @property
    def drill(self) -> SetupDrill:
        """The drill on screen; the app enters a scene before it updates or draws it."""
        assert self._drill is not None, "SetupDrillScene.enter makes the drill"
        return self._drill

    def again(self, spec: DrillSpec | str | None = None) -> SetupDrillScene:
        """A fresh drill (on `spec`, or the same body), ending where this one would."""
        return type(self)(spec or self.spec, self.start, ctx=self.ctx, back=self.back)

    def leave(self):
        return self.back if self.back is not None else QUIT

    def offer_brand(self) -> None:
        """After a correct set-up: keep the drill's brand as the player's camera only if it is theirs.

        Trying another maker's menus must not change the camera the game names the controls
        after: that takes the player's word (`save_brand`, offered on the score screen).
        """
        if self.saved is not None or self.ctx is None:
            return
        current = self.ctx.settings().brand
        if current == self.spec.brand.key:
            self.save_brand()
        else:
            from bbf_sim.brands import get_brand

            self.saved = f"Your camera is still a {get_brand(current).name}."
            self.offered = True

    def save_brand(self) -> None:
        """Store the drill's brand as the player's camera (once): the set-up is back-button focus."""
        if self.ctx is None or (self.saved is not None and not getattr(self, "offered", False)):
            return
        self.offered = False
        brand = self.spec.brand
        try:
            self.ctx.save(brand=brand.key)
        except Exception as exc:  # noqa: BLE001 - a settings file that cannot be written costs the save, not the drill
            self.saved = f"Your camera could not be saved: {exc}"
            return
        if self.ctx.data_dir is None:
            self.saved = f"{brand.name} would be your camera now, but there is no data folder to save it in."
            return
        self.saved = (
            f"Saved: your camera is a {brand.name}. From now on the game names the controls as the "
            f"{self.spec.body} does: {brand.rear_button}, {brand.af_single} / {brand.af_continuous}."
        )

    def enter(self, app: App) -> None:
        # The drill's body names the controls in its test shot (and the menu re-reads the settings).
        app.brand = self.spec.brand
        if self._drill is None:
            # The clock starts when the body is on screen; each press is stamped when read.
            self._drill = SetupDrill(self.spec, start=self.start, t0_s=app.now())
        self.style = STYLES[self.spec.brand.key]
        self._layout(app)

    def resized(self, app: App) -> None:
        self._layout(app)

    def _layout(self, app: App) -> None:
        w, h = app.size
        self.m = max(12, w // 64)
        self.size = max(13, h // 34)
        top = self.m + self.size * 2 + 14
        self.body = pygame.Rect(self.m, top, round(w * 0.67), h - top - self.m - self.size - 8)
        pad = max(14, self.body.h // 18)
        lcd_h = self.body.h - 2 * pad
        lcd_w = min(round(lcd_h * 1.5), round(self.body.w * 0.74))
        lcd_h = round(lcd_w / 1.5)
        self.lcd = pygame.Rect(self.body.x + pad, self.body.centery - lcd_h // 2, lcd_w, lcd_h)
        self.controls = pygame.Rect(
            self.lcd.right + pad, self.body.y + pad, self.body.right - self.lcd.right - 2 * pad, self.body.h - 2 * pad
        )
        self.side = pygame.Rect(self.body.right + self.m, top, w - self.body.right - 2 * self.m, self.body.h)

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        now = app.now()
        if "key:h" in inp.pressed:
            self.show_hint = not self.show_hint
        for verb in inp.verbs:
            if verb == Verb.END and not self.drill.nav.menu_open:
                return self.leave()
            if verb == SWITCH_BODY and not self.drill.nav.menu_open:
                keys = list(SPECS)
                return self.again(keys[(keys.index(self.spec.brand.key) + 1) % len(keys)])
            if verb not in DRILL_VERBS:
                continue
            event = self.drill.press(verb.value, now)
            if event.wrong_turn is not None:
                self.wrong_shown = (now, WRONG_TURN_WORDS.get(event.wrong_turn, event.wrong_turn))
            if event.kind == "close":
                return app.router.setup_score(self)
        return None

    # --- drawing ---------------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        t = app.text
        screen.fill(BG)
        spec, size = self.spec, self.size
        brand = spec.brand
        t.blit(screen, f"Set up back-button focus: {spec.body}", (self.m, self.m), size + 6, (255, 255, 255), bold=True)
        t.blit(
            screen,
            f"Take AF off the {shutter_button(brand)} and give it to {rear_button(brand)}, in the camera's own menu.",
            (self.m, self.m + size + 12),
            size - 1,
            DIM,
        )
        pygame.draw.rect(screen, BODY, self.body, border_radius=self.body.h // 14)
        pygame.draw.rect(screen, BODY_EDGE, self.body, 2, border_radius=self.body.h // 14)
        pygame.draw.rect(screen, (5, 5, 5), self.lcd.inflate(10, 10), border_radius=6)
        view = self.drill.view()
        lcd = screen.subsurface(self.lcd)
        if view.menu_open:
            draw_menu(app, lcd, self.spec, self.drill, self.style)
        else:
            self._draw_shooting_screen(app, lcd)
        self._draw_controls(app, screen)
        self._draw_side(app, screen, view)
        crumbs = " > ".join(("MENU", *view.breadcrumbs)) if view.menu_open else "shooting screen"
        t.blit(screen, t.fit(crumbs, self.body.w, size - 1), (self.m, self.body.bottom + 8), size - 1, INFO_BLUE)

    def _draw_shooting_screen(self, app: App, lcd: pygame.Surface) -> None:
        """What the rear screen shows before MENU: a few shooting settings, and where to go."""
        t = app.text
        lcd.fill((10, 12, 14))
        w, h = lcd.get_size()
        s = max(14, h // 16)
        brand = self.spec.brand
        items = ["P", "1/250", "F2.8", "ISO 200", brand.af_mode_label("af-s")]
        x = s
        for item in items:
            t.blit(lcd, item, (x, s), s, (230, 230, 230))
            x += t.width(item, s) + s
        t.blit(lcd, "Press MENU", (w // 2, h // 2 - s), s + 10, (255, 255, 255), anchor="center", bold=True)
        keys = f"{verb_label(Verb.MENU)} key  /  {verb_label(Verb.MENU, True)} on a gamepad"
        t.blit(lcd, keys, (w // 2, h // 2 + s), s, DIM, anchor="center")

    def _draw_controls(self, app: App, screen: pygame.Surface) -> None:
        """The body's buttons beside the screen, each with the key that presses it."""
        t = app.text
        r = self.controls
        s = max(11, self.size - 3)
        brand = self.spec.brand
        cx = r.centerx
        y = r.y + s
        pill_h = round(s * 2.1)
        pad = app.input.pad_last
        rows = (
            ("MENU", verb_label(Verb.MENU, pad)),
            (self.style.ok_button, verb_label(Verb.OK, pad)),
            ("back", verb_label(Verb.BACK, pad)),
        )
        for label, keys in rows:
            pill = pygame.Rect(r.x + 6, y, r.w - 12, pill_h)
            pygame.draw.rect(screen, (22, 22, 24), pill, border_radius=pill_h // 2)
            pygame.draw.rect(screen, (90, 90, 95), pill, 2, border_radius=pill_h // 2)
            t.blit(screen, t.fit(label, pill.w - 16, s), pill.center, s, TEXT, anchor="center", bold=True)
            t.blit(screen, keys, (cx, pill.bottom + 4), s - 1, DIM, anchor="midtop")
            y = pill.bottom + s + 20
        # The joystick / multi-controller: a round pad with four arrows.
        pad_r = max(18, r.w // 4)
        centre = (cx, min(r.bottom - pad_r - 2 * s - 6, y + pad_r))
        pygame.draw.circle(screen, (22, 22, 24), centre, pad_r)
        pygame.draw.circle(screen, (90, 90, 95), centre, pad_r, 2)
        for dx, dy in ((0, -1), (0, 1), (-1, 0), (1, 0)):
            tip = (centre[0] + dx * (pad_r - 6), centre[1] + dy * (pad_r - 6))
            base = (centre[0] + dx * (pad_r - 16), centre[1] + dy * (pad_r - 16))
            side = (-dy * 6, dx * 6)
            pygame.draw.polygon(
                screen,
                (170, 170, 170),
                (tip, (base[0] + side[0], base[1] + side[1]), (base[0] - side[0], base[1] - side[1])),
            )
        t.blit(
            screen, t.fit(brand.joystick, r.w + 24, s - 2), (cx, centre[1] + pad_r + 4), s - 2, TEXT, anchor="midtop"
        )
        t.blit(screen, "arrows / d-pad", (cx, centre[1] + pad_r + s + 6), s - 1, DIM, anchor="midtop")

    def _draw_side(self, app: App, screen: pygame.Surface, view) -> None:
        t = app.text
        r = self.side
        s = self.size
        x, y = r.x, r.y
        brand = self.spec.brand
        t.blit(screen, brand.name, (x, y), s + 4, (255, 255, 255), bold=True)
        y += s + 12
        drill = self.drill
        elapsed = max(0.0, app.now() - drill.t0_s)  # the drill's clock runs from the body on screen
        stats = (
            ("time", f"{elapsed:5.1f} s"),
            ("steps", str(len(drill.history))),
            ("wrong turns", str(len(drill.wrong_turns))),
        )
        for label, value in stats:
            t.blit(screen, label, (x, y), s, DIM)
            colour = AMBER if label == "wrong turns" and drill.wrong_turns else TEXT
            t.blit(screen, value, (r.right, y), s, colour, anchor="topright")
            y += s + 8
        y += 6
        if self.wrong_shown is not None and app.now() - self.wrong_shown[0] < WRONG_TURN_SHOW_S:
            y = t.draw_wrapped(screen, f"Wrong turn: {self.wrong_shown[1]}.", x, y, r.w, s - 1, AMBER) + 8
        y = t.draw_wrapped(
            screen,
            f"Find the setting that makes the {shutter_button(brand)} focus and turn that off, then make "
            f"{rear_button(brand)} start AF. Close the menu when you are done.",
            x,
            y,
            r.w,
            s - 2,
            (200, 200, 200),
        )
        y += 10
        if self.show_hint:
            t.draw_wrapped(screen, f"Where: {brand.menu_area}.", x, y, r.w, s - 2, INFO_BLUE)
        else:
            t.blit(screen, "H: a hint", (x, y), s - 2, DIM)
        leave = "back to the menu" if self.back is not None else "quit"
        pad = app.input.pad_last
        t.blit(
            screen,
            f"{verb_label(Verb.END, pad)} (menu closed): {leave}",
            (x, r.bottom),
            s - 2,
            DIM,
            anchor="bottomleft",
        )
        another = f"{verb_label(SWITCH_BODY, pad)} (menu closed): another camera"
        t.blit(screen, another, (x, r.bottom - s - 4), s - 2, DIM, anchor="bottomleft")
