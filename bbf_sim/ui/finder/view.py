"""What the lens sees at one instant, and where it lands on the frame.

A `View` (built from a simulator `Snapshot`) holds the objects' positions on the sensor
and the lens; `FrameGeometry` is the one place world-to-pixel conversion lives: the
sensor (mm, v up) maps onto the frame rectangle (px, y down) at `px_per_mm`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bbf_sim.core.camera import px_per_mm


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
    light_ev: float | None = None  # the scene's light [EV] (None: the level's own)
    # Where the lens is heading: its position [dioptres] at each of the coming frames, if it
    # moves (empty: it stays, or nobody said), and how fast each object's distance changes
    # [m/s] (None: they stay). Only which sprites are made first follows them.
    lens_ahead_D: tuple[float, ...] = ()
    depth_rate_m_per_s: np.ndarray | None = None
    frame_s: float = 1.0 / 144  # the time between the coming frames of `lens_ahead_D`

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
            getattr(snap, "light_ev", None),
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
