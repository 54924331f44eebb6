"""The scene as the lens sees it: depth of field, the panning background, and photos.

The renderer reads a `View` (built from a simulator `Snapshot`) and draws; it never
touches the simulator. World-to-pixel conversion lives in one place, `FrameGeometry`:
the sensor (mm, v up) maps onto the frame rectangle (px, y down) at `px_per_mm`.

Depth of field: every object and the background are blurred by their own blur-circle
diameter, `optics.blur_circle_mm(f, N, lens_D, 1/depth) · px_per_mm`, snapped to one of
`blur.BLUR_LEVELS_PX` and drawn from a cache of pre-blurred copies made on first use
(the blur's spread matches the optics', `tests/ui/test_blur_accuracy.py`).

| memory | holds | bound |
|---|---|---|
| sprites | one copy per (object, size step of 6 %, blur level) | `SPRITE_CACHE_BYTES` (48 MiB) |
| shapes averaged down | each (object, size step) at 1/2, 1/4, 1/8 size | `sprites.SHAPE_CACHE_BYTES` (8 MiB) |
| background | one wrap-around tile per blur level (1 × 1.2 frames) | `BACKGROUND_CACHE_BYTES` (128 MiB) |
| blur scratch | images kept between blurs | `blur.SCRATCH_POOL_BYTES` (32 MiB) |
| sprites being made | one per object in view, dropped when not asked for in 30 frames | one sprite each |

At 1920×1080 a background tile is about 7.6 MB, at 1280×720 about 3.4 MB, so all 15
levels fit at either size (114 MB at 1080p); beyond the bound the least recently used
copy goes first. A viewfinder's caches never exceed 216 MiB, plus one sharp background
tile and the sprites being made (each one object's image and its scratch, at most 1.5
frame heights tall: 18 MiB at most in the 1080p benchmark); the live thumbnail's add 24 MiB,
the review screen's 128 MiB while it is open (each renderer keeps its own shapes, 8 MiB).

Frame-time spikes: every background level the cache holds is made before the first
frame (`prewarm`, nearest to the lens's likely positions first); if one is ever missing
during play, at most one is made every `TILE_COOLDOWN_FRAMES`, the nearest ready level
standing in meanwhile. Sprites are made a band at a time over several frames, a
cached variant standing in meanwhile, within limits that keep the depth of field
right (`sprites.py`).

The background is a flat backdrop at the level's `background_m`: sky, a band of
foliage / crowd / wall (by scenario) between the ground line and its top, ground
below. It is laid out in angle (1 px = 1/f_px rad), so it pans with the camera's yaw
and pitch, and wraps every frame width. A level's `scene.background_image` takes the
band's place (`Backdrop._draw_image`): the same tile, so blurred, cached and panned
alike; an image that cannot be drawn leaves the procedural band, with one log line.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pygame

from bbf_sim.core import optics
from bbf_sim.core.camera import px_per_mm
from bbf_sim.ui.finder.blur import (
    BLUR_LEVELS_PX,
    BlurCache,
    blur_level,
    blur_levels,
    blur_pad_px,
    blur_surface,
)
from bbf_sim.ui.finder.objects import SIZE_STEP, ObjectShapes
from bbf_sim.ui.finder.shapes import hex_colour, shade
from bbf_sim.ui.finder.sprites import Sprites

SPRITE_CACHE_BYTES = 48 * 1024 * 1024
BACKGROUND_CACHE_BYTES = 128 * 1024 * 1024
EYE_HEIGHT_M = 1.5  # the camera above the ground: where the ground meets the backdrop
TILE_HALF_HEIGHT_FRAMES = 0.6  # the background tile reaches this many frame heights above/below the horizon
SPRITE_BUDGET_S = 0.001  # time a frame spends making sprites, more when a focus pull's are due (sprites.py)
TILE_COOLDOWN_FRAMES = 24  # frames between two background tiles made during play (each costs ~5–9 ms)
MAX_SPRITE_FRAMES = 1.5  # an object's image is capped at this many frame heights (it fills the frame anyway)
MIN_DEPTH_M = 0.05
SEAM_BLEND_SHARE = 0.125  # a background image's wrap seam is cross-faded over this share of a period

log = logging.getLogger(__name__)
_reported: set[str] = set()  # background-image problems already logged (each said once per run)


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
        self.px_per_mm = px_per_mm(frame_w_px, sensor.width_mm)
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
        # The level's own image for the band, if any: read when a sharp tile is drawn (a layer
        # draws one, then keeps the tile), and not kept, so a large photo costs memory only then.
        self.level_id = level.id
        self.image_name = scene.background_image
        self.image_path = scene.background_image_path
        self.image_failed = False  # once it could not be drawn, the procedural band for good

    def load_image(self) -> pygame.Surface | None:
        """The background image, 32-bit with alpha; None (and a log line, once) when there is none to draw."""
        if self.image_name is None or self.image_failed:
            return None
        if self.image_path is None:
            self._fall_back("the level was loaded without its folder, so the file cannot be found")
            return None
        try:
            loaded = pygame.image.load(str(self.image_path))
            if min(loaded.get_size()) < 1:
                raise ValueError("the image is empty")
            # 32 bits with alpha, whatever the file holds (smoothscale wants 24 or 32 bits);
            # converting to a surface's format needs no window, unlike `convert_alpha()`.
            return loaded.convert(pygame.Surface((1, 1), pygame.SRCALPHA, 32))
        except (pygame.error, OSError, ValueError, MemoryError) as exc:
            self._fall_back(f"cannot load {self.image_path}: {exc}")
            return None

    def _fall_back(self, reason: str) -> None:
        self.image_failed = True
        message = (
            f"level {self.level_id!r}: scene.background_image {self.image_name!r} is not drawn ({reason}); "
            "the procedural backdrop stands in"
        )
        if message not in _reported:
            _reported.add(message)
            log.warning("%s", message)

    def draw_tile(self, period_px: int, half_h_px: int, margin_px: int) -> pygame.Surface:
        """A sharp tile one wrap period wide (plus `margin_px` of wrapped content each side)."""
        w, h = period_px + 2 * margin_px, 2 * half_h_px
        s = pygame.Surface((w, h))
        scale = period_px  # frame widths → px

        def row(y_fw: float) -> int:
            return round(half_h_px + y_fw * scale)

        top, base = row(self.top_y), row(self.base_y)
        image = self.load_image()
        sky_end = top if image is None else base  # an image may be shorter than the band: sky behind it
        # Sky: lighter toward the horizon.
        for y in range(0, max(0, min(h, sky_end)), 4):
            k = 1.0 + 0.25 * (y / max(1, sky_end))
            pygame.draw.rect(s, shade(self.sky, min(1.3, k)), (0, y, w, 4))
        if self.style == "wall":
            s.fill(self.sky, (0, 0, w, max(0, sky_end)))
        if image is None:
            pygame.draw.rect(s, self.colour, (0, max(0, top), w, max(0, min(h, base) - max(0, top))))
        # Ground below the backdrop, with stripes (mown grass, floorboards).
        if base < h:
            s.fill(self.ground, (0, base, w, h - base))
            stripe = max(2, round(self.feature * scale * 0.8))
            for i, y in enumerate(range(base, h, stripe)):
                if i % 2:
                    s.fill(shade(self.ground, 0.88), (0, y, w, stripe))
        if image is not None:
            self._draw_image(s, image, period_px, margin_px, top, base)
            return s
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

    @staticmethod
    def _draw_image(s: pygame.Surface, image: pygame.Surface, period_px: int, margin_px: int, top: int, base: int):
        """The image in the band's place: standing on the ground line, covering the band.

        Placement: what a photo of a treeline or a stadium's stands is for. It keeps its
        aspect ratio and is scaled to cover the part of the band the tile shows (from the
        ground line, or the tile's foot if the ground line is below the tile, up to the
        band's top or the tile's)
        and at least one wrap period across; a wider image loses its two sides equally, a
        taller one rises into the sky (its top cut at the tile's edge). Sky stays above it
        and ground below, and a transparent PNG lets the sky through.
        """
        h = s.get_height()
        foot, head = min(h, base), max(0, top)
        strip = seamless_strip(image, period_px, max(1, foot - head), foot)
        y = foot - strip.get_height()
        # Centred on the direction the camera faces at yaw 0 (column 0 of the period), as the
        # author composed it: the cross-faded seam then sits at the start frame's left edge.
        x = (margin_px - period_px // 2) % period_px - period_px
        while x < s.get_width():
            s.blit(strip, (x, y))
            x += period_px


def seamless_strip(image: pygame.Surface, period_px: int, min_h_px: int, max_h_px: int) -> pygame.Surface:
    """`image` scaled to cover `period_px` × `min_h_px` (aspect kept, centred), made to wrap without a seam.

    The wrap: the image is scaled one blend band wider than the period and the band that
    spills past the right edge is cross-faded into the left edge (smoothstep), so column
    0 continues column `period_px − 1` exactly as the image itself continues there.
    Mirroring would also wrap, but shows every stand, tree or sign twice, reflected; the
    cross-fade loses nothing but a faint double image over an eighth of the period.
    Only about the bottom `max_h_px` rows are made (the rest would be above the tile).
    """
    blend = max(1, round(period_px * SEAM_BLEND_SHARE))
    iw, ih = image.get_size()
    scale = max((period_px + blend) / iw, min_h_px / ih)
    # Only the source pixels that end up in the strip are scaled: the centre columns, the bottom rows.
    cols = min(iw, math.ceil((period_px + blend) / scale) + 1)
    rows = min(ih, math.ceil(max_h_px / scale) + 1)
    sw = max(period_px + blend, round(cols * scale))
    sh = max(1, round(rows * scale))
    scaled = pygame.transform.smoothscale(image.subsurface(((iw - cols) // 2, ih - rows, cols, rows)), (sw, sh))
    x0 = (sw - period_px - blend) // 2
    out = scaled.subsurface((x0, 0, period_px, sh)).copy()
    spill = scaled.subsurface((x0 + period_px, 0, blend, sh))
    t = (np.arange(blend) + 0.5) / blend
    t = t * t * (3 - 2 * t)
    for view in (pygame.surfarray.pixels3d, pygame.surfarray.pixels_alpha):
        head, tail = view(out), view(spill)
        weight = t.reshape((blend,) + (1,) * (head.ndim - 1))
        head[:blend] = np.rint(tail * (1 - weight) + head[:blend] * weight).astype(np.uint8)
        del head, tail
    return out


Spans = Sequence[tuple[int, int]]  # disjoint [start, end) column ranges, in order


def span_union(spans: Spans, a: int, b: int) -> list[tuple[int, int]]:
    """`spans` with [a, b) added, merged where they touch."""
    out, lo, hi = [], a, b
    for s0, s1 in spans:
        if s1 < lo or s0 > hi:
            out.append((s0, s1))
        else:
            lo, hi = min(lo, s0), max(hi, s1)
    out.append((lo, hi))
    return sorted(out)


def span_difference(a: int, b: int, spans: Spans) -> list[tuple[int, int]]:
    """[a, b) without `spans`."""
    out, x = [], a
    for s0, s1 in spans:
        if s1 <= x or s0 >= b:
            continue
        if s0 > x:
            out.append((x, s0))
        x = max(x, s1)
    if x < b:
        out.append((x, b))
    return out


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
        for a, b in span_difference(0, w, hidden):
            x, sx = a, (a - x0) % self.period
            while x < b:
                n = min(b - x, self.period - sx)
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
        self.object_shapes = ObjectShapes(level.objects)
        self.w_m, self.h_m = self.object_shapes.w_m, self.object_shapes.h_m
        self.background_D = 1.0 / level.scene.background_m
        # Bound methods of `object_shapes`, never of the renderer: the sprites hold no way
        # back to their owner, so no reference cycle keeps a finished renderer's caches.
        shapes = self.object_shapes
        self.sprites = Sprites(shapes.shape_px, shapes.draw, sprite_cache_bytes, core=shapes.core)
        self.background = BackgroundLayer(Backdrop(level, self.g.w / self.g.h), self.g, background_cache_bytes)
        # Cross-fading two background levels costs a second, blended, full-frame blit (~1 ms
        # at 720p here), a quarter of the frame budget: off unless asked for. The levels
        # step about 30 % apart, so a focus pull changes the background in small steps.
        self.crossfade = bool(crossfade)
        self.from_scratch = False  # the bench's comparison: blur every object anew each frame
        self.exact = False  # photos: every sprite and tile exact, never a stand-in
        self.sprite_budget_s = SPRITE_BUDGET_S  # a frame's time for making sprites (0: only what is due)
        self._drawn = False  # has a frame been drawn (the first is made exactly)

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

    def draw(self, target: pygame.Surface, view: View, streak_px: dict[int, tuple[float, float]] | None = None) -> None:
        """Draw `view` into `target` (frame-sized). `streak_px`: motion-blur streaks per object (photos)."""
        wants, where = self._wants(view)
        if self.from_scratch:
            sprites = [self.sprites.make_now(key) for key in wants]
        else:
            # The first frame is part of loading the level: every sprite made in full, none missing.
            exact = self.exact or not self._drawn
            sprites = self.sprites.frame(wants, None if exact else self.sprite_budget_s)
            self._drawn = True
        placed = []  # far to near: (sprite, x, y, opaque core or None)
        for key, shown, (xi, yi) in zip(wants, sprites, where, strict=True):
            if shown is None:
                continue
            spr, (ax, ay), core = shown  # ax, ay: where the object's centre is in its sprite
            if streak_px and key[0] in streak_px:
                dx, dy = streak_px[key[0]]
                spr, core = motion_streak(spr, dx, dy), None
                ax, ay = ax + abs(dx) / 2, ay + abs(dy) / 2  # the streak is centred on the object
            placed.append((spr, round(xi - ax), round(yi - ay), core))
        # What is behind an opaque core spanning the frame's height need not be drawn: a near
        # post or wall hides, on average, over a quarter of the bench scene's columns. Nearest first,
        # each sprite is drawn only where nothing nearer hides it, and the background only
        # where nothing does. The frame is the same, pixel for pixel.
        w, h = self.g.w, self.g.h
        hidden: list[list[tuple[int, int]]] = [[] for _ in placed]
        spans: list[tuple[int, int]] = []
        for k in range(len(placed) - 1, -1, -1):
            hidden[k] = spans
            _, x, y, core = placed[k]
            if core is not None and y + core[1] <= 0 and y + core[3] >= h and x + core[0] < w and x + core[2] > 0:
                spans = span_union(spans, max(0, x + core[0]), min(w, x + core[2]))
        bg_blur = float(self.blur_px(view.lens_D, self.background_D))
        self.background.draw(target, view.yaw_rad, view.pitch_rad, bg_blur, self.crossfade, spans)
        items = []
        for (spr, x, y, _), behind in zip(placed, hidden, strict=True):
            sw, sh = spr.get_size()
            if not behind:
                items.append((spr, (x, y), None, pygame.BLEND_PREMULTIPLIED))
                continue
            for a, b in span_difference(max(0, x), min(w, x + sw), behind):
                items.append((spr, (a, y), (a - x, 0, b - a, sh), pygame.BLEND_PREMULTIPLIED))
        target.blits(items, doreturn=False)

    def _wants(self, view: View) -> tuple[list[tuple[int, int, int]], list[tuple[float, float]]]:
        """The sprites a view needs, far to near (nearer things cover farther ones), and where."""
        g = self.g
        visible = view.present & (view.depth_m > MIN_DEPTH_M)
        if not visible.any():
            return [], []
        depth = np.maximum(view.depth_m, MIN_DEPTH_M)
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
        max_h = MAX_SPRITE_FRAMES * g.h
        steps = np.maximum(0, np.round(np.log(np.clip(h_px, 1.0, max_h)) / math.log(SIZE_STEP))).astype(int)
        levels = blur_levels(blur)
        order = np.argsort(-depth)
        order = order[(on & (h_px >= 0.5))[order]]
        # Converted in bulk: this runs every frame, and per-item conversions cost as much as the maths.
        wants = list(zip(order.tolist(), steps[order].tolist(), levels[order].tolist(), strict=True))
        where = list(zip(x[order].tolist(), y[order].tolist(), strict=True))
        return wants, where

    def prepare(self, view: View, budget_s: float) -> bool:
        """Work `budget_s` on the sprites `view` needs; True once all are made (a photo of it is then quick)."""
        wants, _ = self._wants(view)
        return self.sprites.prepare(wants, budget_s)

    def photo(self, view: View, streak_px=None, shake_px: float = 0.0) -> pygame.Surface:
        """A frame as the camera recorded it (every sprite and tile exact), with motion streaks and shake."""
        surf = pygame.Surface(self.size)
        was = self.exact
        self.set_exact(True)
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
