"""Object sprites for the viewfinder: each (object, size, blur) made once, a band at a time, on a deadline.

A sprite is the object's shape drawn at one size step and blurred to one blur level
(`blur.BlurJob`). Making one costs up to several milliseconds at 1920×1080 (a near
subject filling the frame), more than a frame can spare, and a focus pull asks for
new blur levels of every object at once. The shapes averaged down are kept
(`SharpShapes`), so a new blur level of the same size starts from its shape already
drawn. Sprites are made in bands spread over frames, and while one is being made a
cached variant of the object stands in, if it is *close* (within `MAX_STAND_IN_STEPS`
sizes of 6 % and `MAX_STAND_IN_LEVELS` blur levels of about 30 %) to what the object
looked like in one of the last `MAX_STAND_IN_FRAMES` frames. So the blur and size a
frame shows are never more than that far behind the lens and the subject (about 55 ms
at 144 Hz, within the lag of an electronic finder; where it is, is never behind), even
mid focus pull, when the wanted blur changes every frame or two; an object with nothing
cached yet (it just came into view) is left out for at most as long. A close stand-in
gives way to the exact sprite within `CLOSE_STAND_IN_FRAMES` (half a second) however
busy the scene. Eight frames rather than six spread a pull's work over a third more
frames: in the 1080p bench the slowest 1 % of frames spend 2.2–2.4 ms making sprites
instead of 2.8–3.0, while what is shown still trails by at most 6 frames there.

A sprite is *due* in the last frame before what is shown would fall further behind.
Scheduling is earliest-due-first: a frame spends `budget_s` on sprites, or more when
the work due in the next k frames needs more than k frames' budget, so the work of a
focus pull is spread over the frames before it is due rather than piled onto the last
one. (A pull faster than a sprite is made drops part-made sprites it went past, so a
fast pull across near subjects still costs some frames two milliseconds or more.) Each
frame's measured cost corrects the estimate, so the spreading holds on a slower machine
(or moment) too.

A photo (`budget_s=None`) gets every sprite exact; `prepare` makes a photo's sprites
ahead of it, a budget at a time.
"""

from __future__ import annotations

import math
import time
from collections import deque
from collections.abc import Callable, Generator
from dataclasses import dataclass

import cv2
import pygame

from bbf_sim.ui.finder.blur import (
    BLUR_LEVELS_PX,
    BlurCache,
    BlurJob,
    SteppedJob,
    blur_pad_px,
    give_scratch,
    new_surface,
    pixels,
    scratch_surface,
    take_scratch,
)

MAX_STAND_IN_LEVELS = 3  # how many blur levels (about 30 % each) a stand-in may be off for long
MAX_STAND_IN_STEPS = 2  # how many size steps (6 % each) a stand-in may be off for long
MAX_STAND_IN_FRAMES = 8  # what is shown may match the object as it was this many frames ago at most
CLOSE_STAND_IN_FRAMES = 72  # a close stand-in too gives way to the exact sprite within this (0.5 s)
MAX_STAND_IN_SIZE_STEPS = 8  # beyond this many size steps (60 %) nothing stands in, however briefly
BAND_PX = 60_000  # a sprite's blur runs in bands of about this many pixels (~0.2 ms a band here)
CALM_SHARE = 0.5  # the part of a frame's budget for sprites that only replace a close stand-in
JOB_KEPT_FRAMES = 30  # a part-made sprite not asked for in this many frames is dropped
SHAPE_CACHE_BYTES = 8 * 1024 * 1024  # shapes averaged down, kept for the next blur level of the same size
# What making a sprite costs on this machine [ns a pixel], measured in the bench scene
# (memory the kernel has not given the process before costs extra, and is included):
# drawing the shape, halving it, clearing or copying an image, the blur's passes,
# enlarging. A starting point: each frame's measured cost corrects it (`slowness`).
DRAW_NS_PER_PX = 1.7  # a pixel of the shape
HALVE_NS_PER_PX = 1.0  # a pixel of the image being halved
CLEAR_NS_PER_PX = 0.5  # a pixel of a fresh image, cleared or copied into
BLUR_NS_PER_PX = 6.0  # a pixel of the image being blurred, both passes
RESIZE_NS_PER_PX = 2.2  # enlarging, a pixel of the full-size sprite
MIN_REDUCED_BLUR_PX = 8.0  # a blur done at reduced size keeps at least this diameter there
BIG_SPRITE_PX = 100_000  # a sprite this big is reduced down to half that blur
MAX_REDUCTION = 8

