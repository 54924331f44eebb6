"""The scene as the lens sees it: a frame composed of the background and the objects'
sprites, each blurred by its own depth of field, far to near.

The renderer reads a `View` (built from a simulator `Snapshot`, `view.py`) and draws; it
never touches the simulator. What is where on the frame is `FrameGeometry`'s (`view.py`);
the background is `background.py`'s, the sprites `sprites.py`'s.

Depth of field: every object and the background are blurred by their own blur-circle
diameter, `optics.blur_circle_mm(f, N, lens_D, 1/depth) · px_per_mm`, snapped to one of
`blur.BLUR_LEVELS_PX` and drawn from a cache of pre-blurred copies made on first use
(the blur's spread matches the optics', `tests/ui/test_blur_accuracy.py`).

| memory | holds | bound |
|---|---|---|
| sprites | one copy per (object, size step of 6 %, blur level) | `SPRITE_CACHE_BYTES` (48 MiB) |
| shapes averaged down | each (object, size step) at 1/2, 1/4, 1/8 size | `TUNING.shape_cache_bytes` (8 MiB) |
| background | one wrap-around tile per blur level (1 × 1.2 frames) | `background.BACKGROUND_CACHE_BYTES` (128 MiB) |
| blur scratch | images kept between blurs | `blur.SCRATCH_POOL_BYTES` (32 MiB) |
| sprites being made | one per object in view, dropped when not asked for in 30 frames | one sprite each |
| heap for the sprites | touched before play, kept when freed (`heap.py`) | those 3 + 4 frames, ≤ 16 frames |

At 1920×1080 a background tile is about 7.6 MB, at 1280×720 about 3.4 MB, so all 15
levels fit at either size (114 MB at 1080p); beyond the bound the least recently used
copy goes first. A viewfinder's caches never exceed 216 MiB, plus one sharp background
tile and the sprites being made (each one object's image and its scratch, at most 1.5
frame heights tall: 18 MiB at most in the 1080p benchmark); the live thumbnail's add 24 MiB,
the review screen's 128 MiB while it is open (each renderer keeps its own shapes, 8 MiB).

Frame-time spikes: every background level the cache holds is made before the first
frame (`background.py`); sprites are made a band at a time over several frames, a
cached variant standing in meanwhile, within limits that keep the depth of field
right (`sprites.py`).
"""

from __future__ import annotations

import math
import weakref
from collections.abc import Callable

import numpy as np
import pygame

from bbf_sim.core import optics
from bbf_sim.ui.finder import heap
from bbf_sim.ui.finder.backdrop import Backdrop
from bbf_sim.ui.finder.background import BACKGROUND_CACHE_BYTES, BackgroundLayer
from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX, blur_level, blur_levels, blur_surface, scratch_room
from bbf_sim.ui.finder.light import finder_gain, shade
from bbf_sim.ui.finder.objects import SIZE_STEP, ObjectShapes
from bbf_sim.ui.finder.spans import hidden_columns, span_difference
from bbf_sim.ui.finder.sprite_layout import SpriteKey
from bbf_sim.ui.finder.sprites import Shown, Sprites
from bbf_sim.ui.finder.streak import motion_streak
from bbf_sim.ui.finder.view import FrameGeometry, View

