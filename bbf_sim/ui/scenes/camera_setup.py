"""Camera set-up before play: the mapping, AF-S or AF-C, and the brand whose names the game uses.

| row | choices | stored |
|---|---|---|
| Focus with | shutter-AF (half-press) / back-button (the brand's rear button) | settings `last_mode` |
| AF mode | the brand's names for single / continuous (One-Shot / AI Servo) | settings `level_af_modes`, per level |
| Camera | Canon, Nikon, Sony, Fujifilm | settings `brand` |

The AF mode is stored per level, and only where it differs from the level's own: each
level comes with the AF mode its subject calls for, so a choice made for one level
does not follow the player into the next, but comes back on that level after a restart.

The panel says, in the chosen body's words and with the player's own keys, what
each button will do, so the difference between the mappings is plain before the
first frame. Enter starts: a `PlaySetup` goes to `PlayScene`.
"""

from __future__ import annotations

import pygame

from bbf_sim.brands import BRANDS, get_brand
from bbf_sim.practice.session import GameContext
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.live.setups import PlaySetup
from bbf_sim.ui.palette import AMBER, BG, DIM, LCD, PANEL, SOFT, WHITE
from bbf_sim.ui.scenes.widgets import (
    Row,
    draw_finder_line,
    draw_footer,
    draw_selection,
    draw_title,
    footer,
    left_clicks,
    margin,
    row_at,
    text_size,
)
from bbf_sim.ui.verbs import Verb, bindings_label

MODES = ("shutter", "bbf")
AF_MODES = ("af-s", "af-c")


