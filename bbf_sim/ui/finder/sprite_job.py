"""One sprite being made, a band at a time, each step reporting its nominal work, so the
making can be spread over frames and its speed learned."""

from __future__ import annotations

from collections.abc import Generator

import cv2
import pygame

from bbf_sim.ui.finder.blur import (
    BLUR_LEVELS_PX,
    BlurJob,
    SteppedJob,
    blur_filter,
    blur_steps,
    give_scratch,
    new_surface,
    pixels,
    scratch_surface,
    take_scratch,
)
from bbf_sim.ui.finder.sharp_shapes import SharpShapes, band_rows, draw_in_bands
from bbf_sim.ui.finder.sprite_layout import Layout, SpriteKey, reduced_blur_px
from bbf_sim.ui.finder.sprite_tuning import TUNING


def blur_ns_per_px(diameter_px: float) -> float:
    """The nominal cost of blurring a pixel by `diameter_px`, by the filter that blur runs."""
    kind, size = blur_filter(diameter_px)
    if kind == "box":
        return TUNING.blur_ns_per_px
    return size * TUNING.gauss_ns_per_tap_px  # 0 for no blur at all


def job_steps(key: SpriteKey, layout: Layout, shapes: SharpShapes) -> int:
    """How many steps a `SpriteJob` for `key` takes (each costs `TUNING.step_ns` besides its pixels)."""
    diameter, band = BLUR_LEVELS_PX[key[2]], TUNING.band_px
    if layout.f == 1:
        drawing = 1 + -(-layout.shape[1] // band_rows(layout.shape[0]))  # cleared, then drawn in bands
        # Unblurred, a last step hands the drawing over; a blur's last band writes the sprite.
        return drawing + (blur_steps(layout.size, diameter, band, in_place=False) if diameter else 1)
    f, h = layout.f, layout.small[1]
    blur = blur_steps(layout.small, reduced_blur_px(diameter, f), band, in_place=True)
    rows = enlarge_rows(layout)
    return shapes.steps(key[0], key[1], f) + 1 + blur + (1 if rows >= h else -(-h // rows))


def enlarge_rows(layout: Layout) -> int:
    """The rows of the small image enlarged in a step: about three bands of the full-size sprite."""
    return max(1, 3 * TUNING.band_px // layout.size[0] // layout.f)


class SpriteJob(SteppedJob):
    """One sprite being made, a band at a time: a sharp sprite is drawn in place and blurred;
    for a big blur, the shape averaged down f times (`SharpShapes`) is placed in a
    transparent margin, blurred, and enlarged back."""

    def __init__(
        self,
        key: SpriteKey,
        layout: Layout,
        shapes: SharpShapes,
        frame: int,
        shape_work: Generator[float, None, object] | None = None,
    ):
        """`shape_work`: the object's shape at this size being averaged down (a `ShapeJob`'s,
        part-made), finished first and not begun again (the estimate counts it whole)."""
        self.key = key
        self.layout = layout
        self.px = layout.px
        diameter = BLUR_LEVELS_PX[key[2]]
        sw, sh = layout.small
        if layout.f > 1:
            self._estimate_ns = sw * sh * (blur_ns_per_px(reduced_blur_px(diameter, layout.f)) + TUNING.clear_ns_per_px)
            self._estimate_ns += shapes.cost_ns(key[0], key[1], layout.f) + self.px * TUNING.resize_ns_per_px
        else:
            self._estimate_ns = self.px * (blur_ns_per_px(diameter) + TUNING.clear_ns_per_px)
            self._estimate_ns += layout.shape[0] * layout.shape[1] * TUNING.draw_ns_per_px
        self._estimate_ns += job_steps(key, layout, shapes) * TUNING.step_ns
        self._done_ns = 0.0
        # The work is a generator over state of its own, not over the job: a job dropped
        # part-made is freed at once, and the work's scratch memory with it.
        self._made = _Making(key, layout, diameter)
        self._work: Generator[float, None, None] | None = self._made.steps(shapes, shape_work)
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
        self._done_ns += next(self._work, 0.0) + TUNING.step_ns
        if self.done:
            self.cancel()

    def cancel(self) -> None:
        """End the work, finished or not; its scratch memory goes back now."""
        if self._work is not None:
            self._work.close()
            self._work = None


class _Making:
    """What a `SpriteJob` works on: the sprite's layout, and the sprite once it is made."""

    def __init__(self, key: SpriteKey, layout: Layout, diameter: float):
        self.key = key
        self.layout = layout
        self.diameter = diameter
        self.px = layout.px
        self.surf: pygame.Surface | None = None

    def steps(
        self, shapes: SharpShapes, shape_work: Generator[float, None, object] | None = None
    ) -> Generator[float, None, None]:
        """The work, a band at a time; each step yields its nominal cost [ns]. The last sets
        `surf`. `shape_work` (the shape averaged down, part-made) is finished first."""
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
        if shape_work is not None:
            yield from shape_work  # keeps the shapes it makes: `image` below then finds this one kept
        sharp = yield from shapes.image(i, step, f)
        buf = take_scratch(lay.small[0] * lay.small[1] * 4)
        try:
            small = scratch_surface(buf, lay.small, cleared=False)
            w, h = -(-lay.shape[0] // f), -(-lay.shape[1] // f)
            px = pixels(small)  # the shape in the middle, a transparent margin around it
            px[:p], px[p + h :], px[p : p + h, :p], px[p : p + h, p + w :] = 0, 0, 0, 0
            px[p : p + h, p : p + w] = pixels(sharp)[:h, :w]
            del px
            yield small.get_width() * small.get_height() * TUNING.clear_ns_per_px
            yield from self._blur(small, reduced_blur_px(self.diameter, f))
            yield from self._enlarge(small)
        finally:
            give_scratch(buf)

    def _draw(self, surf: pygame.Surface, shapes: SharpShapes) -> Generator[float, None, None]:
        """Draw the shape sharp, full size, into a cleared sprite-sized surface, inside its margin."""
        lay, (i, step, _) = self.layout, self.key
        yield self.px * TUNING.clear_ns_per_px
        shape = surf.subsurface((lay.pad, lay.pad, *lay.shape))
        yield from draw_in_bands(shape, lay.shape, lambda s: shapes.draw(i, step, s))

    def _blur(self, surf: pygame.Surface, diameter_px: float, out: pygame.Surface | None = None):
        """Blur `surf` a band at a time, in place or (`out`) into the sprite, which the last band finishes."""
        blur = BlurJob(surf, diameter_px, band_px=TUNING.band_px, out=out)
        ns_per_px = blur_ns_per_px(diameter_px)
        try:
            if blur.done and out is not None:
                self.surf = out
            while not blur.done:
                before = blur.fraction_done
                blur.step()
                if blur.done and out is not None:
                    self.surf = out
                yield (blur.fraction_done - before) * surf.get_width() * surf.get_height() * ns_per_px
        finally:
            blur.close()  # stopped part-way: its scratch goes back too

    def _enlarge(self, small: pygame.Surface) -> Generator[float, None, None]:
        """Enlarge bilinearly into the full-size sprite, a band of rows at a time, reading a row
        beyond each band on each side as the whole image would, so the result is the same
        whatever the bands.

        Each band is enlarged straight into the sprite, its rows beyond the band's own too: the
        next band writes over those below, and the f rows above, which the band's edge would
        spoil, are put back from a copy (a copy of the whole band cost a tenth of the enlarging).
        """
        f, (_, h), size = self.layout.f, self.layout.small, self.layout.size
        full = new_surface(size, cleared=False)  # every row is enlarged into
        rows = enlarge_rows(self.layout)  # rows of the small image
        if rows >= h:
            cv2.resize(pixels(small), size, dst=pixels(full), interpolation=cv2.INTER_LINEAR)  # all at once
            self.surf = full
            yield self.px * TUNING.resize_ns_per_px
            return
        buf = take_scratch(f * size[0] * 4)
        try:
            above = buf[: f * size[0] * 4].reshape(f, size[0], 4)
            for r0 in range(0, h, rows):
                r1 = min(h, r0 + rows)
                a, b = max(0, r0 - 1), min(h, r1 + 1)
                src, dst = pixels(small)[a:b], pixels(full)
                if a < r0:
                    above[:] = dst[a * f : r0 * f]  # the band above's last rows, finished
                cv2.resize(src, (size[0], (b - a) * f), dst=dst[a * f : b * f], interpolation=cv2.INTER_LINEAR)
                if a < r0:
                    dst[a * f : r0 * f] = above
                del src, dst
                if r1 >= h:
                    self.surf = full
                yield (r1 - r0) * f * size[0] * TUNING.resize_ns_per_px
        finally:
            give_scratch(buf)