SPRITE_CACHE_BYTES = 48 * 1024 * 1024
# Time a frame spends on sprites, choosing them included (a typical frame spends a tenth of
# it choosing, a focus pull's up to a third); more when a pull's are due (sprites.py).
SPRITE_BUDGET_S = 0.00115
MAX_SPRITE_FRAMES = 1.5  # an object's image is capped at this many frame heights (it fills the frame anyway)
MIN_DEPTH_M = 0.05
# Frames' worth of pixels touched before play (`heap`) beyond the caches' room: the sprites
# being made, their scratch and the heap's fragmentation (docs/performance.md measures them).
HEAP_FRAMES_FOR_MAKING = 4
# At most this many frames' worth in all: a quiet level never fills its caches, and touching
# their whole room would add it to the game's memory for nothing (the endless demo's memory goal).
HEAP_FRAMES_MAX = 16


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
        self.base_light_ev = level.scene.light_ev  # the light the frame is drawn for as it is
        # Bound methods of `object_shapes`, never of the renderer: the sprites hold no way
        # back to their owner, so no reference cycle keeps a finished renderer's caches.
        shapes = self.object_shapes
        self.sprites = Sprites(shapes.shape_px, shapes.draw, sprite_cache_bytes, core=shapes.core)
        self.background = BackgroundLayer(Backdrop(level, self.g.w / self.g.h), self.g, background_cache_bytes)
        # Cross-fading two background levels costs a second, blended, full-frame blit (a
        # large share of the frame budget): off unless asked for. The levels
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
        are to one of those: a tile made during play costs more than a frame's budget, a
        spike the frame-time target cannot absorb, while before the first frame it only adds
        to the load time.
        """
        wanted = sorted({blur_level(float(self.blur_px(lens_D, self.background_D))) for lens_D in lens_D_values})
        all_levels = range(len(BLUR_LEVELS_PX))
        order = sorted(all_levels, key=lambda lv: (min(abs(lv - w) for w in wanted), lv))
        self.background.prewarm(order)
        # The memory the sprites will fill, touched now (`heap`) and given back when this goes.
        sprites, shapes = self.sprites.cache, self.sprites.shapes.cache
        room = sprites.max_bytes - sprites.bytes + shapes.max_bytes - shapes.bytes
        frame_bytes = self.g.w * self.g.h * 4
        room += scratch_room() + HEAP_FRAMES_FOR_MAKING * frame_bytes
        ticket = heap.ready(min(room, HEAP_FRAMES_MAX * frame_bytes))
        if ticket:
            # Not at exit: the process's memory goes back then anyway.
            weakref.finalize(self, heap.release, ticket).atexit = False

    @property
    def size(self) -> tuple[int, int]:
        return self.g.w, self.g.h

    def blur_px(self, lens_D: float | np.ndarray, subject_D: float | np.ndarray) -> np.ndarray:
        """Blur-circle diameters [px] of subjects at `subject_D` [dioptres] with the lens at `lens_D`."""
        return optics.blur_circle_mm(self.focal_mm, self.aperture, lens_D, subject_D) * self.g.px_per_mm

    def draw(self, target: pygame.Surface, view: View, streak_px: dict[int, tuple[float, float]] | None = None) -> None:
        """Draw `view` into `target` (frame-sized). `streak_px`: motion-blur streaks per object (photos)."""
        wants, where, ahead = self._wants(view)
        sprites: list[Shown | None]
        if self.from_scratch:
            sprites = [self.sprites.make_now(key) for key in wants]
        else:
            # The first frame is part of loading the level: every sprite made in full, none missing.
            exact = self.exact or not self._drawn
            sprites = self.sprites.frame(wants, None if exact else self.sprite_budget_s, ahead)
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
        # post or wall hides, on average, over a quarter of the bench scene's columns. The
        # frame is the same, pixel for pixel.
        w = self.g.w
        hidden, spans = hidden_columns([(x, y, core) for _, x, y, core in placed], w, self.g.h)
        bg_blur = float(self.blur_px(view.lens_D, self.background_D))
        self.background.draw(target, view.yaw_rad, view.pitch_rad, bg_blur, self.crossfade, spans)
        items: list[tuple[pygame.Surface, tuple[int, int], tuple[int, int, int, int] | None, int]] = []
        for (spr, x, y, _), behind in zip(placed, hidden, strict=True):
            sw, sh = spr.get_size()
            if not behind:
                items.append((spr, (x, y), None, pygame.BLEND_PREMULTIPLIED))
                continue
            for a, b in span_difference(max(0, x), min(w, x + sw), behind):
                items.append((spr, (a, y), (a - x, 0, b - a, sh), pygame.BLEND_PREMULTIPLIED))
        # pygame-ce 2.5's stub leaves out the None area its docs give for (source, dest, None, flags).
        target.blits(items, doreturn=False)  # type: ignore[arg-type]
        if view.light_ev is not None and view.light_ev != self.base_light_ev:
            shade(target, finder_gain(view.light_ev, self.base_light_ev))  # the light changed: `light.py`

    def _wants(self, view: View) -> tuple[list[SpriteKey], list[tuple[float, float]], LevelsAhead | None]:
        """The sprites a view needs, far to near (nearer things cover farther ones), where, and
        each one's blur level on the coming frames if the lens moves (`View.lens_ahead_D`)."""
        g = self.g
        visible = view.present & (view.depth_m > MIN_DEPTH_M)
        if not visible.any():
            return [], [], None
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
        wants = list(
            map(SpriteKey._make, zip(order.tolist(), steps[order].tolist(), levels[order].tolist(), strict=True))
        )
        where = list(zip(x[order].tolist(), y[order].tolist(), strict=True))
        ahead = None
        if view.lens_ahead_D and len(order):
            ahead = LevelsAhead(self.blur_px, view, depth[order], order)
        return wants, where, ahead

    def prepare(self, view: View, budget_s: float) -> bool:
        """Work `budget_s` on the sprites `view` needs; True once all are made (a photo of it is then quick)."""
        return self.sprites.prepare(self._wants(view)[0], budget_s)

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


class LevelsAhead:
    """Each want's blur level on each of the coming frames (`View.lens_ahead_D`): `ahead[n]`
    for the n-th want. Worked out the first time one is asked for, since most frames of a
    moving lens ask for none (only a big sprite not yet made is aimed along the path)."""

    def __init__(self, blur_px: Callable[[float | np.ndarray, np.ndarray], np.ndarray], view: View, depth_m, order):
        self._blur_px, self._view, self._depth_m, self._order = blur_px, view, depth_m, order
        self._levels: list[list[int]] | None = None

    def __getitem__(self, n: int) -> list[int]:
        if self._levels is None:
            view = self._view
            # Each object's distance on the coming frames, going on as it goes now (an AF-C
            # pull follows a moving subject: the lens and its subject's distance change together).
            path_D = np.asarray(view.lens_ahead_D)[:, None]
            depth_ahead = self._depth_m[None, :]
            if view.depth_rate_m_per_s is not None:
                t_s = view.frame_s * np.arange(1, len(view.lens_ahead_D) + 1)[:, None]
                rate = view.depth_rate_m_per_s[self._order][None, :]
                depth_ahead = np.maximum(depth_ahead + rate * t_s, MIN_DEPTH_M)
            self._levels = blur_levels(self._blur_px(path_D, 1.0 / depth_ahead)).T.tolist()
        return self._levels[n]
