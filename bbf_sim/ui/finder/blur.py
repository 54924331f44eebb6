"""Blurring surfaces, and the memory-bounded cache of pre-blurred copies the renderer draws from.

Blurring a whole frame per frame is too slow (DESIGN §4), so nothing is blurred per
frame: each (thing, size, blur level) is blurred once, when first needed, and kept.

A defocused point is a disc of diameter b (the blur circle); what the eye judges is
its spread, a standard deviation of b/4 along any axis. Every blur here matches
that spread, checked by `tests/ui/test_blur_accuracy.py`:

| blur diameter b | filter (OpenCV, one core) | why |
|---|---|---|
| ≤ 2.8 px | three taps [σ²/2, 1 − σ², σ²/2] | a sampled Gaussian this narrow loses its spread |
| < `BOX_FROM_PX` | a Gaussian cut at ±b/2, of variance b²/16 | a box too small has the wrong spread |
| larger | two boxes of width m, (m² − 1)/6 = b²/16 | tent-like, no square halo; ~1.5 ns a pixel a pass at any width |

OpenCV does the filtering because its separable SIMD filters are an order of
magnitude faster than `pygame.transform.box_blur` (~16 ns a pixel a pass on this
machine), so blurs run at full resolution, with no shrink-and-enlarge step that
would add its own softness. It is held to one thread: the frame budget is one
core's, and work on other threads would hide from the benchmark's clock.

Surfaces are *premultiplied*: shapes are drawn opaque onto transparent black, which
is already premultiplied, and blurring is linear, so a blurred edge fades to
transparent without the dark fringe straight alpha gives. Blit them with
`BLEND_PREMULTIPLIED`.

Memory bound: a `BlurCache` holds at most `max_bytes` of pixels (4 bytes a pixel) and
drops the least recently used copy beyond that.
"""

from __future__ import annotations

import functools
import math
import time
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Generic, TypeVar

import cv2
import numpy as np
import pygame

cv2.setNumThreads(1)

BOX_FROM_PX = 7.5  # from this blur diameter on, two box passes (whose width rounding errs < 6 %); below, a Gaussian

# Blur diameters [px] the renderer snaps to: roughly geometric, so the step between
# neighbours is about a quarter of the blur and a change of level is hard to see.
BLUR_LEVELS_PX = (0, 1.5, 2.5, 4, 6, 8, 11, 15, 20, 27, 36, 48, 64, 85, 112)


# Boundaries between neighbouring levels, at the geometric mean of each pair (level 0 ends at 0.75 px).
_LEVEL_EDGES_PX = np.array(
    [0.75] + [math.sqrt(a * b) for a, b in zip(BLUR_LEVELS_PX[1:-1], BLUR_LEVELS_PX[2:], strict=True)]
)


def blur_levels(diameters_px: float | np.ndarray) -> np.ndarray:
    """Index of the blur level nearest (in ratio) to each blur-circle diameter [px]."""
    return np.searchsorted(_LEVEL_EDGES_PX, np.asarray(diameters_px), side="right")


def blur_level(diameter_px: float) -> int:
    """`blur_levels` for one diameter."""
    return int(blur_levels(diameter_px))


def blur_pad_px(diameter_px: float) -> int:
    """A bound on how far a blur spreads beyond an edge [px], whichever way it is done (the
    background's margin); a sprite's is the reach of its own filter (`blur_reach_px`)."""
    return int(math.ceil(diameter_px * 0.7)) + 1 if diameter_px > 0 else 0


def blur_reach_px(diameter_px: float) -> int:
    """How far the filter of a blur of `diameter_px` (`blur_filter`) spreads a pixel, each way [px]:
    a Gaussian's half width; two boxes of width m, m − 1 (each pass leans the other way)."""
    kind, size = blur_filter(diameter_px)
    return 0 if kind == "none" else size - 1 if kind == "box" else size // 2


def box_width_px(diameter_px: float) -> int:
    """The width m of two box passes whose spread is a blur circle's: 2·(m² − 1)/12 = b²/16."""
    return max(1, round(math.sqrt(1.0 + 0.375 * diameter_px * diameter_px)))


def new_surface(size: tuple[int, int], cleared: bool = True) -> pygame.Surface:
    """A transparent 32-bit surface (premultiplied ARGB, as SRCALPHA) on memory numpy allocated.

    Writing into SDL's own pixel memory runs about fifteen times slower here than into
    numpy's, which asks the kernel for huge pages, and blits read it a fifth faster: the
    sprites' drawing, blurring and enlarging all write every pixel. The surface keeps
    the array alive.
    """
    w, h = size
    # Not `cleared`: for a surface every pixel of which is about to be written.
    px = np.zeros((h, w, 4), np.uint8) if cleared else np.empty((h, w, 4), np.uint8)
    return _on_array(px)


