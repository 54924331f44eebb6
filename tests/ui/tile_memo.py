"""The viewfinder's background tiles made once per test process, not once per window a test opens.

Every play screen a test opens blurs its level's backdrop at every blur level before the first
frame (`BackgroundLayer.prewarm`, for the viewfinder and the thumbnails): a fifth of the window
tests' time, the same tiles made again test after test for the same level and window size. A
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


def install(monkeypatch) -> OrderedDict:
    """Share the made tiles between `BackgroundLayer`s until `monkeypatch` is undone; the memo is returned."""
    from bbf_sim.ui.finder.background import BackgroundLayer

    memo: OrderedDict = OrderedDict()
    held = [0]
    made_for_real = BackgroundLayer.tile

    def keep(key, entry) -> None:
        memo[key] = entry
        held[0] += _bytes(entry[0])
        while held[0] > MEMO_BYTES and len(memo) > 1:
            held[0] -= _bytes(memo.popitem(last=False)[1][0])

    def tile(self, level: int) -> pygame.Surface:
        if level in self.cache or self.backdrop.image_name is not None:
            return made_for_real(self, level)
        backdrop = tuple(sorted((k, _value_key(v)) for k, v in vars(self.backdrop).items()))
        layer = (backdrop, self.period, self.half_h, self.margin, _display_format())
        key = (layer, level)
        hit = memo.get(key)
        if hit is None:
            out = made_for_real(self, level)
            keep(key, (out, self._edge_colours[level]))
            if (layer, "sharp") not in memo:
                keep((layer, "sharp"), (self._sharp, None))
            return out
        memo.move_to_end(key)
        surface, edge_colours = hit
        self._edge_colours[level] = edge_colours
        if self._sharp is None and (layer, "sharp") in memo:  # else drawn if a tile is ever made for real
            self._sharp = memo[layer, "sharp"][0]
        return self.cache.get(level, lambda: surface)

    monkeypatch.setattr(BackgroundLayer, "tile", tile)
    return memo
