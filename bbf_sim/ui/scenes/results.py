"""Results: the attempt's hit rate with its 95 % interval, keepers against the goal, grades,
decisive moments and habits; and the two mappings side by side on this level.

The side by side comes from the player's history (every recorded attempt at this
level file with the same AF mode), with the core's comparison statistics: each
mapping's hit rate with a Wilson interval on the effective number of frames (one
cluster per attempt), the difference with Newcombe's interval, and the verdict.
Without a history (no data folder) it falls back to this session's attempts.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pygame

from bbf_sim.core.comparison import design_effect, newcombe_difference, verdict, wilson_interval
from bbf_sim.core.mapping_names import MAPPING_NAMES, MAPPING_TITLES
from bbf_sim.core.scoring import GRADES
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.palette import (
    AMBER,
    BG,
    DIM,
    GREEN,
    INFO_BLUE,
    LCD,
    LOCKED,
    NOTE,
    RED,
    SOFT,
    TEXT,
    WHITE,
    draw_grade_mark,
    grade_colour,
    mapping_colour,
)
from bbf_sim.ui.text import body_px
from bbf_sim.ui.verbs import Verb, hints, verb_label
from bbf_sim.ui.words import interval_words, missed_causes

ATTRACT_RESULTS_S = 5.0


class ResultsScene(Scene):
    def __init__(self, result):
        self.result = result

    def enter(self, app: App) -> None:
        self.entered_s = app.now()
        setup = self.result.setup
        # The comparable attempts are the practice service's rule (`GameContext.comparison`).
        compared = app.practice.comparison(setup.played_level, setup.level_path, from_history=not setup.demo)
        self.source = compared.source
        # Per mapping, (hits, frames) of each attempt; and [refocused after recompose, fired without AF] frames.
        self.both = {mode: (t.hits, t.frames) for mode, t in compared.by_mode.items() if mode in MAPPING_NAMES}
        self.habits = {
            mode: [t.refocus_after_recompose, t.fired_without_af]
            for mode, t in compared.by_mode.items()
            if mode in MAPPING_NAMES
        }
        # A new personal best on this level in this mapping: its moment on the screen.
        s = self.result.summary
        self.beaten_best = (
            None
            if self.result.ended_early or not s.frames
            else app.practice.personal_best(setup.level.id, str(setup.mode), self.result.attempt_id, s.hit_rate)
        )
        from bbf_sim.ui.scenes.endless import is_endless, next_round_setup

        # An endless drill goes on: the next round, harder or easier from this one's hit rate.
        self.next_round = next_round_setup(self.result) if is_endless(self.result.setup) else None

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        setup = self.result.setup
        play = app.router.play
        for verb in inp.verbs:
            if verb == Verb.OK and self.next_round is not None:
                return play(replace(self.next_round, same_scene_as=None))
            if verb in (Verb.OK, Verb.AGAIN):
                return play(replace(setup, seed=setup.seed + 1, same_scene_as=None))
            if verb == Verb.OTHER:
                # The same scene (the same seed, the same round) in the other mapping: a like-for-like A/B.
                return play(replace(setup, mode=self._other(), same_scene_as=setup.mode))
            if verb == Verb.BACK:
                # Back to where the level was chosen (the level select), or out when played from the CLI.
                return setup.back() if setup.back is not None else QUIT
            if verb == Verb.END:
                return QUIT
            if verb == Verb.LEFT:
                return app.router.review(self.result)
        if setup.attract and app.now() - self.entered_s > ATTRACT_RESULTS_S:
            # The attract loop: the same level in the other mapping, a new day.
            return play(replace(setup, mode=self._other(), seed=setup.seed + 1, same_scene_as=None))
        return None

    def _other(self) -> str:
        return "bbf" if self.result.setup.mode == "shutter" else "shutter"

    def draw(self, app: App, screen: pygame.Surface) -> None:
        r = self.result
        t = app.text
        w, h = screen.get_size()
        screen.fill((20, 22, 26))
        m = max(16, w // 50)
        size = body_px(h, w)
        x, y = m, m
        t.blit(screen, f"Results: {r.setup.level.title}", (x, y), size + 10, (255, 255, 255), bold=True)
        y += size + 22
        t.blit(
            screen,
            f"Mapping: {MAPPING_TITLES.get(r.setup.mode, 'a set-up drill mapping')}"
            + ("   (ended early)" if r.ended_early else ""),
            (x, y),
            size,
            mapping_colour(r.setup.mode),
        )
        y += size + 24
        if r.setup.same_scene_as in MAPPING_NAMES:
            note = (
                f"The same scene as your {MAPPING_NAMES[r.setup.same_scene_as]} attempt before it (seed {r.setup.seed})"
            )
            t.blit(screen, note, (x, y - 14), size - 3, LCD)
            y += size + 6
        if self.next_round is not None:
            from bbf_sim.ui.scenes.endless import change_line, round_line

            for text, colour in ((round_line(r.setup), (200, 200, 200)), (change_line(r, self.next_round), LCD)):
                for line in t.wrap(text, (w * 11 // 20 - m) if w >= 880 else w - 2 * m, size - 2):
                    t.blit(screen, line, (x, y), size - 2, colour)
                    y += size + 2
            y += 14
        # The comparison sits on the right when there is room, else below.
        side = w >= 880
        col_w = w * 11 // 20 - m - m // 2 - 8 if side else w - 2 * m
        foot_top = h - m - size - 8
        room = (foot_top if side else foot_top - 6 * size) - y
        y = self._left_column(app, screen, pygame.Rect(x, y, min(col_w, 900), max(0, room)), size)
        if side:
            panel = pygame.Rect(w * 11 // 20 + m // 2, m + size + 22, w - w * 11 // 20 - m - m // 2, 0)
            panel.h = h - panel.y - 2 * m - size
        else:
            panel = pygame.Rect(x, y + 6, w - 2 * m, h - y - 2 * m - size)
        clip = screen.get_clip()
        screen.set_clip(panel)  # a small window shows what fits rather than drawing over the key hints
        self._comparison(app, screen, panel, size)
        screen.set_clip(clip)
        items = [(Verb.OK, "again (a new scene)"), (Verb.OTHER, "the same scene in the other mapping")]
        if self.next_round is not None:
            items = [
                (Verb.OK, f"round {self.next_round.endless_round}"),
                (Verb.OTHER, "this round in the other mapping"),
            ]
            items.append((Verb.AGAIN, "this round again"))
        items.append((Verb.LEFT, "back to review"))
        items.append((Verb.BACK, "levels" if r.setup.back is not None else "quit"))
        t.blit(
            screen,
            hints(items, app.input.pad_last),
            (x, h - m),
            size,
            (160, 160, 160),
            anchor="bottomleft",
        )

    def _left_column(self, app: App, screen, area: pygame.Rect, size: int) -> int:
        """The attempt in words first (what cost frames), numbers second; returns the y below it.

        Blocks that do not fit the area are left out, least needed first, so no line runs
        into the comparison or the key hints on a small window.
        """
        r, s, t = self.result, self.result.summary, app.text
        x, width = area.x, area.w
        small = size - 3
        # (priority: lower is kept longer, height, draw(y) -> the y below what it drew)
        blocks: list[tuple[int, int, Callable[[int], int]]] = []

        def text_block(priority: int, text: str, px: int, colour, gap: int = 6) -> None:
            lines = t.wrap(text, width, px)
            blocks.append(
                (priority, len(lines) * (px + 4) + gap, lambda y: t.draw_wrapped(screen, text, x, y, width, px, colour))
            )

        big = size * 3
        rate = f"{s.hit_rate:.0%}"
        rate_colour = GREEN if s.goal_met else (AMBER if s.hits else RED)

        def draw_rate(y: int) -> int:
            t.blit(screen, rate, (x, y), big, rate_colour, bold=True)
            tx = x + t.width(rate, big) + 14
            t.blit(screen, "of frames sharp", (tx, y + 4), size, SOFT)
            t.blit(screen, f"{s.hits} of {s.frames} frames", (tx, y + size + 10), small, DIM)
            return y + big + 10

        blocks.append((0, big + 10, draw_rate))
        if self.beaten_best is not None:
            best = f"★ New personal best: {s.hit_rate:.0%}, up from {self.beaten_best:.0%} in this mapping"

            def draw_best(y: int, text: str = best) -> int:
                band = pygame.Rect(x - 6, y, width + 6, size + 14)
                pygame.draw.rect(screen, (70, 56, 20), band, border_radius=6)
                pygame.draw.rect(screen, AMBER, band, 2, border_radius=6)
                t.blit(
                    screen,
                    t.fit(text, width - 12, size),
                    (x + 6, band.centery),
                    size,
                    AMBER,
                    anchor="midleft",
                    bold=True,
                )
                return band.bottom + 8

            blocks.append((0, size + 22, draw_best))
        if s.frames:
            lo, hi = wilson_interval(s.hits, s.frames)
            text_block(3, interval_words(lo, hi, s.frames) + ".", small, DIM, 10)
        verdict = "goal met" if s.goal_met else "goal not met"
        text_block(0, f"Keepers: {s.hits} ({s.keepers_goal} needed): {verdict}", size, GREEN if s.goal_met else AMBER)
        if s.moments:
            text_block(1, f"Decisive moments caught: {s.moments_caught} of {s.moments}", size, TEXT)
        causes = missed_causes(r.frames, r.object_names, r.setup.played_level.lens.min_focus_m)
        if causes:
            text_block(1, "What cost frames", size, WHITE, 2)
            for cause, n in causes[:3]:
                text_block(1, f"  {n} frame{'s' * (n != 1)}: {cause}", size - 1, NOTE, 2)
            blocks.append((1, 8, lambda y: y + 8))
        text_block(2, "Habits", size, WHITE, 2)
        from bbf_sim.core.lessons import prefocus_lesson

        # Judged against the level's lesson: a pre-focus on a stand-in is the technique there.
        without_af = (
            "focused at another distance than the subject"
            if prefocus_lesson(r.setup.played_level.taught_lesson)
            else "fired before AF had ever been on the target"
        )
        text_block(2, f"  {without_af}: {s.fired_without_af}", small, _bad(s.fired_without_af), 2)
        text_block(
            2,
            f"  refocused away after recomposing: {s.refocus_after_recompose}",
            small,
            _bad(s.refocus_after_recompose),
            2,
        )
        first = "never" if s.first_sharp_s is None else f"{s.first_sharp_s:.2f} s"
        text_block(4, f"  from the subject appearing to the first sharp frame: {first}", small, TEXT, 8)
        tip = lesson(s, r.setup.mode, r.setup.played_level)
        if tip:
            text_block(1, tip, size, INFO_BLUE, 10)
        blocks.append(
            (
                1,
                2 * size + 18,
                lambda y: self._grade_bar(screen, t, pygame.Rect(x, y + 4, width, size // 2 + 4), s, size),
            )
        )
        text_block(
            5,
            f"Average sharpness {s.mean_sharpness:.2f}: the mean of 1/r, capped at 1 (1.00: every frame sharp, "
            "0.50: twice the blur a sharp print allows).",
            small - 1,
            DIM,
        )
        if r.record_note:
            text_block(6, r.record_note, small - 1, LOCKED)
        keep = list(range(len(blocks)))
        for priority in sorted({b[0] for b in blocks}, reverse=True):
            if sum(blocks[i][1] for i in keep) <= area.h or priority == 0:
                break
            keep = [i for i in keep if blocks[i][0] != priority]
        y = area.y
        for i in keep:
            top = y
            blocks[i][2](y)
            y = top + blocks[i][1]
        return y

    def _grade_bar(self, screen, t, rect: pygame.Rect, s, size) -> int:
        total = max(1, s.frames)
        x = rect.x
        for g in GRADES:
            n = s.grades.get(g, 0)
            if not n:
                continue
            wpx = round(rect.w * n / total)
            pygame.draw.rect(screen, grade_colour(g), (x, rect.y, wpx, rect.h))
            pygame.draw.rect(screen, BG, (x, rect.y, wpx, rect.h), 1)  # a seam between two grades
            x += wpx
        # Below the bar, each grade's shape, word and count: readable without telling the colours apart.
        x, y = rect.x, rect.bottom + 6
        for g in GRADES:
            n = s.grades.get(g, 0)
            draw_grade_mark(screen, g, (x + size // 3, y + size // 2), size - 6)
            r = t.blit(screen, f"{g} {n}", (x + size - 2, y), size - 3, grade_colour(g) if n else DIM)
            x = r.right + size
        return y + size

    def _comparison(self, app: App, screen, panel: pygame.Rect, size: int) -> None:
        """Both mappings on this level, side by side, with their intervals and the difference."""
        t = app.text
        if panel.h < 3 * size:
            return
        pygame.draw.rect(screen, (30, 33, 39), panel, border_radius=6)
        x, y = panel.x + 18, panel.y + 16
        width = panel.w - 36
        brand = app.brand
        af = self.result.setup.played_level.af.mode
        af_name = brand.af_mode_label(af) if brand is not None else af.upper()
        t.blit(screen, "Shutter-AF against back-button", (x, y), size + 2, (255, 255, 255), bold=True)
        y += size + 10
        n_att = sum(len(h) for h, _ in self.both.values())
        line = f"this level in {af_name}, from {self.source}: {n_att} attempt{'s' * (n_att != 1)}"
        y = t.draw_wrapped(screen, line, x, y, width, size - 3, DIM) + 10
        rates: dict[str, tuple[float, tuple[float, float]]] = {}
        bar_x = x + max(t.width(MAPPING_NAMES["bbf"], size) + 16, width // 3)
        bar_w = panel.right - 18 - bar_x - t.width("100 %", size) - 12
        for mode, name in MAPPING_NAMES.items():
            colour = mapping_colour(mode)
            t.blit(screen, name, (x, y), size, colour, bold=True)
            hits, frames = self.both.get(mode, ([], []))
            n, k = sum(frames), sum(hits)
            if not n:
                note = f"not played yet: press {verb_label(Verb.OTHER, app.input.pad_last)} to play it this way"
                t.blit(screen, t.fit(note, panel.right - 18 - bar_x, size - 3), (bar_x, y + 2), size - 3, DIM)
                y += 2 * size + 18
                continue
            import numpy as np

            deff = design_effect(np.array(hits, float), np.array(frames, float))
            rate = k / n
            ci = wilson_interval(rate * n / deff, n / deff)
            rates[mode] = (rate, ci)
            self._rate_bar(screen, pygame.Rect(bar_x, y + 2, bar_w, size - 2), rate, ci, colour)
            t.blit(screen, f"{rate:.0%}", (panel.right - 18, y), size, colour, anchor="topright", bold=True)
            y += size + 6
            attempts = f"{len(frames)} attempt{'s' * (len(frames) != 1)}"
            detail = f"{k} of {n} frames sharp in {attempts}; likely real rate {ci[0]:.0%}–{ci[1]:.0%} (95 % interval)"
            y = t.draw_wrapped(screen, detail, x, y, width, size - 4, DIM, gap_px=2) + 8
        if len(rates) == 2:
            (p1, ci1), (p2, ci2) = rates["shutter"], rates["bbf"]
            diff, dci = newcombe_difference(p1, ci1, p2, ci2)
            y += 4
            difference = f"difference (back-button − shutter): {100 * diff:+.0f} points"
            y = t.draw_wrapped(screen, difference, x, y, width, size, TEXT, gap_px=2) + 4
            spread = (
                f"The real difference most likely lies between {100 * dci[0]:+.0f} and {100 * dci[1]:+.0f} points "
                "(95 % interval)."
            )
            y = t.draw_wrapped(screen, spread, x, y, width, size - 3, DIM) + 8
            words = verdict(diff, dci).split(":")[0] + "."
            if dci[0] <= 0 <= dci[1]:
                words = "No difference your attempts can show yet: play more of both to narrow it."
            for line in t.wrap(words, width, size):
                t.blit(screen, line, (x, y), size, (170, 210, 255))
                y += size + 6
            self._habit_table(app, screen, x, y + 14, width, size)
        elif rates:
            y += 4
            other = verb_label(Verb.OTHER, app.input.pad_last)
            for line in t.wrap(
                f"Play it in the other mapping ({other}) to see the two side by side.",
                width,
                size - 2,
            ):
                t.blit(screen, line, (x, y), size - 2, (170, 210, 255))
                y += size + 4

    def _habit_table(self, app: App, screen, x: int, y: int, width: int, size: int) -> None:
        """Where the difference comes from: the habits that cost frames, per mapping, per attempt."""
        t = app.text
        from bbf_sim.core.lessons import prefocus_lesson

        prefocus = prefocus_lesson(self.result.setup.played_level.taught_lesson)
        rows = (
            ("refocused after recomposing", 0),
            ("focused at another distance" if prefocus else "fired before AF was on it", 1),
        )
        if not any(self.habits.get(m, [0, 0])[i] for m in MAPPING_NAMES for _, i in rows):
            return
        c2 = x + width
        c1 = c2 - t.width(MAPPING_NAMES["bbf"], size - 3) - 24
        t.blit(screen, "why: frames per attempt", (x, y), size - 3, (160, 160, 160))
        t.blit(screen, MAPPING_NAMES["shutter"], (c1, y), size - 3, mapping_colour("shutter"), anchor="topright")
        t.blit(screen, MAPPING_NAMES["bbf"], (c2, y), size - 3, mapping_colour("bbf"), anchor="topright")
        y += size + 4
        for label, i in rows:
            t.blit(screen, label, (x, y), size - 3, (220, 220, 220))
            for mode, col in (("shutter", c1), ("bbf", c2)):
                n_att = len(self.both.get(mode, ([], []))[0])
                per = self.habits.get(mode, [0, 0])[i] / n_att if n_att else None
                text = "–" if per is None else f"{per:.1f}"
                t.blit(screen, text, (col, y), size - 3, (220, 220, 220), anchor="topright")
            y += size + 6

    @staticmethod
    def _rate_bar(screen, rect: pygame.Rect, rate: float, ci: tuple[float, float], colour) -> None:
        """A hit-rate bar with its interval as a whisker, on a 0–100 % track."""
        pygame.draw.rect(screen, (52, 56, 64), rect, border_radius=3)
        pygame.draw.rect(screen, colour, (rect.x, rect.y, round(rect.w * rate), rect.h), border_radius=3)
        lo, hi = rect.x + round(rect.w * ci[0]), rect.x + round(rect.w * ci[1])
        cy = rect.centery
        pygame.draw.line(screen, (245, 245, 245), (lo, cy), (hi, cy), 2)
        for px in (lo, hi):
            pygame.draw.line(screen, (245, 245, 245), (px, rect.y - 2), (px, rect.bottom + 1), 2)


def lesson(s, mode: str, level=None) -> str:
    """One thing to try next, from the attempt's habits judged against the level's lesson (`core.lessons`)."""
    from bbf_sim.core.lessons import advice

    return advice(s, "shutter" if mode == "shutter" else "bbf", level)


def _bad(n: int):
    return (220, 220, 220) if n == 0 else AMBER
