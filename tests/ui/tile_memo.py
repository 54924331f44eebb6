"""The viewfinder's background tiles made once per test process, not once per window a test opens.

Every play screen a test opens blurs its level's backdrop at every blur level before the first
frame (`BackgroundLayer.prewarm`, for the viewfinder and the thumbnails): a large share of the
window tests' time (docs/performance.md), the same tiles made again test after test for the same
level and window size. A
tile is a function of the backdrop (every attribute of it), the layer's size, the blur level
and the display's pixel format, so the first layer in a process to make it makes it for real
and later layers are handed the same surface (and the sharp tile it was blurred from, which a
layer keeps): tiles are only ever read once made (`BackgroundLayer._blit` sets an alpha for one
blit and clears it). Each layer's own cache still counts, holds and evicts its tiles as before;
only the making is shared. Backdrops drawn from a level's own image are
always made (reading the image is part of what their tests check).
"""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import pygame

# Tiles kept per test process, least recently used dropped first: a 1920×1080 tile is 7.6 MB.
MEMO_BYTES = 256 * 1024 * 1024


def _value_key(value):
    if isinstance(value, np.ndarray):
        return (value.dtype.str, value.shape, value.tobytes())
    try:
        hash(value)
    except TypeError:
        return repr(value)
    return value


def _display_format():
    screen = pygame.display.get_surface()
    return None if screen is None else (screen.get_bytesize(), screen.get_masks())


def _bytes(surface: pygame.Surface) -> int:
    return surface.get_width() * surface.get_height() * surface.get_bytesize()


class TileMemo:
    """The tiles made in one test process, least recently used dropped first."""

    def __init__(self) -> None:
        self.entries: OrderedDict = OrderedDict()
        self.held_bytes = 0

    def keep(self, key, entry) -> None:
        self.entries[key] = entry
        self.held_bytes += _bytes(entry[0])
        while self.held_bytes > MEMO_BYTES and len(self.entries) > 1:
            self.held_bytes -= _bytes(self.entries.popitem(last=False)[1][0])


def install(monkeypatch, memo: TileMemo) -> None:
    """`BackgroundLayer`s share the tiles in `memo` until `monkeypatch` is undone."""
    from bbf_sim.ui.finder.background import BackgroundLayer

    made_for_real = BackgroundLayer.tile

    def tile(self, level: int) -> pygame.Surface:
        if level in self.cache or self.backdrop.image_name is not None:
            return made_for_real(self, level)
        backdrop = tuple(sorted((k, _value_key(v)) for k, v in vars(self.backdrop).items()))
        layer = (backdrop, self.period, self.half_h, self.margin, _display_format())
        key, sharp_key = (layer, level), (layer, "sharp")
        hit, sharp = memo.entries.get(key), memo.entries.get(sharp_key)
        if hit is None or (self._sharp is None and sharp is None):  # the layer needs its sharp tile too
            out = made_for_real(self, level)
            memo.keep(key, (out, self._edge_colours[level]))
            if sharp is None:
                memo.keep(sharp_key, (self._sharp, None))
            return out
        memo.entries.move_to_end(key)
        if sharp is not None:
            memo.entries.move_to_end(sharp_key)
        surface, edge_colours = hit
        self._edge_colours[level] = edge_colours
        if self._sharp is None:
            self._sharp = sharp[0]
        return self.cache.get(level, lambda: surface)

    monkeypatch.setattr(BackgroundLayer, "tile", tile)
