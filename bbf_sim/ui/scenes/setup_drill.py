"""The AF-ON set-up drill on screen: a brand's camera menu, its score, and a test shot that shows the result.

| scene | shows | next |
|---|---|---|
| `SetupDrillScene` | the body's rear screen and the maker's menu | `SetupScoreScene` when the menu closes |
| `SetupScoreScene` | steps, wrong turns, time; after the test, what it showed | `VerifyScene`, the menu again, `back` |
| `VerifyScene` | a `PlayScene`: focus and recompose with the player's mapping | `ReviewScene` → `SetupScoreScene` |

Opened from the game's menu, the drill gets `ctx=` (the `GameContext`) and `back=` (the
menu) and returns there; from `bbf-sim setup --brand NAME` it has no `back` and quits.
A drill that ends in back-button focus saves its brand in the settings (through `ctx`),
so the game names every control as that body does from then on; the score panel says so.
Tab (gamepad Y) on the shooting screen switches to another maker's body.

The menu logic is `bbf_sim.setup_drill.SetupDrill`; this module only turns presses into its
inputs and draws its `view()` in each maker's colours (evoked, not copied):

| camera | keyboard | gamepad |
|---|---|---|
| MENU | M | Start |
| dial / joystick | arrow keys | d-pad |
| SET / OK | Enter, Space | A |
| back | Backspace, Esc | B |

A wrong set-up is not called wrong on the spot: the test scene plays with the mapping the
player made, so AF left on the shutter as well as on the rear button refocuses the second,
recomposed frame onto the hedge behind, and the review says why.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from bbf_sim.setup_drill import SPECS, DrillSpec, SetupDrill, get_spec, plan
from bbf_sim.setup_drill.menu import Path, Submenu
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.hud import AMBER, GREEN, RED
from bbf_sim.ui.naming import mapping_long, rear_button, shutter_button
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup, binding_label

# Physical presses (InputFrame.pressed binding strings) → the drill's inputs.
DRILL_VERBS: dict[str, str] = {
    "key:up": "up",
    "key:down": "down",
    "key:left": "left",
    "key:right": "right",
    "key:return": "ok",
    "key:enter": "ok",  # the keypad's Enter
    "key:space": "ok",
    "key:backspace": "back",
    "key:escape": "back",
    "key:m": "menu",
    "joy:hat:up": "up",
    "joy:hat:down": "down",
    "joy:hat:left": "left",
    "joy:hat:right": "right",
    "joy:button:0": "ok",  # A
    "joy:button:1": "back",  # B
    "joy:button:7": "menu",  # Start
}
WRONG_TURN_WORDS = {
    "off_path_submenu": "nothing about AF activation in there",
    "off_path_setting": "that setting has nothing to do with AF activation",
    "wrong_value": "that value does not give back-button focus",
    "changed_unrelated": "you changed a setting the set-up does not need",
}
SWITCH_BODY = ("key:tab", "joy:button:3")  # Tab / Y: another maker's body (menu closed)
WRONG_TURN_SHOW_S = 2.5  # how long the side panel names a wrong turn
VERIFY_END_AFTER_S = 1.2  # the test ends this long after its second frame

BG = (18, 19, 22)
BODY = (38, 38, 41)
BODY_EDGE = (70, 70, 74)
TEXT = (230, 230, 230)
DIM = (150, 150, 150)
INFO_BLUE = (170, 210, 255)


# --- each maker's look ------------------------------------------------------------------------


@dataclass(frozen=True)
class MenuStyle:
    """Colours and layout that evoke one maker's menus."""

    tabs: str  # "top": a row of coloured tabs (Canon); "left": a column of tabs (Nikon, Sony, Fujifilm)
    bg: tuple[int, int, int]
    header_bg: tuple[int, int, int]
    header_text: tuple[int, int, int]
    text: tuple[int, int, int]
    value: tuple[int, int, int]
    highlight_bg: tuple[int, int, int] | None  # None: the active tab's colour
    highlight_text: tuple[int, int, int]
    tab_colours: tuple[tuple[int, int, int], ...]  # one per top-level tab, in menu order
    tab_bg: tuple[int, int, int]
    rule: tuple[int, int, int]  # lines between rows
    ok_button: str  # what the body calls its confirm button
    radius: int  # corner rounding of highlights [px]


