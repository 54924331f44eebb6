"""Object sprites for the viewfinder: each (object, size, blur) made once, a band at a time, on a deadline.

A sprite is the object's shape drawn at one size step and blurred to one blur level
(`blur.BlurJob`). Making one costs up to several milliseconds at 1920×1080 (a near
subject filling the frame), more than a frame can spare, and a focus pull asks for
new blur levels of every object at once. So sprites are made in bands spread over
frames, and while one is being made a cached variant of the object stands in, if it
is *close* (within `MAX_STAND_IN_STEPS` sizes of 6 % and `MAX_STAND_IN_LEVELS` blur
levels of about 30 %) to what the object looked like in one of the last
`MAX_STAND_IN_FRAMES` frames. So what a frame shows is never more than that far behind
the lens and the subject (about 40 ms at 144 Hz, an electronic finder's own lag), even
mid focus pull, when the wanted blur changes every frame or two; an object with
nothing cached yet (it just came into view) is left out for at most as long. A close
stand-in gives way to the exact sprite within `CLOSE_STAND_IN_FRAMES` (half a second)
however busy the scene.

A sprite is *due* in the last frame before what is shown would fall further behind.
Scheduling is earliest-due-first: a frame spends `budget_s` on sprites, or more when
the work due in the next k frames needs more than k frames' budget, so the work of a
focus pull is spread over the frames before it is due rather than piled onto the last
one. (A pull faster than a sprite is made drops part-made sprites it went past, so a
fast pull across big subjects still costs some frames several milliseconds.) Each
frame's measured cost corrects the estimate, so the spreading holds on a slower machine
(or moment) too.

A photo (`budget_s=None`) gets every sprite exact; `prepare` makes a photo's sprites
ahead of it, a budget at a time.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable

import cv2
import numpy as np
import pygame

from bbf_sim.ui.blur import BLUR_LEVELS_PX, BlurCache, BlurJob, SteppedJob, new_surface, pixels

MAX_STAND_IN_LEVELS = 3  # how many blur levels (about 30 % each) a stand-in may be off for long
MAX_STAND_IN_STEPS = 2  # how many size steps (6 % each) a stand-in may be off for long
MAX_STAND_IN_FRAMES = 6  # what is shown may match the object as it was this many frames ago at most
CLOSE_STAND_IN_FRAMES = 72  # a close stand-in too gives way to the exact sprite within this (0.5 s)
MAX_STAND_IN_SIZE_STEPS = 8  # beyond this many size steps (60 %) nothing stands in, however briefly
BAND_PX = 60_000  # a sprite's blur runs in bands of about this many pixels (~0.2 ms a band here)
CALM_SHARE = 0.5  # the part of a frame's budget for sprites that only replace a close stand-in
JOB_KEPT_FRAMES = 30  # a part-made sprite not asked for in this many frames is dropped
# What making a sprite costs on this machine [ns a pixel]: drawing the shape into a fresh
# surface, then the blur's passes. Only a starting point: each frame corrects it.
DRAW_NS_PER_PX = 1.0
BLUR_NS_PER_PX = 4.0
RESIZE_NS_PER_PX = 1.5  # shrinking or enlarging, a pixel of the full-size sprite
MIN_REDUCED_BLUR_PX = 8.0  # a blur done at reduced size keeps at least this diameter there
BIG_SPRITE_PX = 100_000  # a sprite this big is reduced down to half that blur
MAX_REDUCTION = 8

Key = tuple[int, int, int]  # (object, size step, blur level)


def reduction(diameter_px: float, px: int) -> int:
    """How many times smaller a sprite of `px` pixels with this blur is drawn and blurred, then enlarged.

    A blur circle of b px leaves no detail finer than about b/4 px, so the sprite can be
    drawn and blurred at 1/f of its size as long as b/f stays at least
    `MIN_REDUCED_BLUR_PX` there (half that for a big sprite, whose making would otherwise
    cost milliseconds). Enlarging bilinearly adds a spread of f/√6 px, which the blur at
    reduced size leaves out (`reduced_blur_px`). The work shrinks with f², but for the
    enlarging.
    """
    least = MIN_REDUCED_BLUR_PX / (2 if px >= BIG_SPRITE_PX else 1)
    f = 1
    while f < MAX_REDUCTION and diameter_px / (2 * f) >= least:
        f *= 2
    return f


def reduced_blur_px(diameter_px: float, f: int) -> float:
    """The blur diameter at 1/f size that, once enlarged bilinearly, spreads as `diameter_px` does."""
    if f == 1:
        return diameter_px
    variance = diameter_px * diameter_px / 16.0 - f * f / 6.0  # [px²] at full size
    return 4.0 * math.sqrt(max(0.0, variance)) / f


class SpriteJob(SteppedJob):
    """One sprite being made, a band at a time: its shape drawn sharp at full size, then (for
    a big blur) shrunk by averaging, blurred, and enlarged back.

    Averaging keeps every edge's coverage, so a thin branch or a grass blade keeps its true
    weight in the blur; drawing small instead would widen it to whole pixels there.
    """

    def __init__(self, key: Key, size_px: tuple[int, int], draw: Callable[[pygame.Surface], None], frame: int):
        self.key = key
        self.diameter = BLUR_LEVELS_PX[key[2]]
        self.f = reduction(self.diameter, size_px[0] * size_px[1])
        # Blurred at 1/f size; the sprite is f times that (at most f − 1 px larger, the shape centred).
        self.small = (-(-size_px[0] // self.f), -(-size_px[1] // self.f))
        self.size = (self.small[0] * self.f, self.small[1] * self.f)
        self.px = self.size[0] * self.size[1]
        self._draw = draw
        self._full: pygame.Surface | None = None  # the sprite at full size: drawn, later enlarged into
        self._small: pygame.Surface | None = None
        self._surf: pygame.Surface | None = None
        self._drawn_rows = 0
        self._shrunk_rows = 0  # rows of the small image averaged from the drawing so far
        self._enlarged_rows = 0  # rows of the small image enlarged so far
        self._band: np.ndarray | None = None  # one band enlarged, before its middle rows are kept
        # Drawing and resizing cost a quarter of a blur pass a pixel or less: bigger bands.
        self._draw_rows = max(1, 4 * BAND_PX // max(1, self.size[0]))
        self._resize_rows = max(1, 3 * BAND_PX // max(1, self.size[0]) // self.f)  # rows of the small image
        self.blur: BlurJob | None = None
        self.wanted_frame = frame  # when it was last asked for
        self.due = frame  # the frame it must be finished in
        self.has_close_stand_in = False  # a variant near enough shows meanwhile

    @property
    def done(self) -> bool:
        return self._surf is not None

    @property
    def surf(self) -> pygame.Surface:
        assert self._surf is not None
        return self._surf

    def remaining_ns(self) -> float:
        """The work left, at the nominal cost per pixel."""
        if self._surf is not None:
            return 0.0
        w, h = self.size
        sw, sh = self.small
        ns = (h - self._drawn_rows) * w * DRAW_NS_PER_PX
        if self.f > 1:
            ns += (sh - self._shrunk_rows) * self.f * w * RESIZE_NS_PER_PX
            ns += (sh - self._enlarged_rows) * self.f * w * RESIZE_NS_PER_PX
        if self.diameter > 0:
            ns += sw * sh * BLUR_NS_PER_PX * (1.0 - (self.blur.fraction_done if self.blur is not None else 0.0))
        return ns

    def step(self) -> None:
        w, h = self.size
        if self._full is None:
            self._full = new_surface(self.size)
        if self._drawn_rows < h:
            # The whole shape is drawn, clipped to the band: pygame.draw never touches pixels outside.
            r1 = min(h, self._drawn_rows + self._draw_rows)
            self._full.set_clip((0, self._drawn_rows, w, r1 - self._drawn_rows))
            self._draw(self._full)
            self._full.set_clip(None)
            self._drawn_rows = r1
        elif self.f > 1 and self._shrunk_rows < self.small[1]:
            self._shrink_band()
        elif self.blur is None:
            if self._small is None:  # f == 1: the drawing is blurred as it is
                self._small = self._full
            self.blur = BlurJob(self._small, reduced_blur_px(self.diameter, self.f), band_px=BAND_PX)
        elif not self.blur.done:
            self.blur.step()
        elif self.f == 1:
            self._surf, self._full, self._small = self._small, None, None
        else:
            self._enlarge_band()

    def _shrink_band(self) -> None:
        """Average the next band of f×f blocks of the drawing into the small image (exact per band)."""
        f = self.f
        if self._small is None:
            self._small = new_surface(self.small)
        r0 = self._shrunk_rows
        r1 = min(self.small[1], r0 + self._resize_rows)
        src = pixels(self._full)[r0 * f : r1 * f]
        dst = pixels(self._small)[r0:r1]
        cv2.resize(src, (self.small[0], r1 - r0), dst=dst, interpolation=cv2.INTER_AREA)
        del src, dst
        self._shrunk_rows = r1

    def _enlarge_band(self) -> None:
        """Enlarge the next band of rows bilinearly into the full-size surface, reading a row
        beyond it each side as the whole image would, so the result is the same whatever the bands."""
        assert self._small is not None and self._full is not None
        f, h = self.f, self.small[1]
        r0 = self._enlarged_rows
        r1 = min(h, r0 + self._resize_rows)
        a, b = max(0, r0 - 1), min(h, r1 + 1)
        src = pixels(self._small)[a:b]
        dst = pixels(self._full)
        if r0 == 0 and r1 == h:
            cv2.resize(src, self.size, dst=dst, interpolation=cv2.INTER_LINEAR)  # all of it at once
        else:
            # Into one reused buffer: a fresh one each band costs its page faults again.
            if self._band is None:
                self._band = np.empty(((self._resize_rows + 2) * f, self.size[0], 4), np.uint8)
            out = self._band[: (b - a) * f]
            cv2.resize(src, (self.size[0], (b - a) * f), dst=out, interpolation=cv2.INTER_LINEAR)
            dst[r0 * f : r1 * f] = out[(r0 - a) * f : (r1 - a) * f]
        del src, dst
        self._enlarged_rows = r1
        if r1 >= h:
            self._surf, self._full, self._small, self._band = self._full, None, None, None


class Sprites:
    """The sprite cache (memory-bounded) and the sprites being made, scheduled on deadlines.

    `size_of(key)` gives a sprite's pixel size and `draw(key, surf)` draws the object sharp,
    centred, into a transparent surface of that size or a few pixels more (within its
    clip); the renderer supplies both.
    """

    def __init__(
        self,
        size_of: Callable[[Key], tuple[int, int]],
        draw: Callable[[Key, pygame.Surface], None],
        cache_bytes: int,
    ):
        self.size_of = size_of
        self.draw = draw
        self.cache = BlurCache(cache_bytes)
        self.frame_no = 0
        self.slowness = 1.0  # measured cost over nominal cost, smoothed
        self._variants: dict[int, set[tuple[int, int]]] = {}  # object → (size step, level) cached
        self._jobs: dict[int, SpriteJob] = {}  # object → its sprite being made
        # object → the sprites it was wanted at in the last MAX_STAND_IN_FRAMES frames: (frame, key)
        self._recent: dict[int, deque[tuple[int, Key]]] = {}
        self._inexact_since: dict[int, int] = {}  # object → first frame of its current run of stand-ins

    def _job(self, key: Key) -> SpriteJob:
        return SpriteJob(key, self.size_of(key), lambda surf: self.draw(key, surf), self.frame_no)

    def make_now(self, key: Key) -> pygame.Surface:
        """A sprite made at once and not cached (the benchmark's from-scratch comparison)."""
        job = self._job(key)
        job.run()
        return job.surf

    def frame(self, wants: list[Key], budget_s: float | None) -> list[pygame.Surface | None]:
        """The sprites to draw this frame for `wants` (None: leave that object out).

        Called on every frame, with nothing in view too: the stand-in limits count frames.
        `budget_s`: time for making sprites; None makes every wanted sprite exactly, now.
        """
        self.frame_no += 1
        now = self.frame_no
        for i in [i for i, job in self._jobs.items() if now - job.wanted_frame > JOB_KEPT_FRAMES]:
            del self._jobs[i]  # out of view for a while: its part-made sprite goes
        in_view = {key[0] for key in wants}
        for i in [i for i in self._inexact_since if i not in in_view]:
            del self._inexact_since[i]  # out of view: its run of stand-ins ends
        for key in wants:
            self._remember(key)
        if budget_s is None:
            self._make_exactly(wants)
            return [self.cache.get(key, lambda: None) for key in wants]
        for key in wants:
            if key not in self.cache:
                self._plan(key)
        self._work(wants, budget_s)
        return [self._choose(key) for key in wants]

    def prepare(self, wants: list[Key], budget_s: float) -> bool:
        """Work on making exactly `wants` for `budget_s` (a photo's sprites, ahead of the
        picture), without drawing anything; True once all are cached."""
        deadline = time.perf_counter() + budget_s
        for key in wants:
            if key in self.cache:
                continue
            job = self._exact_job(key)
            if not job.run(deadline):
                return False
            self._finished(job)
        return True

    def _make_exactly(self, wants: list[Key]) -> None:
        for key in wants:
            if key not in self.cache:
                job = self._exact_job(key)
                job.run()
                self._finished(job)

    def _exact_job(self, key: Key) -> SpriteJob:
        """The object's job, if it is for `key`, else a new one for it."""
        job = self._jobs.get(key[0])
        if job is None or job.key != key:
            job = self._jobs[key[0]] = self._job(key)
        return job

    def _remember(self, key: Key) -> None:
        recent = self._recent.setdefault(key[0], deque())
        recent.append((self.frame_no, key))
        while recent[0][0] <= self.frame_no - MAX_STAND_IN_FRAMES:
            recent.popleft()

    def _plan(self, key: Key) -> None:
        """Make sure a job works toward `key`, and set when it is due."""
        i = key[0]
        job = self._jobs.get(i)
        # One sprite in the making per object. A part-made one near enough to stand in is
        # finished first (an approaching subject grows a size step every few frames); one
        # further off (a focus pull went past it) is dropped for the new one.
        if job is not None and job.key != key and not close(job.key, key):
            job = None
        best = self._best(key)
        has_close = best is not None and close(best, key)
        close_due = self._inexact_since.get(i, self.frame_no) + CLOSE_STAND_IN_FRAMES - 1
        if job is not None and job.key != key and close_due <= self.frame_no:
            job = None  # the close stand-in's time is up: what is finished now must be the exact sprite
        if job is None:
            job = self._jobs[i] = self._job(key)
        job.wanted_frame = self.frame_no
        job.has_close_stand_in = has_close
        if has_close:
            # A stand-in a little off may show a while longer, but not for good.
            job.due = close_due
        else:
            # Due when what is shown would fall MAX_STAND_IN_FRAMES behind: the last frame a
            # cached variant still matches a recent want (or, with none, the object's first).
            valid = [f for f, k in self._recent[i] if self._variant_near(k) is not None]
            since = max(valid) if valid else self._recent[i][0][0]
            job.due = min(since + MAX_STAND_IN_FRAMES - 1, close_due)

    def _work(self, wants: list[Key], budget_s: float | None) -> None:
        jobs = [self._jobs[k[0]] for k in wants if k[0] in self._jobs and k not in self.cache]
        if not jobs:
            return
        t0 = time.perf_counter()
        if budget_s is None:
            for job in jobs:
                job.run()
                self._finished(job)
            return
        jobs.sort(key=lambda j: (j.due, j.px))
        # Spread what is due: enough this frame that the work due within k frames fits k frames.
        need_s, cum_ns = 0.0, 0.0
        for job in jobs:
            cum_ns += job.remaining_ns()
            need_s = max(need_s, cum_ns * self.slowness * 1e-9 / max(1, job.due - self.frame_no + 1))
        # Sprites with a close stand-in only sharpen what is shown: beyond what is due, they
        # get a part of the budget, so a frame pays for them little and often.
        nominal = 0.0
        for job in jobs:
            due_now = job.due <= self.frame_no
            deadline = t0 + max(budget_s * (CALM_SHARE if job.has_close_stand_in else 1.0), need_s)
            if time.perf_counter() >= deadline and not due_now:
                continue
            before = job.remaining_ns()
            finished = job.run(None if due_now else deadline)
            nominal += before - job.remaining_ns()
            if finished:
                self._finished(job)
        if nominal > 20_000:  # enough work to learn from
            ratio = (time.perf_counter() - t0) * 1e9 / nominal
            self.slowness = min(4.0, max(0.25, 0.7 * self.slowness + 0.3 * ratio))

    def _finished(self, job: SpriteJob) -> None:
        i = job.key[0]
        if self._jobs.get(i) is job:
            del self._jobs[i]
        self._variants.setdefault(i, set()).add(job.key[1:])
        self.cache.get(job.key, lambda: job.surf)

    def _best(self, key: Key) -> Key | None:
        """The cached variant of the object nearest to `key` in size and blur."""
        i, size_step, level = key
        variants = self._variants[i] = {v for v in self._variants.get(i, ()) if (i, *v) in self.cache}
        if not variants:
            return None
        best = min(variants, key=lambda v: abs(v[0] - size_step) * 2 + abs(v[1] - level))
        return (i, *best)

    def _variant_near(self, key: Key) -> Key | None:
        """The cached variant nearest `key`, if it is close enough to stand in for it for long."""
        best = self._best(key)
        return best if best is not None and close(best, key) else None

    def _choose(self, key: Key) -> pygame.Surface | None:
        """The exact sprite, else the cached variant nearest it that matches what the object
        looked like within the last MAX_STAND_IN_FRAMES frames, else nothing."""
        if key in self.cache:
            self._inexact_since.pop(key[0], None)
            return self.cache.get(key, lambda: None)
        self._inexact_since.setdefault(key[0], self.frame_no)
        shown = None
        for _, k in reversed(self._recent.get(key[0], ())):  # the latest want first
            v = self._variant_near(k)
            if v is not None and abs(v[1] - key[1]) <= MAX_STAND_IN_SIZE_STEPS:
                shown = v
                break
        return self.cache.get(shown, lambda: None) if shown is not None else None


def close(a: Key, b: Key) -> bool:
    """Can sprite a stand in for sprite b for as long as needed?"""
    return abs(a[1] - b[1]) <= MAX_STAND_IN_STEPS and abs(a[2] - b[2]) <= MAX_STAND_IN_LEVELS
