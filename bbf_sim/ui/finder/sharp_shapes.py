"""Objects' shapes drawn sharp and averaged down 2, 4 and 8 times, a band at a time, and kept
for the next blur level of the same size."""

from __future__ import annotations

from collections.abc import Callable, Generator

import cv2
import pygame

from bbf_sim.ui.finder.blur import (
    BlurCache,
    SteppedJob,
    give_scratch,
    new_surface,
    pixels,
    scratch_surface,
    take_scratch,
)
from bbf_sim.ui.finder.sprite_layout import round_up
from bbf_sim.ui.finder.sprite_tuning import TUNING


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
        self.cache: BlurCache[tuple[int, int, int]] = BlurCache(cache_bytes)  # by (shape, size step, 1/f)

    def cost_ns(self, i: int, step: int, f: int) -> float:
        """The nominal work of having shape (i, step) at 1/f size (f ≥ 2), given what is kept."""
        if (i, step, f) in self.cache:
            return 0.0
        w, h = self.shape_px(i, step)
        halve_ns = (
            round_up(w, TUNING.max_reduction) * round_up(h, TUNING.max_reduction) / (f * f / 4) * TUNING.halve_ns_per_px
        )
        return halve_ns + (w * h * TUNING.draw_ns_per_px if f == 2 else self.cost_ns(i, step, f // 2))

    def steps(self, i: int, step: int, f: int) -> int:
        """The steps (bands) of having shape (i, step) at 1/f size (f ≥ 2), given what is kept."""
        if (i, step, f) in self.cache:
            return 0
        w, h = self.shape_px(i, step)
        sw, sh = round_up(w, TUNING.max_reduction) * 2 // f, round_up(h, TUNING.max_reduction) * 2 // f
        halve = -(-(sh // 2) // band_rows(sw))  # halving the image at 2/f size
        return halve + (-(-h // band_rows(sw)) if f == 2 else self.steps(i, step, f // 2))

    def image(self, i: int, step: int, f: int) -> Generator[float, None, pygame.Surface]:
        """Shape (i, step) at 1/f size (f ≥ 2), at (0, 0) on transparent, made a band at a
        time unless kept; each step yields its nominal work [ns]."""
        key = (i, step, f)
        if key in self.cache:
            return self.cache.get(key, never)
        if f > 2:
            src = yield from self.image(i, step, f // 2)
            surf = yield from _halve(src)
            return self.cache.get(key, lambda: surf)
        w, h = self.shape_px(i, step)
        size = (round_up(w, TUNING.max_reduction), round_up(h, TUNING.max_reduction))
        buf = take_scratch(size[0] * size[1] * 4)
        try:
            drawing = scratch_surface(buf, size)
            yield from draw_in_bands(drawing, (w, h), lambda s: self.draw(i, step, s))
            surf = yield from _halve(drawing)
        finally:
            give_scratch(buf)
        return self.cache.get(key, lambda: surf)


class ShapeJob(SteppedJob):
    """Shape (i, step) averaged down f times and on the way (`SharpShapes.image`), made a band
    at a time ahead of the sprites that will start from it, and kept."""

    done: bool

    def __init__(self, shapes: SharpShapes, i: int, step: int, f: int):
        self.key = (i, step, f)
        self.done = False
        self._done_ns = 0.0  # the nominal work done so far
        self._work = shapes.image(i, step, f)

    def step(self) -> None:
        try:
            self._done_ns += next(self._work) + TUNING.step_ns
        except StopIteration:
            self.done = True

    def cancel(self) -> None:
        """Stop, done or not; its scratch memory goes back now."""
        self._work.close()

    def hand_over(self) -> Generator[float, None, pygame.Surface]:
        """The work left, for a sprite of the same object and size to finish (this job ends)."""
        self.done = True
        return self._work


def band_rows(width_px: int) -> int:
    """The rows of a band of work (drawing, or the result of averaging down) on an image `width_px` wide."""
    return max(1, 4 * TUNING.band_px // width_px)


def draw_in_bands(surf: pygame.Surface, shape_px: tuple[int, int], draw: Callable[[pygame.Surface], None]):
    """Draw a shape of `shape_px` into `surf` a band of rows at a time (yielding nominal ns)."""
    w, h = shape_px
    rows = band_rows(surf.get_width())
    for r0 in range(0, h, rows):
        # The whole shape is drawn, clipped to the band: pygame.draw never touches pixels outside.
        surf.set_clip((0, r0, w, min(rows, h - r0)))
        draw(surf)
        surf.set_clip(None)
        yield min(rows, h - r0) * w * TUNING.draw_ns_per_px


def _halve(src: pygame.Surface) -> Generator[float, None, pygame.Surface]:
    """`src` averaged two by two into a new surface (sides even), a band at a time."""
    sw, sh = src.get_size()
    out = new_surface((sw // 2, sh // 2), cleared=False)  # every row is averaged into
    rows = band_rows(sw)  # rows of the halved image
    for r0 in range(0, sh // 2, rows):
        r1 = min(sh // 2, r0 + rows)
        a, b = pixels(src)[2 * r0 : 2 * r1], pixels(out)[r0:r1]
        cv2.resize(a, (sw // 2, r1 - r0), dst=b, interpolation=cv2.INTER_AREA)
        del a, b
        yield 4 * (r1 - r0) * (sw // 2) * TUNING.halve_ns_per_px
    return out


def never() -> pygame.Surface:
    """The maker passed for what is known to be cached already."""
    raise AssertionError("checked to be cached")
