"""The viewfinder overlay: AF points, focus confirmation, the info line, and the side panels.

Drawn over the rendered frame from a `Snapshot` and the level's fixed settings, as a
mirrorless finder shows them:

| element | shows |
|---|---|
| AF point grid | every selectable point, faint; the active point bright |
| active point | white when idle, green when focus is confirmed, blue while AF-C tracks, red when AF failed |
| in-focus dot | ● lit when confirmed; blinking while the lens hunts; `( )` around it in AF-C |
| info line | AF mode, mapping, shutter speed 1/N, aperture, ISO, focal length, focus distance, frames left |
| side panels | the level, time left, which camera buttons are held, the last frame and its grade |
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pygame

from bbf_sim.core.autofocus import FAILED, HUNT, PHASE_NAMES, TRACK
from bbf_sim.core.camera import px_per_mm
from bbf_sim.core.controls import Button, ModeLike
from bbf_sim.ui.naming import mapping_short, rear_button
from bbf_sim.ui.palette import AMBER, FAINT, GREEN, KEY, LCD, WHITE, grade_colour, mapping_colour, state_colour
from bbf_sim.ui.text import TextCache, layout_height_px


def shutter_text(exposure_s: float) -> str:
    """1/1600, 1/250, 0.5" the way a camera writes a shutter speed."""
    if exposure_s >= 0.3:
        return f'{exposure_s:g}"'
    return f"1/{round(1 / exposure_s)}"


# The f-numbers bodies mark, in thirds of a stop: a computed aperture (an endless round's
# f/4.989) is shown as the nearest of these, as a camera's display would.
MARKED_F_NUMBERS = (
    1.0,
    1.1,
    1.2,
    1.4,
    1.6,
    1.8,
    2.0,
    2.2,
    2.5,
    2.8,
    3.2,
    3.5,
    4.0,
    4.5,
    5.0,
    5.6,
    6.3,
    7.1,
    8.0,
    9.0,
    10.0,
    11.0,
    13.0,
    14.0,
    16.0,
    18.0,
    20.0,
    22.0,
    25.0,
    29.0,
    32.0,
    36.0,
    40.0,
    45.0,
    51.0,
    57.0,
    64.0,
)


def aperture_text(aperture: float) -> str:
    """F5.6, F11: the marked f-number nearest (in stops) to the lens's aperture."""
    marked = min(MARKED_F_NUMBERS, key=lambda m: abs(math.log(m / aperture)))
    return f"F{marked:g}"


def distance_text(lens_D: float) -> str:
    if lens_D <= 1e-4:
        return "inf."  # the default font has no ∞ glyph
    m = 1.0 / lens_D
    return f"{m:.2f} m" if m < 10 else f"{m:.1f} m" if m < 100 else f"{m:.0f} m"


PANEL_MIN_PX = 96  # a side panel's least width: the 960×540 window's
PANEL_SHARE = 0.1  # of a 16:9 window's width, a side panel's least width


@dataclass
class ViewfinderLayout:
    """Where things go in the window: the frame (3:2), the info strip under it, the side panels."""

    window: pygame.Rect
    frame: pygame.Rect
    info: pygame.Rect
    left: pygame.Rect
    right: pygame.Rect

    @classmethod
    def for_window(cls, w: int, h: int, sensor) -> ViewfinderLayout:
        """The frame as large as fits with a side panel either side (a tenth of a 16:9 window's
        width at least), centred; in a squarer or portrait window the panels keep the frame's
        height and the bands above and below stay black (`blanks`)."""
        from bbf_sim.ui.finder.view import fit_frame
        from bbf_sim.ui.text import layout_height_px

        lh = layout_height_px(h, w)  # what the strip and the panels' text are sized by
        info_h = max(26, round(lh * 0.055))
        panel_w = max(PANEL_MIN_PX, round(lh * 16 / 9 * PANEL_SHARE))
        fw, fh = fit_frame(max(1, w - 2 * panel_w), h - info_h, sensor)
        fx = (w - fw) // 2
        fy = (h - info_h - fh) // 2
        frame = pygame.Rect(fx, fy, fw, fh)
        info = pygame.Rect(0, fy + fh, w, info_h)
        return cls(
            pygame.Rect(0, 0, w, h),
            frame,
            info,
            pygame.Rect(0, fy, fx, fh),
            pygame.Rect(fx + fw, fy, w - fx - fw, fh),
        )

    @property
    def thumb_w(self) -> int:
        """The last frame's thumbnail width in the right panel: the panel's, up to 1.5 times a
        16:9 window's panel (an ultra-wide window's panel would make it taller than the frame)."""
        from bbf_sim.ui.text import layout_height_px

        most = round(1.5 * layout_height_px(self.window.h, self.window.w) * 16 / 9 * PANEL_SHARE)
        return max(60, min(self.right.w - 24, most))

    @property
    def blanks(self) -> list[pygame.Rect]:
        """The window's parts nothing draws on (above the panels, below the strip): black."""
        above = pygame.Rect(0, 0, self.window.w, self.frame.y)
        below = pygame.Rect(0, self.info.bottom, self.window.w, self.window.h - self.info.bottom)
        return [r for r in (above, below) if r.w > 0 and r.h > 0]


