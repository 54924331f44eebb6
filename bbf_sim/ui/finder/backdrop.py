"""The level's background drawn sharp: a flat backdrop at the level's `background_m`.

Sky, a band of foliage / crowd / wall (by scenario) between the ground line and its top,
ground below. It is laid out in angle (1 px = 1/f_px rad), so it pans with the camera's
yaw and pitch, and wraps every frame width. A level's `scene.background_image` takes the
band's place (`Backdrop._draw_image`): the same tile, so blurred, cached and panned
alike; an image that cannot be drawn leaves the procedural band, with one log line.
Blurring, caching and panning the tile is `background.BackgroundLayer`'s job.
"""

from __future__ import annotations

import io
import logging
import math

import numpy as np
import pygame

from bbf_sim.core import optics
from bbf_sim.persistence.safe_files import read_capped
from bbf_sim.ui.finder.shapes import hex_colour, shade

EYE_HEIGHT_M = 1.5  # the camera above the ground: where the ground meets the backdrop
SEAM_BLEND_SHARE = 0.125  # a background image's wrap seam is cross-faded over this share of a period

log = logging.getLogger(__name__)
_reported: set[str] = set()  # background-image problems already logged (each said once per run)

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

    MAX_IMAGE_BYTES = 64 * 1024 * 1024  # a 24-megapixel JPEG is under 20 MB

    def load_image(self) -> pygame.Surface | None:
        """The background image, 32-bit with alpha; None (and a log line, once) when there is none to draw."""
        if self.image_name is None or self.image_failed:
            return None
        if self.image_path is None:
            self._fall_back("the level was loaded without its folder, so the file cannot be found")
            return None
        try:
            # Through the capped reader: a FIFO or a huge file named as the image must not hang or fill memory.
            data = read_capped(self.image_path, self.MAX_IMAGE_BYTES)
            loaded = pygame.image.load(io.BytesIO(data), self.image_path.name)
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
