"""The stats screen: the player's progress per level and mapping, from history, at a glance.

Reached from the menu's Stats entry. On the left, "All levels" and every level with
attempts (recent hit rate per mapping), then the streak and today's warm-up
(`practice.daily`). On the right, one of two pages for the chosen level:

| page | shows |
|---|---|
| Progress | hit rate and time to the first sharp frame per day, one line per mapping (`charts.progress_chart`) |
| Numbers | per mapping: attempts, hit rates, first sharp frame, habits; every attempt with its moving average |

Numbers in full: attempts (abandoned ones apart), best hit rate, first and recent
hit rate, the moving average, time to the first sharp frame (median and the middle
half, 25–75 %), and the habit counts per attempt, first attempts against recent;
below them, a chart of every attempt.s hit rate with its moving average.

| key | keyboard | gamepad |
|---|---|---|
| level | Up / Down, mouse wheel or click | d-pad, stick |
| page | Left / Right, Tab | d-pad, stick |
| back to the menu | Esc, Backspace | B |

The numbers are `practice.stats` (abandoned attempts counted, never in a rate); the
screen only lays them out. Charts are drawn once per level and page and kept.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

import pygame

from bbf_sim.core.mapping_names import MAPPING_TITLES
from bbf_sim.practice.session import GameContext, local_tz
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.charts import Panel, Series, XAxis, progress_chart, render_chart
from bbf_sim.ui.palette import (
    AMBER,
    BG,
    DIM,
    GREEN,
    LOCKED,
    PANEL,
    RED,
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
    screen_text_size,
    text_size,
)
from bbf_sim.ui.verbs import Verb

if TYPE_CHECKING:
    from bbf_sim.practice.stats import ModeStats

ALL = "*"
PAGES = ("Progress", "Numbers")
MODE_ORDER = ("shutter", "bbf")
ENDS_DAYS = 3  # all levels together: "first" and "recent" are this many practice days
HABIT_WORDS = {
    "fired_without_af": "fired before AF was on the subject",
    "refocus_after_recompose": "refocused off it after recomposing",
}


class StatsScene(Scene):
    """Hit rate, reaction time and habits over the weeks; the streak and today's warm-up."""

    def __init__(self, ctx: GameContext, back: Scene | None = None, today: date | None = None):
        self.ctx = ctx
        self.back = back
        self.today = today
        self.selected = 0
        self.page = 0

    # --- data --------------------------------------------------------------------------------

    def enter(self, app: App) -> None:
        from bbf_sim.practice.stats import level_stats, mode_stats, overall_by_mode, points

        self.rows: list[Row] = []
        self.page_tabs: list[Row] = []
        tz = local_tz()  # the player's days are local days
        self.pts = points(self.ctx.attempts(), tz)
        catalogue = self.ctx.catalogue()
        levels = [(e.id, lv) for e in catalogue.shipped + catalogue.user if (lv := e.playable) is not None]
        self.titles = {level_id: lv.title for level_id, lv in levels}
        difficulty = {level_id: lv.difficulty for level_id, lv in levels}
        played = sorted({p.level_id for p in self.pts}, key=lambda lv: (difficulty.get(lv, 99), lv))
        self.items = [ALL, *played] if played else []
        self.stats: dict[str, dict[str, ModeStats]] = {}  # by item (a level id, or ALL), then mapping
        for s in level_stats(self.pts):
            self.stats.setdefault(s.level_id, {})[s.mode] = s
        for mode in MODE_ORDER:
            sel = [p for p in self.pts if p.mode == mode]
            if sel:
                self.stats.setdefault(ALL, {})[mode] = mode_stats(ALL, mode, sel)
        self.days = {item: overall_by_mode(self.pts, None if item == ALL else item) for item in self.items}
        self.plan = self.ctx.todays_plan(catalogue.shipped, self.today)
        self.charts: dict[tuple, pygame.Surface] = {}
        self.selected = min(self.selected, max(0, len(self.items) - 1))

    def title_of(self, item: str) -> str:
        return "All levels" if item == ALL else self.titles.get(item, item)

    # --- input -------------------------------------------------------------------------------

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        n = max(1, len(self.items))
        for verb in inp.verbs:
            if verb == "up":
                self.selected = (self.selected - 1) % n
            elif verb == "down":
                self.selected = (self.selected + 1) % n
            elif verb in ("left", "right"):
                self.page = (self.page + (1 if verb == "right" else -1)) % len(PAGES)
            elif verb == "back":
                return self.back if self.back is not None else QUIT
            elif verb == Verb.OK and self.items:
                # The replay browser: this level's attempts (or every level's), to watch again.
                item = self.items[self.selected]
                level_id = None if item == ALL else item
                return app.router.replays(self.ctx, level_id, self.title_of(item), back=self)
        if Verb.NEXT in inp.verbs:
            self.page = (self.page + 1) % len(PAGES)
        for pos in left_clicks(inp):
            hit = row_at(self.rows, pos)
            if hit is not None:
                self.selected = hit
            tab = row_at(self.page_tabs, pos)
            if tab is not None:
                self.page = tab
        return None

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        w, h = screen.get_size()
        m, size = margin(w), text_size(h, w)
        screen.fill(BG)
        top = draw_title(app, screen, "Stats", self._subtitle())
        hint = footer(
            app,
            [
                ((Verb.UP, Verb.DOWN), "level"),
                ((Verb.LEFT, Verb.RIGHT), "page"),
                (Verb.OK, "replays"),
                (Verb.BACK, "menu"),
            ],
        )
        if not self.items:
            app.text.draw_wrapped(
                screen,
                "No attempts yet. Play a level and your hit rate, reaction time and habits will show here, "
                "day by day, for each mapping.",
                m,
                top + 10,
                w - 2 * m,
                size + 2,
                SOFT,
            )
            self._daily(app, screen, pygame.Rect(m, top + 5 * size, min(w - 2 * m, 600), h - top - 5 * size - 2 * m))
            draw_footer(app, screen, footer(app, [(Verb.BACK, "menu")]))
            return
        left_w = max(240, w * 27 // 100)
        bottom = h - m - size - 12
        list_bottom = self._level_list(app, screen, pygame.Rect(m, top, left_w, bottom - top))
        self._daily(app, screen, pygame.Rect(m, list_bottom + 12, left_w, bottom - list_bottom - 12))
        right = pygame.Rect(m + left_w + m, top, w - left_w - 3 * m, bottom - top)
        self._tabs(app, screen, pygame.Rect(right.x, m, right.w, size + 12))
        body = right
        item = self.items[self.selected]
        if PAGES[self.page] == "Progress":
            self._progress(app, screen, body, item)
        else:
            self._numbers(app, screen, body, item)
        draw_footer(app, screen, hint)

    def _subtitle(self) -> str:
        if not self.pts:
            return ""
        days = sorted({p.day for p in self.pts})
        quit_n = sum(not p.completed for p in self.pts)
        text = f"{len(self.pts)} attempts on {len(days)} days, {days[0]:%d %b} to {days[-1]:%d %b %Y}"
        if quit_n:
            text += f" ({quit_n} abandoned)"
        if any(p.generated for p in self.pts):
            text += ", generated by bots"
        return text

    def _level_list(self, app: App, screen, area: pygame.Rect) -> int:
        """The levels with their recent hit rate per mapping; returns the y below the list."""
        t = app.text
        size = screen_text_size(screen)
        row_h = 2 * size + 14
        visible = max(1, min(len(self.items), (area.h * 3 // 5) // (row_h + 4)))
        first = max(0, min(self.selected - visible // 2, len(self.items) - visible))
        self.rows = []
        y = area.y
        for i in range(first, first + visible):
            item = self.items[i]
            rect = pygame.Rect(area.x, y, area.w, row_h)
            self.rows.append(Row(rect, i))
            chosen = i == self.selected
            if chosen:
                draw_selection(screen, rect)
            name = app.text.fit(self.title_of(item), area.w - 30, size)
            t.blit(screen, name, (rect.x + 16, rect.y + 6), size, WHITE if chosen else SOFT, bold=chosen)
            x = rect.x + 16
            for mode in MODE_ORDER:
                s = self.stats.get(item, {}).get(mode)
                label = "BBF" if mode == "bbf" else "shutter"
                text = f"{label} {percent(s.recent_hit_rate) if s else '–'}"
                r = t.blit(screen, text, (x, rect.y + size + 10), size - 3, mapping_colour(mode))
                x = r.right + 18
            y += row_h + 4
        if len(self.items) > visible:
            more = f"{first + 1}–{first + visible} of {len(self.items)}"
            t.blit(screen, more, (area.right, y), size - 4, DIM, anchor="topright")
            y += size
        return y

    def _daily(self, app: App, screen, area: pygame.Rect) -> None:
        """The streak, big, and today's warm-up with why each level was picked."""
        t = app.text
        size = screen_text_size(screen)
        if area.h < 3 * size:
            return
        pygame.draw.rect(screen, PANEL, area, border_radius=6)
        x, y = area.x + 14, area.y + 10
        plan = self.plan
        n = plan.streak_days
        streak = f"{n}-day streak" if n else "No streak yet"
        r = t.blit(screen, streak, (x, y), size + 6, AMBER if n else SOFT, bold=True)
        today = "practised today" if plan.practised_today else "not practised yet today"
        today_colour = GREEN if plan.practised_today else DIM
        if r.right + 12 + t.width(today, size - 3) <= area.right - 14:
            t.blit(screen, today, (r.right + 12, r.bottom - size + 1), size - 3, today_colour)
            y = r.bottom + 10
        else:  # large text: under the streak rather than past the panel's edge
            y = t.draw_wrapped(screen, today, x, r.bottom + 2, area.w - 28, size - 3, today_colour) + 6
        width = area.w - 28
        t.blit(screen, app.text.fit("Today's warm-up, back-button", width, size - 2), (x, y), size - 2, WHITE)
        y += size + 6
        for item in plan.items:
            if y + 2 * size > area.bottom:
                break
            box = pygame.Rect(x, y + 3, size - 6, size - 6)
            pygame.draw.rect(screen, GREEN if item.done else LOCKED, box, 0 if item.done else 2, border_radius=3)
            title = app.text.fit(self.titles.get(item.level_id, item.level_id), width - size, size - 2)
            t.blit(screen, title, (x + size + 2, y), size - 2, SOFT if not item.done else DIM)
            y += size + 2
            # A ticked item says what was done; the others why they were picked.
            words, colour = (item.done_note, GREEN) if item.done and item.done_note else (item.reason, DIM)
            for line in t.wrap(words, width - size, size - 5)[:2]:
                if y + size > area.bottom:
                    break
                t.blit(screen, line, (x + size + 2, y), size - 5, colour)
                y += size - 2
            y += 6

    def _tabs(self, app: App, screen, area: pygame.Rect) -> None:
        """The page tabs, at the right of the screen's title line."""
        t = app.text
        size = screen_text_size(screen)
        x = area.right
        self.page_tabs = []
        for i in reversed(range(len(PAGES))):
            label = PAGES[i]
            tw = t.width(label, size) + 28
            rect = pygame.Rect(x - tw, area.y - 2, tw, size + 12)
            self.page_tabs.append(Row(rect, i))
            if i == self.page:
                draw_selection(screen, rect)
            on = i == self.page
            t.blit(screen, label, rect.center, size, WHITE if on else DIM, anchor="center", bold=on)
            x = rect.x - 8

    def _chart_scale(self, screen) -> float:
        # Chart text as big as the screen's own small text, whatever the window size.
        return screen_text_size(screen) / 22

    def _progress(self, app: App, screen, area: pygame.Rect, item: str) -> None:
        key = ("progress", item, area.size)
        chart = self.charts.get(key)
        if chart is None:
            rows = {
                m: [(d.day, d.hit_rate, d.first_sharp_median_s) for d in days] for m, days in self.days[item].items()
            }
            n = sum(p.completed for p in self.pts if item in (ALL, p.level_id))
            sub = f"{n} finished attempts; dots are days, lines the mean of the last 3 practice days"
            title = self.title_of(item)
            chart = progress_chart(rows, title, sub, area.size, scale=self._chart_scale(screen))
            self.charts[key] = chart
        screen.blit(chart, area.topleft)

    def _numbers(self, app: App, screen, area: pygame.Rect, item: str) -> None:
        t = app.text
        size = screen_text_size(screen)
        title = app.text.fit(self.title_of(item), area.w, size + 4)
        t.blit(screen, title, (area.x, area.y), size + 4, WHITE, bold=True)
        area = pygame.Rect(area.x, area.y + size + 16, area.w, area.h - size - 16)
        col_gap = size
        col_w = (area.w - col_gap) // 2
        card_h = 0
        for k, mode in enumerate(MODE_ORDER):
            rect = pygame.Rect(area.x + k * (col_w + col_gap), area.y, col_w, 0)
            days = self.days[item].get(mode) if item == ALL else None
            card_h = max(card_h, self._card(app, screen, rect, self.stats.get(item, {}).get(mode), mode, days) - area.y)
        chart_area = pygame.Rect(area.x, area.y + card_h + 10, area.w, area.bottom - area.y - card_h - 10)
        if chart_area.h < 6 * size:
            return
        key = ("attempts", item, chart_area.size)
        chart = self.charts.get(key)
        if chart is None:
            make = self._habit_chart if item == ALL else self._attempts_chart
            chart = self.charts[key] = make(item, chart_area.size, self._chart_scale(screen))
        screen.blit(chart, chart_area.topleft)

    def _card(self, app: App, screen, rect: pygame.Rect, s, mode: str, days=None) -> int:
        """One mapping's numbers; returns the y below the card.

        `days` (all levels together): first and recent are the first and last `ENDS_DAYS`
        practice days, since the last few attempts of a mixed routine are a few levels only.
        """
        t = app.text
        ends = "first attempts and recent"
        if s is not None and days:
            s = _by_days(s, days)
            ends = f"first {ENDS_DAYS} days and last {ENDS_DAYS}"
        size = screen_text_size(screen)
        colour = mapping_colour(mode)
        lines: list[tuple[str, str, tuple]] = []  # (label, value, colour)
        x, y = rect.x + 14, rect.y + 10
        if s is None or not s.attempts:
            lines.append(("", "not played in this mapping yet" if s is None else "no finished attempt yet", DIM))
        else:
            quit_text = f", {s.abandoned} abandoned" if s.abandoned else ""
            lines.append(("attempts", f"{s.attempts}{quit_text}", SOFT))
            lines.append(("hit rate", f"best {percent(s.best_hit_rate)}", SOFT))
            change = _change_colour(s.early_hit_rate, s.recent_hit_rate, higher_is_better=True)
            lines.append(("", f"first {percent(s.early_hit_rate)}, recent {percent(s.recent_hit_rate)}", change))
            moving = next((p.moving_average for p in reversed(s.trend) if p.moving_average is not None), None)
            lines.append(("moving avg.", f"{percent(moving)} (last 5 attempts)", SOFT))
            if s.first_sharp_n:
                spread = f"{s.first_sharp_p25_s:.2f}–{s.first_sharp_p75_s:.2f}"
                lines.append(("first sharp", f"{s.first_sharp_median_s:.2f} s (middle half {spread})", SOFT))
            else:
                lines.append(("first sharp", "no sharp frame yet", DIM))
        rows_h = (len(lines) + 1) * (size + 6) + (2 * (size + 4) + 2 * size + 24 if s is not None and s.attempts else 0)
        card = pygame.Rect(rect.x, rect.y, rect.w, rows_h + 22)
        pygame.draw.rect(screen, PANEL, card, border_radius=6)
        pygame.draw.rect(screen, colour, (card.x, card.y, 5, card.h), border_radius=3)
        t.blit(screen, MAPPING_TITLES[mode], (x, y), size + 1, colour, bold=True)
        y += size + 10
        label_w = t.width("moving avg.", size - 2) + 12
        for label, value, c in lines:
            if label:
                t.blit(screen, label, (x, y), size - 2, DIM)
            t.blit(screen, app.text.fit(value, rect.w - label_w - 28, size - 2), (x + label_w, y), size - 2, c)
            y += size + 6
        if s is not None and s.attempts:
            y += 4
            t.blit(
                screen,
                app.text.fit(f"habits: frames per attempt, {ends}", rect.w - 28, size - 4),
                (x, y),
                size - 4,
                DIM,
            )
            y += size + 2
            for name, words in HABIT_WORDS.items():
                y = self._habit(app, screen, x, y, rect.w - 28, s.habits[name], words, size)
        return card.bottom

    def _habit(self, app: App, screen, x: int, y: int, width: int, habit, words: str, size: int) -> int:
        """A habit as two bars, first attempts against recent ones, with the numbers; returns the y below."""
        t = app.text
        early, recent = habit.early_per_attempt, habit.recent_per_attempt
        colour = _change_colour(early, recent, higher_is_better=False) if early or recent else DIM
        words_box = t.blit(screen, app.text.fit(words, width, size - 4), (x, y), size - 4, SOFT)
        y = words_box.bottom - 2
        top = max(early, recent, 1.0)
        bar_w = width * 2 // 3
        bars_top = y
        for value, c in ((early, LOCKED), (recent, colour)):
            pygame.draw.rect(screen, (52, 56, 64), (x, y, bar_w, 5), border_radius=2)
            pygame.draw.rect(screen, c, (x, y, round(bar_w * value / top), 5), border_radius=2)
            y += 8
        # Beside the bars, and as tall as the text needs (large text must not reach the next habit).
        numbers = t.blit(screen, f"{early:.1f}, now {recent:.1f}", (x + bar_w + 10, bars_top - 4), size - 3, colour)
        return max(y, numbers.bottom - 4) + 8

    def _habit_chart(self, item: str, size_px: tuple[int, int], scale: float) -> pygame.Surface:
        """All levels: frames fired before AF was on the subject, per attempt, per practice day."""
        all_days = sorted({d.day for days in self.days[item].values() for d in days})
        first = all_days[0] if all_days else date.today()
        span = max(1, (all_days[-1] - first).days) if all_days else 1
        series = []
        for mode in MODE_ORDER:
            days = self.days[item].get(mode, [])
            dots = [(float((d.day - first).days), d.fired_without_af_per_attempt) for d in days]
            line = []
            for i, (x, _) in enumerate(dots):
                window = dots[max(0, i - ENDS_DAYS + 1) : i + 1]
                line.append((x, sum(v for _, v in window) / len(window)))
            short = "BBF" if mode == "bbf" else "shutter"
            end = f"{short} {line[-1][1]:.1f}" if line else ""
            series.append(Series(MAPPING_TITLES[mode], mapping_colour(mode), dots, line, end))
        top = max([1.0] + [y for ser in series for _, y in ser.points])
        top = float(int(top) + 1)
        step = max(1, span // 6)
        ticks = [(float(k), (first + timedelta(days=k)).strftime("%d %b")) for k in range(0, span + 1, step)]
        panel = Panel(
            "Frames fired before AF was on the subject, per attempt",
            0.0,
            top,
            [0.0, top / 2, top],
            "{:.1f}".format,
            "lower is better",
            series,
        )
        return render_chart(size_px, "Habit per day", "", [panel], XAxis(-0.5, span + 0.5, ticks), scale)

    def _attempts_chart(self, item: str, size_px: tuple[int, int], scale: float) -> pygame.Surface:
        """Every finished attempt's hit rate (dots) and its moving average (line), per mapping."""
        series = []
        count = 0
        for mode in MODE_ORDER:
            s = self.stats.get(item, {}).get(mode)
            if s is None or not s.trend:
                continue
            # x is the attempt's number in its mapping: both lines span the same practice.
            dots = [(float(i + 1), p.hit_rate) for i, p in enumerate(s.trend) if p.hit_rate is not None]
            line = [(float(i + 1), p.moving_average) for i, p in enumerate(s.trend) if p.moving_average is not None]
            count = max(count, len(s.trend))
            short = "BBF" if mode == "bbf" else "shutter"
            end = f"{short} {100 * line[-1][1]:.0f} %" if line else ""
            series.append(Series(MAPPING_TITLES[mode], mapping_colour(mode), dots, line, end))
        step = max(1, round(count / 8 / 5) * 5) if count > 10 else 1
        ticks = [(float(k), str(k)) for k in range(step if step > 1 else 1, count + 1, step)]
        panel = Panel(
            "Hit rate per attempt, and its moving average (5 attempts)",
            0.0,
            1.0,
            [0.0, 0.5, 1.0],
            lambda v: f"{100 * v:.0f} %",
            "by attempt number",
            series,
        )
        x_axis = XAxis(0.5, count + 0.5, ticks)
        return render_chart(size_px, "Every finished attempt", "", [panel], x_axis, scale)


def _by_days(s, days):
    """`s` with first / recent hit rate and habits from the first and last `ENDS_DAYS` practice days."""
    from dataclasses import replace

    from bbf_sim.practice.stats import HabitTrend

    def mean(values):
        values = [v for v in values if v is not None]
        return sum(values) / len(values) if values else None

    first, last = days[:ENDS_DAYS], days[-ENDS_DAYS:]
    habits = {
        name: HabitTrend(
            s.habits[name].total,
            mean([getattr(d, f) for d in first]) or 0.0,
            mean([getattr(d, f) for d in last]) or 0.0,
        )
        for name, f in (
            ("fired_without_af", "fired_without_af_per_attempt"),
            ("refocus_after_recompose", "refocus_per_attempt"),
        )
    }
    return replace(
        s,
        early_hit_rate=mean([d.hit_rate for d in first]),
        recent_hit_rate=mean([d.hit_rate for d in last]),
        habits=habits,
    )


def _change_colour(early, recent, higher_is_better: bool):
    if early is None or recent is None or abs(recent - early) < 1e-9:
        return SOFT
    better = recent > early if higher_is_better else recent < early
    return GREEN if better else RED