def scratch_surface(buf: np.ndarray, size: tuple[int, int], cleared: bool = True) -> pygame.Surface:
    """A transparent 32-bit surface (as `new_surface`) over the start of a scratch buffer (not
    `cleared`: its pixels are whatever the buffer held, for a surface about to be written)."""
    w, h = size
    px = buf[: w * h * 4].reshape(h, w, 4)
    if cleared:
        px.fill(0)
    return _on_array(px)


# The arrays surfaces made here are on: their pixels, at hand. Looking one up is cheaper than
# asking pygame for a view, and a sprite's making asks a couple of times a band.
_ARRAYS: weakref.WeakKeyDictionary[pygame.Surface, np.ndarray] = weakref.WeakKeyDictionary()


def _on_array(px: np.ndarray) -> pygame.Surface:
    """A surface on a (rows, columns, 4) array of premultiplied BGRA bytes, which it keeps alive."""
    h, w = px.shape[:2]
    # numpy's stubs give ndarray `__buffer__` from Python 3.12 only; it is a buffer on 3.11 too.
    surf = pygame.image.frombuffer(px, (w, h), "BGRA")  # type: ignore[arg-type]
    _ARRAYS[surf] = px
    return surf


def pixels(surf: pygame.Surface) -> np.ndarray:
    """A (rows, columns, 4) view of a 32-bit surface's bytes: the array a surface made here is
    on, else pygame's view (which keeps the surface locked while it lives)."""
    px = _ARRAYS.get(surf)
    if px is not None:
        return px
    w, h = surf.get_size()
    return pygame.surfarray.pixels2d(surf).T.view(np.uint8).reshape(h, w, 4)


Filter = Callable[[np.ndarray, np.ndarray], object]  # (source rows, destination rows of the same shape)


# Scratch images kept between jobs: fresh memory costs a page fault every 4 KiB, about
# 0.4 ns a byte on this VM, more than most of the work done in it.
_SCRATCH_POOL: list[np.ndarray] = []
SCRATCH_POOL_BYTES = 32 * 1024 * 1024


def scratch_room() -> int:
    """How much more the scratch pool may come to hold [bytes]."""
    return max(0, SCRATCH_POOL_BYTES - sum(b.nbytes for b in _SCRATCH_POOL))


def take_scratch(nbytes: int) -> np.ndarray:
    """A buffer of at least `nbytes` for work that is thrown away after (contents undefined)."""
    fits = [k for k, b in enumerate(_SCRATCH_POOL) if b.nbytes >= nbytes]
    if fits:
        return _SCRATCH_POOL.pop(min(fits, key=lambda k: _SCRATCH_POOL[k].nbytes))
    return np.empty(nbytes, np.uint8)


def give_scratch(buf: np.ndarray) -> None:
    """Return a buffer from `take_scratch`; nothing may use it after."""
    _SCRATCH_POOL.append(buf)
    _SCRATCH_POOL.sort(key=lambda b: -b.nbytes)
    while sum(b.nbytes for b in _SCRATCH_POOL) > SCRATCH_POOL_BYTES:
        _SCRATCH_POOL.pop(0)


def blur_filter(diameter_px: float) -> tuple[str, int]:
    """The filter a blur of `diameter_px` runs: ("none", 0), ("gauss", taps) or ("box", width m)."""
    if diameter_px < 0.75:
        return "none", 0
    if diameter_px >= BOX_FROM_PX:
        return "box", box_width_px(diameter_px)
    if diameter_px * diameter_px / 16.0 <= 0.5:
        return "gauss", 3
    return "gauss", 2 * math.ceil(2 * (diameter_px / 4.0)) + 1  # ±2σ: `sampled_sigma` keeps the spread


