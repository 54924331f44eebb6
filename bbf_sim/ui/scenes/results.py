"""Results: the attempt's hit rate with its 95 % interval, keepers against the goal, grades,
decisive moments and habits; and, once both mappings have been played this session,
the two side by side.
"""

from __future__ import annotations

from dataclasses import replace

import pygame

from bbf_sim.core.comparison import wilson_interval
from bbf_sim.core.scoring import GRADES
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.hud import AMBER, GRADE_COLOURS, GREEN, RED

ATTRACT_RESULTS_S = 5.0
MAPPING_NAMES = {"shutter": "shutter-AF", "bbf": "back-button (BBF)"}


class ResultsScene(Scene):
    def __init__(self, result):
        self.result = result

    def enter(self, app: App) -> None:
        # This session's attempts, newest last, so the two mappings can be set side by side.
        history = getattr(app, "session_results", None)
        if history is None:
            history = app.session_results = []
        if not history or history[-1] is not self.result:
            history.append(self.result)
        self.entered_s = app.now()

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        setup = self.result.setup
        from bbf_sim.ui.scenes.play import PlayScene

        for key in inp.keys:
            if key in (pygame.K_RETURN, pygame.K_KP_ENTER, pygame.K_r):
                return PlayScene(replace(setup, seed=setup.seed + 1))
            if key == pygame.K_m:
                return PlayScene(replace(setup, mode=self._other(), seed=setup.seed + 1))
            if key in (pygame.K_ESCAPE, pygame.K_q):
                return QUIT
            if key in (pygame.K_LEFT, pygame.K_BACKSPACE):
                from bbf_sim.ui.scenes.review import ReviewScene

                return ReviewScene(self.result)
        if setup.attract and app.now() - self.entered_s > ATTRACT_RESULTS_S:
            # The attract loop: the same level in the other mapping, a new day.
            return PlayScene(replace(setup, mode=self._other(), seed=setup.seed + 1))
        return None

    def _other(self) -> str:
        return "bbf" if self.result.setup.mode == "shutter" else "shutter"

    def draw(self, app: App, screen: pygame.Surface) -> None:
        r = self.result
        s = r.summary
        t = app.text
        w, h = screen.get_size()
        screen.fill((20, 22, 26))
        m = max(16, w // 50)
        size = max(15, h // 36)
        x, y = m, m
        t.blit(screen, f"Results: {r.setup.level.title}", (x, y), size + 10, (255, 255, 255), bold=True)
        y += size + 22
        t.blit(
            screen,
            f"Mapping: {MAPPING_NAMES[r.setup.mode]}" + ("   (ended early)" if r.ended_early else ""),
            (x, y),
            size,
            AMBER,
        )
        y += size + 24
        lo, hi = wilson_interval(s.hits, s.frames)
        big = size * 3
        colour = GREEN if s.goal_met else (AMBER if s.hits else RED)
        t.blit(screen, f"{s.hit_rate:.0%}", (x, y), big, colour, bold=True)
        t.blit(screen, "hit rate", (x + t.width(f"{s.hit_rate:.0%}", big) + 14, y + 6), size, (200, 200, 200))
        t.blit(
            screen,
            f"95 % interval {lo:.0%}–{hi:.0%} over {s.frames} frames" if s.frames else "no frames taken",
            (x + t.width(f"{s.hit_rate:.0%}", big) + 14, y + size + 12),
            size - 2,
            (160, 160, 160),
        )
        y += big + 24
        verdict = "goal met" if s.goal_met else "goal not met"
        lines = [
            (f"Keepers: {s.hits} of {s.keepers_goal} needed: {verdict}", GREEN if s.goal_met else AMBER),
            (f"Mean sharpness: {s.mean_sharpness:.2f}  (1.00 = every frame acceptably sharp)", (220, 220, 220)),
        ]
        if s.moments:
            lines.append((f"Decisive moments caught: {s.moments_caught} of {s.moments}", (220, 220, 220)))
        lines.append(("Habits", (255, 255, 255)))
        lines.append(
            (f"  frames fired before AF had ever been on the target: {s.fired_without_af}", _bad(s.fired_without_af))
        )
        lines.append(
            (f"  frames refocused away after recomposing: {s.refocus_after_recompose}", _bad(s.refocus_after_recompose))
        )
        first = "never" if s.first_sharp_s is None else f"{s.first_sharp_s:.2f} s"
        lines.append((f"  from the subject appearing to the first sharp frame: {first}", (220, 220, 220)))
        for text, c in lines:
            t.blit(screen, text, (x, y), size, c)
            y += size + 10
        tip = lesson(s, r.setup.mode)
        if tip:
            for line in t.wrap(tip, min(w - 2 * m, 900), size):
                t.blit(screen, line, (x, y), size, (170, 210, 255))
                y += size + 6
            y += 4
        self._grade_bar(screen, t, pygame.Rect(x, y + 6, min(w - 2 * m, 700), size + 8), s, size)
        y += size + 40
        self._comparison(app, screen, x, y, size)
        t.blit(
            screen,
            "Enter: again   M: again in the other mapping   Left: back to review   Esc: quit",
            (x, h - m),
            size,
            (160, 160, 160),
            anchor="bottomleft",
        )

    def _grade_bar(self, screen, t, rect: pygame.Rect, s, size) -> None:
        total = max(1, s.frames)
        x = rect.x
        for g in GRADES:
            n = s.grades.get(g, 0)
            if not n:
                continue
            wpx = round(rect.w * n / total)
            pygame.draw.rect(screen, GRADE_COLOURS[g], (x, rect.y, wpx, rect.h))
            label = f"{g} {n}"
            if t.width(label, size - 3) < wpx - 6:
                t.blit(screen, label, (x + 4, rect.centery), size - 3, (20, 20, 20), anchor="midleft")
            x += wpx

    def _comparison(self, app: App, screen, x, y, size) -> None:
        """Both mappings on this level from this session, when there are both."""
        level_id = self.result.setup.level.id
        latest = {}
        for res in getattr(app, "session_results", []):
            if res.setup.level.id == level_id:
                latest.setdefault(res.setup.mode, []).append(res)
        if len(latest) < 2:
            return
        t = app.text
        t.blit(screen, "This session, both mappings", (x, y), size + 2, (255, 255, 255), bold=True)
        y += size + 12
        for mode in ("shutter", "bbf"):
            runs = latest[mode]
            hits = sum(r.summary.hits for r in runs)
            frames = sum(r.summary.frames for r in runs)
            lo, hi = wilson_interval(hits, frames)
            rate = hits / frames if frames else 0.0
            t.blit(
                screen,
                f"{MAPPING_NAMES[mode]:<20} {rate:.0%}  (95 % {lo:.0%}–{hi:.0%}, "
                f"{hits}/{frames} frames, {len(runs)} attempts)",
                (x + 10, y),
                size,
                (220, 220, 220),
            )
            y += size + 8


def lesson(s, mode: str) -> str:
    """One thing to try next, from the attempt's habits (the most costly first)."""
    if s.refocus_after_recompose:
        if mode == "shutter":
            return (
                "Each new shutter press refocused on whatever was under the AF point after you recomposed. "
                "Try back-button focus: focus with AF-ON, let go, recompose, and the shutter only fires."
            )
        return (
            "Focus moved after recomposing: let go of AF-ON before you turn the camera, and keep it off while shooting."
        )
    if s.fired_without_af:
        return (
            "Some frames were fired before AF had ever been on the subject: focus first (wait for the dot), then shoot."
        )
    if s.frames and s.hits < s.frames:
        return "Open a soft frame in the review (Left) to see what the lens was focused on when it fired."
    return ""


def _bad(n: int):
    return (220, 220, 220) if n == 0 else AMBER