STYLES: dict[str, MenuStyle] = {
    # Canon: coloured tabs along the top (shooting red, AF magenta, playback blue, set-up yellow,
    # custom functions orange); the selected row takes its tab's colour.
    "canon": MenuStyle(
        tabs="top",
        bg=(16, 16, 16),
        header_bg=(32, 32, 32),
        header_text=(235, 235, 235),
        text=(235, 235, 235),
        value=(150, 200, 255),
        highlight_bg=None,
        highlight_text=(255, 255, 255),
        tab_colours=((196, 38, 38), (170, 50, 150), (40, 95, 200), (205, 170, 30), (225, 115, 25)),
        tab_bg=(44, 44, 44),
        rule=(48, 48, 48),
        ok_button="SET",
        radius=4,
    ),
    # Nikon: black screen, a column of tabs on the left, the selected row in yellow.
    "nikon": MenuStyle(
        tabs="left",
        bg=(8, 8, 8),
        header_bg=(8, 8, 8),
        header_text=(240, 240, 240),
        text=(235, 235, 235),
        value=(235, 235, 235),
        highlight_bg=(250, 205, 30),
        highlight_text=(10, 10, 10),
        tab_colours=((250, 205, 30),) * 6,
        tab_bg=(36, 36, 36),
        rule=(40, 40, 40),
        ok_button="OK",
        radius=2,
    ),
    # Sony: black with a tab column of coloured icons (focus purple, set-up yellow) and orange selection.
    "sony": MenuStyle(
        tabs="left",
        bg=(0, 0, 0),
        header_bg=(22, 22, 22),
        header_text=(200, 200, 200),
        text=(240, 240, 240),
        value=(200, 200, 200),
        highlight_bg=(240, 110, 20),
        highlight_text=(255, 255, 255),
        tab_colours=((215, 60, 90), (120, 190, 80), (140, 90, 210), (60, 140, 220), (225, 190, 40)),
        tab_bg=(30, 30, 30),
        rule=(34, 34, 34),
        ok_button="centre",  # the centre of the control wheel
        radius=0,
    ),
    # Fujifilm: black and white, capitals, the selected row white with black text.
    "fujifilm": MenuStyle(
        tabs="left",
        bg=(14, 14, 14),
        header_bg=(0, 0, 0),
        header_text=(255, 255, 255),
        text=(235, 235, 235),
        value=(235, 235, 235),
        highlight_bg=(245, 245, 245),
        highlight_text=(0, 0, 0),
        tab_colours=((245, 245, 245),) * 6,
        tab_bg=(40, 40, 40),
        rule=(44, 44, 44),
        ok_button="MENU/OK",
        radius=0,
    ),
}


def fit(text_cache, text: str, size_px: int, max_w: int) -> str:
    """`text`, cut short with '...' if it is wider than `max_w` (long option names on a small screen)."""
    if max_w <= 0 or text_cache.width(text, size_px) <= max_w:
        return text
    while len(text) > 1 and text_cache.width(text + "...", size_px) > max_w:
        text = text[:-1]
    return text.rstrip() + "..."


# --- the verification level ----------------------------------------------------------------------


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


# --- what the test showed, in words -----------------------------------------------------------------


