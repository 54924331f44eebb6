"""What the player reads at a glance in the frame: the AF state and where focus landed.

Two parts, drawn over the rendered frame after the AF points:

| part | shows | when |
|---|---|---|
| badge | `FOCUS LOCKED on the face`, `TRACKING the runner`, `AF OFF`, large, at the top | always |
| last frame | its grade's shape and word and what happened, at the bottom, for a moment | after each frame |
| moments | the decisive moments coming along a lane at the frame's foot; `NOW` during one | levels with moments |
| light | each light change on that lane, a triangle up or down; `BRIGHTER`/`DARKER` during it | light changes |
| outline | brackets around the object AF is on (the background: a dashed frame edge) | the practice aid |

The badge takes the AF point's colour. The aid is a setting, on by default below the
highest tier. The outline is a trainer's aid, not a camera's: real finders light the AF point, not
the subject. It shows what "focus landed on the hedge" looked like at the time.
"""

from __future__ import annotations

import pygame

from bbf_sim.core.autofocus import DETECT, DRIVE, FAILED, HUNT, LOCKED, TRACK
from bbf_sim.ui.palette import AMBER, WHITE, draw_grade_mark, grade_colour, state_colour
from bbf_sim.ui.text import TextCache

HIGHEST_TIER = 5  # `levels.schema.Level.difficulty`'s top: there the aid is off unless asked for
DIM_STATE = (185, 185, 185)
FRAME_NOTE_S = 2.0  # how long a frame's note stays in the finder
MOMENT_LOOKAHEAD_S = 3.0  # how far ahead the moments lane shows what is coming
INSTANT_CHANGE_MARK_S = 0.4  # a light switched at once shows on the lane (and is named) this long
LIGHT_MARK = (235, 235, 210)  # light changes on the lane: a warm white, apart from the moments' amber


def outline_by_default(level) -> bool:
    """The practice aid's default for a level: on while learning, off in the highest tier."""
    return int(getattr(level, "difficulty", 1)) < HIGHEST_TIER


def af_words(phase: int, engaged: bool, confirmed: bool) -> tuple[str, str]:
    """The badge's state word and the palette state it takes its colour from ("" = neutral)."""
    if confirmed and phase == LOCKED:
        return ("FOCUS LOCKED", "confirmed") if engaged else ("FOCUS HELD", "confirmed")
    if phase == TRACK:
        return ("TRACKING", "tracking") if engaged else ("FOCUS HELD", "")
    if phase == HUNT:
        return "HUNTING: too little contrast", "hunt"
    if phase == FAILED:
        return "AF FAILED", "failed"
    if engaged and phase in (DETECT, DRIVE):
        return "FOCUSING", ""
    if confirmed:
        return "FOCUS HELD", "confirmed"
    return "AF OFF", ""


def _light_marks(light) -> tuple[tuple[float, float, int], ...]:
    """Each light change as (start_s, end_s, +1 brighter / -1 darker); an instant one lasts 0.4 s on the lane."""
    if light is None:
        return ()
    marks, ev = [], light.base_ev
    for at_s, target_ev, ramp_s in light.changes:
        if target_ev != ev:
            marks.append((at_s, at_s + max(ramp_s, INSTANT_CHANGE_MARK_S), 1 if target_ev > ev else -1))
        ev = target_ev
    return tuple(marks)


def landed_words(tracked: int, object_names: list[str]) -> str:
    if tracked >= 0:
        return f"on the {object_names[tracked]}"
    if tracked == -1:
        return "on the background"
    return ""


