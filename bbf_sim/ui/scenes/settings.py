"""Settings: the camera's buttons (remapped by pressing the new key or button), window, volume, aim sensitivity.

Every change is saved at once with `save_settings` (atomically), so it survives a
crash as well as a restart, and applied at once to the running game.

Remapping: choose an action, press Enter, then press the key, mouse button or
gamepad button/trigger it should be. The new input replaces the action's input of
the same kind (a new key replaces its key, the mouse and gamepad bindings stay). If
another action has that input, the screen asks: Enter moves it here (the other
action loses it), Esc keeps it where it was. Esc (or a pad's Back) while waiting
cancels; Delete (pad X) removes the action's last input.
"""

from __future__ import annotations

import pygame

from bbf_sim.practice.session import GameContext
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.input import complete_bindings, remap
from bbf_sim.ui.palette import (
    AMBER,
    BG,
    BROKEN,
    DIM,
    GREEN,
    LCD,
    PALETTE_NAMES,
    PALETTES,
    PANEL,
    SOFT,
    WHITE,
    use_palette,
)
from bbf_sim.ui.scenes.widgets import (
    Row,
    draw_footer,
    draw_selection,
    draw_title,
    left_clicks,
    margin,
    row_at,
    text_size,
)
from bbf_sim.ui.text import TEXT_SIZES, use_text_size
from bbf_sim.ui.verbs import Hint, Verb, binding_label, hints

ACTIONS = (
    ("full", "Shutter, full press"),
    ("half", "Shutter, half-press"),
    ("af_on", "AF-ON (rear button)"),
    ("point_left", "AF point left"),
    ("point_right", "AF point right"),
    ("point_up", "AF point up"),
    ("point_down", "AF point down"),
    ("point_centre", "AF point to centre"),
    ("pause", "Pause"),
)
NEEDED = ("full", "pause")  # without these the game cannot be played or left
WINDOW_SIZES = ((960, 540), (1280, 720), (1600, 900), (1920, 1080))
VOLUME_STEP = 0.1
RIGHT_ROWS = ("size", "fullscreen", "volume", "mouse", "stick", "palette", "text", "aid", "defaults")
ROW_SIZE, ROW_FULLSCREEN, ROW_VOLUME, ROW_MOUSE, ROW_STICK, ROW_PALETTE, ROW_TEXT, ROW_AID, ROW_DEFAULTS = range(
    len(ACTIONS), len(ACTIONS) + len(RIGHT_ROWS)
)
# The practice aid: None follows the level's tier (`finder.glance.outline_by_default`).
AID_CHOICES = (None, True, False)
AID_WORDS = {None: "while learning", True: "always", False: "never"}
# What cancels waiting for a new input (so neither can be bound): Esc, and a pad's Back (View)
# button, so that a player with only a pad can change their mind.
CANCEL_LISTENING = ("key:escape", "pad:back", "joy:button:6")
SENSITIVITY_STEP = 0.1
SENSITIVITY_RANGE = (0.2, 3.0)  # what the screen offers (the file accepts 0.1 to 5)
N_ROWS = ROW_DEFAULTS + 1


def input_kind(binding: str) -> str:
    return binding.split(":", 1)[0]


def assign(bindings: dict[str, list[str]], action: str, binding: str) -> dict[str, list[str]]:
    """`binding` given to `action`, replacing the action's input of the same kind, taken from any other action."""
    out = remap(bindings, action, binding, replace=False)
    kept = [b for b in out[action] if b != binding and input_kind(b) != input_kind(binding)]
    out[action] = [binding, *kept]
    return out


def owner(bindings: dict[str, list[str]], binding: str, but: str) -> str | None:
    return next((a for a, inputs in bindings.items() if a != but and binding in inputs), None)


def action_name(action: str, brand=None) -> str:
    if action == "af_on" and brand is not None and brand.rear_button != "AF-ON":
        return f"AF-ON ({brand.rear_button} on a {brand.name})"
    return dict(ACTIONS).get(action, action)


