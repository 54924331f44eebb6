"""Which sprite (`SpriteKey`), and where things are in it (`Layout`): the shape, the blur's
margin, and the size the blur is done at.

A blur circle of b px leaves no detail finer than about b/4 px, so a big blur is done on
a copy averaged down f times and enlarged back (`reduction`), which keeps every edge's
spread within a few per cent of the optics' (`tests/ui/test_blur_accuracy.py`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import pygame

from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX, blur_pad_px, blur_reach_px
from bbf_sim.ui.finder.sprite_tuning import TUNING


class SpriteKey(NamedTuple):
    """One sprite: an object of the level, drawn at a size step, blurred to a blur level."""

    object: int  # index into the level's objects
    size_step: int  # drawn `objects.SIZE_STEP ** size_step` px tall
    blur_level: int  # index into `blur.BLUR_LEVELS_PX`


def reduction(diameter_px: float, px: int) -> int:
    """How many times smaller a sprite of `px` pixels with this blur is blurred, then enlarged.

    A blur circle of b px leaves no detail finer than about b/4 px, so the sprite can be
    blurred at 1/f of its size as long as b/f stays at least `min_reduced_blur_px` there
    (half that for a big sprite, whose making would otherwise cost milliseconds).
    Averaging f × f blocks and enlarging bilinearly spread an edge by (f² − 1)/12 to
    (4f² − 1)/12 px², by where it falls in its block; the blur at reduced size leaves
    out f²/6 (`reduced_blur_px`). At b/f ≥ 4 that keeps every edge's spread within 8 %
    of the blur's (an outline, which starts a block, within 5 %); at b/f = 2 it would
    be 25 % either way. The work shrinks with f², but for the enlarging.
    """
    least = TUNING.min_reduced_blur_px / (2 if px >= TUNING.big_sprite_px else 1)
    f = 1
    while f < TUNING.max_reduction and diameter_px / (2 * f) >= least:
        f *= 2
    return f


def reduced_blur_px(diameter_px: float, f: int) -> float:
    """The blur diameter at 1/f size that, once averaged down and enlarged, spreads as `diameter_px` does."""
    if f == 1:
        return diameter_px
    variance = diameter_px * diameter_px / 16.0 - f * f / 6.0  # [px²] at full size
    return 4.0 * math.sqrt(max(0.0, variance)) / f


def round_up(n: int, f: int) -> int:
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
    pad = blur_pad_px(diameter)  # a bound, for the size that chooses f
    f = reduction(diameter, (w + 2 * pad) * (h + 2 * pad))
    # The margin is as wide as the blur reaches, no wider: every pixel of a sprite is made and
    # blended, and beyond the reach it would be transparent. At 1/f size, the blur reaches as
    # far there, plus a pixel for enlarging bilinearly. The shape starts on a multiple of f, so
    # each of its f × f blocks averages the same pixels at every blur level: one averaged copy
    # of the shape serves them all.
    pad = blur_reach_px(diameter) if f == 1 else f * (blur_reach_px(reduced_blur_px(diameter, f)) + 1)
    core = None
    if shape_core is not None:
        # Blurred, a pixel stays opaque if everything within the blur's reach was: the
        # widest kernel's (0.75 b covers two boxes' 0.62 b and the Gaussians, cut at 2σ),
        # rounded up at 1/f size, and the f-wide averaging and enlarging (tested at every level).
        reach = math.ceil(0.75 * diameter) + 4 * f + 1
        x0, y0 = pad + shape_core.left + reach, pad + shape_core.top + reach
        x1, y1 = pad + shape_core.right - reach, pad + shape_core.bottom - reach
        if x1 > x0 and y1 > y0:
            core = (x0, y0, x1, y1)
    return Layout(f, pad, (w, h), (2 * pad + round_up(w, f), 2 * pad + round_up(h, f)), core)
