"""Photo review: a contact sheet of every frame with its grade, and for the selected frame
a crop of the target as taken next to the same moment in focus, with the reason in words.

Thumbnails are drawn a few per frame (never stalling the window), from the stored
snapshots, with the viewfinder's own renderer at thumbnail size.
"""

from __future__ import annotations

import time

import pygame

from bbf_sim.core.optics import SENSORS
from bbf_sim.core.scoring import GRADES
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.finder.photos import render_photo, target_box_px
from bbf_sim.ui.finder.render import Renderer
from bbf_sim.ui.naming import mapping_long
from bbf_sim.ui.palette import DIM, NOTE, draw_grade_mark, grade_colour
from bbf_sim.ui.text import layout_height_px, scaled
from bbf_sim.ui.verbs import Verb, hints
from bbf_sim.ui.words import distance_words, frame_words

CROP_SHARE = 0.45  # the most of the detail panel's height the two crops take
THUMB_BUDGET_S = 0.008  # thumbnail drawing per frame, so the window keeps responding
PHOTO_SIZE_PX = (1500, 1000)  # the full frame the crops are cut from
ATTRACT_REVIEW_S = 4.0
SHORT_GRADES = {"tack sharp": "tack", "sharp": "sharp", "soft": "soft", "miss": "miss"}


