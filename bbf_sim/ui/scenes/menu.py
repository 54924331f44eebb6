"""The title screen and main menu: what `bbf-sim` with no arguments opens.

| item | opens |
|---|---|
| Play | `LevelSelectScene`: the curriculum by tier, and the player's own levels |
| Daily practice | `LevelSelectScene` showing today's warm-up (`practice.daily`) |
| Stats | `StatsScene` |
| Set up your camera | `SetupDrillScene` |
| Settings | `SettingsScene` |
| Quit | ends the program (Esc asks first) |

Each is built by `app.router` (`ui.router`): this screen imports none of them.

The right-hand panel says what the highlighted item does and how the camera is set
up now, so a newcomer can see what "back-button focus" will mean on their body
before pressing anything.
"""

from __future__ import annotations

import pygame

from bbf_sim.brands import get_brand
from bbf_sim.practice.session import GameContext, local_tz
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.naming import mapping_long
from bbf_sim.ui.palette import AMBER, BG, DIM, INFO_BLUE, LCD, LOCKED, PANEL, SOFT, WHITE
from bbf_sim.ui.scenes.widgets import (
    Row,
    draw_footer,
    draw_selection,
    footer,
    left_clicks,
    margin,
    row_at,
    text_size,
)
from bbf_sim.ui.verbs import Verb

# Letter shortcuts on the main menu: the item's first letter (T for settings).
SHORTCUTS = {"key:p": 0, "key:d": 1, "key:c": 3, "key:t": 4, "key:l": 5, "key:q": 6}


