"""The frames a player took, and drawing them as the camera recorded them (or as they could have been).

A `Photo` keeps the simulator's frame row and the two snapshots around the moment
it was exposed (a few kilobytes), not pixels: the review screen draws each photo
when it needs it, at whatever size it needs, with the same renderer as the finder.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.ui.finder.render import Renderer
from bbf_sim.ui.finder.view import View

if TYPE_CHECKING:
    import pygame

    from bbf_sim.core.simulator import Snapshot


@dataclass(frozen=True)
class Photo:
    row: np.void  # the simulator's FRAME_DTYPE row: grade, r, blurs, lens, target
    snap: Snapshot  # at the end of the tick the frame was exposed in
    prev: Snapshot  # at its start (for the direction things moved)

    @property
    def target(self) -> int:
        return int(self.row["target"])


def photo_view(photo: Photo, in_focus: bool = False) -> View:
    """The view at the exposure: the lens where it was, or (in_focus) on the target."""
    t0, t1 = float(photo.prev.t_s), float(photo.snap.t_s)
    alpha = 1.0 if t1 <= t0 else (float(photo.row["t_s"]) - t0) / (t1 - t0)
    lens_D = float(photo.row["lens_D"])
    tgt = photo.target
    if in_focus and tgt >= 0:
        lens_D = 1.0 / max(float(photo.row["target_m"]), 1e-3)
    return View.from_snapshot(photo.snap, prev=photo.prev, alpha=min(1.0, max(0.0, alpha)), lens_D=lens_D)


def render_photo(renderer: Renderer, photo: Photo, in_focus: bool = False) -> pygame.Surface:
    """The frame as recorded: focus where the lens was, the target's motion streak, camera shake.

    `in_focus`: the same moment with the lens on the target and no motion or shake,
    what the review shows beside the real frame. Every sprite is exact: sprites not made
    yet are made now (`Renderer.prepare` spreads that over frames beforehand).
    """
    view = photo_view(photo, in_focus)
    if in_focus:
        return renderer.photo(view)
    ppm = renderer.g.px_per_mm
    streaks: dict[int, tuple[float, float]] = {}  # by object: the motion streak [px]
    tgt = photo.target
    motion_px = float(photo.row["motion_mm"]) * ppm
    if tgt >= 0 and motion_px >= 1.0:
        # The simulator gives the streak's length; its direction is how the target moved on the sensor.
        du = float(photo.snap.u_mm[0, tgt] - photo.prev.u_mm[0, tgt])
        dv = float(photo.snap.v_mm[0, tgt] - photo.prev.v_mm[0, tgt])
        norm = math.hypot(du, dv)
        ux, uy = (du / norm, -dv / norm) if norm > 1e-9 else (1.0, 0.0)
        streaks[tgt] = (ux * motion_px, uy * motion_px)
    return renderer.photo(view, streaks, shake_px=float(photo.row["shake_mm"]) * ppm)


def target_box_px(renderer: Renderer, photo: Photo) -> tuple[float, float, float, float] | None:
    """The target's box in the photo (centre x, centre y, width, height) [px], or None."""
    tgt = photo.target
    if tgt < 0:
        return None
    view = photo_view(photo)
    depth = max(float(view.depth_m[tgt]), 0.05)
    x, y = renderer.g.to_px(float(view.u_mm[tgt]), float(view.v_mm[tgt]))
    scale = renderer.g.f_px / depth
    return x, y, renderer.w_m[tgt] * scale, renderer.h_m[tgt] * scale