@functools.lru_cache(maxsize=64)
def sampled_sigma(ksize: int, variance_px2: float) -> float:
    """The σ [px] whose Gaussian, sampled at `ksize` taps and normalised (as OpenCV builds
    it), has the variance asked for: cutting the tails at ±2σ narrows a kernel of σ itself
    by 4–6 %, so the taps kept are widened to the blur circle's whole spread."""
    r = np.arange(ksize) - ksize // 2

    def variance(s: float) -> float:
        w = np.exp(-(r * r) / (2.0 * s * s))
        return float((w * r * r).sum() / w.sum())

    lo, hi = 1e-3, 100.0
    for _ in range(60):  # bisection: the variance grows with σ, toward the taps' uniform one
        mid = 0.5 * (lo + hi)
        lo, hi = (mid, hi) if variance(mid) < variance_px2 else (lo, mid)
    return 0.5 * (lo + hi)


def _band_rows(w: int, h: int, halo: int, band_px: int) -> int:
    """The rows of a blur's band: about `band_px` pixels (0: the whole surface), at least four
    halos tall, since each band re-reads its halo rows and thin bands waste work."""
    return h if band_px <= 0 else max(1, band_px // max(1, w), 4 * halo)


def blur_steps(size: tuple[int, int], diameter_px: float, band_px: int, in_place: bool) -> int:
    """How many steps (bands of passes) a `BlurJob` of a surface of `size` takes."""
    kind, m = blur_filter(diameter_px)
    if kind == "none":
        passes, halo = (0 if in_place else 1), 0
    elif kind == "box":
        passes, halo = 2, m
    else:  # a Gaussian; in place, its result is copied back from scratch
        passes, halo = (2 if in_place else 1), m // 2
    w, h = size
    return passes * -(-h // _band_rows(w, h, halo, band_px))


class SteppedJob:
    """Work done a step at a time (`step`, until `done`), so it can be spread over frames."""

    if TYPE_CHECKING:
        # Declared for the type checker only: a job keeps `done` as an attribute (`ShapeJob`)
        # or works it out (`BlurJob`, `SpriteJob`); a real property here would refuse the attribute.
        @property
        def done(self) -> bool: ...

    def step(self) -> None:
        raise NotImplementedError

    def run(self, deadline_s: float | None = None) -> bool:
        """Work until done, or (with a deadline, `time.perf_counter` seconds) until past it. True when done."""
        while not self.done:
            if deadline_s is not None and time.perf_counter() >= deadline_s:
                return False
            self.step()
        return True


class BlurJob(SteppedJob):
    """Blurs a 32-bit surface (in place, or into `out`), a band of rows at a time, so the
    work can be spread over frames.

    A box blur runs as two passes (surface → scratch → result), a Gaussian as one; a pass
    reads each band with enough rows of real neighbours above and below (`halo`) that the
    result is the same, bit for bit, as filtering the whole surface at once. Beyond the
    surface's edges is transparent black, or (`repeat_edges`) the edge pixels repeated.
    """

    def __init__(
        self,
        surf: pygame.Surface,
        diameter_px: float,
        repeat_edges: bool = False,
        band_px: int = 0,
        out: pygame.Surface | None = None,
    ):
        self.surf = surf
        self.out = surf if out is None else out  # every pixel of it is written
        self.border = cv2.BORDER_REPLICATE if repeat_edges else cv2.BORDER_CONSTANT
        w, h = surf.get_size()
        self.w, self.h = w, h
        self.passes = self._passes(diameter_px)
        self.halo = max((p[1] for p in self.passes), default=0)
        self.band_rows = _band_rows(w, h, self.halo, band_px)
        uses_scratch = any("scratch" in (p[2], p[3]) for p in self.passes)
        self._pool: np.ndarray | None = take_scratch(w * h * 4) if uses_scratch else None
        self.scratch = self._pool[: w * h * 4].reshape(h, w, 4) if self._pool is not None else None
        self._band: np.ndarray | None = None  # a band's output, before its middle rows are kept
        self.pass_no = 0
        self.row = 0

    def _passes(self, diameter_px: float) -> list[tuple[Filter | None, int, str, str]]:
        """The blur's passes: (filter, the rows it reaches above and below, source, destination);
        a filter of None copies."""
        border = self.border
        in_place = self.out is self.surf
        kind, m = blur_filter(diameter_px)
        if kind == "none":
            return [] if in_place else [(None, 0, "surf", "out")]
        if kind == "box":
            # An even box is off centre by half a pixel; the second pass leans the other way.
            first, second = m // 2, (m // 2 if m % 2 else m // 2 - 1)

            def box(anchor: int) -> Filter:
                return lambda s, d: cv2.blur(s, (m, m), dst=d, anchor=(anchor, anchor), borderType=border)

            return [(box(first), m, "surf", "scratch"), (box(second), m, "scratch", "out")]
        var, ksize = diameter_px * diameter_px / 16.0, m
        if var <= 0.5:
            # Sampled, a Gaussian this narrow loses most of its spread: three taps [a, 1 − 2a, a]
            # with 2a = σ², as the sampled Gaussian whose outer taps weigh a.
            a = var / 2
            sigma = (-0.5 / np.log(a / (1.0 - 2.0 * a))) ** 0.5
        else:
            sigma = sampled_sigma(ksize, var)

        def gauss(s: np.ndarray, d: np.ndarray) -> None:
            cv2.GaussianBlur(s, (ksize, ksize), sigma, dst=d, borderType=border)

        if in_place:  # a band's neighbours must be read before they are overwritten: via scratch
            return [(gauss, ksize // 2, "surf", "scratch"), (None, 0, "scratch", "out")]
        return [(gauss, ksize // 2, "surf", "out")]

    @property
    def done(self) -> bool:
        return self.pass_no >= len(self.passes)

    def close(self) -> None:
        """Give the scratch memory back, done or not (a blur dropped part-way)."""
        self.scratch = self._band = None
        if self._pool is not None:
            give_scratch(self._pool)
            self._pool = None

    @property
    def fraction_done(self) -> float:
        return 1.0 if self.done else (self.pass_no * self.h + self.row) / (len(self.passes) * self.h)

    def _array(self, name: str) -> np.ndarray:
        if name == "scratch":
            assert self.scratch is not None
            return self.scratch
        return pixels(self.surf if name == "surf" else self.out)

    def step(self) -> None:
        """Filter one band of the current pass."""
        filt, halo, src_name, dst_name = self.passes[self.pass_no]
        src, dst = self._array(src_name), self._array(dst_name)
        r0, r1 = self.row, min(self.h, self.row + self.band_rows)
        a, b = max(0, r0 - halo), min(self.h, r1 + halo)
        if filt is None:
            dst[r0:r1] = src[r0:r1]
        elif r0 == 0 and r1 == self.h:
            filt(src, dst)  # the whole surface at once
        else:
            if self._band is None:
                self._band = np.empty((self.band_rows + 2 * self.halo, self.w, 4), np.uint8)
            out = self._band[: b - a]
            filt(src[a:b], out)
            dst[r0:r1] = out[r0 - a : r1 - a]
        del src, dst
        self.row = r1
        if r1 >= self.h:
            self.pass_no, self.row = self.pass_no + 1, 0
            if self.done:
                self.close()


def blur_in_place(surf: pygame.Surface, diameter_px: float, repeat_edges: bool = False) -> None:
    """Blur a 32-bit surface by a blur circle of `diameter_px`, all at once (see `BlurJob`)."""
    BlurJob(surf, diameter_px, repeat_edges).run()


def blur_surface(surf: pygame.Surface, diameter_px: float, repeat_edges: bool = False) -> pygame.Surface:
    """A blurred copy of `surf` (see `blur_in_place`)."""
    out = surf.copy() if surf.get_bytesize() == 4 else surf.convert(32)
    blur_in_place(out, diameter_px, repeat_edges)
    return out


def surface_bytes(surf: pygame.Surface) -> int:
    w, h = surf.get_size()
    return w * h * surf.get_bytesize()


K = TypeVar("K", bound=Hashable)  # what a cache's surfaces are looked up by


class BlurCache(Generic[K]):
    """Least-recently-used store of made surfaces, bounded by their total pixel memory."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.bytes = 0
        self.made = 0  # surfaces made so far (misses): the bench reports it
        # If a list, the keys pushed out (or cleared) are appended to it, for an owner that
        # remembers what is cached (`stand_ins.StandIns`) to take out.
        self.evicted: list[K] | None = None
        self._items: OrderedDict[K, pygame.Surface] = OrderedDict()

    def get(self, key: K, make: Callable[[], pygame.Surface]) -> pygame.Surface:
        surf = self._items.get(key)
        if surf is not None:
            self._items.move_to_end(key)
            return surf
        surf = make()
        self.made += 1
        self._items[key] = surf
        self.bytes += surface_bytes(surf)
        while self.bytes > self.max_bytes and len(self._items) > 1:
            old_key, old = self._items.popitem(last=False)
            self.bytes -= surface_bytes(old)
            if self.evicted is not None:
                self.evicted.append(old_key)
        return surf

    def __contains__(self, key: Hashable) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def clear(self) -> None:
        if self.evicted is not None:
            self.evicted.extend(self._items)
        self._items.clear()
        self.bytes = 0