class Glance:
    """The badge and the focus outline for one level and frame rectangle."""

    def __init__(
        self, sim, frame: pygame.Rect, geometry, size_m, text: TextCache, outline: bool, moments=(), badge_top_px=0
    ):
        self.names = list(sim.object_names)
        self.frame = frame
        self.g = geometry  # the renderer's `FrameGeometry`: sensor mm → frame px
        self.w_m, self.h_m = size_m  # each object's size [m]
        self.text = text
        self.outline = outline
        self.font_px = max(16, frame.h // 24)
        self.badge_top_px = badge_top_px  # the frame's top strip a screen draws over [px]
        self._badges: dict[tuple, pygame.Surface] = {}
        self.moments = tuple((float(a), float(b)) for a, b in moments)  # [start_s, end_s] in level time
        # The light's changes: (start_s, end_s, +1 brighter / -1 darker), from the simulator's schedule.
        self.light_changes = _light_marks(getattr(sim, "light", None))
        self.lane = bool(self.moments or self.light_changes)
        self._frame_note: pygame.Surface | None = None  # the newest frame's note, made ahead
        self._shown_note: pygame.Surface | None = None
        self._note_until_s = -1.0

    def badge(self, phase: int, engaged: bool, confirmed: bool, tracked: int) -> pygame.Surface:
        key = (phase, engaged, confirmed, tracked)
        surf = self._badges.get(key)
        if surf is not None:
            return surf
        word, state = af_words(phase, engaged, confirmed)
        colour = AMBER if state == "hunt" else state_colour(state) if state else (WHITE if engaged else DIM_STATE)
        where = landed_words(tracked, self.names)
        if where and word == "AF OFF":
            where = "focus stays " + where
        fp = self.font_px
        big = self.text.render(word, fp, colour, bold=True)
        small = self.text.render(where, fp - 2, WHITE) if where else None
        gap = fp // 2
        w = big.get_width() + (gap + small.get_width() if small else 0) + 2 * fp // 2
        h = big.get_height() + fp // 3
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        surf.fill((0, 0, 0, 150))
        surf.blit(big, (fp // 2, (h - big.get_height()) // 2))
        if small is not None:
            surf.blit(small, (fp // 2 + big.get_width() + gap, (h - small.get_height()) // 2))
        self._badges[key] = surf
        return surf

    def prepare_frame(self, grade: str, headline: str) -> None:
        """Make the note the next frame shows (new text: made on a frame of its own, as the HUD does)."""
        fp = max(14, self.font_px - 2)
        width = self.frame.w * 3 // 4
        lines = self.text.wrap(headline, width - 3 * fp, fp)[:2]
        w = max(self.text.width(line, fp) for line in lines) + 3 * fp if lines else 3 * fp
        h = len(lines) * (fp + 4) + fp // 2
        surf = pygame.Surface((w, h), pygame.SRCALPHA)
        surf.fill((0, 0, 0, 170))
        draw_grade_mark(surf, grade, (fp, fp // 4 + fp // 2 + 2), fp - 2)
        y = fp // 4
        for line in lines:
            surf.blit(self.text.render(line, fp, grade_colour(grade)), (2 * fp, y))
            y += fp + 4
        self._frame_note = surf

    def show_frame(self, now_s: float) -> None:
        self._shown_note, self._note_until_s = self._frame_note, now_s + FRAME_NOTE_S

    def draw(self, screen: pygame.Surface, snap, view, now_s: float = 0.0) -> pygame.Rect:
        """The badge, the last frame's note (for a moment) and, with the aid on, the outline.

        Returns the badge's rectangle."""
        if self._shown_note is not None and now_s < self._note_until_s:
            # Above the moments lane and its NOW label when the level has one.
            lift = self.font_px + max(6, self.frame.h // 80) + 16 if self.lane else 0
            note = self._shown_note.get_rect(midbottom=(self.frame.centerx, self.frame.bottom - 8 - lift))
            screen.blit(self._shown_note, note)
        phase, tracked = int(snap.af_phase[0]), int(snap.af_tracked[0])
        engaged, confirmed = bool(snap.af_engaged[0]), bool(snap.af_confirmed[0])
        if self.outline:
            self._outline(screen, view, tracked, state_colour("confirmed") if confirmed else WHITE)
        if self.lane:
            self._moments(screen, float(snap.t_s))
        surf = self.badge(phase, engaged, confirmed, tracked)
        rect = surf.get_rect(midtop=(self.frame.centerx, self.frame.y + self.badge_top_px + 6))
        screen.blit(surf, rect)
        return rect

    def _moments(self, screen: pygame.Surface, t_s: float) -> None:
        """A lane along the frame's foot: the moments to come slide left to the 'now' mark.

        A photographer sees the runner reach the line coming; the lane is that anticipation
        for moments the picture cannot show, and `NOW` marks the window itself.
        """
        f = self.frame
        lane_h = max(6, f.h // 80)
        lane = pygame.Rect(f.x + f.w // 8, f.bottom - lane_h - 4, f.w * 3 // 4, lane_h)
        now_x = lane.x + lane.w // 8
        px_per_s = (lane.right - now_x) / MOMENT_LOOKAHEAD_S
        shade = pygame.Surface(lane.size, pygame.SRCALPHA)
        shade.fill((0, 0, 0, 110))
        screen.blit(shade, lane)
        inside = False
        for a, b in self.moments:
            if b < t_s - (now_x - lane.x) / px_per_s or a > t_s + MOMENT_LOOKAHEAD_S:
                continue
            x0 = max(lane.x, round(now_x + (a - t_s) * px_per_s))
            x1 = min(lane.right, round(now_x + (b - t_s) * px_per_s))
            inside = inside or a <= t_s < b
            pygame.draw.rect(screen, AMBER, (x0, lane.y, max(2, x1 - x0), lane.h))
        changing = 0
        tip = max(4, lane.h)
        for a, b, sign in self.light_changes:
            if b < t_s - (now_x - lane.x) / px_per_s or a > t_s + MOMENT_LOOKAHEAD_S:
                continue
            x0 = max(lane.x, round(now_x + (a - t_s) * px_per_s))
            x1 = min(lane.right, round(now_x + (b - t_s) * px_per_s))
            if a <= t_s < b:
                changing = sign
            # The ramp as a thin white bar through the lane, a triangle where it starts.
            pygame.draw.rect(screen, LIGHT_MARK, (x0, lane.centery - 1, max(2, x1 - x0), 3))
            if x0 > lane.x:
                cy = lane.centery
                points = [(x0 - tip, cy + sign * tip), (x0 + tip, cy + sign * tip), (x0, cy - sign * tip)]
                pygame.draw.polygon(screen, LIGHT_MARK, points)
        pygame.draw.line(screen, WHITE, (now_x, lane.y - 4), (now_x, lane.bottom + 2), 2)
        if inside:
            label = self.text.render("NOW", self.font_px, AMBER, bold=True)
            screen.blit(label, label.get_rect(midbottom=(now_x, lane.y - 6)))
        if changing:
            word = "BRIGHTER" if changing > 0 else "DARKER"
            label = self.text.render(word, self.font_px, LIGHT_MARK, bold=True)
            # Right of the NOW label's place, so the two never cover each other.
            screen.blit(label, label.get_rect(bottomleft=(now_x + 2 * self.font_px, lane.y - 6)))

    def object_box(self, view, i: int) -> pygame.Rect | None:
        """Object `i`'s box on the screen, or None when it is not in front of the camera."""
        if not bool(view.present[i]):
            return None
        depth = float(view.depth_m[i])
        if depth <= 0.05:
            return None
        x, y = self.g.to_px(float(view.u_mm[i]), float(view.v_mm[i]))
        scale = self.g.f_px / depth
        w, h = self.w_m[i] * scale, self.h_m[i] * scale
        box = pygame.Rect(round(self.frame.x + x - w / 2), round(self.frame.y + y - h / 2), round(w), round(h))
        return box if box.colliderect(self.frame) else None

    def _outline(self, screen, view, tracked: int, colour) -> None:
        if tracked == -1:
            # The background: a dashed line just inside the frame's edge.
            f = self.frame.inflate(-8, -8)
            dash = max(8, f.w // 40)
            for x in range(f.x, f.right - dash, 2 * dash):
                pygame.draw.line(screen, colour, (x, f.y), (x + dash, f.y), 2)
                pygame.draw.line(screen, colour, (x, f.bottom), (x + dash, f.bottom), 2)
            for y in range(f.y, f.bottom - dash, 2 * dash):
                pygame.draw.line(screen, colour, (f.x, y), (f.x, y + dash), 2)
                pygame.draw.line(screen, colour, (f.right, y), (f.right, y + dash), 2)
            return
        if tracked < 0:
            return
        box = self.object_box(view, tracked)
        if box is None:
            return
        box = box.inflate(8, 8).clip(self.frame)
        arm = max(6, min(box.w, box.h) // 4)
        x0, y0, x1, y1 = box.left, box.top, box.right - 1, box.bottom - 1
        for a, b in (
            ((x0, y0), (x0 + arm, y0)), ((x0, y0), (x0, y0 + arm)),
            ((x1, y0), (x1 - arm, y0)), ((x1, y0), (x1, y0 + arm)),
            ((x0, y1), (x0 + arm, y1)), ((x0, y1), (x0, y1 - arm)),
            ((x1, y1), (x1 - arm, y1)), ((x1, y1), (x1, y1 - arm)),
        ):  # fmt: skip
            pygame.draw.line(screen, colour, a, b, 3)
