"""Thin-lens optics: depth of field, blur circles, field of view, motion blur and shake.

Greenleaf's equations as DOFMaster publishes them. Units are in the names:
`_mm` on the sensor and for focal lengths, `_m` in the world, `_D` for dioptres
(1/m; 0 is infinity), `_s` for time. Every function accepts numpy arrays, so the
simulator can grade a thousand trials' frames in one call.
"""

from __future__ import annotations

import numpy as np

# Re-exported: the simulator and the renderer know them as optics.SENSORS.
from bbf_sim.core.sensors import SENSORS as SENSORS
from bbf_sim.core.sensors import SensorFormat as SensorFormat


def hyperfocal_m(focal_mm, aperture, coc_mm):
    """Hyperfocal distance H = f²/(N·c) + f [m]."""
    f = np.asarray(focal_mm, dtype=float)
    return (f * f / (aperture * coc_mm) + f) / 1000.0


def dof_limits_m(focal_mm, aperture, coc_mm, distance_m):
    """Near and far limits of acceptable sharpness [m]; far is inf when s ≥ H.

    Dn = s(H−f)/(H+s−2f), Df = s(H−f)/(H−s).
    """
    f_m = np.asarray(focal_mm, dtype=float) / 1000.0
    s = np.asarray(distance_m, dtype=float)
    h = hyperfocal_m(focal_mm, aperture, coc_mm)
    near = s * (h - f_m) / (h + s - 2 * f_m)
    with np.errstate(divide="ignore", invalid="ignore"):
        far = np.where(s < h, s * (h - f_m) / (h - s), np.inf)
    return near, far


def blur_circle_mm(focal_mm, aperture, focus_D, subject_D):
    """Blur-circle diameter on the sensor [mm] for an object at `subject_D` with the lens at `focus_D`.

    Greenleaf's b = f²/(N(s−f)) · |d−s|/d, rewritten in dioptres (p = 1/s, q = 1/d) as
    b = f²/N · |p − q| / (1 − f·p), which stays finite when the lens is at infinity (p = 0).
    """
    f_m = np.asarray(focal_mm, dtype=float) / 1000.0
    p = np.asarray(focus_D, dtype=float)
    q = np.asarray(subject_D, dtype=float)
    return 1000.0 * (f_m * f_m / aperture) * np.abs(p - q) / (1.0 - f_m * p)


def field_of_view_rad(sensor_width_mm, focal_mm):
    """Angle of view across the given sensor dimension: 2·atan(w / 2f) [rad]."""
    return 2.0 * np.arctan(np.asarray(sensor_width_mm, dtype=float) / (2.0 * focal_mm))


def motion_blur_mm(image_speed_mm_per_s, exposure_s):
    """Streak length on the sensor [mm]: image-plane speed × exposure time.

    The simulator measures the streak directly (image position at the start and end of
    the exposure, with the camera's own panning), which is this product for steady motion.
    """
    return np.abs(np.asarray(image_speed_mm_per_s, dtype=float)) * exposure_s


def image_speed_mm_per_s(lateral_speed_mps, distance_m, focal_mm):
    """Image-plane speed v·f/d [mm/s] for motion across the line of sight (relative to panning)."""
    return np.asarray(lateral_speed_mps, dtype=float) * focal_mm / np.asarray(distance_m, dtype=float)


def shake_blur_mm(exposure_s, focal_mm, sensor: SensorFormat, stabilisation_stops=0.0):
    """Expected handheld-shake blur [mm], calibrated to the 1/focal-length rule.

    The rule says a handheld exposure of 1/(35 mm-equivalent focal length) seconds is
    just acceptably sharp, i.e. its shake blur equals the circle of confusion. Blur grows
    in proportion to exposure time, and each stop of stabilisation halves it.
    """
    equivalent_mm = focal_mm * sensor.crop_factor
    return sensor.coc_mm * np.asarray(exposure_s, dtype=float) * equivalent_mm / 2.0**stabilisation_stops


def blur_ratio(focus_mm, motion_mm, shake_mm, coc_mm):
    """The sharpness measure r: the blurs combined (root sum of squares) over c. r ≤ 1 is sharp."""
    return np.sqrt(np.square(focus_mm) + np.square(motion_mm) + np.square(shake_mm)) / coc_mm
