"""The scene as the lens sees it: depth of field, the panning background, and photos.

The renderer reads a `View` (built from a simulator `Snapshot`) and draws; it never
touches the simulator. World-to-pixel conversion lives in one place, `FrameGeometry`:
the sensor (mm, v up) maps onto the frame rectangle (px, y down) at `px_per_mm`.

Depth of field: every object and the background are blurred by their own blur-circle
diameter, `optics.blur_circle_mm(f, N, lens_D, 1/depth) · px_per_mm`, snapped to one of
`blur.BLUR_LEVELS_PX` and drawn from a cache of pre-blurred copies made on first use.

| cache | holds | bound |
|---|---|---|
| sprites | one copy per (object, size step of 6 %, blur level) | `SPRITE_CACHE_BYTES` (48 MiB) |
| background | one wrap-around tile per blur level (1 × 1.2 frames) | `BACKGROUND_CACHE_BYTES` (128 MiB) |

At 1920×1080 a background tile is about 7.6 MB, at 1280×720 about 3.4 MB, so all 15
levels fit at either size (114 MB at 1080p); beyond the bound the least recently used
copy goes first. A viewfinder's caches never exceed 176 MiB, plus one sharp background
tile (the live thumbnail's add 16 MiB, the review screen's 112 MiB while it is open).

Frame-time spikes: every background level the cache holds is made before the first
frame (`prewarm`, nearest to the lens's likely positions first); if one is ever missing
during play, at most one is made every `TILE_COOLDOWN_FRAMES`, the nearest ready level
standing in meanwhile. New sprites
get `SPRITE_BUDGET_S` a frame; past it, the nearest cached variant of the same
object is drawn instead: for as long as needed if it is within `MAX_STAND_IN_STEPS`
sizes and `MAX_STAND_IN_LEVELS` blur levels, for at most `MAX_STAND_IN_FRAMES` frames
if further off (a focus pull never shows a wrong depth of field for longer).

The background is a flat backdrop at the level's `background_m`: sky, a band of
foliage / crowd / wall (by scenario) between the ground line and its top, ground
below. It is laid out in angle (1 px = 1/f_px rad), so it pans with the camera's yaw
and pitch, and wraps every frame width.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np
import pygame

from bbf_sim.core import optics
from bbf_sim.ui.blur import (
    BIG_SURFACE_PX,
    BLUR_LEVELS_PX,
    BOX_K_PER_DIAMETER,
    RESIDUAL_K_PX,
    SMALL_K_PX,
    BlurCache,
    blur_level,
    blur_levels,
    blur_pad_px,
    blur_surface,
)
from bbf_sim.ui.shapes import draw_shape, hex_colour, shade

SPRITE_CACHE_BYTES = 48 * 1024 * 1024
BACKGROUND_CACHE_BYTES = 128 * 1024 * 1024
SIZE_STEP = 1.06  # sprite heights snap to powers of this: ≤ 3 % size error, hard to see on a moving subject
EYE_HEIGHT_M = 1.5  # the camera above the ground: where the ground meets the backdrop
TILE_HALF_HEIGHT_FRAMES = 0.6  # the background tile reaches this many frame heights above/below the horizon
SPRITE_BUDGET_S = 0.001  # time a frame may spend making new sprites; beyond it, a near variant stands in
MAX_STAND_IN_LEVELS = 3  # how many blur levels (about 30 % each) a stand-in may be off for long
MAX_STAND_IN_STEPS = 2  # how many size steps (6 % each) a stand-in may be off for long
MAX_STAND_IN_FRAMES = 6  # how long a stand-in further off may be shown (about 40 ms at 144 Hz)
# Making a sprite, in units of one box-blur pass over one pixel (~16 ns here): drawing the
# shape and a smoothscale cost a fraction of that a pixel, every sprite a fixed part.
DRAW_UNITS_PER_PX = 0.1
SCALE_UNITS_PER_PX = 0.12
SPRITE_FIXED_UNITS = 4000
SPRITE_NS_PER_UNIT = 16.0  # the starting guess; each sprite made corrects it (machines differ, and so do moments)
BIG_SPRITE_PX = 60_000  # above this many pixels, sprites are drawn at half size or less and scaled up
BIG_SPRITE_COOLDOWN_FRAMES = 192  # a sprite too costly for the budget is made at most this often: < 1 % of frames
TILE_COOLDOWN_FRAMES = 24  # frames between two background tiles made during play (each costs ~5–9 ms)
MAX_SPRITE_FRAMES = 1.5  # an object's image is capped at this many frame heights (it fills the frame anyway)
MIN_DEPTH_M = 0.05


@dataclass(frozen=True)
class View:
    """What the lens sees at one instant for one trial: object positions on the sensor and the lens."""

    u_mm: np.ndarray  # (n,)
    v_mm: np.ndarray
    depth_m: np.ndarray
    present: np.ndarray
    yaw_rad: float
    pitch_rad: float
    lens_D: float

    @classmethod
    def from_snapshot(cls, snap, trial: int = 0, prev=None, alpha: float = 1.0, lens_D: float | None = None) -> View:
        """The view in `snap`; with `prev`, interpolated `alpha` of the way from prev to snap."""
        u, v, d = snap.u_mm[trial], snap.v_mm[trial], snap.depth_m[trial]
        yaw, pitch, lens = float(snap.yaw_rad[trial]), float(snap.pitch_rad[trial]), float(snap.lens_D[trial])
        if prev is not None and alpha < 1.0:
            a = float(alpha)
            u = prev.u_mm[trial] + (u - prev.u_mm[trial]) * a
            v = prev.v_mm[trial] + (v - prev.v_mm[trial]) * a
            d = prev.depth_m[trial] + (d - prev.depth_m[trial]) * a
            yaw = float(prev.yaw_rad[trial]) + (yaw - float(prev.yaw_rad[trial])) * a
            pitch = float(prev.pitch_rad[trial]) + (pitch - float(prev.pitch_rad[trial])) * a
            lens = float(prev.lens_D[trial]) + (lens - float(prev.lens_D[trial])) * a
        return cls(
            np.array(u),
            np.array(v),
            np.array(d),
            np.array(snap.present[trial]),
            yaw,
            pitch,
            lens if lens_D is None else lens_D,
        )


class FrameGeometry:
    """Sensor millimetres ↔ frame pixels, for a frame of a given size in pixels."""

    def __init__(self, frame_w_px: int, frame_h_px: int, sensor, focal_mm: float):
        self.w, self.h = frame_w_px, frame_h_px
        self.px_per_mm = frame_w_px / sensor.width_mm
        self.focal_mm = focal_mm
        self.f_px = focal_mm * self.px_per_mm  # pixels per radian near the axis

    def to_px(self, u_mm, v_mm):
        return self.w / 2 + u_mm * self.px_per_mm, self.h / 2 - v_mm * self.px_per_mm


def fit_frame(avail_w: int, avail_h: int, sensor) -> tuple[int, int]:
    """The largest frame of the sensor's aspect ratio that fits the available pixels."""
    aspect = sensor.width_mm / sensor.height_mm
    w = min(avail_w, round(avail_h * aspect))
    return w, round(w / aspect)