class CameraSetupScene(Scene):
    def __init__(self, ctx: GameContext, level, level_path, back: Scene | None = None, mode: str | None = None):
        self.ctx = ctx
        self.level = level
        self.level_path = level_path
        self.back = back
        self.preset_mode = mode

    def enter(self, app: App) -> None:
        self.rows: list[Row] = []
        self.options: list[tuple[pygame.Rect, int, int]] = []  # (rect, row, choice) for clicks
        settings = self.ctx.settings()
        self.mode = self.preset_mode or settings.last_mode
        self.af = settings.level_af_modes.get(self.level.id, self.level.af.mode)
        self.brand_key: str = settings.brand  # a key of BRANDS
        self.row = 3  # start on "Start": Enter from the level list plays at once with the last set-up
        app.brand = get_brand(self.brand_key)

    # --- input -------------------------------------------------------------------------------

    def _choices(self, row: int) -> tuple[str, ...]:
        return (MODES, AF_MODES, tuple(BRANDS))[row]

    def _value(self, row: int) -> str:
        return (self.mode, self.af, self.brand_key)[row]

    def _set(self, app: App, row: int, value: str) -> None:
        if row == 0:
            self.mode = value
        elif row == 1:
            self.af = value
        else:
            self.brand_key = value
            app.brand = get_brand(value)

    def _step(self, app: App, row: int, step: int) -> None:
        if row > 2:
            return
        choices = self._choices(row)
        i = choices.index(self._value(row))
        self._set(app, row, choices[(i + step) % len(choices)])

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        for verb in inp.verbs:
            if verb in ("up", "down"):
                self.row = (self.row + (-1 if verb == "up" else 1)) % 4
            elif verb in ("left", "right"):
                self._step(app, self.row, -1 if verb == "left" else 1)
            elif verb == "ok":
                return self._start(app)
            elif verb == "back":
                return self.back if self.back is not None else QUIT
        if Verb.OTHER in inp.verbs:
            self._step(app, 0, 1)  # M: the other mapping
        if Verb.NEXT in inp.verbs:
            self._step(app, 1, 1)  # Tab: the next AF mode
        for pos in left_clicks(inp):
            for rect, row, choice in self.options:
                if rect.collidepoint(pos):
                    self.row = row
                    self._set(app, row, self._choices(row)[choice])
            if row_at(self.rows, pos) == 3:
                return self._start(app)
        return None

    def _start(self, app: App):
        brand = get_brand(self.brand_key)
        app.brand = brand
        # Only a change from the level's own AF mode is kept, so the file lists real choices.
        af_modes = {k: v for k, v in self.ctx.settings().level_af_modes.items() if k != self.level.id}
        if self.af != self.level.af.mode:
            af_modes[self.level.id] = self.af
        self.ctx.save(brand=self.brand_key, last_mode=self.mode, level_af_modes=af_modes)
        back = self.back
        setup = PlaySetup(
            level=self.level,
            mode=self.mode,
            seed=self.ctx.next_seed(),
            level_path=self.level_path,
            af_mode=None if self.af == self.level.af.mode else self.af,
            back=(lambda: back) if back is not None else None,
        )
        return app.router.play(setup)

    # --- drawing -----------------------------------------------------------------------------

    def _label(self, row: int, value: str, brand) -> str:
        if row == 0:
            return "half-press (shutter-AF)" if value == "shutter" else f"{brand.rear_button} (back-button)"
        if row == 1:
            return brand.af_mode_label(value) + ("  (level)" if value == self.level.af.mode else "")
        return BRANDS[value].name

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        t = app.text
        m, size = margin(w), text_size(h, w)
        brand = get_brand(self.brand_key)
        screen.fill(BG)
        top = draw_title(app, screen, "Set up the camera", self.level.title)
        label_w = max(t.width(s, size) for s in ("Focus with", "AF mode", "Camera")) + 40
        row_h = size + 24
        self.rows, self.options = [], []
        list_w = int(w * 0.55) - m
        for row, name in enumerate(("Focus with", "AF mode", "Camera")):
            rect = pygame.Rect(m, top + row * (row_h + 8), list_w, row_h)
            self.rows.append(Row(rect, row))
            if row == self.row:
                draw_selection(screen, rect)
            t.blit(
                screen, name, (rect.x + 18, rect.centery), size, WHITE if row == self.row else SOFT, anchor="midleft"
            )
            x = rect.x + label_w
            labels = [self._label(row, value, brand) for value in self._choices(row)]
            # The chips' text shrinks (down to 3/4) when large text would run them past the row.
            chip_px = size - 1
            while chip_px > size * 3 // 4 and x + sum(t.width(s, chip_px) + 30 for s in labels) > rect.right:
                chip_px -= 1
            for i, value in enumerate(self._choices(row)):
                text = t.fit(labels[i], rect.right - x - 30, chip_px)
                chosen = value == self._value(row)
                tw = t.width(text, chip_px) + 20
                chip = pygame.Rect(x, rect.y + 5, tw, rect.h - 10)
                if chosen:
                    pygame.draw.rect(screen, LCD if row == 0 else AMBER, chip, border_radius=5)
                else:
                    pygame.draw.rect(screen, (70, 74, 82), chip, 1, border_radius=5)
                t.blit(screen, text, chip.center, chip_px, BG if chosen else SOFT, anchor="center", bold=chosen)
                self.options.append((chip, row, i))
                x += tw + 10
        # Start.
        start = pygame.Rect(m, top + 3 * (row_h + 8) + 12, min(list_w, 360), row_h + 6)
        self.rows.append(Row(start, 3))
        pygame.draw.rect(screen, (46, 52, 62) if self.row != 3 else AMBER, start, border_radius=6)
        t.blit(screen, "Start", start.center, size + 3, BG if self.row == 3 else WHITE, anchor="center", bold=True)
        y = start.bottom + 24
        finder_top = h - m - 2 * size - 32  # where `draw_finder_line` puts its strip
        for text, px, colour in (
            (self._af_text(brand), size - 1, SOFT),
            (
                f"On a real {brand.name} the AF buttons are set in {brand.menu_area} (menus as on the {brand.body}).",
                size - 2,
                DIM,
            ),
        ):
            if y + len(t.wrap(text, list_w, px)) * (px + 4) > finder_top - 6:
                break  # large text on a small window: what fits above the finder line
            y = app.text.draw_wrapped(screen, text, m, y, list_w, px, colour) + 10
        panel = pygame.Rect(m + list_w + m, top, w - list_w - 3 * m, h - top - m - 3 * size - 60)
        pygame.draw.rect(screen, PANEL, panel, border_radius=6)
        self._draw_buttons(app, screen, panel.inflate(-36, -32), size, brand)
        draw_finder_line(app, screen, self._finder_parts(brand))
        hints = [((Verb.UP, Verb.DOWN), "row"), ((Verb.LEFT, Verb.RIGHT), "change"), (Verb.OK, "start")]
        draw_footer(app, screen, footer(app, [*hints, (Verb.BACK, "back")]))

    def _af_text(self, brand) -> str:
        if self.af == "af-s":
            return (
                f"{brand.af_mode_label('af-s', long=True)}: focuses once, confirms with a beep and the green dot, "
                "then holds that distance. The shutter waits for focus (focus priority)."
            )
        return (
            f"{brand.af_mode_label('af-c', long=True)}: keeps focusing while AF is engaged and follows motion. "
            "The shutter fires at once, focused or not (release priority)."
        )

    def _rear_effect(self, name: str) -> str:
        if self.af == "af-s":
            return f"focuses once ({name}) and holds; let go, recompose, shoot"
        return f"tracks while held ({name}); let go and the distance stays"

    def _finder_parts(self, brand) -> list[str]:
        from bbf_sim.ui.finder.hud import shutter_text
        from bbf_sim.ui.naming import mapping_short

        c = self.level.camera
        return [
            brand.af_mode_label(self.af),
            mapping_short(self.mode, brand),
            shutter_text(c.exposure_s),
            f"F{c.aperture:g}",
            f"ISO {c.iso}",
            f"{c.focal_mm:g}mm",
        ]

    def _draw_buttons(self, app: App, screen, area: pygame.Rect, size: int, brand) -> None:
        """What each control does with this set-up: the player's key, the body's name, the effect."""
        t = app.text
        b = app.input.bindings
        x, y = area.topleft
        t.blit(screen, f"Your buttons on a {brand.name}", (x, y), size + 2, WHITE, bold=True)
        y += size + 16
        single = brand.af_mode_label(self.af)
        if self.mode == "bbf":
            rows = [
                ("af_on", brand.rear_button, self._rear_effect(single), LCD),
                ("half", f"{brand.shutter_button}, half", "meters only: no focus", SOFT),
                ("full", f"{brand.shutter_button}, full", "fires only: never refocuses", SOFT),
            ]
            lesson = "Focus with your thumb, then recompose and shoot as often as you like: the focus stays put."
        else:
            rows = [
                ("half", f"{brand.shutter_button}, half", f"focuses ({single})", LCD),
                ("full", f"{brand.shutter_button}, full", "focuses again, then fires", SOFT),
                ("af_on", brand.rear_button, "does nothing in this mapping", DIM),
            ]
            lesson = "Every new press of the shutter refocuses on whatever is under the AF point."
        arrows = all(b.get(f"point_{d}", [""])[:1] == [f"key:{d}"] for d in ("left", "right", "up", "down"))
        point_keys = "arrow keys, d-pad" if arrows else bindings_label(b, "point_left", 1) + " …"
        rows.append(("", brand.joystick, "moves the AF point", SOFT))
        for action, name, effect, colour in rows:
            effect_h = len(t.wrap(effect, area.w - 12, size - 2)) * (size + 2)
            if y + 2 * size + 6 + effect_h > area.bottom:
                break  # large text on a small window: the buttons that fit
            t.blit(screen, app.text.fit(name, area.w, size), (x, y), size, colour, bold=colour == LCD)
            y += size + 4
            keys = bindings_label(b, action) if action else point_keys
            t.blit(screen, app.text.fit(keys, area.w - 12, size - 3), (x + 12, y), size - 3, AMBER)
            y += size + 2
            y = app.text.draw_wrapped(screen, effect, x + 12, y, area.w - 12, size - 2, SOFT if colour != DIM else DIM)
            y += 10
        y += 4
        if y + len(t.wrap(lesson, area.w, size - 1)) * (size + 3) <= area.bottom:
            app.text.draw_wrapped(screen, lesson, x, y, area.w, size - 1, (170, 210, 255))