class SettingsScene(Scene):
    def __init__(self, ctx: GameContext, back: Scene | None = None):
        self.ctx = ctx
        self.back = back

    def enter(self, app: App) -> None:
        self.rows: list[Row] = []
        self.row = 0
        self.listening: str | None = None  # the action waiting for its new input
        self.conflict: tuple[str, str, str] | None = None  # (action, binding, its current owner)
        self.message = ""
        self.pattern = self.ctx.binding_pattern()
        self.bindings = {k: list(v) for k, v in app.input.bindings.items()}
        s = self.ctx.settings()
        self.size = (s.window_width_px, s.window_height_px)
        self.fullscreen = s.fullscreen
        self.volume = s.volume
        self.sensitivity = {ROW_MOUSE: s.mouse_sensitivity, ROW_STICK: s.stick_sensitivity}
        self.palette: str = s.palette  # a key of PALETTES
        self.aid = s.focus_outline
        self.text_size: str = s.text_size  # a key of TEXT_SIZES

    # --- input -------------------------------------------------------------------------------

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        if self.listening is not None:
            self._listen(app, inp, self.listening)
            return None
        verbs = inp.verbs
        if self.conflict is not None:
            if "ok" in verbs:
                action, binding, _ = self.conflict
                self.conflict = None
                self._apply(app, assign(self.bindings, action, binding), action, binding)
            elif "back" in verbs:
                self.message = f"Kept {binding_label(self.conflict[1])} on {action_name(self.conflict[2])}."
                self.conflict = None
            return None
        for verb in verbs:
            if verb in ("up", "down"):
                self.row = (self.row + (-1 if verb == "up" else 1)) % N_ROWS
            elif verb in ("left", "right"):
                self._change(app, self.row, -1 if verb == "left" else 1)
            elif verb == "ok":
                self._activate(app, self.row)
            elif verb == "back":
                return self.back if self.back is not None else QUIT
        if Verb.CLEAR in inp.verbs and self.row < len(ACTIONS):
            action = ACTIONS[self.row][0]
            if self.bindings.get(action):
                new = {k: list(v) for k, v in self.bindings.items()}
                removed = new[action].pop()
                self._apply(app, new, action, None, f"Removed {binding_label(removed)} from {action_name(action)}.")
        for pos in left_clicks(inp):
            hit = row_at(self.rows, pos)
            if hit is not None:
                self.row = hit
                self._activate(app, hit)
        return None

    def _listen(self, app: App, inp, action: str) -> None:
        """The next press of a bindable input becomes `action`'s (the action listened for)."""
        for p in inp.pressed:
            if p in CANCEL_LISTENING:
                self.listening = None
                self.message = "Cancelled."
                return
            if p.startswith("joy:hat:"):
                self.message = "The d-pad always moves the AF point; press another button."
                continue
            if p in ("mouse:4", "mouse:5"):
                continue  # the wheel turning is not a button press
            if not self.pattern.match(p):
                continue
            self.listening = None
            if p in self.bindings.get(action, []):
                self.message = f"{binding_label(p)} is already {action_name(action)}."
                return
            other = owner(self.bindings, p, action)
            if other is not None:
                self.conflict = (action, p, other)
                return
            self._apply(app, assign(self.bindings, action, p), action, p)
            return

    def _apply(self, app: App, bindings, action: str, binding: str | None, message: str = "") -> None:
        self.bindings = complete_bindings(bindings)
        app.input.set_bindings(self.bindings)
        path = self._save(key_bindings=self.bindings)
        if not message and binding is not None:
            message = f"{action_name(action)}: {binding_label(binding)}."
        missing = [action_name(a) for a in NEEDED if not self.bindings.get(a)]
        if missing:
            message += f"  Nothing is bound to {', '.join(missing)} now."
        self.message = message + (f"  Saved to {path}." if path else "")

    def _save(self, **changes):
        self.ctx.save(**changes)
        return self.ctx.settings_path()

    def _activate(self, app: App, row: int) -> None:
        if row < len(ACTIONS):
            self.listening = ACTIONS[row][0]
            self.message = ""
        elif row == ROW_DEFAULTS:
            self._apply(app, self.ctx.default_bindings(), "", None, "Buttons back to the defaults.")
        else:
            self._change(app, row, 1)

    def _change(self, app: App, row: int, step: int) -> None:
        if row < len(ACTIONS):
            return
        if row == ROW_SIZE:
            sizes = list(WINDOW_SIZES) if self.size in WINDOW_SIZES else [*WINDOW_SIZES, self.size]
            sizes.sort()
            self.size = sizes[(sizes.index(self.size) + step) % len(sizes)]
            self._save(window_width_px=self.size[0], window_height_px=self.size[1])
            self._apply_window(app)
            self.message = f"Window {self.size[0]}×{self.size[1]}."
        elif row == ROW_FULLSCREEN:
            self.fullscreen = not self.fullscreen
            self._save(fullscreen=self.fullscreen)
            self._apply_window(app)
            self.message = "Fullscreen on." if self.fullscreen else "Fullscreen off."
        elif row == ROW_VOLUME:
            self.volume = round(min(1.0, max(0.0, self.volume + step * VOLUME_STEP)), 2)
            self._save(volume=self.volume)
            app.audio.volume = self.volume
            for sound in app.audio.sounds.values():
                sound.set_volume(self.volume)
            app.audio.play("beep")  # hear the new level
            self.message = f"Volume {self.volume:.0%}."
        elif row == ROW_PALETTE:
            self.palette = PALETTE_NAMES[(PALETTE_NAMES.index(self.palette) + step) % len(PALETTE_NAMES)]
            self._save(palette=self.palette)
            use_palette(self.palette)
            app.options.palette = self.palette
            self.message = f"Colours: {PALETTES[self.palette].label}, for the mappings, the grades and the AF point."
        elif row == ROW_TEXT:
            names = list(TEXT_SIZES)
            self.text_size = names[(names.index(self.text_size) + step) % len(names)]
            self._save(text_size=self.text_size)
            use_text_size(self.text_size)
            app.options.text_size = self.text_size
            self.message = f"Text size: {self.text_size}, on every screen but the viewfinder's own."
        elif row == ROW_AID:
            self.aid = AID_CHOICES[(AID_CHOICES.index(self.aid) + step) % len(AID_CHOICES)]
            self._save(focus_outline=self.aid)
            app.options.focus_outline = self.aid
            self.message = (
                "Focus outline: the object focus landed on is outlined in the finder "
                + {None: "below the highest tier.", True: "in every level.", False: "nowhere."}[self.aid]
            )
        elif row in (ROW_MOUSE, ROW_STICK):
            lo, hi = SENSITIVITY_RANGE
            value = round(min(hi, max(lo, self.sensitivity[row] + step * SENSITIVITY_STEP)), 2)
            self.sensitivity[row] = value
            if row == ROW_MOUSE:
                self._save(mouse_sensitivity=value)
                app.options.mouse_sensitivity = value
                self.message = f"Mouse sensitivity {value:.1f}×."
            else:
                self._save(stick_sensitivity=value)
                app.options.stick_sensitivity = value
                self.message = f"Stick sensitivity {value:.1f}×."

    def _apply_window(self, app: App) -> None:
        try:
            app.set_window(self, self.size, self.fullscreen)
        except pygame.error as exc:
            self.message = f"The window could not change ({exc}); it will on the next start."

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        t = app.text
        m, size = margin(w), text_size(h, w)
        screen.fill(BG)
        where = f"saved in {self.ctx.data_dir}" if self.ctx.data_dir else "not saved (no data folder)"
        top = draw_title(app, screen, "Settings", f"Changes apply and are {where} at once")
        # The rows close up when large text on a small window leaves too little room, so the
        # prompt and the key hints below them are never drawn over.
        prompt_top = h - m - 3 * size - 40
        row_h = max(size + 4, min(size + 14, (prompt_top - top - size - 12) // len(ACTIONS) - 3))
        col_w = (w - 3 * m) * 3 // 5
        self.rows = []
        t.blit(screen, "Camera buttons", (m, top), size, LCD, bold=True)
        t.blit(
            screen, "Enter, then press the new key or button", (m + col_w, top + 2), size - 3, DIM, anchor="topright"
        )
        y = top + size + 12
        for i, (action, _) in enumerate(ACTIONS):
            rect = pygame.Rect(m, y, col_w, row_h)
            self.rows.append(Row(rect, i))
            self._action_row(app, screen, rect, i, action, size)
            y += row_h + 3
        x2 = m + col_w + m
        col2 = w - x2 - m
        t.blit(screen, "Window, look, sound and aim", (x2, top), size, LCD, bold=True)
        y2 = top + size + 12
        values = {
            ROW_SIZE: ("Window size", f"{self.size[0]} × {self.size[1]}"),
            ROW_FULLSCREEN: ("Fullscreen", "on" if self.fullscreen else "off"),
            ROW_VOLUME: ("Volume", f"{self.volume:.0%}"),
            ROW_MOUSE: ("Mouse sensitivity", f"{self.sensitivity[ROW_MOUSE]:.1f}×"),
            ROW_STICK: ("Stick sensitivity", f"{self.sensitivity[ROW_STICK]:.1f}×"),
            ROW_PALETTE: ("Colours", PALETTES[self.palette].label),
            ROW_TEXT: ("Text size", self.text_size),
            ROW_AID: ("Focus outline", AID_WORDS[self.aid]),
            ROW_DEFAULTS: ("Reset buttons to defaults", ""),
        }
        for row, (name, value) in values.items():
            rect = pygame.Rect(x2, y2, col2, row_h)
            self.rows.append(Row(rect, row))
            selected = row == self.row
            if selected:
                draw_selection(screen, rect)
            t.blit(screen, name, (rect.x + 16, rect.centery), size - 1, WHITE if selected else SOFT, anchor="midleft")
            if value:
                t.blit(
                    screen,
                    f"‹ {value} ›" if selected else value,
                    (rect.right - 12, rect.centery),
                    size - 1,
                    AMBER,
                    anchor="midright",
                )
            if row == ROW_VOLUME:
                bar = pygame.Rect(rect.x + 16 + t.width(name, size - 1) + 16, rect.centery - 3, col2 // 4, 6)
                pygame.draw.rect(screen, (60, 64, 72), bar, border_radius=3)
                pygame.draw.rect(screen, AMBER, (bar.x, bar.y, round(bar.w * self.volume), bar.h), border_radius=3)
            y2 += row_h + 3 + (12 if row == ROW_VOLUME else 0)
        y2 += 14
        note = (
            f"A gamepad works as it is: {binding_label('pad:right_trigger')} (the right trigger) is a two-stage "
            f"shutter (partly pulled = half-press), {binding_label('pad:right_shoulder')} (the right shoulder) is "
            "AF-ON, the d-pad moves the AF point. Window size and fullscreen apply now; "
            "F11 or Alt+Enter switch fullscreen on any screen."
        )
        if y2 + len(t.wrap(note, col2, size - 3)) * (size + 1) <= prompt_top:
            app.text.draw_wrapped(screen, note, x2, y2, col2, size - 3, DIM)
        self._draw_prompt(app, screen, pygame.Rect(m, max(y, prompt_top), w - 2 * m, 2 * size + 18), size)
        items: list[Hint] = [
            ((Verb.UP, Verb.DOWN), "choose"),
            (Verb.OK, "remap / change"),
            ((Verb.LEFT, Verb.RIGHT), "change"),
        ]
        draw_footer(app, screen, hints([*items, (Verb.CLEAR, "unbind"), (Verb.BACK, "back")], app.input.pad_last))

    def _action_row(self, app: App, screen, rect: pygame.Rect, i: int, action: str, size: int) -> None:
        t = app.text
        selected = i == self.row
        listening = self.listening == action
        if selected:
            draw_selection(screen, rect, GREEN if listening else AMBER)
        t.blit(
            screen,
            action_name(action, app.brand),
            (rect.x + 16, rect.centery),
            size - 1,
            WHITE if selected else SOFT,
            anchor="midleft",
        )
        chips_x = rect.x + rect.w * 9 // 20
        if listening:
            t.blit(screen, "press a key or button…", (chips_x, rect.centery), size - 1, GREEN, anchor="midleft")
            return
        inputs = self.bindings.get(action, [])
        if not inputs:
            colour = BROKEN if action in NEEDED else DIM
            t.blit(screen, "unbound", (chips_x, rect.centery), size - 2, colour, anchor="midleft")
            return
        x = chips_x
        for b in inputs:
            label = binding_label(b)
            cw = t.width(label, size - 3) + 14
            if x + cw > rect.right - 6:
                t.blit(screen, "…", (x, rect.centery), size - 2, DIM, anchor="midleft")
                break
            chip = pygame.Rect(x, rect.y + 4, cw, rect.h - 8)
            pygame.draw.rect(screen, (62, 66, 74), chip, border_radius=4)
            t.blit(screen, label, chip.center, size - 3, SOFT, anchor="center")
            x += cw + 6

    def _draw_prompt(self, app: App, screen, area: pygame.Rect, size: int) -> None:
        t = app.text
        if self.conflict is not None:
            action, binding, other = self.conflict
            pygame.draw.rect(screen, PANEL, area, border_radius=6)
            pygame.draw.rect(screen, AMBER, area, 2, border_radius=6)
            answers = hints(
                [(Verb.OK, f"move it to {action_name(action, app.brand)}"), (Verb.BACK, "keep it where it is")],
                app.input.pad_last,
            )
            line = f"{binding_label(binding)} is {action_name(other, app.brand)} now.   {answers}"
            t.blit(
                screen,
                app.text.fit(line, area.w - 32, size),
                (area.x + 16, area.centery),
                size,
                AMBER,
                anchor="midleft",
            )
        elif self.listening is not None:
            line = f"Press the new input for {action_name(self.listening, app.brand)}   (Esc or pad Back: cancel)"
            t.blit(screen, line, (area.x, area.centery), size, GREEN, anchor="midleft")
        elif self.message:
            app.text.draw_wrapped(screen, self.message, area.x, area.y + 4, area.w, size - 1, SOFT)