def explain_test(mapping, brand, frames, feedback: tuple[str, ...]) -> str:
    """The review's paragraph: what the set-up made the camera do in the test, then the drill's fix."""
    rear, shutter = rear_button(brand), shutter_button(brand)
    n = len(frames)
    second = frames[1] if n >= 2 else None
    if mapping.af_on_rear_button and not mapping.af_on_half_press:
        said = f"Your set-up is back-button focus: {rear} focused, the {shutter} only fired."
        if n >= 2 and all(bool(f["hit"]) for f in frames[:2]):
            return said + " Focus stayed on the face through the recompose: both frames are sharp."
        return said + f" A frame missed: let go of {rear} before recomposing, and wait for the green point."
    if second is not None and not bool(second["hit"]) and int(second["af_object"]) != int(second["target"]):
        where = "the background" if int(second["af_object"]) == -1 else "something else"
        lens_m = 1.0 / float(second["lens_D"]) if float(second["lens_D"]) > 0 else math.inf
        cause = f"AF is still on the {shutter}" if mapping.af_on_half_press else f"{rear} does not start AF"
        said = (
            f"Frame 2 missed because {cause}: the {shutter} press after the recompose started AF again, "
            f"and it focused on {where} at {lens_m:.0f} m instead of the face."
        )
        return " ".join((said, *feedback[1:]))
    if n == 0:
        return " ".join(("No frame was taken.", *feedback))
    return " ".join(feedback)


def rating(correct: bool, test_ok: bool, steps: int, shortest: int, wrong_turns: int) -> tuple[int, str]:
    """Stars out of 3 for a finished drill, and why (a table as a function: correctness first, then economy)."""
    if not correct:
        return 0, "not back-button focus yet"
    if not test_ok:
        return 1, "set up right; the test shot needs another go"
    if wrong_turns == 0 and steps <= shortest + 4:
        return 3, "straight there"
    if wrong_turns <= 2:
        return 2, "a detour or two"
    return 1, "set up right, the long way round"


