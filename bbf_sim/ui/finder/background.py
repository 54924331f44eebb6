"""The background for one frame size: the backdrop's tile blurred per level on first use
(memory-bounded), drawn with the camera's pan and tilt.

Frame-time spikes: every blur level the cache holds is made before the first frame
(`prewarm`, nearest to the lens's likely positions first); if one is ever missing during
play, at most one is made every `TILE_COOLDOWN_FRAMES`, the nearest ready level standing
in meanwhile. At 1920×1080 a tile is about 7.6 MB, at 1280×720 about 3.4 MB, so all 15
levels fit either size in `BACKGROUND_CACHE_BYTES`.
"""

from __future__ import annotations

import math

import pygame

from bbf_sim.ui.finder.backdrop import Backdrop
from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX, BlurCache, blur_level, blur_pad_px, blur_surface
from bbf_sim.ui.finder.spans import Spans, span_difference
from bbf_sim.ui.finder.view import FrameGeometry

BACKGROUND_CACHE_BYTES = 128 * 1024 * 1024
TILE_HALF_HEIGHT_FRAMES = 0.6  # the background tile reaches this many frame heights above/below the horizon
TILE_COOLDOWN_FRAMES = 24  # frames between two background tiles made during play (each a spike of milliseconds)


class BackgroundLayer:
    """The backdrop for one frame size, blurred per level on first use, drawn with pan and tilt."""

    def __init__(self, backdrop: Backdrop, geometry: FrameGeometry, cache_bytes: int = BACKGROUND_CACHE_BYTES):
        self.backdrop = backdrop
        self.g = geometry
        self.period = geometry.w
        self.half_h = max(8, round(TILE_HALF_HEIGHT_FRAMES * geometry.h))
        self.margin = blur_pad_px(BLUR_LEVELS_PX[-1])
        self.cache: BlurCache[int] = BlurCache(cache_bytes)  # by blur level
        self._sharp: pygame.Surface | None = None
        self._edge_colours: dict[int, tuple] = {}
        self.cooldown = 0  # frames until another tile may be made during play
        self.always_make = False  # photos: always the exact level, however long it takes

    def ready(self, level: int) -> bool:
        return level in self.cache

    def usable_level(self, wanted: int) -> int:
        """The wanted level if ready (or allowed to be made now), else the nearest ready one."""
        if self.ready(wanted) or self.always_make or not len(self.cache):
            return wanted
        if self.cooldown <= 0:
            self.cooldown = TILE_COOLDOWN_FRAMES
            return wanted
        ready = [lv for lv in range(len(BLUR_LEVELS_PX)) if self.ready(lv)]
        return min(ready, key=lambda lv: abs(lv - wanted))

    def prewarm(self, levels) -> None:
        """Make these levels now (before the first frame), as many as the cache holds."""
        for lv in levels:
            self.tile(lv)
            if self.cache.bytes + self.cache.bytes // max(1, len(self.cache)) > self.cache.max_bytes:
                break

    def tile(self, level: int) -> pygame.Surface:
        def make() -> pygame.Surface:
            if self._sharp is None:
                self._sharp = self.backdrop.draw_tile(self.period, self.half_h, self.margin)
            blurred = blur_surface(self._sharp, BLUR_LEVELS_PX[level], repeat_edges=True)
            # The margins hold wrapped content at least as wide as the blur reaches, so the
            # period cut from the middle repeats exactly: no seam as the camera pans across the wrap.
            out = blurred.subsurface((self.margin, 0, self.period, 2 * self.half_h)).copy()
            if pygame.display.get_surface() is not None:
                out = out.convert()
            self._edge_colours[level] = (out.get_at((0, 0)), out.get_at((0, out.get_height() - 1)))
            return out

        return self.cache.get(level, make)

    def draw(
        self,
        target: pygame.Surface,
        yaw_rad: float,
        pitch_rad: float,
        blur_px: float,
        crossfade: bool,
        hidden: Spans = (),
    ) -> None:
        """`hidden`: columns of the frame something opaque will cover top to bottom."""
        g = self.g
        x0 = (g.w / 2 - yaw_rad * g.f_px) % self.period - self.period
        y0 = g.h / 2 - self.half_h + g.f_px * math.tan(pitch_rad)
        self.cooldown -= 1
        wanted = blur_level(blur_px)
        lo = self.usable_level(wanted)
        hi, frac = lo, 0.0
        if crossfade and blur_px > 0 and lo == wanted:
            # Blend toward the neighbouring level so a focus pull is smooth, not stepped.
            lvl_px = BLUR_LEVELS_PX[lo]
            nb = lo + 1 if blur_px > lvl_px and lo + 1 < len(BLUR_LEVELS_PX) else lo - 1
            if 0 <= nb != lo:
                a, b = BLUR_LEVELS_PX[lo], BLUR_LEVELS_PX[nb]
                frac = min(1.0, abs(blur_px - a) / abs(b - a)) if b != a else 0.0
                hi = nb
        self._blit(target, lo, x0, y0, None, hidden)
        if hi != lo and frac > 0.06 and (self.ready(hi) or self.always_make):
            self._blit(target, hi, x0, y0, round(frac * 255))

    def _blit(self, target, level, x0, y0, alpha, hidden: Spans = ()) -> None:
        tile = self.tile(level)
        top_c, bottom_c = self._edge_colours[level]
        th = tile.get_height()
        yi = round(y0)
        if alpha is None:
            if yi > 0:
                target.fill(top_c, (0, 0, self.g.w, yi))
            if yi + th < self.g.h:
                target.fill(bottom_c, (0, yi + th, self.g.w, self.g.h - yi - th))
        if alpha is None and self._copy_columns(target, tile, round(x0), yi, hidden):
            return
        tile.set_alpha(alpha)
        x = round(x0)
        while x < self.g.w:
            target.blit(tile, (x, yi))
            x += self.period
        tile.set_alpha(None)

    def _copy_columns(self, target: pygame.Surface, tile: pygame.Surface, x0: int, y0: int, hidden: Spans = ()) -> bool:
        """Copy the wrapped tile into the frame with numpy, but for the `hidden` columns;
        False if the pixel formats differ.

        SDL's opaque blit leaves its fast path whenever the source column is not 32-byte
        aligned, which panning makes true on almost every frame (several times slower,
        docs/performance.md); numpy copies the same rows at memory speed whatever the offset.
        """
        if tile.get_masks() != target.get_masks() or tile.get_bytesize() != 4 or target.get_bytesize() != 4:
            return False
        w, h = target.get_size()
        th = tile.get_height()
        top, bottom = max(0, y0), min(h, y0 + th)
        if bottom <= top:
            return True
        dst = pygame.surfarray.pixels2d(target)  # (x, y) views; released when deleted
        src = pygame.surfarray.pixels2d(tile)
        sy0, sy1 = top - y0, bottom - y0
        for a, b in span_difference(0, w, hidden):
            x, sx = a, (a - x0) % self.period
            while x < b:
                n = min(b - x, self.period - sx)
                dst[x : x + n, top:bottom] = src[sx : sx + n, sy0:sy1]
                x += n
                sx = 0
        del dst, src
        return True
