"""Level select: the curriculum by tier, the player's best per mapping, what is locked and why, broken files.

| group | rows |
|---|---|
| Tier 1 … 5 | the shipped levels; a locked tier says what opens it (`levels.progression`) |
| Your levels | every `.toml` under the `--levels` folders: always open; a broken one shows its first problem |
| Daily practice (`daily=True`) | today's warm-up from `practice.daily`, each with why it was picked |

Each row: title, scenario, and the player's best hit rate in shutter-AF and in
back-button mode (from history); the panel on the right has the briefing and the
record. A locked or broken level cannot be started: choosing it says why instead.
The list is read again every time the screen is entered, so a level just passed
opens the next tier on the way back.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from bbf_sim.core.mapping_names import MAPPING_NAMES
from bbf_sim.levels.catalog import LevelEntry
from bbf_sim.practice.session import Best, GameContext
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.palette import (
    AMBER,
    BG,
    BROKEN,
    DIM,
    GREEN,
    INFO_BLUE,
    LCD,
    LOCKED,
    PANEL,
    SOFT,
    WHITE,
    mapping_colour,
)
from bbf_sim.ui.scenes.widgets import (
    Row,
    draw_footer,
    draw_selection,
    draw_title,
    footer,
    left_clicks,
    margin,
    percent,
    row_at,
    text_size,
)
from bbf_sim.ui.verbs import Verb

SCENARIO_NAMES = {
    "reflex": "AF-ON reflex",
    "portrait": "portrait",
    "trap": "trap focus",
    "bird": "bird in flight",
    "sports": "sports",
    "children": "children",
    "landscape": "landscape",
    "macro": "macro",
    "lowlight": "low light",
    "event": "stage / event",
    "wildlife": "wildlife",
    "control": "control",
}


@dataclass
class Item:
    """A line of the list: a group header (entry None) or a level."""

    header: str = ""
    note: str = ""  # a header's second part: "open", or what opens it
    entry: LevelEntry | None = None
    locked: bool = False
    lock_hint: str = ""
    reason: str = ""  # daily practice: why this level today
    done: bool = False  # daily practice: played today
    mode: str | None = None  # a mapping to start in (daily practice: bbf)

    @property
    def selectable(self) -> bool:
        return self.entry is not None


class LevelSelectScene(Scene):
    def __init__(self, ctx: GameContext, back: Scene | None = None, daily: bool = False, selected_id: str = ""):
        self.ctx = ctx
        self.back = back
        self.daily = daily
        self.selected_id = selected_id

    # --- building the list -------------------------------------------------------------------

    def enter(self, app: App) -> None:
        self.rows: list[Row] = []
        self.message = ""
        self.scroll = 0
        self.reload()

    def reload(self) -> None:
        cat = self.ctx.catalogue()
        self.bests = self.ctx.bests()
        self.items = self._daily_items(cat) if self.daily else self._curriculum_items(cat)
        levels = [(i, it.entry) for i, it in enumerate(self.items) if it.entry is not None]
        self.selected = next((i for i, e in levels if e.id == self.selected_id), levels[0][0] if levels else -1)

    def _curriculum_items(self, cat) -> list[Item]:
        items: list[Item] = []
        tiers = self.ctx.tiers(cat.shipped, self.bests)
        by_id = {e.id: e for e in cat.shipped if e.ok}
        for status in tiers:
            note = "open" if status.unlocked else f"locked: {status.hint}"
            if status.unlocked and status.passed:
                note = f"open, {len(status.passed)} of {len(status.level_ids)} passed"
            items.append(Item(header=f"Tier {status.tier}", note=note, locked=not status.unlocked))
            for level_id in status.level_ids:
                items.append(Item(entry=by_id[level_id], locked=not status.unlocked, lock_hint=status.hint))
        broken = [e for e in cat.shipped if not e.ok]
        if broken:
            items.append(Item(header="Broken level files", note="fix the file, then R to read it again"))
            items += [Item(entry=e) for e in broken]
        if self.ctx.level_dirs:
            where = ", ".join(str(d) for d in self.ctx.level_dirs)
            items.append(Item(header="Your levels", note=where))
            items += [Item(entry=e) for e in cat.user]
            for problem in cat.problems:
                items.append(Item(header="", note=problem))
        return items

    def _daily_items(self, cat) -> list[Item]:
        entries = {e.id: e for e in cat.shipped if e.ok}
        plan = self.ctx.todays_plan(cat.shipped)
        days = plan.streak_days
        streak = f"streak {days} day{'s' * (days != 1)}" if days else "no streak yet: start one today"
        items = [Item(header="Today's warm-up", note=f"{streak}; all in back-button mode")]
        for it in plan.items:
            if it.level_id in entries:
                reason = it.done_note or it.reason  # a ticked item says what was done
                items.append(Item(entry=entries[it.level_id], reason=reason, done=it.done, mode=it.mode))
        return items

    # --- input -------------------------------------------------------------------------------

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        for verb in inp.verbs:
            if verb in ("up", "down"):
                self._move(-1 if verb == "up" else 1)
            elif verb in ("left", "right"):
                self._jump_group(-1 if verb == "left" else 1)
            elif verb == "ok":
                nxt = self._choose(app)
                if nxt is not None:
                    return nxt
            elif verb == "back":
                return self.back if self.back is not None else QUIT
        if Verb.AGAIN in inp.verbs:
            self.selected_id = self._current_id()
            self.reload()
            self.message = "Level files read again."
        for pos in left_clicks(inp):
            hit = row_at(self.rows, pos)
            if hit is not None:
                if hit == self.selected:
                    nxt = self._choose(app)
                    if nxt is not None:
                        return nxt
                self.selected = hit
                self.message = ""
        return None

    def _selected_entry(self) -> tuple[Item, LevelEntry] | None:
        """The selected line and its level file; None when the list holds no level."""
        if self.selected < 0:
            return None
        it = self.items[self.selected]
        assert it.entry is not None  # `selected` rests on a level's line only (`reload`, `_move`, `row_at`)
        return it, it.entry

    def _current_id(self) -> str:
        chosen = self._selected_entry()
        return chosen[1].id if chosen is not None else ""

    def _move(self, step: int) -> None:
        i = self.selected
        n = len(self.items)
        for _ in range(n):
            i = (i + step) % n
            if self.items[i].selectable:
                self.selected = i
                self.message = ""
                return

    def _jump_group(self, step: int) -> None:
        """Left/Right: to the first level of the previous or next group (tier)."""
        starts = [i for i, it in enumerate(self.items) if it.selectable and not self.items[i - 1].selectable]
        if not starts:
            return
        here = max((k for k, s in enumerate(starts) if s <= self.selected), default=0)
        self.selected = starts[(here + step) % len(starts)]
        self.message = ""

    def _choose(self, app: App):
        chosen = self._selected_entry()
        if chosen is None:
            return None
        it, e = chosen
        lv = e.playable
        if lv is None:
            self.message = f"Broken: {_problem_text(e)}"
            return None
        if it.locked:
            self.message = f"Locked. To open tier {lv.difficulty}: {it.lock_hint}."
            return None
        back = LevelSelectScene(self.ctx, self.back, self.daily, e.id)
        return app.router.camera_setup(self.ctx, lv, e.path, back=back, mode=it.mode)

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        t = app.text
        m, size = margin(w), text_size(h, w)
        screen.fill(BG)
        title = "Daily practice" if self.daily else "Choose a level"
        subtitle = "Pass levels to open the next tier: best hit rate in either mapping"
        if self.daily:
            subtitle = "A short warm-up picked from your history"
        top = draw_title(app, screen, title, subtitle)
        list_w = int(w * 0.58) - m
        bottom = h - m - 2 * size - 28  # room for a message line above the key hints
        self._draw_list(app, screen, pygame.Rect(m, top, list_w, bottom - top), size)
        panel = pygame.Rect(m + list_w + m, top, w - list_w - 3 * m, bottom - top)
        pygame.draw.rect(screen, PANEL, panel, border_radius=6)
        if self.selected >= 0:
            self._draw_detail(app, screen, panel.inflate(-36, -32), size)
        if self.message:
            colour = BROKEN if self.message.startswith("Broken") else AMBER
            t.blit(screen, app.text.fit(self.message, w - 2 * m, size), (m, bottom + 4), size, colour)
        hints = [
            ((Verb.UP, Verb.DOWN), "level"),
            ((Verb.LEFT, Verb.RIGHT), "tier"),
            (Verb.OK, "set up and play"),
            (Verb.AGAIN, "read files again"),
            (Verb.BACK, "back"),
        ]
        draw_footer(app, screen, footer(app, hints))

    def _draw_list(self, app: App, screen, area: pygame.Rect, size: int) -> None:
        t = app.text
        row_h = size + 16
        head_h = size + 22
        # Columns from the right: best in back-button, best in shutter-AF, scenario; the title takes the rest.
        col_w = t.width(MAPPING_NAMES["bbf"], size - 3) + 22
        col_bbf = area.right - 12
        col_shutter = col_bbf - col_w
        # The titles name the scenario already ("Portrait: ..."); the panel gives it in full.
        col_scen = col_shutter - col_w
        t.blit(
            screen,
            MAPPING_NAMES["shutter"],
            (col_shutter, area.y),
            size - 3,
            mapping_colour("shutter"),
            anchor="topright",
        )
        t.blit(screen, MAPPING_NAMES["bbf"], (col_bbf, area.y), size - 3, mapping_colour("bbf"), anchor="topright")
        t.blit(screen, "your best:", (col_scen, area.y), size - 3, DIM, anchor="topright")
        y0 = area.y + size + 4
        # Scroll so the selected row is on screen.
        heights = [head_h if not it.selectable else row_h for it in self.items]
        tops, acc = [], 0
        for hh in heights:
            tops.append(acc)
            acc += hh
        view_h = area.bottom - y0
        if self.selected >= 0:
            sel_top = tops[self.selected]
            # Keep the header above the selected row in view too.
            lead = (
                heights[self.selected - 1] if self.selected > 0 and not self.items[self.selected - 1].selectable else 0
            )
            if sel_top - lead < self.scroll:
                self.scroll = max(0, sel_top - lead)
            elif sel_top + row_h > self.scroll + view_h:
                self.scroll = sel_top + row_h - view_h
        self.rows = []
        clip = screen.get_clip()
        screen.set_clip(pygame.Rect(area.x, y0, area.w, view_h))
        for i, it in enumerate(self.items):
            y = y0 + tops[i] - self.scroll
            # Only whole rows: a row cut in half by the list's edge reads as broken text.
            if y < y0 - 1 or y + heights[i] - 4 > area.bottom + 1:
                continue
            e = it.entry
            if e is None:
                self._draw_header(app, screen, it, area.x, y + 8, area.w, size)
                continue
            rect = pygame.Rect(area.x, y, area.w, row_h - 4)
            self.rows.append(Row(rect, i))
            lv = e.playable  # None: a broken file
            selected = i == self.selected
            if selected:
                draw_selection(screen, rect, BROKEN if lv is None else (LOCKED if it.locked else AMBER))
            x = rect.x + 16
            icon = pygame.Rect(x, rect.centery - size // 2, size, size)
            if lv is None:
                _cross(screen, icon, BROKEN)
            elif it.locked:
                _padlock(screen, icon, LOCKED)
            elif it.done or self._passed(e):
                _tick(screen, icon, GREEN)
            x += size + 12
            if lv is not None:
                colour = LOCKED if it.locked else (WHITE if selected else SOFT)
                name = app.text.fit(lv.title, col_scen - x - 16, size)
                t.blit(screen, name, (x, rect.centery), size, colour, anchor="midleft", bold=selected)
                for mode, col in (("shutter", col_shutter), ("bbf", col_bbf)):
                    b = self.bests.get((e.id, mode))
                    text = percent(b.hit_rate) if b else "–"
                    c = LOCKED if it.locked else _rate_colour(b)
                    t.blit(screen, text, (col, rect.centery), size, c, anchor="midright")
            else:
                name = e.path.name
                t.blit(screen, name, (x, rect.centery), size, BROKEN, anchor="midleft", bold=selected)
                px = x + t.width(name, size) + 14
                problem = app.text.fit("broken: " + _problem_text(e), area.right - px - 12, size - 3)
                t.blit(screen, problem, (px, rect.centery), size - 3, DIM, anchor="midleft")
        screen.set_clip(clip)

    def _draw_header(self, app: App, screen, it: Item, x: int, y: int, width: int, size: int) -> None:
        t = app.text
        colour = LOCKED if it.locked else LCD
        if it.header:
            t.blit(screen, it.header, (x, y), size + 1, colour, bold=True)
            nx = x + t.width(it.header, size + 1) + 14
        else:
            nx = x + 16
        note_colour = AMBER if it.locked else DIM
        t.blit(screen, app.text.fit(it.note, x + width - nx, size - 3), (nx, y + 3), size - 3, note_colour)
        if it.header:
            pygame.draw.line(screen, (50, 54, 60), (x, y + size + 10), (x + width, y + size + 10))

    def _passed(self, e: LevelEntry) -> bool:
        from bbf_sim.levels.progression import UNLOCK_RULES

        mark = min(r.hit_rate for r in UNLOCK_RULES.values())
        rates = [b.hit_rate for (lid, _), b in self.bests.items() if lid == e.id and b.hit_rate is not None]
        return bool(rates) and max(rates) >= mark

    def _draw_detail(self, app: App, screen, area: pygame.Rect, size: int) -> None:
        t = app.text
        chosen = self._selected_entry()
        if chosen is None:
            return
        it, e = chosen
        x, y = area.topleft
        lv = e.playable
        if lv is None:
            t.blit(screen, "Broken level file", (x, y), size + 4, BROKEN, bold=True)
            y += size + 16
            y = app.text.draw_wrapped(screen, str(e.path), x, y, area.w, size - 2, DIM) + 10
            for p in e.problems[:6]:
                y = app.text.draw_wrapped(screen, _strip_path(p, e), x, y, area.w, size - 1, SOFT) + 6
            if len(e.problems) > 6:
                t.blit(screen, f"and {len(e.problems) - 6} more", (x, y), size - 2, DIM)
                y += size + 6
            y += 8
            app.text.draw_wrapped(
                screen,
                "The other levels still play. `bbf-sim validate FILE` lists every problem.",
                x,
                y,
                area.w,
                size - 2,
                DIM,
            )
            return
        for line in t.wrap(lv.title, area.w, size + 4)[:2]:
            t.blit(screen, line, (x, y), size + 4, WHITE, bold=True)
            y += size + 10
        scen = SCENARIO_NAMES.get(lv.scenario, lv.scenario)
        facts = f"tier {lv.difficulty}  ·  {scen}  ·  {lv.duration_s:g} s" + ("  ·  endless" if lv.endless else "")
        t.blit(screen, facts, (x, y), size - 2, AMBER)
        y += size + 10
        if it.locked:
            y = app.text.draw_wrapped(screen, f"Locked. To open it: {it.lock_hint}.", x, y, area.w, size - 1, AMBER) + 8
        if it.reason:
            y = app.text.draw_wrapped(screen, f"Today: {it.reason}.", x, y, area.w, size - 1, INFO_BLUE) + 8
        # The record, then as much of the briefing as fits.
        rec_h = 3 * (size + 6) + 10
        brief_bottom = area.bottom - rec_h
        lines = t.wrap(" ".join(lv.briefing.split()), area.w, size - 2)
        room = max(0, (brief_bottom - y) // (size + 2))
        if len(lines) > room and room:
            lines = lines[: room - 1] + [app.text.fit(lines[room - 1] + " …", area.w, size - 2)]
        for line in lines[:room]:
            t.blit(screen, line, (x, y), size - 2, SOFT)
            y += size + 2
        y = brief_bottom + 10
        t.blit(screen, "Your best", (x, y), size - 1, DIM)
        y += size + 6
        for mode, name in MAPPING_NAMES.items():
            b = self.bests.get((e.id, mode))
            if b is None:
                text = "not played yet"
            else:
                text = f"{percent(b.hit_rate)} in {b.attempts} attempt{'s' * (b.attempts != 1)}"
            t.blit(screen, name, (x, y), size - 1, SOFT)
            t.blit(screen, text, (x + area.w // 2, y), size - 1, _rate_colour(b))
            y += size + 6


def _problem_text(e: LevelEntry) -> str:
    return _strip_path(e.problems[0], e) if e.problems else "cannot be read"


def _strip_path(problem: str, e: LevelEntry) -> str:
    """A problem line without its leading `file: `, when the file is shown next to it anyway."""
    prefix = f"{e.path}: "
    return problem[len(prefix) :] if problem.startswith(prefix) else problem


def _rate_colour(b: Best | None):
    if b is None or b.hit_rate is None:
        return DIM
    return GREEN if b.hit_rate >= 0.6 else AMBER


def _padlock(screen, r: pygame.Rect, colour) -> None:
    body = pygame.Rect(r.x + 1, r.y + r.h * 4 // 10, r.w - 2, r.h * 6 // 10)
    pygame.draw.rect(screen, colour, body, border_radius=2)
    shackle = pygame.Rect(r.x + r.w // 5, r.y, r.w * 3 // 5, r.h * 7 // 10)
    pygame.draw.arc(screen, colour, shackle, 0, 3.1416, max(2, r.w // 7))
    pygame.draw.line(screen, colour, (shackle.x + 1, shackle.centery), (shackle.x + 1, body.y), max(2, r.w // 7))
    pygame.draw.line(
        screen, colour, (shackle.right - 2, shackle.centery), (shackle.right - 2, body.y), max(2, r.w // 7)
    )


def _tick(screen, r: pygame.Rect, colour) -> None:
    w = max(2, r.w // 6)
    pygame.draw.lines(
        screen, colour, False, [(r.x + 1, r.centery), (r.x + r.w * 2 // 5, r.bottom - 3), (r.right - 1, r.y + 3)], w
    )


def _cross(screen, r: pygame.Rect, colour) -> None:
    w = max(2, r.w // 6)
    pygame.draw.line(screen, colour, (r.x + 2, r.y + 2), (r.right - 2, r.bottom - 2), w)
    pygame.draw.line(screen, colour, (r.right - 2, r.y + 2), (r.x + 2, r.bottom - 2), w)