Key = tuple[int, int, int]  # (object, size step, blur level)
# A sprite, where the object's centre is in it [px], and its opaque core (`Layout.core`).
Shown = tuple[pygame.Surface, tuple[float, float], tuple[int, int, int, int] | None]


def reduction(diameter_px: float, px: int) -> int:
    """How many times smaller a sprite of `px` pixels with this blur is blurred, then enlarged.

    A blur circle of b px leaves no detail finer than about b/4 px, so the sprite can be
    blurred at 1/f of its size as long as b/f stays at least `MIN_REDUCED_BLUR_PX` there
    (half that for a big sprite, whose making would otherwise cost milliseconds).
    Averaging f × f blocks and enlarging bilinearly spread an edge by (f² − 1)/12 to
    (4f² − 1)/12 px², by where it falls in its block; the blur at reduced size leaves
    out f²/6 (`reduced_blur_px`). At b/f ≥ 4 that keeps every edge's spread within 8 %
    of the blur's (an outline, which starts a block, within 5 %); at b/f = 2 it would
    be 25 % either way. The work shrinks with f², but for the enlarging.
    """
    least = MIN_REDUCED_BLUR_PX / (2 if px >= BIG_SPRITE_PX else 1)
    f = 1
    while f < MAX_REDUCTION and diameter_px / (2 * f) >= least:
        f *= 2
    return f


def reduced_blur_px(diameter_px: float, f: int) -> float:
    """The blur diameter at 1/f size that, once averaged down and enlarged, spreads as `diameter_px` does."""
    if f == 1:
        return diameter_px
    variance = diameter_px * diameter_px / 16.0 - f * f / 6.0  # [px²] at full size
    return 4.0 * math.sqrt(max(0.0, variance)) / f


