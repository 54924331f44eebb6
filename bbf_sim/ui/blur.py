"""Blurring surfaces, and the memory-bounded cache of pre-blurred copies the renderer draws from.

Blurring a whole frame costs 15 ms or more (DESIGN §4), so nothing is blurred per
frame: each (thing, size, blur level) is blurred once, when first needed, and kept.

| box radius k (≈ 0.31 × blur diameter) | method | why |
|---|---|---|
| ≤ `SMALL_K_PX` | `transform.box_blur` at full size (two passes on small surfaces) | a tent kernel: no square halo |
| larger | `smoothscale` down, two box passes of 2 px, `smoothscale` up | cost independent of the blur |

Surfaces are *premultiplied*: shapes are drawn opaque onto transparent black, which
is already premultiplied, and blurring is linear, so a blurred edge fades to
transparent without the dark fringe straight alpha gives. Blit them with
`BLEND_PREMULTIPLIED`.

Memory bound: a `BlurCache` holds at most `max_bytes` of pixels (4 bytes a pixel) and
drops the least recently used copy beyond that.
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable, Hashable

import numpy as np
import pygame

SMALL_K_PX = 1.6  # up to this box radius, blur at full resolution
# Defocus is a disc of diameter b; two box passes of radius k have the disc's variance
# (b²/16) when k ≈ 0.31·b.
BOX_K_PER_DIAMETER = 0.31
RESIDUAL_K_PX = 2  # the box radius left to blur at the reduced resolution
BIG_SURFACE_PX = 200_000  # above this, even a small blur is done at half size (a background tile)

# Blur diameters [px] the renderer snaps to: roughly geometric, so the step between
# neighbours is about a quarter of the blur and a change of level is hard to see.
BLUR_LEVELS_PX = (0, 1.5, 2.5, 4, 6, 8, 11, 15, 20, 27, 36, 48, 64, 85, 112)


def blur_level(diameter_px: float) -> int:
    """Index of the blur level nearest (in ratio) to a blur-circle diameter [px]."""
    if diameter_px < 0.75:
        return 0
    best, best_err = 1, math.inf
    for i in range(1, len(BLUR_LEVELS_PX)):
        err = abs(math.log(diameter_px / BLUR_LEVELS_PX[i]))
        if err < best_err:
            best, best_err = i, err
    return best


# Boundaries between neighbouring levels, at the geometric mean of each pair (level 0 ends at 0.75 px).
_LEVEL_EDGES_PX = np.array(
    [0.75] + [math.sqrt(a * b) for a, b in zip(BLUR_LEVELS_PX[1:-1], BLUR_LEVELS_PX[2:], strict=True)]
)


def blur_levels(diameters_px: np.ndarray) -> np.ndarray:
    """`blur_level` for an array of diameters at once (the renderer's per-frame path)."""
    return np.searchsorted(_LEVEL_EDGES_PX, np.asarray(diameters_px), side="right")


def blur_pad_px(diameter_px: float) -> int:
    """How far a blur spreads beyond an edge [px]: the padding a sprite needs."""
    return int(math.ceil(diameter_px * 0.7)) + 1 if diameter_px > 0 else 0


def blur_surface(surf: pygame.Surface, diameter_px: float, repeat_edges: bool = False) -> pygame.Surface:
    """A blurred copy of `surf` with a blur-circle diameter of about `diameter_px`.

    `box_blur` costs ~18 ns a pixel a pass here, so only small blurs run at full
    resolution; larger ones shrink the surface until a radius of `RESIDUAL_K_PX` is
    left, blur that, and scale back up (bilinear): the lost resolution is detail a blur
    that size would have wiped out anyway. Cost ≈ 5 ns a pixel, whatever the blur.
    """
    if diameter_px < 0.75:
        return surf.copy()
    k = BOX_K_PER_DIAMETER * diameter_px
    w, h = surf.get_size()
    big = w * h > BIG_SURFACE_PX
    if (k <= SMALL_K_PX and not big) or min(w, h) < 8:
        r = max(1, round(k))
        out = pygame.transform.box_blur(surf, r, repeat_edges)
        return pygame.transform.box_blur(out, r, repeat_edges) if w * h < 40_000 else out
    # A big surface is never blurred at full size, even a little: half size at most.
    scale = min(RESIDUAL_K_PX / k, 0.5 if big else 1.0)
    residual = max(1, round(k * scale))
    sw, sh = max(2, round(w * scale)), max(2, round(h * scale))
    small = pygame.transform.smoothscale(surf, (sw, sh))
    small = pygame.transform.box_blur(small, residual, repeat_edges)
    small = pygame.transform.box_blur(small, residual, repeat_edges)
    return pygame.transform.smoothscale(small, (w, h))


def surface_bytes(surf: pygame.Surface) -> int:
    w, h = surf.get_size()
    return w * h * surf.get_bytesize()


class BlurCache:
    """Least-recently-used store of made surfaces, bounded by their total pixel memory."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.made = 0  # surfaces made so far (misses): the bench reports it
        self._items: OrderedDict[Hashable, pygame.Surface] = OrderedDict()

    def get(self, key: Hashable, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        surf = self._items.get(key)
        if surf is not None:
            self._items.move_to_end(key)
            return surf
        surf = make()
        self.made += 1
        self._items[key] = surf
        self.bytes += surface_bytes(surf)
        while self.bytes > self.max_bytes and len(self._items) > 1:
            _, old = self._items.popitem(last=False)
            self.bytes -= surface_bytes(old)
        return surf

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        self._items.clear()
        self.bytes = 0