class Hud:
    """Draws the overlay for one level and window layout."""

    def __init__(self, sim, layout: ViewfinderLayout, text: TextCache, mode: ModeLike, brand=None, demo: bool = False):
        self.sim = sim
        self.layout = layout
        self.text = text
        self.mode = mode
        self.brand = brand
        self.demo = demo
        level = sim.level
        self.continuous = level.af.mode == "af-c"
        self.zone = level.af.area == "zone"
        # The body's own names: One-Shot / AI Servo on a Canon, AF-S / AF-C on a Nikon or Sony, S / C on a Fujifilm.
        self.af_label = brand.af_mode_label(level.af.mode) if brand else level.af.mode.upper()
        self.mapping_label = mapping_short(mode, brand)
        self.px_per_mm = px_per_mm(layout.frame.w, sim.sensor.width_mm)
        self.font_px = max(14, round(layout.info.h * 0.6))
        self.small_px = max(12, round(layout_height_px(layout.window.h, layout.window.w) * 0.021))
        cam = level.camera
        self.fixed_info = [
            shutter_text(cam.exposure_s),
            aperture_text(cam.aperture),
            f"ISO {cam.iso}",
            f"{cam.focal_mm:g}mm",
        ]
        grid = sim.grid
        size = self.point_rect(0, 0).inflate(-4, -4).size
        # Solid lines on a colour key, run-length encoded: SDL skips the empty runs, half the
        # cost of blending a transparent surface at every point.
        self._bracket = pygame.Surface(size)
        self._bracket.fill(KEY)
        _corners(self._bracket, self._bracket.get_rect(), (150, 150, 150), 1, max(2, size[0] // 4))
        self._bracket.set_colorkey(KEY, pygame.RLEACCEL)
        self._point_pos = {
            (c, r): self.point_rect(c, r).inflate(-4, -4).topleft for c in range(grid.cols) for r in range(grid.rows)
        }
        self.labels = {
            Button.HALF: "½ press",
            Button.FULL: "shutter",
            Button.AF_ON: rear_button(brand),
        }
        self._panel_cache: dict[str, tuple] = {}  # panel name → (what it showed, its pixels)
        self._shown: dict[str, tuple] = {}  # panel name → what the screen shows of it now
        self._countdown_top = 0  # where the left panel's countdown goes (set when the panel is drawn)
        self._live_top = 0  # where the left panel's live block starts (set when the panel is drawn)
        self._slots: tuple[pygame.Rect, pygame.Rect] | None = None  # the info line's live texts (`_info_slots`)
        self._squeezed: dict[str, pygame.Surface] = {}  # the left panel's hints, fitted to its width
        self._black: dict[tuple[int, int], pygame.Surface] = {}  # size → black surface (`_clear`)
        self._changed_rects: list[pygame.Rect] = []  # what was drawn outside the frame since `take_changed`
        self._overlay: dict[tuple[int, int], tuple[pygame.Rect, list]] = {}  # `draw_frame_overlay`'s, per point

    # --- the frame overlay -------------------------------------------------------------------

    def point_rect(self, col: int, row: int, zone: bool = False) -> pygame.Rect:
        grid = self.sim.grid
        u, v = grid.position_mm(col, row)
        f = self.layout.frame
        cx = f.centerx + float(u) * self.px_per_mm
        cy = f.centery - float(v) * self.px_per_mm
        if zone:
            hw, hh = grid.area_half_mm(True)
        else:
            hw = hh = grid.point_half_mm
        w, h = 2 * hw * self.px_per_mm, 2 * hh * self.px_per_mm
        return pygame.Rect(round(cx - w / 2), round(cy - h / 2), max(4, round(w)), max(4, round(h)))

    def draw_frame_overlay(self, screen: pygame.Surface, snap, t_wall_s: float) -> None:
        col, row = int(snap.point_col[0]), int(snap.point_row[0])
        # 45-odd points × 8 strokes each would be hundreds of draw calls a frame: one bracket
        # surface, blitted at every inactive point in one `blits` call (its list kept per point).
        overlay = self._overlay.get((col, row))
        if overlay is None:
            brackets = [(self._bracket, pos) for (c, r), pos in self._point_pos.items() if (c, r) != (col, row)]
            overlay = self._overlay[col, row] = (self.point_rect(col, row, self.zone), brackets)
        rect, brackets = overlay
        screen.blits(brackets, False)
        phase, confirmed, engaged = int(snap.af_phase[0]), bool(snap.af_confirmed[0]), bool(snap.af_engaged[0])
        if confirmed:
            colour = state_colour("confirmed")
        elif phase == FAILED:
            colour = state_colour("failed")
        elif engaged and phase == TRACK:
            colour = state_colour("tracking")
        else:
            colour = WHITE
        width = 3 if (confirmed or engaged) else 2
        if confirmed:
            # "Lit": a brief translucent fill on the point, like a superimposed red/green flash.
            fill = pygame.Surface(rect.size, pygame.SRCALPHA)
            fill.fill((*colour, 70))
            screen.blit(fill, rect)
        pygame.draw.rect(screen, colour, rect, width)
        f = self.layout.frame
        pygame.draw.rect(screen, (70, 70, 70), f, 1)

    # --- the info line --------------------------------------------------------------------------

    def draw_info(self, screen: pygame.Surface, snap, t_wall_s: float) -> None:
        if self._changed(screen, "blanks", None, False):  # once per screen: nothing else draws there
            for rect in self.layout.blanks:
                self._clear(screen, rect)
        phase, confirmed, engaged = int(snap.af_phase[0]), bool(snap.af_confirmed[0]), bool(snap.af_engaged[0])
        # The dot blinks only while the lens hunts or has failed: otherwise the blink's phase
        # is left out of the key, or the line would be redrawn twelve times a second for nothing.
        blinks = not (confirmed or (engaged and phase == TRACK)) and phase in (HUNT, FAILED)
        blink_on = blinks and (t_wall_s * 6) % 1 < 0.5
        redrawn = self._cached(
            screen,
            "info",
            self.layout.info,
            (phase, confirmed, engaged, blink_on),
            lambda: self._draw_info(screen, phase, confirmed, engaged, t_wall_s),
        )
        # The focus distance (while the lens moves) and the frames left (every frame of a
        # burst) change far more often than the rest: each is drawn into a slot of its own
        # over the cached line, so a change costs two small blits, not the whole line.
        dist_slot, left_slot = self._info_slots()
        left = self.sim.frames_left - int(snap.frames_fired[0])
        for name, slot, text in (
            ("info:distance", dist_slot, distance_text(float(snap.lens_D[0]))),
            ("info:left", left_slot, f"[{left}]"),
        ):
            if self._changed(screen, name, text, redrawn):
                self._clear(screen, slot)
                self.text.blit(screen, text, (slot.x, slot.centery), self.font_px, LCD, anchor="midleft")

    def _info_parts(self) -> list[tuple[str, tuple]]:
        """The info line's fixed texts, left to right (the distance and frames left follow them)."""
        parts: list[tuple[str, tuple]] = [
            (self.af_label, LCD),
            (self.mapping_label, mapping_colour(self.mode) if isinstance(self.mode, str) else LCD),
        ]
        return parts + [(t, LCD) for t in self.fixed_info]

    def _info_slots(self) -> tuple[pygame.Rect, pygame.Rect]:
        """Where the distance and the frames-left counter go: wide enough for their widest values."""
        if self._slots is not None:
            return self._slots
        fp, info = self.font_px, self.layout.info
        widths = [self.text.width(t, fp) for t, _ in self._info_parts()]
        dist_w = max(self.text.width(t, fp) for t in ("8.88 m", "88.8 m", "888 m", "inf."))
        left_w = self.text.width(f"[{'8' * len(str(max(0, self.sim.frames_left)))}]", fp)
        dot_w = fp * 3
        total = sum(widths) + dist_w + left_w + fp * (len(widths) + 2) + dot_w
        x0 = info.centerx - total // 2
        self._parts_x = []
        x = x0
        for w in widths:
            self._parts_x.append(x)
            x += w + fp
        self._dot_x = x + dot_w // 2
        x += dot_w
        dist = pygame.Rect(x, info.y, dist_w, info.h)
        left = pygame.Rect(dist.right + fp, info.y, left_w, info.h)
        self._slots = (dist, left)
        return self._slots

    def _draw_info(self, screen, phase, confirmed, engaged, t_wall_s) -> None:
        info = self.layout.info
        self._clear(screen, info)
        self._info_slots()
        cy = info.centery
        for x, (t, c) in zip(self._parts_x, self._info_parts(), strict=True):
            self.text.blit(screen, t, (x, cy), self.font_px, c, anchor="midleft")
        # The focus indicator sits before the distance, as on a finder.
        self._focus_dot(screen, (self._dot_x, cy), phase, confirmed, engaged, t_wall_s)

    def _cached(self, screen: pygame.Surface, name: str, rect: pygame.Rect, key, draw) -> bool:
        """Draw a panel only when what it shows has changed; otherwise blit the last copy.

        The panels' text, lamps and thumbnail change a few times a second at most, but
        drawing them costs about a millisecond: a quarter of a 144 Hz frame. True when the
        panel's pixels were put on the screen this frame (what is drawn over it must be too).
        """
        hit = self._panel_cache.get(name)
        # The screen keeps its pixels between frames: a panel it already shows is left alone
        # (blitting both panels again each frame is a visible share of a 1080p frame's budget).
        shown = (key, id(screen), screen.get_size())
        if hit is not None and hit[0] == key:
            if self._shown.get(name) != shown:
                screen.blit(hit[1], rect)
                self._changed_rects.append(pygame.Rect(rect))
                self._shown[name] = shown
                return True
            return False
        draw()
        self._panel_cache[name] = (key, _copy_into(hit[1] if hit else None, screen, rect))
        self._shown[name] = shown
        return True

    def _changed(self, screen: pygame.Surface, name: str, key, under_redrawn: bool) -> bool:
        """Whether a live part drawn over a cached panel must be drawn: its content changed,
        the panel under it was just put back, or it is a different screen. Noted as drawn.

        The screen keeps its pixels, so an unchanged counter or lamp is left as it is
        rather than cleared and drawn again on every frame.
        """
        shown = (key, id(screen), screen.get_size())
        if not under_redrawn and self._shown.get(name) == shown:
            return False
        self._shown[name] = shown
        return True

    def take_changed(self) -> list[pygame.Rect]:
        """The parts of the window outside the frame drawn since the last call (the panels, the
        info line and their live parts): with the frame, all a frame changes (`App.present`)."""
        rects, self._changed_rects = self._changed_rects, []
        return rects

    def _clear(self, screen: pygame.Surface, rect) -> None:
        """Paint `rect` black by blitting a black surface rather than with `fill`.

        SDL fills with streaming stores, slow on rows that do not cover whole cache lines:
        a narrow panel fills several times slower than a blit copies it.
        """
        rect = pygame.Rect(rect)
        self._changed_rects.append(rect)  # everything drawn outside the frame is drawn over a clear
        black = self._black.get(rect.size)
        if black is None:
            black = self._black[rect.size] = pygame.Surface(rect.size, 0, screen)
            black.fill((0, 0, 0))
        screen.blit(black, rect)

    def _focus_dot(self, screen, centre, phase, confirmed, engaged, t_wall_s) -> None:
        r = max(4, self.font_px // 3)
        blink_on = (t_wall_s * 6) % 1 < 0.5
        if confirmed or (engaged and phase == TRACK):
            pygame.draw.circle(screen, GREEN, centre, r)
        elif phase in (HUNT, FAILED) and blink_on:
            pygame.draw.circle(screen, GREEN if phase == HUNT else state_colour("failed"), centre, r, 2)
        if self.continuous:
            # AF-C: the brackets around the dot ("( ● )"), lit while AF runs.
            c = GREEN if engaged else (70, 90, 70)
            box = pygame.Rect(0, 0, 4 * r, 3 * r)
            box.center = centre
            pygame.draw.arc(screen, c, box.move(-r // 2, 0), math.pi / 2 + 0.4, 3 * math.pi / 2 - 0.4, 2)
            pygame.draw.arc(screen, c, box.move(r // 2, 0), -math.pi / 2 + 0.4, math.pi / 2 - 0.4, 2)

    # --- the side panels --------------------------------------------------------------------

    def draw_panels(self, screen: pygame.Surface, snap, extras: dict) -> None:
        lay = self.layout
        if lay.left.w < 90:  # a narrow window: no room for the side panels
            self._clear(screen, lay.left)
            self._clear(screen, lay.right)
            return
        hints = tuple(extras.get("hints", ()))
        redrawn = self._cached(screen, "left", lay.left, hints, lambda: self._left_panel(screen, extras))
        self._countdown(screen, snap, redrawn)
        self._live_left(screen, snap, redrawn)
        last = extras.get("last_photo")
        redrawn = self._cached(
            screen, "right", lay.right, id(last[0]) if last else None, lambda: self._right_panel(screen, extras)
        )
        # The counters change with every frame of a burst: drawn on their own over the cached
        # panel (two short texts), so a frame that takes a picture does not redraw the panel.
        frames, hits = int(snap.frames_fired[0]), extras.get("hits", 0)
        if self._changed(screen, "right:counters", (frames, hits), redrawn):
            sp = self.small_px
            x, y = lay.right.x + 12, lay.right.y + 12
            self._clear(screen, (x, y, lay.right.w - 12, 2 * sp + 12))
            self.text.blit(screen, f"frames {frames}", (x, y), sp + 2, WHITE)
            goal = self.sim.level.goal.keepers
            # A game's counter against its goal: green once the goal is reached.
            self.text.blit(screen, f"sharp {hits}/{goal}", (x, y + sp + 6), sp, GREEN if hits >= goal else FAINT)

    def _left_panel(self, screen: pygame.Surface, extras: dict) -> None:
        lay = self.layout
        self._clear(screen, lay.left)
        sp = self.small_px
        x = lay.left.x + 12
        y = lay.left.y + 12
        y = self.text.draw_wrapped(screen, self.sim.level.title, x, y, lay.left.w - 20, sp + 2, WHITE, gap_px=3) + 6
        # The countdown and its bar change once a second: `_countdown` draws them here.
        self._countdown_top = y
        y += sp + 4 + 18
        if self.demo:
            self.text.blit(screen, "DEMO", (x, y), sp, AMBER, bold=True)
            y += sp + 8
        self.text.blit(screen, "buttons", (x, y), sp, (140, 140, 140))
        # The lamps and the AF state below change with every press: `_live_left` draws them
        # over the cached panel each frame, so a press does not redraw the whole panel.
        self._live_top = y + sp + 4
        hints = extras.get("hints", [])
        hy = lay.left.bottom - 10 - len(hints) * (sp + 3)
        for h in hints:
            surf = self._squeezed.get(h)
            if surf is None:
                surf = self.text.render(h, sp - 2, (150, 150, 150))
                if surf.get_width() > lay.left.w - 16:  # a narrow window: squeeze rather than clip
                    surf = pygame.transform.smoothscale(surf, (lay.left.w - 16, surf.get_height()))
                self._squeezed[h] = surf  # a handful of hints per level: kept, not squeezed at every redraw
            screen.blit(surf, (x, hy))
            hy += sp + 3

    def _countdown(self, screen: pygame.Surface, snap, panel_redrawn: bool) -> None:
        """The time left in whole seconds and its bar, drawn over the cached left panel."""
        level = self.sim.level
        left_s = max(0.0, level.duration_s - float(snap.t_s))
        if not self._changed(screen, "left:countdown", math.ceil(left_s), panel_redrawn):
            return
        lay = self.layout
        sp = self.small_px
        x, y = lay.left.x + 12, self._countdown_top
        text = self.text.render(f"{math.ceil(left_s)} s left", sp, FAINT)
        self._clear(screen, (lay.left.x, y, lay.left.w, max(text.get_height(), sp + 8)))
        screen.blit(text, (x, y))
        bar = pygame.Rect(x, y + sp + 4, lay.left.w - 24, 4)
        pygame.draw.rect(screen, (60, 60, 60), bar)
        pygame.draw.rect(screen, AMBER, (bar.x, bar.y, round(bar.w * left_s / level.duration_s), bar.h))

    def _live_left(self, screen: pygame.Surface, snap, panel_redrawn: bool) -> None:
        """The button lamps, the AF phase and what AF is on, drawn over the cached left panel."""
        lamps = (bool(snap.half[0]), bool(snap.full[0]), bool(snap.af_on[0]))
        phase, tracked = int(snap.af_phase[0]), int(snap.af_tracked[0])
        if not self._changed(screen, "left:live", (lamps, phase, tracked), panel_redrawn):
            return
        lay = self.layout
        sp = self.small_px
        x, y = lay.left.x + 12, self._live_top
        self._clear(screen, (lay.left.x, y, lay.left.w, 3 * (sp + 6) + 6 + (sp + 4) + 2 * (sp + 3)))
        for button, held in zip((Button.HALF, Button.FULL, Button.AF_ON), lamps, strict=True):
            lamp = pygame.Rect(x, y + 2, sp - 2, sp - 2)
            pygame.draw.rect(screen, AMBER if held else (55, 55, 55), lamp, border_radius=3)
            self.text.blit(screen, self.labels[button], (x + sp + 4, y), sp, WHITE if held else (130, 130, 130))
            y += sp + 6
        y += 6
        self.text.blit(screen, f"AF: {PHASE_NAMES[phase]}", (x, y), sp, FAINT)
        y += sp + 4
        on = self.sim.object_names[tracked] if tracked >= 0 else ("background" if tracked == -1 else "-")
        # At most two lines, so the hints at the bottom of the panel are never drawn over.
        for line in self.text.wrap(f"on: {on}", lay.left.w - 20, sp)[:2]:
            self.text.blit(screen, line, (x, y), sp, FAINT)
            y += sp + 3

    def prepare_last_photo(self, grade: str, reason: str) -> None:
        """Render the texts the right panel will show with a new last frame, ahead of the swap.

        A reason is new text every time (2-3 freetype lines, a millisecond or more): made on
        a frame of its own, the frame that shows it only blits.
        """
        sp, tw = self.small_px, self.layout.thumb_w
        self.text.render(grade, sp + 1, grade_colour(grade), bold=True)
        for line in self.text.wrap(reason, tw, sp - 1):
            self.text.render(line, sp - 1, FAINT)

    def _right_panel(self, screen, extras) -> None:
        """The last frame and its grade; the counters above it are drawn by `draw_panels`."""
        lay = self.layout
        self._clear(screen, lay.right)
        sp = self.small_px
        x = lay.right.x + 12
        y = lay.right.y + 12 + sp + 6 + sp + 14
        last = extras.get("last_photo")
        if last is not None:
            thumb, grade, reason = last
            tw = lay.thumb_w
            if thumb.get_width() != tw:
                thumb = pygame.transform.smoothscale(thumb, (tw, round(tw * thumb.get_height() / thumb.get_width())))
            screen.blit(thumb, (x, y))
            pygame.draw.rect(
                screen,
                grade_colour(grade),
                (x - 2, y - 2, thumb.get_width() + 4, thumb.get_height() + 4),
                2,
            )
            y += thumb.get_height() + 6
            self.text.blit(screen, grade, (x, y), sp + 1, grade_colour(grade), bold=True)
            y += sp + 6
            self.text.draw_wrapped(screen, reason, x, y, tw, sp - 1, FAINT, gap_px=3)


def _copy_into(old: pygame.Surface | None, screen: pygame.Surface, rect: pygame.Rect) -> pygame.Surface:
    """`rect` of the screen copied into `old`'s pixels when it has the size and format, else a new copy.

    A panel is 0.8 MB at 1920×1080: a new surface each redraw is fresh memory to fault in,
    several times the cost of a blit into the last one.
    """
    if (
        old is None
        or old.get_size() != rect.size
        or old.get_masks() != screen.get_masks()
        or old.get_bitsize() != screen.get_bitsize()
        or screen.get_flags() & pygame.SRCALPHA  # a blit would blend, not copy
    ):
        return screen.subsurface(rect).copy()
    old.blit(screen, (0, 0), rect)
    return old


def _corners(screen, rect: pygame.Rect, colour, width: int, arm: int) -> None:
    """Corner brackets of a rectangle: how finders mark AF points without hiding the subject."""
    x0, y0, x1, y1 = rect.left, rect.top, rect.right - 1, rect.bottom - 1
    lines = (
        ((x0, y0), (x0 + arm, y0)), ((x0, y0), (x0, y0 + arm)),
        ((x1, y0), (x1 - arm, y0)), ((x1, y0), (x1, y0 + arm)),
        ((x0, y1), (x0 + arm, y1)), ((x0, y1), (x0, y1 - arm)),
        ((x1, y1), (x1 - arm, y1)), ((x1, y1), (x1, y1 - arm)),
    )  # fmt: skip
    for a, b in lines:
        pygame.draw.line(screen, colour, a, b, width)
