"""Optics against closed forms and published numbers (DOFMaster's test vectors in DESIGN.md)."""

import math

import numpy as np
import pytest

from bbf_sim.core import optics

FF = optics.SENSORS["ff"]


@pytest.mark.parametrize(
    ("focal_mm", "aperture", "distance_m", "hyperfocal_m", "near_m", "far_m"),
    [
        pytest.param(50, 16, 1.0, 5.258, 0.846, 1.223, id="50mm-f16-at-1m"),
        pytest.param(35, 2, 5.0, 20.4517, 4.02193, 6.60662, id="35mm-f2-at-5m"),
    ],
)
def test_dofmaster_vectors(focal_mm, aperture, distance_m, hyperfocal_m, near_m, far_m):
    h = optics.hyperfocal_m(focal_mm, aperture, 0.03)
    near, far = optics.dof_limits_m(focal_mm, aperture, 0.03, distance_m)
    tol = 5e-4 if hyperfocal_m < 10 else 5e-6
    assert h == pytest.approx(hyperfocal_m, rel=tol)
    assert near == pytest.approx(near_m, rel=tol)
    assert far == pytest.approx(far_m, rel=tol)


def test_far_limit_is_infinite_at_and_beyond_hyperfocal():
    h = float(optics.hyperfocal_m(24, 8, 0.03))
    _, far_at = optics.dof_limits_m(24, 8, 0.03, h)
    _, far_beyond = optics.dof_limits_m(24, 8, 0.03, 2 * h)
    assert math.isinf(far_at) and math.isinf(far_beyond)
    # Focused at H, everything from H/2 (very nearly) to infinity is sharp.
    near, _ = optics.dof_limits_m(24, 8, 0.03, h)
    assert near == pytest.approx(h / 2, rel=0.01)


@pytest.mark.parametrize(
    ("focal_mm", "aperture", "distance_m"),
    [
        pytest.param(50, 1.8, 2.0, id="50mm-f1.8-2m"),
        pytest.param(300, 4, 20.0, id="300mm-f4-20m"),
        pytest.param(100, 2.8, 0.5, id="macro-100mm-f2.8"),
    ],
)
def test_blur_circle_equals_coc_at_the_dof_limits(focal_mm, aperture, distance_m):
    """b(d = Dn) = b(d = Df) = c: the blur circle and the DOF limits are one definition."""
    near, far = optics.dof_limits_m(focal_mm, aperture, 0.03, distance_m)
    for limit in (near, far):
        b = optics.blur_circle_mm(focal_mm, aperture, 1 / distance_m, 1 / limit)
        assert b == pytest.approx(0.03, rel=1e-9)


def test_blur_circle_matches_greenleaf_in_metres():
    f, n, s, d = 85.0, 2.8, 2.5, 12.0  # mm, -, m, m
    greenleaf = (f * f / (n * (s * 1000 - f))) * abs(d - s) / d
    assert optics.blur_circle_mm(f, n, 1 / s, 1 / d) == pytest.approx(greenleaf, rel=1e-12)
    # Lens at infinity (0 D): b = f²/(N·d), the limit of Greenleaf's form as s → ∞.
    assert optics.blur_circle_mm(f, n, 0.0, 1 / d) == pytest.approx(f * f / (n * d * 1000), rel=1e-12)


def test_field_of_view_of_a_normal_lens():
    assert math.degrees(optics.field_of_view_rad(36, 50)) == pytest.approx(39.598, abs=1e-3)
    assert math.degrees(optics.field_of_view_rad(36, 24)) == pytest.approx(73.74, abs=1e-2)


def test_motion_blur_is_image_speed_times_exposure():
    # A runner at 7 m/s, 20 m away, 300 mm lens: 105 mm/s on the sensor; 1/1000 s → 0.105 mm.
    speed = optics.image_speed_mm_per_s(7.0, 20.0, 300.0)
    assert speed == pytest.approx(105.0)
    assert optics.motion_blur_mm(speed, 1 / 1000) == pytest.approx(0.105)


def test_shake_follows_the_one_over_focal_length_rule():
    assert optics.shake_blur_mm(1 / 200, 200, FF) == pytest.approx(FF.coc_mm)
    # APS-C: the rule uses the 35 mm-equivalent focal length (crop ≈ 1.53).
    apsc = optics.SENSORS["apsc"]
    assert apsc.crop_factor == pytest.approx(1.53, abs=0.01)
    assert optics.shake_blur_mm(1 / (200 * apsc.crop_factor), 200, apsc) == pytest.approx(apsc.coc_mm)
    # Each stop of stabilisation halves it.
    assert optics.shake_blur_mm(1 / 50, 200, FF, 2) == pytest.approx(FF.coc_mm)


def test_blur_ratio_is_root_sum_of_squares_over_c():
    assert optics.blur_ratio(0.03, 0.04, 0.0, 0.05) == pytest.approx(1.0)
    assert np.allclose(optics.blur_ratio(np.array([0.0, 0.03]), 0.0, 0.0, 0.03), [0.0, 1.0])