class MenuScene(Scene):
    """Title and main menu."""

    def __init__(self, ctx: GameContext, selected: int = 0):
        self.ctx = ctx
        self.selected = selected

    def enter(self, app: App) -> None:
        self.rows: list[Row] = []
        self.message = ""
        self.asking_quit = False  # Esc asked "quit bbf-sim?"; Enter / A quits, Esc / B stays
        settings = self.ctx.settings()
        self.brand = get_brand(settings.brand)
        self.mode = settings.last_mode
        app.brand = self.brand
        self.daily_line = self._daily_line()
        # A newcomer is pointed at the lesson until they have seen (or skipped) it once.
        self.new_here = not settings.first_lesson_done
        # (label, what it does, available)
        self.items = [
            ("Play", "Choose a level: the curriculum by tier, with your best hit rate in each mapping.", True),
            (
                "Daily practice",
                "A short warm-up in back-button mode, built from your weakest levels and habits. " + self.daily_line,
                True,
            ),
            (
                "Stats",
                "Your hit rate and reaction time over the weeks, per level and mapping.",
                True,
            ),
            (
                "Set up your camera",
                f"Walk the {self.brand.name} menus to move AF to the {self.brand.rear_button} button, "
                "as you will on your own body.",
                True,
            ),
            (
                "Settings",
                "Key bindings (press the new key), window, volume, aim, colours, text size and the focus outline.",
                True,
            ),
            (
                "First lesson",
                "Two minutes: which key is which, half-press or AF-ON, one recompose and its review.",
                True,
            ),
            ("Quit", "Close bbf-sim. Your history and settings are saved as you go.", True),
        ]

    def _daily_line(self) -> str:
        try:
            from datetime import date

            from bbf_sim.practice.stats import points

            days = {p.day for p in points(self.ctx.attempts(), local_tz())}
            from bbf_sim.practice.daily import streak

            n = streak(days, date.today())
        except Exception:  # noqa: BLE001 - a streak is a nicety; the menu must open regardless
            return ""
        return f"Streak: {n} day{'s' * (n != 1)}." if n else "Start a streak today."

    # --- input -------------------------------------------------------------------------------

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        if self.asking_quit:
            if Verb.OK in inp.verbs or Verb.END in inp.verbs:
                return QUIT
            if Verb.BACK in inp.verbs:
                self.asking_quit = False
            return None
        for verb in inp.verbs:
            if verb == Verb.UP:
                self.selected = (self.selected - 1) % len(self.items)
            elif verb == Verb.DOWN:
                self.selected = (self.selected + 1) % len(self.items)
            elif verb == Verb.OK:
                return self._activate(app)
            elif verb == Verb.BACK:
                self.asking_quit = True
                return None
        for binding in inp.pressed:
            # First letters as shortcuts: P, D, S, C, T (settings), Q.
            pick = SHORTCUTS.get(binding)
            if pick is not None:
                self.selected = pick
                return self._activate(app)
        hover = row_at(self.rows, app.input.pointer_px) if pygame.mouse.get_focused() else None
        for pos in left_clicks(inp):
            hit = row_at(self.rows, pos)
            if hit is not None:
                self.selected = hit
                return self._activate(app)
        if hover is not None and inp.mouse_rel:
            self.selected = hover
        return None

    def _activate(self, app: App):
        label, _, available = self.items[self.selected]
        if not available:
            self.message = f"{label}: not in this version yet."
            return None
        back = app.router.menu(self.ctx, self.selected)
        if label == "Play":
            return app.router.level_select(self.ctx, back=back)
        if label == "Daily practice":
            return app.router.level_select(self.ctx, back=back, daily=True)
        if label == "Stats":
            return app.router.stats(self.ctx, back=back)
        if label == "Set up your camera":
            return app.router.setup_drill(self.brand.key, ctx=self.ctx, back=back)
        if label == "Settings":
            return app.router.settings(self.ctx, back=back)
        if label == "First lesson":
            return app.router.lesson(self.ctx, back=back)
        if label == "Quit":
            self.asking_quit = True
            return None
        return QUIT

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        t = app.text
        m, size = margin(w), text_size(h, w)
        screen.fill(BG)
        # The title as a finder would frame it: corner brackets, as the AF points are drawn.
        title_size = max(40, h // 9)
        tx, ty = m + 8, m + 10
        t.blit(screen, "bbf-sim", (tx, ty), title_size, WHITE, bold=True)
        tw = t.width("bbf-sim", title_size) + 10
        th = round(title_size * 1.15)
        _brackets(screen, pygame.Rect(tx - 12, ty - 8, tw + 24, th + 10), LCD, max(12, th // 4))
        t.blit(screen, "back-button focus practice", (tx, ty + th + 14), size + 2, AMBER)
        if self.new_here:
            room = w - m - (tx + tw + 3 * m)
            note = t.fit("New here? Start with the First lesson (L): two minutes.", room, size)
            t.blit(screen, note, (w - m, ty + th // 2), size, INFO_BLUE, anchor="midright")

        # The menu.
        top = ty + th + size + 44
        # Rows close up when large text on a small window would run them into the key hints.
        row_h = min(size + 22, (h - m - 2 * size - 16 - top) // len(self.items) - 6)
        list_w = max(260, w * 2 // 5 - m)
        self.rows = []
        for i, (label, _, available) in enumerate(self.items):
            rect = pygame.Rect(m, top + i * (row_h + 6), list_w, row_h)
            self.rows.append(Row(rect, i))
            if i == self.selected:
                draw_selection(screen, rect)
            colour = (WHITE if i == self.selected else SOFT) if available else LOCKED
            t.blit(
                screen, label, (rect.x + 22, rect.centery), size + 4, colour, anchor="midleft", bold=i == self.selected
            )
            if not available:
                t.blit(screen, "soon", (rect.right - 12, rect.centery), size - 3, LOCKED, anchor="midright")

        # What the highlighted item does, and the camera as set up now.
        px = m + list_w + m
        panel = pygame.Rect(px, top, w - px - m, max((len(self.items) - 1) * (row_h + 6) - 6, size * 12))
        pygame.draw.rect(screen, PANEL, panel, border_radius=6)
        x, y = panel.x + 20, panel.y + 18
        label, what, available = self.items[self.selected]
        t.blit(screen, label, (x, y), size + 4, WHITE, bold=True)
        y = app.text.draw_wrapped(screen, what, x, y + size + 16, panel.w - 40, size, SOFT) + 16
        y = self._camera_card(app, screen, x, y, panel.w - 40, size, panel.bottom - 12)
        if self.message:
            t.blit(screen, self.message, (m, panel.bottom + 16), size, AMBER)
        notices = self.ctx.notices[-2:]
        ny = panel.bottom + 16 + (size + 10 if self.message else 0)
        for n in notices:
            ny = app.text.draw_wrapped(screen, n, m, ny, w - 2 * m, size - 3, DIM)
        if self.asking_quit:
            self._ask_quit(app, screen)
            return
        draw_footer(
            app, screen, footer(app, [((Verb.UP, Verb.DOWN), "choose"), (Verb.OK, "open"), (Verb.BACK, "quit")])
        )

    def _ask_quit(self, app: App, screen) -> None:
        """The question Esc asks before the program ends, over the menu."""
        w, h = screen.get_size()
        size = text_size(h, w)
        veil = pygame.Surface((w, h), pygame.SRCALPHA)
        veil.fill((0, 0, 0, 160))
        screen.blit(veil, (0, 0))
        box = pygame.Rect(0, 0, min(w - 2 * margin(w), size * 26), size * 6)
        box.center = (w // 2, h // 2)
        pygame.draw.rect(screen, PANEL, box, border_radius=8)
        pygame.draw.rect(screen, AMBER, box, 2, border_radius=8)
        app.text.blit(
            screen, "Quit bbf-sim?", (box.centerx, box.y + size * 2), size + 6, WHITE, anchor="center", bold=True
        )
        answer = footer(app, [(Verb.OK, "quit"), (Verb.BACK, "stay")])
        app.text.blit(screen, answer, (box.centerx, box.y + size * 4), size, SOFT, anchor="center")

    def _camera_card(self, app: App, screen, x: int, y: int, width: int, size: int, bottom: int) -> int:
        """The camera as set up now, paragraph by paragraph while they fit above `bottom`."""
        t = app.text
        b = self.brand
        paragraphs = (
            ("Your camera", DIM, 2),
            (f"{b.name}: names as on the {b.body}", SOFT, 2),
            (f"Last played in {mapping_long(self.mode, b)}.", SOFT, 4),
            (f"Single / continuous AF is called {b.af_single} / {b.af_continuous} on this body.", DIM, 0),
        )
        for text, colour, gap in paragraphs:
            if y + len(t.wrap(text, width, size)) * (size + 4) > bottom:
                break
            y = t.draw_wrapped(screen, text, x, y, width, size, colour) + gap
        return y


def _brackets(screen, rect: pygame.Rect, colour, arm: int, width: int = 3) -> None:
    """Four corner brackets around `rect`, like an AF area in the finder."""
    for cx, cy, dx, dy in (
        (rect.left, rect.top, 1, 1),
        (rect.right, rect.top, -1, 1),
        (rect.left, rect.bottom, 1, -1),
        (rect.right, rect.bottom, -1, -1),
    ):
        pygame.draw.line(screen, colour, (cx, cy), (cx + dx * arm, cy), width)
        pygame.draw.line(screen, colour, (cx, cy), (cx, cy + dy * arm), width)
