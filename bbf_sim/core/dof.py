"""Depth of field for one lens setting, in plain floats (`bbf-sim dof`).

The same Greenleaf equations as `optics.hyperfocal_m` and `optics.dof_limits_m` (a test
holds them equal), written with `math` so the calculator does not pay for importing
numpy. Units are in the names: `_mm` for focal length and circle of confusion, `_m` in
the world.
"""

from __future__ import annotations

import math
from collections import namedtuple

# A focus distance within this share of the hyperfocal distance is the hyperfocal distance:
# H and s are each a few rounding steps from their exact values, and H − s of ~1e-15·H
# would otherwise turn "sharp to infinity" into a far limit of 1e16 m.
HYPERFOCAL_TOLERANCE = 1e-9


def hyperfocal_m(focal_mm: float, aperture: float, coc_mm: float) -> float:
    """Hyperfocal distance H = f²/(N·c) + f [m]."""
    return (focal_mm * focal_mm / (aperture * coc_mm) + focal_mm) / 1000.0


class DepthOfField(namedtuple("DepthOfField", "hyperfocal_m near_m far_m")):
    """What `bbf-sim dof` reports [m]; `far_m` and `dof_m` are `math.inf` at or beyond the hyperfocal distance."""

    __slots__ = ()
    hyperfocal_m: float
    near_m: float
    far_m: float

    @property
    def dof_m(self) -> float:
        return self.far_m - self.near_m

    @property
    def to_infinity(self) -> bool:
        return math.isinf(self.far_m)


def depth_of_field(focal_mm: float, aperture: float, coc_mm: float, distance_m: float) -> DepthOfField:
    """Near and far limits: Dn = s(H−f)/(H+s−2f), Df = s(H−f)/(H−s), Df infinite for s ≥ H."""
    h = hyperfocal_m(focal_mm, aperture, coc_mm)
    f_m = focal_mm / 1000.0
    s = distance_m
    near = s * (h - f_m) / (h + s - 2 * f_m)
    far = math.inf if s >= h * (1.0 - HYPERFOCAL_TOLERANCE) else s * (h - f_m) / (h - s)
    return DepthOfField(h, near, far)
