"""A level's objects as the sprites draw them: their size at a size step, drawn sharp, and
the part of each drawn opaque.

The renderer hands these to its `Sprites` as plain bound methods of an `ObjectShapes`,
which holds nothing of the renderer, so a renderer and its caches are freed by reference
counting the moment the screen that owns them goes (no cycle waits for the collector).
"""

from __future__ import annotations

import numpy as np
import pygame

from bbf_sim.ui.finder.shapes import draw_shape, hex_colour, opaque_core

SIZE_STEP = 1.06  # sprite heights snap to powers of this: ≤ 3 % size error, hard to see on a moving subject


class ObjectShapes:
    """The shape, colour and size [m] of each of a level's objects, and their drawing at a size step."""

    def __init__(self, objects):
        self.shapes = [o.shape for o in objects]
        self.colours = [hex_colour(o.colour) for o in objects]
        self.w_m = np.array([o.width_m for o in objects], dtype=float)
        self.h_m = np.array([o.height_m for o in objects], dtype=float)

    def shape_px(self, i: int, size_step: int) -> tuple[int, int]:
        """Object i's own size at a size step [px]: SIZE_STEP ** size_step tall."""
        h = max(1, round(SIZE_STEP**size_step))
        return max(1, round(h * self.w_m[i] / self.h_m[i])), h

    def draw(self, i: int, size_step: int, surf: pygame.Surface) -> None:
        """Object i drawn sharp at a size step, its top-left corner at (0, 0)."""
        draw_shape(surf, pygame.Rect((0, 0), self.shape_px(i, size_step)), self.shapes[i], self.colours[i])

    def core(self, i: int, size_step: int) -> pygame.Rect | None:
        """The rectangle of object i's shape drawn opaque at a size step, if any."""
        return opaque_core(self.shapes[i], pygame.Rect((0, 0), self.shape_px(i, size_step)))