# --- the background ---------------------------------------------------------------------------

BACKDROP_STYLE = {
    "sports": "crowd",
    "event": "crowd",
    "control": "wall",
    "lowlight": "wall",
    "macro": "foliage",
}


class Backdrop:
    """The level's background as elements in angle units, drawable at any frame size.

    Positions are in frame widths (x across the wrap period, y below the horizon), so the
    viewfinder, thumbnails and photo crops all show the same background.
    """

    def __init__(self, level, frame_aspect: float):
        scene = level.scene
        self.style = BACKDROP_STYLE.get(level.scenario, "foliage")
        self.sky = hex_colour(scene.sky_colour)
        self.colour = hex_colour(scene.background_colour)
        self.ground = shade(self.colour, 0.75)
        bg_m = scene.background_m
        f_mm = level.camera.focal_mm
        sensor_w_mm = optics.SENSORS[level.camera.sensor].width_mm
        fw = f_mm / sensor_w_mm  # f_px in frame widths
        height_m = max(3.0, 0.15 * bg_m)  # hedge, treeline or stand
        self.base_y = fw * EYE_HEIGHT_M / bg_m  # ground line, frame widths below the horizon
        self.top_y = -fw * (height_m - EYE_HEIGHT_M) / bg_m
        self.feature = min(0.08, max(0.008, fw * 0.3 / bg_m))  # a leaf / head / frame, in frame widths
        self.frame_aspect = frame_aspect
        # The layout is random but fixed per level: the renderer's own generator, never the simulator's.
        rng = np.random.default_rng(sum(level.id.encode()) * 7919 + len(level.id))
        band = self.base_y - self.top_y
        density = {"wall": 0.04, "crowd": 0.9}.get(self.style, 0.6)  # elements per feature² of band
        n = int(min(1600, max(12, band / self.feature**2 * density)))
        self.xs = rng.random(n)
        self.ys = self.top_y + rng.random(n) ** 0.8 * band
        self.sizes = self.feature * (0.6 + rng.random(n))
        self.tones = 0.55 + rng.random(n) * 0.8
        self.hues = rng.integers(0, 6, n)

    def draw_tile(self, period_px: int, half_h_px: int, margin_px: int) -> pygame.Surface:
        """A sharp tile one wrap period wide (plus `margin_px` of wrapped content each side)."""
        w, h = period_px + 2 * margin_px, 2 * half_h_px
        s = pygame.Surface((w, h))
        scale = period_px  # frame widths → px

        def row(y_fw: float) -> int:
            return round(half_h_px + y_fw * scale)

        top, base = row(self.top_y), row(self.base_y)
        # Sky: lighter toward the horizon.
        for y in range(0, max(0, min(h, top)), 4):
            k = 1.0 + 0.25 * (y / max(1, top))
            pygame.draw.rect(s, shade(self.sky, min(1.3, k)), (0, y, w, 4))
        if self.style == "wall":
            s.fill(self.sky, (0, 0, w, max(0, top)))
        pygame.draw.rect(s, self.colour, (0, max(0, top), w, max(0, min(h, base) - max(0, top))))
        # Ground below the backdrop, with stripes (mown grass, floorboards).
        if base < h:
            s.fill(self.ground, (0, base, w, h - base))
            stripe = max(2, round(self.feature * scale * 0.8))
            for i, y in enumerate(range(base, h, stripe)):
                if i % 2:
                    s.fill(shade(self.ground, 0.88), (0, y, w, stripe))
        # Muted shirts: a crowd is busy enough without competing with the subjects.
        palette = [(150, 70, 65), (70, 85, 130), (185, 185, 180), (170, 150, 80), (45, 45, 50), (90, 120, 85)]
        for x_f, y_f, size_f, tone, hue in zip(self.xs, self.ys, self.sizes, self.tones, self.hues, strict=True):
            y = row(y_f)
            r = max(1, round(size_f * scale / 2))
            if y + r < 0 or y - r > h:
                continue
            for wrap in (-1, 0, 1):
                x = round(margin_px + (x_f + wrap) * period_px)
                if x + r < 0 or x - r > w:
                    continue
                if self.style == "crowd":
                    # Spectators: a coloured shirt under a head.
                    pygame.draw.rect(s, palette[hue], (x - r, y, 2 * r, 2 * r))
                    pygame.draw.circle(
                        s, (205, 160, 125) if hue % 2 else (120, 85, 60), (x, y - r // 2), max(1, r * 2 // 3)
                    )
                elif self.style == "wall":
                    if hue == 0:  # a picture frame: a strong edge
                        pygame.draw.rect(
                            s, shade(self.colour, 0.45), (x - 2 * r, y - 2 * r, 4 * r, 3 * r), max(1, r // 3)
                        )
                    elif hue == 1:
                        pygame.draw.rect(s, shade(self.colour, 1.25), (x - r, y - r, 2 * r, 2 * r))
                else:
                    pygame.draw.circle(s, shade(self.colour, tone), (x, y), r)
                    if hue == 0:
                        pygame.draw.circle(s, shade(self.colour, 1.5), (x - r // 3, y - r // 3), max(1, r // 3))
        if self.style == "crowd" and 0 <= base - 2 < h:
            # Advertising boards along the touchline: bright, contrasty, what AF loves.
            bh = max(2, round(self.feature * scale * 1.5))
            pygame.draw.rect(s, (20, 20, 30), (0, base - bh, w, bh))
            # A whole number of boards per wrap period, laid from the margin, so the tile's two
            # edges meet without a seam as the camera pans across the wrap.
            n = max(1, round(period_px / max(8, self.feature * scale * 8)))
            step = period_px / n
            for k in range(-1, n + 1):
                x0, x1 = round(margin_px + k * step), round(margin_px + (k + 1) * step)
                pygame.draw.rect(s, palette[k % n % 4], (x0 + 2, base - bh + 2, x1 - x0 - 4, max(1, bh - 4)))
        return s


class BackgroundLayer:
    """The backdrop for one frame size, blurred per level on first use, drawn with pan and tilt."""

    def __init__(self, backdrop: Backdrop, geometry: FrameGeometry, cache_bytes: int = BACKGROUND_CACHE_BYTES):
        self.backdrop = backdrop
        self.g = geometry
        self.period = geometry.w
        self.half_h = max(8, round(TILE_HALF_HEIGHT_FRAMES * geometry.h))
        self.margin = blur_pad_px(BLUR_LEVELS_PX[-1])
        self.cache = BlurCache(cache_bytes)
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

    def _close_seam(self, blurred: pygame.Surface, out: pygame.Surface) -> None:
        """Make a blurred tile's two edges meet as the camera pans across the wrap.

        The sharp tile repeats exactly, but a large blur is done at reduced size, and the
        resampling grid does not repeat with the period, so the edges drift a few levels
        apart: a visible vertical seam. Each edge band is faded halfway towards what lies a
        period away, which for a repeating picture is the same place.
        """
        band = min(self.margin, self.period // 4)
        if band < 2:
            return
        src = pygame.surfarray.pixels3d(blurred).astype(np.float32)
        m, p = self.margin, self.period
        i = np.arange(band)
        w = (0.5 * (1.0 - i / band))[:, None, None]
        left = (1 - w) * src[m + i] + w * src[m + p + i]  # the tile's first columns
        right = (1 - w) * src[m + p - 1 - i] + w * src[m - 1 - i]  # its last columns, outwards in
        dst = pygame.surfarray.pixels3d(out)
        dst[i] = np.round(left).astype(np.uint8)
        dst[p - 1 - i] = np.round(right).astype(np.uint8)
        del src, dst

    def tile(self, level: int) -> pygame.Surface:
        def make() -> pygame.Surface:
            if self._sharp is None:
                self._sharp = self.backdrop.draw_tile(self.period, self.half_h, self.margin)
            blurred = blur_surface(self._sharp, BLUR_LEVELS_PX[level], repeat_edges=True)
            out = blurred.subsurface((self.margin, 0, self.period, 2 * self.half_h)).copy()
            if level > 0:
                self._close_seam(blurred, out)
            if pygame.display.get_surface() is not None:
                out = out.convert()
            self._edge_colours[level] = (out.get_at((0, 0)), out.get_at((0, out.get_height() - 1)))
            return out

        return self.cache.get(level, make)

    def draw(self, target: pygame.Surface, yaw_rad: float, pitch_rad: float, blur_px: float, crossfade: bool) -> None:
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
        self._blit(target, lo, x0, y0, None)
        if hi != lo and frac > 0.06 and (self.ready(hi) or self.always_make):
            self._blit(target, hi, x0, y0, round(frac * 255))

    def _blit(self, target, level, x0, y0, alpha) -> None:
        tile = self.tile(level)
        top_c, bottom_c = self._edge_colours[level]
        th = tile.get_height()
        yi = round(y0)
        if alpha is None:
            if yi > 0:
                target.fill(top_c, (0, 0, self.g.w, yi))
            if yi + th < self.g.h:
                target.fill(bottom_c, (0, yi + th, self.g.w, self.g.h - yi - th))
        if alpha is None and self._copy_columns(target, tile, round(x0), yi):
            return
        tile.set_alpha(alpha)
        x = round(x0)
        while x < self.g.w:
            target.blit(tile, (x, yi))
            x += self.period
        tile.set_alpha(None)

    def _copy_columns(self, target: pygame.Surface, tile: pygame.Surface, x0: int, y0: int) -> bool:
        """Copy the wrapped tile into the frame with numpy; False if the pixel formats differ.

        SDL's opaque blit leaves its fast path whenever the source column is not 32-byte
        aligned, which panning makes true on almost every frame (0.4 ms instead of 0.12
        at 720p); numpy copies the same rows at memory speed whatever the offset.
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
        x = 0
        sx = (-x0) % self.period
        while x < w:
            n = min(w - x, self.period - sx)
            dst[x : x + n, top:bottom] = src[sx : sx + n, sy0:sy1]
            x += n
            sx = 0
        del dst, src
        return True


# --- the renderer -------------------------------------------------------------------------------


class Renderer:
    """Draws views of one level into frames of one size (the viewfinder, a thumbnail, a photo)."""

    def __init__(
        self,
        level,
        sensor,
        frame_size_px: tuple[int, int],
        sprite_cache_bytes: int = SPRITE_CACHE_BYTES,
        background_cache_bytes: int = BACKGROUND_CACHE_BYTES,
        crossfade: bool | None = None,
    ):
        cam = level.camera
        self.level = level
        self.sensor = sensor
        self.focal_mm = cam.focal_mm
        self.aperture = cam.aperture
        self.g = FrameGeometry(frame_size_px[0], frame_size_px[1], sensor, cam.focal_mm)
        self.objects = level.objects
        self.shapes = [o.shape for o in level.objects]
        self.colours = [hex_colour(o.colour) for o in level.objects]
        self.w_m = np.array([o.width_m for o in level.objects])
        self.h_m = np.array([o.height_m for o in level.objects])
        self.background_D = 1.0 / level.scene.background_m
        self.sprites = BlurCache(sprite_cache_bytes)
        self.background = BackgroundLayer(Backdrop(level, self.g.w / self.g.h), self.g, background_cache_bytes)
        # Cross-fading two background levels costs a second, blended, full-frame blit (~1 ms
        # at 720p here), a quarter of the frame budget: off unless asked for. The levels
        # step about 30 % apart, so a focus pull changes the background in small steps.
        self.crossfade = bool(crossfade)
        self.from_scratch = False  # the bench's comparison: blur every object anew each frame
        self.exact = False  # photos: every sprite and tile exact, never a stand-in
        self._variants: dict[int, set[tuple[int, int]]] = {}  # object → (size step, level) made
        self._wanted_since: dict[tuple[int, int, int], int] = {}  # sprite not made yet → frame first asked for
        self._frame_no = 0
        self._big_cooldown = 0
        self._ns_per_unit = SPRITE_NS_PER_UNIT
        self.sprite_budget_s = SPRITE_BUDGET_S  # a frame's time for new sprites (0: stand-ins where any exist)

    def set_exact(self, exact: bool) -> None:
        self.exact = exact
        self.background.always_make = exact

    def prewarm(self, lens_D_values) -> None:
        """Make the background's blur levels now, before the first frame, as many as the cache holds.

        First the levels for these lens positions, then the rest in order of how close they
        are to one of those: a tile made during play costs 5–10 ms, a spike the frame-time
        target cannot absorb, while before the first frame it only adds to a load time
        well under a second.
        """
        wanted = sorted({blur_level(float(self.blur_px(lens_D, self.background_D))) for lens_D in lens_D_values})
        all_levels = range(len(BLUR_LEVELS_PX))
        order = sorted(all_levels, key=lambda lv: (min(abs(lv - w) for w in wanted), lv))
        self.background.prewarm(order)

    @property
    def size(self) -> tuple[int, int]:
        return self.g.w, self.g.h

    def blur_px(self, lens_D: float, subject_D) -> np.ndarray:
        """Blur-circle diameters [px] of subjects at `subject_D` [dioptres] with the lens at `lens_D`."""
        return optics.blur_circle_mm(self.focal_mm, self.aperture, lens_D, subject_D) * self.g.px_per_mm

    def sprite(self, i: int, size_step: int, level: int, deadline_s: float | None = None) -> pygame.Surface:
        """Object i drawn at height SIZE_STEP**size_step px, blurred to blur level `level` (cached).

        Past `deadline_s` (perf_counter), a cached variant of the object nearest in size and
        blur stands in for a sprite not made yet; it is made on a later frame.
        """
        key = (i, size_step, level)
        if self.from_scratch:
            return self._make_sprite(i, size_step, level)
        if key not in self.sprites and deadline_s is not None and self._over_budget(i, size_step, level, deadline_s):
            variants = [v for v in self._variants.get(i, ()) if (i, *v) in self.sprites]
            if variants:
                best = min(variants, key=lambda v: abs(v[0] - size_step) * 2 + abs(v[1] - level))
                # A stand-in a few blur levels off is hard to see. One further off (a sharp copy
                # for a deeply blurred subject, mid focus pull) is a wrong depth of field, so it
                # may stand in only for a few frames, a lag like an electronic finder's own.
                waited = self._frame_no - self._wanted_since.setdefault(key, self._frame_no)
                close = abs(best[1] - level) <= MAX_STAND_IN_LEVELS and abs(best[0] - size_step) <= MAX_STAND_IN_STEPS
                if abs(best[0] - size_step) <= 8 and (close or waited < MAX_STAND_IN_FRAMES):
                    return self.sprites.get((i, *best), lambda: None)
        self._variants.setdefault(i, set()).add((size_step, level))
        if key in self.sprites:
            return self.sprites.get(key, lambda: None)
        t0 = time.perf_counter()
        self._wanted_since.pop(key, None)
        spr = self.sprites.get(key, lambda: self._make_sprite(i, size_step, level))
        # Learn what a unit of work costs now: the budget then holds on a slow machine (or moment) too.
        per_unit = (time.perf_counter() - t0) * 1e9 / self._sprite_units(i, size_step, level)
        self._ns_per_unit = min(4 * SPRITE_NS_PER_UNIT, 0.7 * self._ns_per_unit + 0.3 * per_unit)
        return spr

    def _over_budget(self, i: int, size_step: int, level: int, deadline_s: float) -> bool:
        """Would making this sprite now overrun the frame's budget? (One big one is let through now and then.)"""
        cost_s = self._sprite_units(i, size_step, level) * self._ns_per_unit * 1e-9
        left_s = deadline_s - time.perf_counter()
        if cost_s <= left_s:
            return False
        if self._big_cooldown <= 0 and left_s >= SPRITE_BUDGET_S * 0.99:
            self._big_cooldown = BIG_SPRITE_COOLDOWN_FRAMES
            return False
        return True

    def _sprite_units(self, i: int, size_step: int, level: int) -> float:
        """The work of `_make_sprite` (same branches) in box-pass pixels, to judge it against the budget.

        Box-blur passes dominate: a pass costs the same whatever its radius, so a small blur
        done at full size costs more than a big one done on a shrunken copy.
        """
        fw, fh = self._sprite_size(i, size_step, level)
        h = max(1, round(SIZE_STEP**size_step))
        w = max(1, round(h * self.w_m[i] / self.h_m[i]))
        px = fw * fh
        diam = BLUR_LEVELS_PX[level]
        k = BOX_K_PER_DIAMETER * diam
        big = px > BIG_SPRITE_PX
        units = SPRITE_FIXED_UNITS
        if diam == 0 or (big and diam <= 2.5):
            return units + px * DRAW_UNITS_PER_PX
        if (k > SMALL_K_PX or big) and min(w, h) >= 16:
            scale = min(RESIDUAL_K_PX / k, 0.5 if big else 1.0)
            return units + px * scale * scale * (2 + DRAW_UNITS_PER_PX) + px * SCALE_UNITS_PER_PX
        # blur_surface on the full-size drawing
        if diam < 0.75:
            return units + px * DRAW_UNITS_PER_PX
        if (k <= SMALL_K_PX and px <= BIG_SURFACE_PX) or min(fw, fh) < 8:
            return units + px * ((2 if px < 40_000 else 1) + DRAW_UNITS_PER_PX)
        scale = min(RESIDUAL_K_PX / k, 0.5 if px > BIG_SURFACE_PX else 1.0)
        return units + px * (DRAW_UNITS_PER_PX + 2 * SCALE_UNITS_PER_PX + 2 * scale * scale)

    def _sprite_size(self, i: int, size_step: int, level: int) -> tuple[int, int]:
        """Pixel size of object i's sprite: the shape plus the blur's spread on every side."""
        h = max(1, round(SIZE_STEP**size_step))
        w = max(1, round(h * self.w_m[i] / self.h_m[i]))
        pad = blur_pad_px(BLUR_LEVELS_PX[level])
        return (w + 2 * pad, h + 2 * pad)

    def _make_sprite(self, i: int, size_step: int, level: int) -> pygame.Surface:
        h = max(1, round(SIZE_STEP**size_step))
        w = max(1, round(h * self.w_m[i] / self.h_m[i]))
        diam = BLUR_LEVELS_PX[level]
        pad = blur_pad_px(diam)
        full = self._sprite_size(i, size_step, level)
        k = BOX_K_PER_DIAMETER * diam
        big = full[0] * full[1] > BIG_SPRITE_PX
        if big and diam <= 2.5:
            diam = 0.0  # a pixel or two of blur on an object filling the frame: invisible, and costly
        elif (k > SMALL_K_PX or big) and min(w, h) >= 16 and diam > 0:
            # A big blur keeps no fine detail: draw the shape small, blur it there, scale up
            # once. Drawing and shrinking at full size would cost more than the blur itself.
            scale = min(RESIDUAL_K_PX / k, 0.5 if big else 1.0)
            residual = max(1, round(k * scale))
            sw, sh = max(4, round(full[0] * scale)), max(4, round(full[1] * scale))
            small = pygame.Surface((sw, sh), pygame.SRCALPHA)
            spad_x, spad_y = pad * sw / full[0], pad * sh / full[1]
            rect = pygame.Rect(
                round(spad_x), round(spad_y), max(1, round(w * sw / full[0])), max(1, round(h * sh / full[1]))
            )
            draw_shape(small, rect, self.shapes[i], self.colours[i])
            small = pygame.transform.box_blur(small, residual, False)
            small = pygame.transform.box_blur(small, residual, False)
            return pygame.transform.smoothscale(small, full)
        surf = pygame.Surface(full, pygame.SRCALPHA)
        draw_shape(surf, pygame.Rect(pad, pad, w, h), self.shapes[i], self.colours[i])
        if diam > 0:
            surf = blur_surface(surf, diam)
        return surf

    def draw(self, target: pygame.Surface, view: View, streak_px: dict[int, tuple[float, float]] | None = None) -> None:
        """Draw `view` into `target` (frame-sized). `streak_px`: motion-blur streaks per object (photos)."""
        g = self.g
        depth = np.maximum(view.depth_m, MIN_DEPTH_M)
        bg_blur = float(self.blur_px(view.lens_D, self.background_D))
        self.background.draw(target, view.yaw_rad, view.pitch_rad, bg_blur, self.crossfade)
        visible = view.present & (view.depth_m > MIN_DEPTH_M)
        if not visible.any():
            return
        scale = g.f_px / depth  # px per metre at each object's distance
        h_px = self.h_m * scale
        w_px = self.w_m * scale
        x, y = g.to_px(view.u_mm, view.v_mm)
        blur = self.blur_px(view.lens_D, 1.0 / depth)
        on = (
            visible
            & (np.abs(x - g.w / 2) < g.w / 2 + w_px / 2 + blur)
            & (np.abs(y - g.h / 2) < g.h / 2 + h_px / 2 + blur)
        )
        order = np.argsort(-depth)  # far to near: nearer things cover farther ones
        max_h = MAX_SPRITE_FRAMES * g.h
        steps = np.maximum(0, np.round(np.log(np.clip(h_px, 1.0, max_h)) / math.log(SIZE_STEP))).astype(int)
        levels = blur_levels(blur)
        deadline = None if self.exact else time.perf_counter() + self.sprite_budget_s
        self._big_cooldown -= 1
        self._frame_no += 1
        if len(self._wanted_since) > 256:  # sizes and blurs asked for once and never made
            self._wanted_since = {k: f for k, f in self._wanted_since.items() if self._frame_no - f < 60}
        items = []
        for i in order:
            if not on[i]:
                continue
            if h_px[i] < 0.5:
                continue
            spr = self.sprite(int(i), int(steps[i]), int(levels[i]), deadline)
            if streak_px and int(i) in streak_px:
                spr = motion_streak(spr, *streak_px[int(i)])
            sw, sh = spr.get_size()
            items.append((spr, (round(x[i] - sw / 2), round(y[i] - sh / 2)), None, pygame.BLEND_PREMULTIPLIED))
        target.blits(items, doreturn=False)

    def photo(self, view: View, streak_px=None, shake_px: float = 0.0, exact: bool = True) -> pygame.Surface:
        """A frame as the camera recorded it: the view, plus motion streaks and camera shake."""
        surf = pygame.Surface(self.size)
        was = self.exact
        self.set_exact(exact)
        try:
            self.draw(surf, view, streak_px)
        finally:
            self.set_exact(was)
        if shake_px >= 1.0:
            surf = blur_surface(surf, shake_px, repeat_edges=True)
        return surf


def motion_streak(sprite: pygame.Surface, dx_px: float, dy_px: float) -> pygame.Surface:
    """The sprite smeared along (dx, dy): the average of copies along the streak (premultiplied)."""
    length = math.hypot(dx_px, dy_px)
    if length < 1.0:
        return sprite
    n = int(min(24, max(3, length / 2)))
    w, h = sprite.get_size()
    out = pygame.Surface((w + math.ceil(abs(dx_px)), h + math.ceil(abs(dy_px))), pygame.SRCALPHA)
    part = sprite.copy()
    k = max(1, round(255 / n))
    part.fill((k, k, k, k), special_flags=pygame.BLEND_RGBA_MULT)
    ox = -dx_px if dx_px < 0 else 0.0
    oy = -dy_px if dy_px < 0 else 0.0
    for j in range(n):
        f = j / (n - 1)
        out.blit(part, (round(ox + dx_px * f), round(oy + dy_px * f)), special_flags=pygame.BLEND_RGBA_ADD)
    return out