# --- the menu scene ---------------------------------------------------------------------------------


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
        self.drill = drill
        self.ctx = ctx  # GameContext: where a correct set-up's brand is saved; None: not saved
        self.back = back  # where the drill ends (the menu); None: quit
        self.saved: str | None = None  # what saving the brand did, once it was tried
        self.show_hint = False
        self.wrong_shown: tuple[float, str] | None = None

    def again(self, spec: DrillSpec | str | None = None) -> SetupDrillScene:
        """A fresh drill (on `spec`, or the same body), ending where this one would."""
        return SetupDrillScene(spec or self.spec, self.start, ctx=self.ctx, back=self.back)

    def leave(self):
        return self.back if self.back is not None else QUIT

    def save_brand(self) -> None:
        """Store the drill's brand as the player's camera (once): the set-up is back-button focus."""
        if self.saved is not None or self.ctx is None:
            return
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
        if self.drill is None:
            # The clock starts when the body is on screen; each press is stamped when read.
            self.drill = SetupDrill(self.spec, start=self.start, t0_s=app.now())
        self.style = STYLES[self.spec.brand.key]
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
        for binding in inp.pressed:
            if binding == "key:h":
                self.show_hint = not self.show_hint
                continue
            if binding == "key:q" and not self.drill.nav.menu_open:
                return self.leave()
            if binding in SWITCH_BODY and not self.drill.nav.menu_open:
                keys = list(SPECS)
                return self.again(keys[(keys.index(self.spec.brand.key) + 1) % len(keys)])
            verb = DRILL_VERBS.get(binding)
            if verb is None:
                continue
            event = self.drill.press(verb, now)
            if event.wrong_turn is not None:
                self.wrong_shown = (now, WRONG_TURN_WORDS.get(event.wrong_turn, event.wrong_turn))
            if event.kind == "close":
                return SetupScoreScene(self)
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
        t.blit(screen, fit(t, crumbs, size - 1, self.body.w), (self.m, self.body.bottom + 8), size - 1, INFO_BLUE)

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
        t.blit(lcd, "M key  /  Start on a gamepad", (w // 2, h // 2 + s), s, DIM, anchor="center")

    def _draw_controls(self, app: App, screen: pygame.Surface) -> None:
        """The body's buttons beside the screen, each with the key that presses it."""
        t = app.text
        r = self.controls
        s = max(11, self.size - 3)
        brand = self.spec.brand
        cx = r.centerx
        y = r.y + s
        pill_h = round(s * 2.1)
        rows = (
            ("MENU", "M / Start"),
            (self.style.ok_button, "Enter / A"),
            ("back", "Backspace / B"),
        )
        for label, keys in rows:
            pill = pygame.Rect(r.x + 6, y, r.w - 12, pill_h)
            pygame.draw.rect(screen, (22, 22, 24), pill, border_radius=pill_h // 2)
            pygame.draw.rect(screen, (90, 90, 95), pill, 2, border_radius=pill_h // 2)
            t.blit(screen, fit(t, label, s, pill.w - 16), pill.center, s, TEXT, anchor="center", bold=True)
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
            screen, fit(t, brand.joystick, s - 2, r.w + 24), (cx, centre[1] + pad_r + 4), s - 2, TEXT, anchor="midtop"
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
            y = _wrapped(t, screen, f"Wrong turn: {self.wrong_shown[1]}.", x, y, r.w, s - 1, AMBER) + 8
        y = _wrapped(
            t,
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
            _wrapped(t, screen, f"Where: {brand.menu_area}.", x, y, r.w, s - 2, INFO_BLUE)
        else:
            t.blit(screen, "H: a hint", (x, y), s - 2, DIM)
        leave = "back to the menu" if self.back is not None else "quit"
        t.blit(screen, f"Q (menu closed): {leave}", (x, r.bottom), s - 2, DIM, anchor="bottomleft")
        t.blit(screen, "Tab / Y (menu closed): another camera", (x, r.bottom - s - 4), s - 2, DIM, anchor="bottomleft")


def _tail_path(text_cache, path: Path, size_px: int, max_w: int) -> str:
    """The deepest levels of `path` that fit, joined with '>' (the full path is under the body)."""
    for first in range(len(path)):
        text = ("... > " if first else "") + " > ".join(path[first:])
        if text_cache.width(text, size_px) <= max_w:
            return text
    return fit(text_cache, path[-1], size_px, max_w)


def _tab_index(spec: DrillSpec, breadcrumbs: Path) -> int:
    labels = [c.label for c in spec.root.children]
    return labels.index(breadcrumbs[0]) if breadcrumbs else 0


def draw_menu(app: App, lcd: pygame.Surface, spec: DrillSpec, drill: SetupDrill, style: MenuStyle) -> None:
    """The menu as the body shows it: tabs, a header with the open path, rows with values, an option list."""
    t = app.text
    view = drill.view()
    w, h = lcd.get_size()
    lcd.fill(style.bg)
    s = max(13, h // 19)
    tab = _tab_index(spec, view.breadcrumbs)
    tabs = spec.root.children
    at_top = len(drill.nav.cursors) == 1
    accent = style.tab_colours[tab % len(style.tab_colours)]
    highlight = style.highlight_bg or accent

    # Tabs: a coloured row along the top, or a column on the left.
    if style.tabs == "top":
        tab_h = round(s * 2.0)
        tw = w / len(tabs)
        for i, node in enumerate(tabs):
            rect = pygame.Rect(round(i * tw), 0, round((i + 1) * tw) - round(i * tw), tab_h)
            colour = style.tab_colours[i % len(style.tab_colours)]
            if i == tab:
                pygame.draw.rect(lcd, colour, rect.inflate(-2, 0), border_top_left_radius=6, border_top_right_radius=6)
                text_colour = (255, 255, 255)
            else:
                pygame.draw.rect(
                    lcd, style.tab_bg, rect.inflate(-2, 0), border_top_left_radius=6, border_top_right_radius=6
                )
                pygame.draw.rect(lcd, colour, (rect.x + 1, rect.bottom - 4, rect.w - 2, 4))
                text_colour = (190, 190, 190)
            if t.width(node.label, s - 3) <= rect.w - 8:
                t.blit(lcd, node.label, rect.center, s - 3, text_colour, anchor="center", bold=i == tab)
            else:  # a long tab name goes on two lines
                small = s - 7
                lines = t.wrap(node.label, rect.w - 8, small)[:2]
                ly = rect.centery - len(lines) * (small + 1) // 2
                for line in lines:
                    t.blit(
                        lcd, fit(t, line, small, rect.w - 6), (rect.centerx, ly), small, text_colour, anchor="midtop"
                    )
                    ly += small + 1
        area = pygame.Rect(0, tab_h, w, h - tab_h)
    else:
        col_w = round(w * 0.19)
        pygame.draw.rect(lcd, style.tab_bg, (0, 0, col_w, h))
        th = min(round(s * 2.6), h // len(tabs))
        for i, node in enumerate(tabs):
            rect = pygame.Rect(0, i * th, col_w, th)
            colour = style.tab_colours[i % len(style.tab_colours)]
            if i == tab:
                pygame.draw.rect(lcd, style.bg, rect)
                pygame.draw.rect(lcd, colour, (rect.x, rect.y, 5, rect.h))
            else:
                pygame.draw.rect(lcd, colour, (rect.x + 6, rect.centery - 3, 6, 6))
            lines = t.wrap(node.label, col_w - 22, s - 5)
            if len(lines) > 2 or any(t.width(line, s - 5) > col_w - 22 for line in lines):
                lines = t.wrap(node.label.replace("/", "/ "), col_w - 22, s - 5)  # break after a slash too
            lines = lines[:2]
            ly = rect.centery - len(lines) * (s - 3) // 2
            for line in lines:
                t.blit(
                    lcd,
                    fit(t, line, s - 5, col_w - 22),
                    (18, ly),
                    s - 5,
                    (255, 255, 255) if i == tab else (175, 175, 175),
                )
                ly += s - 3
        area = pygame.Rect(col_w, 0, w - col_w, h)

    # Header: the list being shown, as the path to it.
    header_h = round(s * 1.7)
    header = pygame.Rect(area.x, area.y, area.w, header_h)
    pygame.draw.rect(lcd, style.header_bg, header)
    pygame.draw.rect(lcd, accent, (header.x, header.bottom - 2, header.w, 2))
    title = tabs[tab].label if at_top else _tail_path(t, view.breadcrumbs[:-1], s - 1, round(header.w * 0.86))
    t.blit(
        lcd,
        fit(t, title, s - 1, header.w - 16),
        (header.x + 10, header.centery),
        s - 1,
        style.header_text,
        anchor="midleft",
        bold=True,
    )

    # Rows: at the top level the tab's contents are previewed (dim) until it is entered.
    if at_top:
        node = tabs[tab]
        path: Path = (node.label,)
        rows = [(c.label, isinstance(c, Submenu), drill.values.get((*path, c.label))) for c in node.children]
        cursor = None
    else:
        rows = [(it.label, it.kind == "submenu", it.value) for it in view.items]
        cursor = view.cursor
    list_rect = pygame.Rect(area.x, header.bottom + 4, area.w, area.bottom - header.bottom - 4 - round(s * 1.4))
    row_h = round(s * 1.75)
    visible = max(1, list_rect.h // row_h)
    first = 0 if cursor is None else max(0, min(cursor - visible + 1, len(rows) - visible))
    first = max(0, first)
    label_w = round(list_rect.w * 0.56)
    for i in range(first, min(len(rows), first + visible)):
        label, is_menu, value = rows[i]
        rect = pygame.Rect(list_rect.x + 6, list_rect.y + (i - first) * row_h, list_rect.w - 12, row_h - 2)
        selected = i == cursor
        if selected:
            pygame.draw.rect(lcd, highlight, rect, border_radius=style.radius)
        else:
            pygame.draw.line(lcd, style.rule, (rect.x, rect.bottom + 1), (rect.right, rect.bottom + 1))
        fg = style.highlight_text if selected else (style.text if cursor is not None else (150, 150, 150))
        t.blit(lcd, fit(t, label, s - 2, label_w - 12), (rect.x + 10, rect.centery), s - 2, fg, anchor="midleft")
        right = ">" if is_menu else (value or "")
        vcol = style.highlight_text if selected else (style.value if cursor is not None else (130, 130, 130))
        t.blit(
            lcd,
            fit(t, right, s - 3, rect.w - label_w - 16),
            (rect.right - 10, rect.centery),
            s - 3,
            vcol,
            anchor="midright",
        )
    if len(rows) > visible:  # a scroll bar, as the bodies show one
        bar = pygame.Rect(list_rect.right - 4, list_rect.y, 3, visible * row_h)
        pygame.draw.rect(lcd, style.rule, bar)
        knob_h = max(8, bar.h * visible // len(rows))
        pygame.draw.rect(
            lcd, accent, (bar.x, bar.y + (bar.h - knob_h) * first // max(1, len(rows) - visible), 3, knob_h)
        )

    # Footer: what the buttons do here.
    foot = "OK or right: open" if at_top else f"{style.ok_button}: select   back: up one level   MENU: close"
    if view.editing:
        foot = f"{style.ok_button}: set   back: leave unchanged"
    t.blit(lcd, foot, (area.x + 10, h - 6), s - 5, (150, 150, 150), anchor="bottomleft")

    if view.editing:
        _draw_options(app, lcd, view, drill, style, highlight, s)


def _draw_options(app: App, lcd: pygame.Surface, view, drill: SetupDrill, style: MenuStyle, highlight, s: int) -> None:
    """A setting's option list, over the menu, with the current value marked."""
    t = app.text
    w, h = lcd.get_size()
    current = view.items[view.cursor].value
    opt_s = s - 2
    row_h = round(opt_s * 1.8)
    box_w = min(w - 40, max(t.width(o, opt_s) for o in view.options) + 70)
    box_w = max(box_w, t.width(view.editing, opt_s) + 40)
    box_h = row_h * len(view.options) + round(opt_s * 2.4)
    box = pygame.Rect(w - box_w - 14, max(8, (h - box_h) // 2), box_w, min(box_h, h - 16))
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 130))
    lcd.blit(shade, (0, 0))
    pygame.draw.rect(lcd, style.bg, box, border_radius=style.radius + 2)
    pygame.draw.rect(lcd, (120, 120, 120), box, 1, border_radius=style.radius + 2)
    t.blit(lcd, fit(t, view.editing, opt_s, box.w - 20), (box.x + 12, box.y + 8), opt_s, style.header_text, bold=True)
    y = box.y + round(opt_s * 2.0)
    for i, option in enumerate(view.options):
        rect = pygame.Rect(box.x + 6, y, box.w - 12, row_h - 2)
        selected = i == view.option_cursor
        if selected:
            pygame.draw.rect(lcd, highlight, rect, border_radius=style.radius)
        fg = style.highlight_text if selected else style.text
        if option == current:  # the value the body has now
            pygame.draw.circle(lcd, fg, (rect.x + 12, rect.centery), max(3, opt_s // 5))
        t.blit(lcd, fit(t, option, opt_s, rect.w - 34), (rect.x + 26, rect.centery), opt_s, fg, anchor="midleft")
        y += row_h


# --- the score panel ---------------------------------------------------------------------------------


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
            self.drill_scene.save_brand()

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        for binding in inp.pressed:
            if binding in ("key:return", "key:enter", "key:t", "joy:button:0"):
                return VerifyScene(self.drill_scene)
            if binding in ("key:m", "joy:button:7"):
                # Back into the same menu: the drill's steps and clock carry on.
                self.drill_scene.drill.press("menu", app.now())
                return self.drill_scene
            if binding == "key:r":
                return self.drill_scene.again()
            if binding in ("key:escape", "key:q", "joy:button:1"):
                return self.drill_scene.leave()
        return None

    def draw(self, app: App, screen: pygame.Surface) -> None:
        t = app.text
        w, h = screen.get_size()
        screen.fill(BG)
        m = max(16, w // 50)
        s = max(15, h // 36)
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
            t.blit(screen, fit(t, note, s - 4, col_w - 16), (cx, y + big + s + 10), s - 4, DIM)
        y += big + 2 * s + 30

        left_w = (w - 3 * m) // 2
        yl = y
        if score.wrong_turns:
            t.blit(screen, "Wrong turns", (x, yl), s, (255, 255, 255), bold=True)
            yl += s + 8
            for wt in score.wrong_turns[:5]:
                where = " > ".join(wt.at) or "MENU"
                line = f"step {wt.step}: {where}: {WRONG_TURN_WORDS.get(wt.kind, wt.kind)}"
                yl = _wrapped(t, screen, line, x + 10, yl, left_w - 10, s - 3, AMBER) + 2
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
            yl = _wrapped(t, screen, f"{' > '.join(path)} = {value}", x + 10, yl, left_w - 10, s - 3, colour) + 2

        xr = x + left_w + m
        yr = y
        if self.outcome is None:
            yr = _wrapped(
                t,
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
            yr = _wrapped(
                t, screen, f"The test: {hits} of {len(frames)} frames sharp.", xr, yr, left_w, s, verdict_colour
            )
            yr += 6
            yr = _wrapped(t, screen, f"Set-up: {mapping_long(score.mapping, brand)}.", xr, yr, left_w, s - 2, TEXT) + 8
            for line in score.feedback[1:] if not score.correct else ():
                yr = _wrapped(t, screen, line, xr, yr, left_w, s - 2, AMBER) + 4

        saved = self.drill_scene.saved
        if saved is not None:
            colour = GREEN if saved.startswith("Saved") else AMBER
            _wrapped(t, screen, saved, xr, yr + 14, left_w, s - 1, colour)
        leave = "Esc: back to the menu" if self.drill_scene.back is not None else "Esc: quit"
        keys = f"Enter / A: test it in the viewfinder   M / Start: back into the menu   R: start over   {leave}"
        if self.outcome is not None:
            keys = f"T / Enter: test again   M / Start: back into the menu   R: start over   {leave}"
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


# --- the test in the viewfinder ---------------------------------------------------------------------


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
        b = app.input.bindings

        def first(action):
            return binding_label(b[action][0]) if b.get(action) else "-"

        return [
            f"{first('af_on')}  {rear_button(self.brand)}",
            f"{first('full')}  shutter",
            f"{first('half')}  half-press",
            "mouse  aim",
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

    def update(self, app: App):
        nxt = super().update(app)
        if type(nxt) is PlayScene:  # R on the pause screen: the same test again
            return VerifyScene(self.drill_scene)
        ended = self.second_at_s is not None and app.now() - self.second_at_s >= VERIFY_END_AFTER_S
        if nxt is None and ended and not self.paused:
            return self._finish(app)
        return nxt

    def _finish(self, app: App):
        self._grab(app, False)
        from bbf_sim.ui.scenes.review import ReviewScene

        result = self.result()
        drill = self.drill_scene.drill
        score = drill.score()
        note = explain_test(score.mapping, self.brand, result.frames, score.feedback)
        drill_scene = self.drill_scene
        return ReviewScene(result, note=note, then=lambda r: SetupScoreScene(drill_scene, outcome=r))

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


def _wrapped(text_cache, screen, text: str, x: int, y: int, width: int, size: int, colour) -> int:
    for line in text_cache.wrap(text, width, size):
        text_cache.blit(screen, line, (x, y), size, colour)
        y += size + 4
    return y