class ReviewScene(Scene):
    """`note`: a paragraph under the contact sheet (the set-up drill explains its test there);
    `then`: builds the next scene from the result (default: results)."""

    def __init__(self, result, selected: int | None = None, note: str | None = None, then=None):
        self.result = result
        if selected is None:
            # Start on the first miss or soft frame: the one with something to learn from.
            bad = [i for i, p in enumerate(result.photos) if not p.row["hit"]]
            selected = bad[0] if bad else 0
        self.selected: int = selected
        self.note = note
        self.then = then

    def enter(self, app: App) -> None:
        self._lay_out(app)
        self.entered_s = app.now()

    def resized(self, app: App) -> None:
        self._lay_out(app)

    def _lay_out(self, app: App) -> None:
        """The contact sheet and the detail panel fitted to the window; thumbnails drawn afresh."""
        r = self.result
        level = r.setup.played_level  # as played: an endless round's aperture blurs its photos
        sensor = SENSORS[level.camera.sensor]
        w, h = app.size
        self.margin = max(10, w // 80)
        size = scaled(max(14, layout_height_px(h, w) // 40))
        # Below the title and the mapping line, whatever the text size; above the key hints.
        top = max(h // 10, self.margin + 2 * size + 24)
        bottom = h - self.margin - size - 10
        self.sheet = pygame.Rect(self.margin, top, int(w * 0.52), bottom - top)
        self.detail = pygame.Rect(
            self.sheet.right + self.margin * 2, top, w - self.sheet.right - self.margin * 3, bottom - top
        )
        n = max(1, len(r.photos))
        # Columns so every thumbnail fits, but never smaller than 90 px (scroll beyond that).
        cols = 1
        while True:
            tw = (self.sheet.w - (cols - 1) * 6) // cols
            th = tw * 2 // 3 + max(22, size + 4)  # the picture, and its label (`_draw_sheet`) under it
            rows = -(-n // cols)
            if rows * (th + 6) <= self.sheet.h or tw <= 90:
                break
            cols += 1
        self.cols, self.tw, self.th = cols, tw, th
        self.thumb_r = Renderer(level, sensor, (tw, tw * 2 // 3), 16 << 20, 16 << 20)
        self.photo_r = Renderer(level, sensor, PHOTO_SIZE_PX, 32 << 20, 48 << 20)
        self.thumbs: dict[int, pygame.Surface] = {}
        self.crops: dict[int, tuple[pygame.Surface, pygame.Surface]] = {}

    def update(self, app: App):
        inp = app.input.take()
        if inp.quit:
            return QUIT
        n = len(self.result.photos)
        for verb in inp.verbs:
            if verb == Verb.RIGHT:
                self.selected = min(n - 1, self.selected + 1)
            elif verb == Verb.LEFT:
                self.selected = max(0, self.selected - 1)
            elif verb == Verb.DOWN:
                self.selected = min(n - 1, self.selected + self.cols)
            elif verb == Verb.UP:
                self.selected = max(0, self.selected - self.cols)
            elif verb in (Verb.OK, Verb.BACK):
                return self._next(app)
        for button, pos in inp.clicks:
            if button == 1:
                hit = self._thumb_at(pos)
                if hit is not None:
                    self.selected = hit
        if self.result.setup.attract and app.now() - self.entered_s > ATTRACT_REVIEW_S:
            return self._next(app)
        return None

    def _next(self, app: App):
        if self.then is not None:
            return self.then(self.result)
        return app.router.results(self.result)

    def _thumb_rect(self, i: int, first_row: int) -> pygame.Rect:
        c, r = i % self.cols, i // self.cols - first_row
        return pygame.Rect(self.sheet.x + c * (self.tw + 6), self.sheet.y + r * (self.th + 6), self.tw, self.th)

    def _first_row(self) -> int:
        visible_rows = max(1, self.sheet.h // (self.th + 6))
        sel_row = self.selected // self.cols
        return max(0, sel_row - visible_rows + 1)

    def _thumb_at(self, pos) -> int | None:
        first = self._first_row()
        for i in range(len(self.result.photos)):
            if self._thumb_rect(i, first).collidepoint(pos):
                return i
        return None

    # --- drawing -------------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        r = self.result
        t = app.text
        w, h = screen.get_size()
        screen.fill((22, 22, 24))
        size = scaled(max(14, layout_height_px(h, w) // 40))
        s = r.summary
        mapping = mapping_long(r.setup.mode, app.brand)
        t.blit(
            screen, f"Review: {r.setup.level.title}", (self.margin, self.margin), size + 6, (255, 255, 255), bold=True
        )
        t.blit(
            screen,
            t.fit(f"{mapping}   {s.frames} frames, {s.hits} sharp ({s.hit_rate:.0%})", w - 2 * self.margin, size),
            (self.margin, self.margin + size + 12),
            size,
            (200, 200, 200),
        )
        if not r.photos:
            t.blit(screen, "No frames were taken.", self.sheet.topleft, size + 4, (240, 190, 70))
        sheet_bottom = self._draw_sheet(app, screen, size)
        if self.note:
            t.draw_wrapped(screen, self.note, self.sheet.x, sheet_bottom + 16, self.sheet.w, size, (255, 235, 170))
        if r.photos:
            self._draw_detail(app, screen, size)
        t.blit(
            screen,
            hints(
                [((Verb.LEFT, Verb.RIGHT), "choose a frame"), (Verb.OK, "continue" if self.then else "results")],
                app.input.pad_last,
            ),
            (self.margin, h - self.margin),
            size,
            (160, 160, 160),
            anchor="bottomleft",
        )

    def _draw_sheet(self, app: App, screen, size) -> int:
        """Draw the visible thumbnails; returns the y below the last one drawn."""
        deadline = time.perf_counter() + THUMB_BUDGET_S
        first = self._first_row()
        bottom = self.sheet.top
        for i, photo in enumerate(self.result.photos):
            rect = self._thumb_rect(i, first)
            if rect.top < self.sheet.top or rect.bottom > self.sheet.bottom + 1:
                continue
            thumb = self.thumbs.get(i)
            if thumb is None and (time.perf_counter() < deadline or not self.thumbs):
                thumb = self.thumbs[i] = render_photo(self.thumb_r, photo)
            grade = GRADES[int(photo.row["grade"])]
            colour = grade_colour(grade)
            if thumb is not None:
                screen.blit(thumb, rect.topleft)
            else:
                pygame.draw.rect(screen, (50, 50, 50), (rect.x, rect.y, self.tw, self.tw * 2 // 3))
            label_y = rect.y + self.tw * 2 // 3 + 2
            label_px = max(11, size - 3)
            # The grade's shape as well as its colour and word: no grade told apart by colour alone.
            draw_grade_mark(screen, grade, (rect.x + label_px // 2, label_y + label_px // 2 + 2), label_px - 2)
            label = f"#{i + 1} {grade}"
            if app.text.width(label, label_px) > self.tw - label_px - 6:
                label = f"#{i + 1} {SHORT_GRADES[grade]}"
            app.text.blit(screen, label, (rect.x + label_px + 4, label_y), label_px, colour)
            if i == self.selected:
                pygame.draw.rect(screen, (255, 255, 255), rect.inflate(6, 6), 2)
            bottom = max(bottom, rect.bottom)
        return bottom

    def _crops(self, i: int) -> tuple[pygame.Surface, pygame.Surface]:
        got = self.crops.get(i)
        if got is not None:
            return got
        photo = self.result.photos[i]
        taken = render_photo(self.photo_r, photo)
        ideal = render_photo(self.photo_r, photo, in_focus=True)
        box = target_box_px(self.photo_r, photo)
        pw, ph = self.photo_r.size
        if box is None:
            crop = pygame.Rect(0, 0, pw, ph)
        else:
            x, y, bw, bh = box
            side = int(min(ph, max(120, 1.5 * max(bw, bh))))
            crop = pygame.Rect(0, 0, side, side)
            crop.center = (round(x), round(y))
            crop.clamp_ip(pygame.Rect(0, 0, pw, ph))
        # Two crops side by side, no taller than CROP_SHARE of the panel: in a wide, low window
        # the words below them need the rest.
        panel = min((self.detail.w - self.margin) // 2, int(self.detail.h * CROP_SHARE * crop.w / crop.h))
        out_h = round(panel * crop.h / crop.w)
        pair = (
            pygame.transform.smoothscale(taken.subsurface(crop), (panel, out_h)),
            pygame.transform.smoothscale(ideal.subsurface(crop), (panel, out_h)),
        )
        self.crops[i] = pair
        return pair

    def _draw_detail(self, app: App, screen, size) -> None:
        i = self.selected
        photo = self.result.photos[i]
        row = photo.row
        t = app.text
        taken, ideal = self._crops(i)
        x, y = self.detail.topleft
        grade = GRADES[int(row["grade"])]
        t.blit(screen, f"Frame {i + 1} at {float(row['t_s']):.2f} s", (x, y), size + 2, (255, 255, 255), bold=True)
        g = t.blit(screen, grade, (self.detail.right, y), size + 2, grade_colour(grade), anchor="topright", bold=True)
        draw_grade_mark(screen, grade, (g.x - size // 2 - 6, g.centery), size)
        y += size + 12
        screen.blit(taken, (x, y))
        screen.blit(ideal, (x + taken.get_width() + self.margin, y))
        pygame.draw.rect(screen, grade_colour(grade), (x - 2, y - 2, taken.get_width() + 4, taken.get_height() + 4), 2)
        y2 = y + taken.get_height() + 6
        label_w = taken.get_width() + self.margin // 2  # each label under its own crop
        t.blit(screen, t.fit("as taken", label_w, size - 2), (x, y2), size - 2, (200, 200, 200))
        target = photo.target
        name = self.result.object_names[target] if target >= 0 else "target"
        ideal_x = x + taken.get_width() + self.margin
        label_w = min(label_w, self.detail.right - ideal_x)
        t.blit(screen, t.fit(f"in focus on the {name}", label_w, size - 2), (ideal_x, y2), size - 2, (200, 200, 200))
        y = y2 + size + 14
        lens_m = 1 / float(row["lens_D"]) if float(row["lens_D"]) > 0 else float("inf")
        min_focus_m = self.result.setup.played_level.lens.min_focus_m
        words = frame_words(
            row, self.result.object_names, self.result.exposure_s, self.result.sensor.coc_mm, min_focus_m
        )
        headline = words.headline[0].upper() + words.headline[1:] + "."
        y = t.draw_wrapped(screen, headline, x, y, self.detail.w, size + 1, NOTE)
        y += 10
        # The numbers behind the words, each saying what it is.
        for line in (
            f"Lens focused at {distance_words(lens_m)}; the {name} was at {distance_words(float(row['target_m']))}.",
            words.numbers,
            words.blur_parts,
        ):
            if y + len(t.wrap(line, self.detail.w, size - 2)) * (size + 2) > self.detail.bottom:
                break  # large text on a small window: the numbers that fit, the words always
            y = t.draw_wrapped(screen, line, x, y, self.detail.w, size - 2, DIM) + 4