def _up(n: int, f: int) -> int:
    """n rounded up to a multiple of f."""
    return -(-n // f) * f


@dataclass(frozen=True)
class Layout:
    """Where things are in one sprite: the shape, sharp, at (pad, pad); the blur's spread around it."""

    f: int  # blurred at 1/f size, then enlarged
    pad: int  # the margin the blur spreads into, each side [px]; a multiple of f
    shape: tuple[int, int]  # the shape's own size [px]
    size: tuple[int, int]  # the sprite's size [px], multiples of f
    core: tuple[int, int, int, int] | None = None  # (left, top, right, bottom) [px] every pixel of which is opaque

    @property
    def small(self) -> tuple[int, int]:
        return self.size[0] // self.f, self.size[1] // self.f

    @property
    def px(self) -> int:
        return self.size[0] * self.size[1]

    @property
    def anchor(self) -> tuple[float, float]:
        """Where the object's centre is in the sprite [px]."""
        return self.pad + self.shape[0] / 2, self.pad + self.shape[1] / 2


def layout(shape_px: tuple[int, int], level: int, shape_core: pygame.Rect | None = None) -> Layout:
    """The sprite of a shape this big at this blur level; `shape_core`: a rectangle of the
    shape (its own pixels) drawn opaque, if it has one."""
    w, h = shape_px
    diameter = BLUR_LEVELS_PX[level]
    pad = blur_pad_px(diameter)
    f = reduction(diameter, (w + 2 * pad) * (h + 2 * pad))
    # The shape starts on a multiple of f, so each of its f × f blocks averages the same
    # pixels at every blur level: one averaged copy of the shape serves them all.
    pad = _up(pad, f)
    core = None
    if shape_core is not None:
        # Blurred, a pixel stays opaque if everything within the blur's reach was: the
        # widest kernel's (a Gaussian's 3σ is 0.75 b, two boxes' 0.62 b), rounded up at
        # 1/f size, and the f-wide averaging and enlarging (tested at every level).
        reach = math.ceil(0.75 * diameter) + 4 * f + 1
        x0, y0 = pad + shape_core.left + reach, pad + shape_core.top + reach
        x1, y1 = pad + shape_core.right - reach, pad + shape_core.bottom - reach
        if x1 > x0 and y1 > y0:
            core = (x0, y0, x1, y1)
    return Layout(f, pad, (w, h), (2 * pad + _up(w, f), 2 * pad + _up(h, f)), core)


class SharpShapes:
    """Objects' shapes averaged down 2, 4 and 8 times at each size step, kept (memory-bounded)
    for the next blur level of the same size: a focus pull asks for several, and drawing
    a near subject at full size costs a millisecond.

    A shape is drawn at full size and averaged down, so every edge keeps its coverage: a
    thin branch or a grass blade keeps its true weight in a blur done at reduced size,
    where drawing small would widen it to whole pixels. Averaging two by two, three times
    over, costs a fifth of averaging eight by eight at once here, and a drawing padded to
    a multiple of 8 halves exactly. The full-size drawing itself is not kept: it is as big
    as the sprite, and a sharp sprite is drawn where it is (`SpriteJob`).
    """

    def __init__(
        self,
        shape_px: Callable[[int, int], tuple[int, int]],
        draw: Callable[[int, int, pygame.Surface], None],
        cache_bytes: int,
    ):
        self.shape_px = shape_px
        self.draw = draw
        self.cache = BlurCache(cache_bytes)

    def cost_ns(self, i: int, step: int, f: int) -> float:
        """The nominal work of having shape (i, step) at 1/f size (f ≥ 2), given what is kept."""
        if (i, step, f) in self.cache:
            return 0.0
        w, h = self.shape_px(i, step)
        halve_ns = _up(w, MAX_REDUCTION) * _up(h, MAX_REDUCTION) / (f * f / 4) * HALVE_NS_PER_PX
        return halve_ns + (w * h * DRAW_NS_PER_PX if f == 2 else self.cost_ns(i, step, f // 2))

    def image(self, i: int, step: int, f: int) -> Generator[float, None, pygame.Surface]:
        """Shape (i, step) at 1/f size (f ≥ 2), at (0, 0) on transparent, made a band at a
        time unless kept; each step yields its nominal work [ns]."""
        key = (i, step, f)
        if key in self.cache:
            return self.cache.get(key, _never)
        if f > 2:
            src = yield from self.image(i, step, f // 2)
            surf = yield from _halve(src)
            return self.cache.get(key, lambda: surf)
        w, h = self.shape_px(i, step)
        size = (_up(w, MAX_REDUCTION), _up(h, MAX_REDUCTION))
        buf = take_scratch(size[0] * size[1] * 4)
        try:
            drawing = scratch_surface(buf, size)
            yield from draw_in_bands(drawing, (w, h), lambda s: self.draw(i, step, s))
            surf = yield from _halve(drawing)
        finally:
            give_scratch(buf)
        return self.cache.get(key, lambda: surf)


def draw_in_bands(surf: pygame.Surface, shape_px: tuple[int, int], draw: Callable[[pygame.Surface], None]):
    """Draw a shape of `shape_px` into `surf` a band of rows at a time (yielding nominal ns)."""
    w, h = shape_px
    rows = max(1, 4 * BAND_PX // surf.get_width())
    for r0 in range(0, h, rows):
        # The whole shape is drawn, clipped to the band: pygame.draw never touches pixels outside.
        surf.set_clip((0, r0, w, min(rows, h - r0)))
        draw(surf)
        surf.set_clip(None)
        yield min(rows, h - r0) * w * DRAW_NS_PER_PX


def _halve(src: pygame.Surface) -> Generator[float, None, pygame.Surface]:
    """`src` averaged two by two into a new surface (sides even), a band at a time."""
    sw, sh = src.get_size()
    out = new_surface((sw // 2, sh // 2))
    rows = max(1, 4 * BAND_PX // sw)  # rows of the halved image
    for r0 in range(0, sh // 2, rows):
        r1 = min(sh // 2, r0 + rows)
        a, b = pixels(src)[2 * r0 : 2 * r1], pixels(out)[r0:r1]
        cv2.resize(a, (sw // 2, r1 - r0), dst=b, interpolation=cv2.INTER_AREA)
        del a, b
        yield 4 * (r1 - r0) * (sw // 2) * HALVE_NS_PER_PX
    return out


def _never() -> pygame.Surface:
    raise AssertionError("checked to be cached")


class SpriteJob(SteppedJob):
    """One sprite being made, a band at a time: a sharp sprite is drawn in place and blurred;
    for a big blur, the shape averaged down f times (`SharpShapes`) is placed in a
    transparent margin, blurred, and enlarged back."""

    def __init__(self, key: Key, layout: Layout, shapes: SharpShapes, frame: int):
        self.key = key
        self.layout = layout
        self.px = layout.px
        diameter = BLUR_LEVELS_PX[key[2]]
        sw, sh = layout.small
        if layout.f > 1:
            self._estimate_ns = sw * sh * (BLUR_NS_PER_PX + CLEAR_NS_PER_PX)
            self._estimate_ns += shapes.cost_ns(key[0], key[1], layout.f) + self.px * RESIZE_NS_PER_PX
        else:
            self._estimate_ns = self.px * (BLUR_NS_PER_PX + CLEAR_NS_PER_PX if diameter > 0 else CLEAR_NS_PER_PX)
            self._estimate_ns += layout.shape[0] * layout.shape[1] * DRAW_NS_PER_PX
        self._done_ns = 0.0
        # The work is a generator over state of its own, not over the job: a job dropped
        # part-made is freed at once, and the work's scratch memory with it.
        self._made = _Making(key, layout, diameter)
        self._work: Generator[float, None, None] | None = self._made.steps(shapes)
        self.wanted_frame = frame  # when it was last asked for
        self.due = frame  # the frame it must be finished in
        self.has_close_stand_in = False  # a variant near enough shows meanwhile

    @property
    def done(self) -> bool:
        return self._made.surf is not None

    @property
    def surf(self) -> pygame.Surface:
        assert self._made.surf is not None
        return self._made.surf

    def remaining_ns(self) -> float:
        """The work left, at the nominal cost per pixel."""
        return 0.0 if self.done else max(0.0, self._estimate_ns - self._done_ns)

    def step(self) -> None:
        assert self._work is not None, "a cancelled job"
        self._done_ns += next(self._work, 0.0)
        if self.done:
            self.cancel()

    def cancel(self) -> None:
        """End the work, finished or not; its scratch memory goes back now."""
        if self._work is not None:
            self._work.close()
            self._work = None


class _Making:
    """What a `SpriteJob` works on: the sprite's layout, and the sprite once it is made."""

    def __init__(self, key: Key, layout: Layout, diameter: float):
        self.key = key
        self.layout = layout
        self.diameter = diameter
        self.px = layout.px
        self.surf: pygame.Surface | None = None

    def steps(self, shapes: SharpShapes) -> Generator[float, None, None]:
        """The work, a band at a time; each step yields its nominal cost [ns]. The last sets `surf`."""
        lay, (i, step, _) = self.layout, self.key
        f, p = lay.f, lay.pad // lay.f
        if f == 1 and self.diameter == 0:
            surf = new_surface(lay.size)
            yield from self._draw(surf, shapes)
            self.surf = surf
            return
        if f == 1:
            # Drawn in scratch memory and blurred into the sprite: the blur's last pass
            # writes every pixel of it, so nothing is cleared or copied twice.
            buf = take_scratch(self.px * 4)
            try:
                drawing = scratch_surface(buf, lay.size)
                yield from self._draw(drawing, shapes)
                yield from self._blur(drawing, self.diameter, out=new_surface(lay.size, cleared=False))
            finally:
                give_scratch(buf)
            return
        sharp = yield from shapes.image(i, step, f)
        buf = take_scratch(lay.small[0] * lay.small[1] * 4)
        try:
            small = scratch_surface(buf, lay.small)
            w, h = -(-lay.shape[0] // f), -(-lay.shape[1] // f)
            pixels(small)[p : p + h, p : p + w] = pixels(sharp)[:h, :w]
            yield small.get_width() * small.get_height() * CLEAR_NS_PER_PX
            yield from self._blur(small, reduced_blur_px(self.diameter, f))
            yield from self._enlarge(small)
        finally:
            give_scratch(buf)

    def _draw(self, surf: pygame.Surface, shapes: SharpShapes) -> Generator[float, None, None]:
        """Draw the shape sharp, full size, into a cleared sprite-sized surface, inside its margin."""
        lay, (i, step, _) = self.layout, self.key
        yield self.px * CLEAR_NS_PER_PX
        shape = surf.subsurface((lay.pad, lay.pad, *lay.shape))
        yield from draw_in_bands(shape, lay.shape, lambda s: shapes.draw(i, step, s))

    def _blur(self, surf: pygame.Surface, diameter_px: float, out: pygame.Surface | None = None):
        """Blur `surf` a band at a time, in place or (`out`) into the sprite, which the last band finishes."""
        blur = BlurJob(surf, diameter_px, band_px=BAND_PX, out=out)
        try:
            if blur.done and out is not None:
                self.surf = out
            while not blur.done:
                before = blur.fraction_done
                blur.step()
                if blur.done and out is not None:
                    self.surf = out
                yield (blur.fraction_done - before) * surf.get_width() * surf.get_height() * BLUR_NS_PER_PX
        finally:
            blur.close()  # stopped part-way: its scratch goes back too

    def _enlarge(self, small: pygame.Surface) -> Generator[float, None, None]:
        """Enlarge bilinearly into the full-size sprite, a band of rows at a time, reading a row
        beyond each band on each side as the whole image would, so the result is the same
        whatever the bands."""
        f, (_, h), size = self.layout.f, self.layout.small, self.layout.size
        full = new_surface(size, cleared=False)  # every row is enlarged into
        rows = max(1, 3 * BAND_PX // size[0] // f)  # rows of the small image
        if rows >= h:
            cv2.resize(pixels(small), size, dst=pixels(full), interpolation=cv2.INTER_LINEAR)  # all at once
            self.surf = full
            yield self.px * RESIZE_NS_PER_PX
            return
        buf = take_scratch((rows + 2) * f * size[0] * 4)
        try:
            band = buf[: (rows + 2) * f * size[0] * 4].reshape(-1, size[0], 4)
            for r0 in range(0, h, rows):
                r1 = min(h, r0 + rows)
                a, b = max(0, r0 - 1), min(h, r1 + 1)
                src, dst = pixels(small)[a:b], pixels(full)
                out = band[: (b - a) * f]
                cv2.resize(src, (size[0], (b - a) * f), dst=out, interpolation=cv2.INTER_LINEAR)
                dst[r0 * f : r1 * f] = out[(r0 - a) * f : (r1 - a) * f]
                del src, dst
                if r1 >= h:
                    self.surf = full
                yield (r1 - r0) * f * size[0] * RESIZE_NS_PER_PX
        finally:
            give_scratch(buf)


class Sprites:
    """The sprite cache (memory-bounded) and the sprites being made, scheduled on deadlines.

    `shape_px(object, size step)` gives an object's own size at a size step, and
    `draw(object, size step, surf)` draws it sharp with its top-left corner at (0, 0)
    into a transparent surface (as big as the shape or larger; only the shape's own
    rectangle is kept, at every blur level alike); `core(object,
    size step)`, a rectangle of the shape it draws opaque, or None. The renderer
    supplies them.
    """

    def __init__(
        self,
        shape_px: Callable[[int, int], tuple[int, int]],
        draw: Callable[[int, int, pygame.Surface], None],
        cache_bytes: int,
        shape_cache_bytes: int = SHAPE_CACHE_BYTES,
        core: Callable[[int, int], pygame.Rect | None] = lambda i, step: None,
    ):
        self.shape_px = shape_px
        self.draw = draw
        self.core = core
        self.cache = BlurCache(cache_bytes)
        self.shapes = SharpShapes(shape_px, draw, shape_cache_bytes)
        self.frame_no = 0
        self.slowness = 1.0  # measured cost over nominal cost, smoothed
        self._layouts: dict[Key, Layout] = {}
        self._variants: dict[int, set[tuple[int, int]]] = {}  # object → (size step, level) cached
        self._jobs: dict[int, SpriteJob] = {}  # object → its sprite being made
        # object → the sprites it was wanted at in the last MAX_STAND_IN_FRAMES frames: (frame, key)
        self._recent: dict[int, deque[tuple[int, Key]]] = {}
        self._inexact_since: dict[int, int] = {}  # object → first frame of its current run of stand-ins
        self._best_memo: dict[Key, Key | None] = {}  # `_best`'s answers while the cache is unchanged

    def layout(self, key: Key) -> Layout:
        lay = self._layouts.get(key)
        if lay is None:
            if len(self._layouts) > 50_000:
                self._layouts.clear()
            lay = self._layouts[key] = layout(self.shape_px(key[0], key[1]), key[2], self.core(key[0], key[1]))
        return lay

    def _job(self, key: Key, shapes: SharpShapes | None = None) -> SpriteJob:
        return SpriteJob(key, self.layout(key), shapes or self.shapes, self.frame_no)

    def make_now(self, key: Key) -> Shown:
        """A sprite made at once from nothing, and not cached (the benchmark's from-scratch comparison)."""
        job = self._job(key, SharpShapes(self.shape_px, self.draw, 0))
        job.run()
        lay = self.layout(key)
        return job.surf, lay.anchor, lay.core

    def frame(self, wants: list[Key], budget_s: float | None) -> list[Shown | None]:
        """The sprites to draw this frame for `wants` (None: leave that object out).

        Called on every frame, with nothing in view too: the stand-in limits count frames.
        `budget_s`: time for making sprites; None makes every wanted sprite exactly, now.
        """
        self.frame_no += 1
        self._best_memo.clear()
        now = self.frame_no
        for i in [i for i, job in self._jobs.items() if now - job.wanted_frame > JOB_KEPT_FRAMES]:
            self._set_job(i, None)  # out of view for a while: its part-made sprite goes
        in_view = {key[0] for key in wants}
        for i in [i for i in self._inexact_since if i not in in_view]:
            del self._inexact_since[i]  # out of view: its run of stand-ins ends
        for key in wants:
            self._remember(key)
        if budget_s is None:
            self._make_exactly(wants)
            return [self._shown(key) for key in wants]
        for key in wants:
            if key not in self.cache:
                self._plan(key)
        self._work(wants, budget_s)
        return [self._choose(key) for key in wants]

    def _shown(self, key: Key) -> Shown | None:
        if key not in self.cache:
            return None  # an exact frame's wants outgrew the cache
        lay = self.layout(key)
        return self.cache.get(key, _never), lay.anchor, lay.core

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
            job = self._job(key)
            self._set_job(key[0], job)
        return job

    def _set_job(self, i: int, job: SpriteJob | None) -> None:
        """Make `job` object i's sprite in the making (None: none), ending the one it replaces."""
        old = self._jobs.pop(i, None)
        if old is not None and old is not job:
            old.cancel()
        if job is not None:
            self._jobs[i] = job

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
            job = self._job(key)
            self._set_job(i, job)
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
        self._best_memo.clear()
        i = job.key[0]
        if self._jobs.get(i) is job:
            del self._jobs[i]
        self._variants.setdefault(i, set()).add(job.key[1:])
        self.cache.get(job.key, lambda: job.surf)

    def _best(self, key: Key) -> Key | None:
        """The cached variant of the object nearest to `key` in size and blur."""
        # Asked for each recent want of each object in view, every frame: remembered until
        # the cache changes (`_finished`), or the frame ends.
        if key in self._best_memo:
            return self._best_memo[key]
        best = self._best_memo[key] = self._find_best(key)
        return best

    def _find_best(self, key: Key) -> Key | None:
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

    def _choose(self, key: Key) -> Shown | None:
        """The exact sprite, else the cached variant nearest it that matches what the object
        looked like within the last MAX_STAND_IN_FRAMES frames, else nothing."""
        if key in self.cache:
            self._inexact_since.pop(key[0], None)
            return self._shown(key)
        self._inexact_since.setdefault(key[0], self.frame_no)
        for _, k in reversed(self._recent.get(key[0], ())):  # the latest want first
            v = self._variant_near(k)
            if v is not None and abs(v[1] - key[1]) <= MAX_STAND_IN_SIZE_STEPS:
                return self._shown(v)
        return None


def close(a: Key, b: Key) -> bool:
    """Can sprite a stand in for sprite b for as long as needed?"""
    return abs(a[1] - b[1]) <= MAX_STAND_IN_STEPS and abs(a[2] - b[2]) <= MAX_STAND_IN_LEVELS
