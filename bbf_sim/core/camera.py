"""Camera geometry: aiming, projecting the world onto the sensor, and the AF point grid.

The camera sits at the origin and turns: `yaw_rad` to the right, `pitch_rad` up.
Projection gives sensor coordinates [mm] from the sensor centre (u right, v up) and
the depth along the optical axis [m], which is what the focus distance is measured
against (so focusing and then recomposing really does move the plane of focus off
an off-axis subject: the cosine error of focus-and-recompose).
"""

from __future__ import annotations

import numpy as np

# Share of the frame the AF point grid spans (width, height), like a mirrorless body.
AF_COVERAGE = (0.8, 0.7)
# A single AF point's sensitive square, as a share of the sensor width (half-size).
AF_POINT_HALF_SIZE = 0.02


def px_per_mm(frame_w_px: float, sensor_w_mm: float) -> float:
    """Pixels per sensor millimetre when the sensor's width fills `frame_w_px` (finder, HUD, photos)."""
    return frame_w_px / sensor_w_mm


def direction_to(world_m: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The (yaw, pitch) [rad] that points the optical axis at world positions (3, ...), axis first."""
    x, y, z = world_m[0], world_m[1], world_m[2]
    yaw = np.arctan2(x, z)
    pitch = np.arctan2(y, np.hypot(x, z))
    return yaw, pitch


def project(world_m: np.ndarray, yaw_rad: np.ndarray, pitch_rad: np.ndarray, focal_mm: float):
    """Sensor position u, v [mm] and axial depth [m] of world points (3, b, n) for b aims."""
    cy, sy = np.cos(yaw_rad)[:, None], np.sin(yaw_rad)[:, None]
    cp, sp = np.cos(pitch_rad)[:, None], np.sin(pitch_rad)[:, None]
    x, y, z = world_m[0], world_m[1], world_m[2]
    x1 = x * cy - z * sy
    z1 = x * sy + z * cy
    yc = y * cp - z1 * sp
    depth = y * sp + z1 * cp
    scale = focal_mm / np.maximum(depth, 1e-6)
    return x1 * scale, yc * scale, depth


class AfGrid:
    """The AF point grid on the sensor: where each point sits [mm] and how big it is."""

    def __init__(self, cols: int, rows: int, sensor_w_mm: float, sensor_h_mm: float):
        self.cols, self.rows = cols, rows
        span_u = AF_COVERAGE[0] * sensor_w_mm
        span_v = AF_COVERAGE[1] * sensor_h_mm
        self.step_u_mm = span_u / (cols - 1) if cols > 1 else 0.0
        self.step_v_mm = span_v / (rows - 1) if rows > 1 else 0.0
        self.point_half_mm = AF_POINT_HALF_SIZE * sensor_w_mm
        self._active: tuple[tuple, np.ndarray, np.ndarray] | None = None  # `active_position_mm`'s last

    def position_mm(self, col, row):
        """Sensor position (u, v) [mm] of grid point(s); row 0 is the top row."""
        u = (np.asarray(col) - (self.cols - 1) / 2) * self.step_u_mm
        v = -(np.asarray(row) - (self.rows - 1) / 2) * self.step_v_mm
        return u, v

    def active_position_mm(self, col: np.ndarray, row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """`position_mm` of the active points' arrays (read-only), kept until they change.

        Called on every tick while the points rarely move: comparing the arrays' bytes
        costs a fraction of working the positions out again.
        """
        key = (col.dtype.str, col.tobytes(), row.dtype.str, row.tobytes())
        if self._active is None or self._active[0] != key:
            u, v = self.position_mm(col, row)
            u.flags.writeable = v.flags.writeable = False
            self._active = (key, u, v)
        return self._active[1], self._active[2]

    def area_half_mm(self, zone: bool) -> tuple[float, float]:
        """Half-width and half-height [mm] of what the AF area reads: a point, or a 3×3 zone."""
        if not zone:
            return self.point_half_mm, self.point_half_mm
        return max(1.5 * self.step_u_mm, self.point_half_mm), max(1.5 * self.step_v_mm, self.point_half_mm)


def aim_placing(yaw_rad, pitch_rad, u_mm, v_mm, focal_mm: float):
    """The camera (yaw, pitch) [rad] that puts a point seen in direction (yaw, pitch) at (u, v) on the sensor.

    The exact inverse of `project`. In the camera's frame the point's unit direction is
    k·(a, b, 1) with a = u/f, b = v/f, k = 1/√(1 + a² + b²). The yaw turn leaves the point's
    height sin(p) and sets its sideways part: cos(p)·sin(yaw_point − yaw) = a·k. The pitch
    turn then rotates (height, forward) = (sin p, √(cos² p − a²k²)) onto (b·k, k), an angle
    of atan(b) below it. Points the frame cannot hold (|a·k| > cos p, only within a few
    degrees of straight up) are clipped to the frame's edge.
    """
    a = np.asarray(u_mm, dtype=float) / focal_mm
    b = np.asarray(v_mm, dtype=float) / focal_mm
    k = 1.0 / np.sqrt(1.0 + a * a + b * b)
    cp = np.cos(pitch_rad)
    side = np.clip(a * k, -cp, cp)
    yaw = yaw_rad - np.arcsin(np.divide(side, cp, out=np.zeros_like(side * cp), where=cp > 0))
    forward = np.sqrt(np.maximum(cp * cp - side * side, 0.0))
    pitch = np.arctan2(np.sin(pitch_rad), forward) - np.arctan(b)
    return yaw, pitch
