"""The replay browser, opened from Stats: pick one of your attempts and watch it in the window.

The list is the chosen level's attempts (or every level's) whose replay file is still in
the data folder, newest first, each with its date, mapping and hit rate. Enter plays it in
the viewfinder (`scenes.replay.ReplayScene`), then its review and results; the results' Esc
comes back here. A replay that cannot be played (its level changed since) says why in one line.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from bbf_sim.core.mapping_names import MAPPING_NAMES
from bbf_sim.errors import UserError
from bbf_sim.practice.replays import ReplayChoice, open_replay, replay_choices
from bbf_sim.practice.session import GameContext
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.palette import AMBER, BG, DIM, SOFT, WHITE, mapping_colour
from bbf_sim.ui.scenes.widgets import (
    Row,
    draw_footer,
    draw_selection,
    draw_title,
    footer,
    left_clicks,
    margin,
    row_at,
    text_size,
)
from bbf_sim.ui.verbs import Verb


class ReplayBrowserScene(Scene):
    def __init__(self, ctx: GameContext, level_id: str | None = None, title: str = "", back: Scene | None = None):
        self.ctx = ctx
        self.level_id = level_id
        self.title = title or "all levels"
        self.back = back
        self.selected = 0
        self.message = ""

    def enter(self, app: App) -> None:
        self.choices: list[ReplayChoice] = replay_choices(self.ctx, self.level_id)
        self.selected = min(self.selected, max(0, len(self.choices) - 1))
        self.rows: list[Row] = []
        self.first = 0

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        n = len(self.choices)
        for verb in inp.verbs:
            if verb == Verb.UP and n:
                self.selected = (self.selected - 1) % n
            elif verb == Verb.DOWN and n:
                self.selected = (self.selected + 1) % n
            elif verb == Verb.OK and n:
                return self._watch(app)
            elif verb == Verb.BACK:
                return self.back if self.back is not None else QUIT
        for pos in left_clicks(inp):
            hit = row_at(self.rows, pos)
            if hit is not None:
                self.selected = hit
                return self._watch(app)
        return None

    def _watch(self, app: App):
        choice = self.choices[self.selected]
        try:
            replay, level, level_path = open_replay(choice.path)
        except UserError as exc:
            self.message = str(exc)
            return None
        browser = self
        setup = replace(app.router.replay_setup(level, replay, level_path), back=lambda: browser)
        return app.router.replay(setup, replay)

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        t = app.text
        m, size = margin(w), text_size(h, w)
        screen.fill(BG)
        top = draw_title(app, screen, "Replays", f"Your attempts at {self.title}, newest first")
        bottom = h - m - 3 * size - 20
        self.rows = []
        if not self.choices:
            t.draw_wrapped(
                screen,
                "No replays yet: every attempt you play is kept with its replay, to watch here.",
                m,
                top,
                w - 2 * m,
                size,
                SOFT,
            )
        row_h = size + 16
        visible = max(1, (bottom - top) // (row_h + 4))
        if self.selected < self.first:
            self.first = self.selected
        elif self.selected >= self.first + visible:
            self.first = self.selected - visible + 1
        for i in range(self.first, min(len(self.choices), self.first + visible)):
            c = self.choices[i]
            rect = pygame.Rect(m, top + (i - self.first) * (row_h + 4), w - 2 * m, row_h)
            self.rows.append(Row(rect, i))
            if i == self.selected:
                draw_selection(screen, rect)
            when = c.started_at.astimezone().strftime("%d %b %H:%M")
            rate = f"{c.hits} of {c.frames} sharp" if c.frames else "no frames"
            ended = "" if c.completed else "   (ended early)"
            left = f"{when}   {c.level_id}" if self.level_id is None else when
            t.blit(screen, left, (rect.x + 16, rect.centery), size, WHITE if i == self.selected else SOFT, "midleft")
            name = MAPPING_NAMES.get(c.mode, c.mode)
            mx = rect.x + rect.w * 11 // 20
            t.blit(screen, name, (mx, rect.centery), size, mapping_colour(c.mode), anchor="midleft")
            t.blit(screen, rate + ended, (rect.right - 12, rect.centery), size - 2, DIM, anchor="midright")
        if self.message:
            t.draw_wrapped(screen, self.message, m, bottom + 4, w - 2 * m, size - 2, AMBER)
        items = [((Verb.UP, Verb.DOWN), "choose"), (Verb.OK, "watch"), (Verb.BACK, "back")]
        draw_footer(app, screen, footer(app, items))
