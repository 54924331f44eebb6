"""The photographer's hands: one model for the aim's sway and the exposure's shake, and the recompose geometry.

Expected numbers are worked out by hand from the 1/f rule and the model's distributions.
"""

import math

import numpy as np
import pytest

from bbf_sim.core import hands
from bbf_sim.core.bots import EDGE_MARGIN, TechniqueBot
from bbf_sim.core.camera import aim_placing, direction_to, project
from bbf_sim.core.headless import generators, run_bots
from bbf_sim.core.optics import SENSORS
from bbf_sim.core.simulator import Simulator

from .scenes import make_level

TRIALS = 200


def _bird(name, at_m, focal_mm, aperture, exposure_s, support, stops, min_focus_m):
    return make_level(
        duration_s=9.0,
        camera={
            "focal_mm": focal_mm,
            "aperture": aperture,
            "exposure_s": exposure_s,
            "support": support,
            "stabilisation_stops": stops,
        },
        lens={"min_focus_m": min_focus_m, "full_travel_s": 0.6, "start_focus_m": 50.0},
        scene={"background_m": 200.0},
        objects=[
            {
                "name": name,
                "role": "target",
                "shape": "bird",
                "width_m": 0.5,
                "height_m": 0.6,
                "contrast": 0.8,
                "path": {"kind": "still", "at_m": at_m},
            }
        ],
        bot={"technique": "still", "frames": 5, "interval_s": 1.0},
    )


def _hit_rates(level, trials=TRIALS, seed=3):
    modes = ["shutter"] * trials + ["bbf"] * trials
    frames = run_bots(level, modes, seed, np.tile(np.arange(trials), 2)).frames
    s, b = frames[frames["trial"] < trials], frames[frames["trial"] >= trials]
    return s, b


def test_the_rule_speed_makes_an_exposure_of_one_over_f_just_sharp():
    # Full frame: ω_rule = c·crop = 0.030 rad/s; at 1/500 s and 500 mm the blur is 500·0.030/500 = 0.030 mm = c.
    ff = SENSORS["ff"]
    assert hands.rule_speed_rad_s(ff) == pytest.approx(0.030)
    assert hands.tremor_blur_mm(1 / 500, 500, ff, "handheld", 0, share=1.0) == pytest.approx(0.030)
    # APS-C (crop 1.53): 1/(300·1.53) s at 300 mm blurs by c = 0.020 mm.
    apsc = SENSORS["apsc"]
    t = 1 / (300 * apsc.crop_factor)
    assert hands.tremor_blur_mm(t, 300, apsc, "handheld", 0, share=1.0) == pytest.approx(0.020)
    # Each stop halves it; a tripod removes it.
    assert hands.tremor_blur_mm(1 / 500, 500, ff, "handheld", 3, share=1.0) == pytest.approx(0.030 / 8)
    assert hands.tremor_blur_mm(1, 500, ff, "tripod", 0) == 0.0


def test_the_tremor_leaves_room_for_the_sway_in_the_rule():
    # Sway 0.03° = 5.236e-4 rad, τ 0.3 s, τs 0.15 s: speed σ = 5.236e-4/√(0.15·0.45) = 2.015e-3 rad/s.
    assert hands.sway_speed_sigma_rad_s(0.03, 0.3, 0.15) == pytest.approx(2.015e-3, rel=1e-3)
    # Rule σ = 0.030/√(π/2) = 0.023937 rad/s; share = √(1 − (2.015e-3/0.023937)²) = 0.99645.
    assert hands.tremor_share(SENSORS["ff"]) == pytest.approx(0.99645, abs=1e-4)


def test_the_sway_model_matches_the_bots_discrete_sway():
    """The speed formula is the one the bot's wander really has (so the calibration holds)."""
    level = _bird("owl", [0.0, 0.0, 20.0], 600, 6.3, 1 / 15, "handheld", 0, 4.5)
    bot = TechniqueBot(level, ["bbf"] * 400, np.arange(400), np.random.default_rng(1))
    sim = Simulator()
    snap = sim.reset(level, 1, ["bbf"] * 400)
    aims = []
    for _ in range(600):
        aims.append(bot.act(snap)[1])
        snap = sim.step(None, None)
    speed = np.diff(np.array(aims)[200:], axis=0) * 120  # rad/s, after the process settles
    expected = hands.sway_speed_sigma_rad_s(0.03, 0.3, 0.15)
    assert speed.std() == pytest.approx(expected, rel=0.1)


def test_a_still_owl_at_600mm_and_a_fifteenth_on_a_tripod_is_sharp():
    # On a tripod the hands are off the camera: no sway (the aim holds still, so no smear) and
    # no tremor. The owl does not move, AF-S focuses within a quarter of c: every frame sharp.
    level = _bird("owl", [0.0, 0.0, 20.0], 600, 6.3, 1 / 15, "tripod", 0, 4.5)
    shutter, bbf = _hit_rates(level, trials=40)
    for frames in (shutter, bbf):
        assert len(frames) == 40 * 5
        assert frames["hit"].mean() >= 0.99
        assert frames["motion_mm"].max() < 1e-6 and frames["shake_mm"].max() == 0.0


def test_a_heron_at_200mm_and_an_eighth_handheld_with_5_stops_is_sharp_about_72_percent():
    # The 1/f rule: mean shake blur = c · t · f_eq / 2^stops = 0.030 · 0.125 · 200 / 32 = 0.02344 mm,
    # r_mean = 0.7813 (× the tremor share 0.99645: 0.7785; the sway, /32, adds ~1e-3 mm, nothing).
    # The per-frame factor is Rayleigh with mean 1, so P(r ≤ 1) = 1 − exp(−π / (4 · r_mean²))
    # = 1 − exp(−π / (4 · 0.6061)) = 1 − exp(−1.2959) = 0.726. The heron is still and AF-S focuses
    # within a quarter of c (at f/8 and 40 m that costs next to nothing in root sum of squares).
    level = _bird("heron", [0.0, 0.0, 40.0], 200, 8.0, 1 / 8, "handheld", 5, 1.5)
    shutter, bbf = _hit_rates(level)
    expected = 1 - math.exp(-math.pi / (4 * (0.78125 * hands.tremor_share(SENSORS["ff"])) ** 2))
    assert expected == pytest.approx(0.726, abs=0.002)
    # 1000 frames per mapping: a binomial standard error of 0.014; 3 of them.
    for frames in (shutter, bbf):
        assert frames["hit"].mean() == pytest.approx(expected, abs=0.045)


def test_stabilisation_and_support_steady_the_aim_as_they_steady_the_shake():
    handheld = _bird("owl", [0.0, 0.0, 20.0], 600, 6.3, 1 / 15, "handheld", 0, 4.5)
    stabilised = _bird("owl", [0.0, 0.0, 20.0], 600, 6.3, 1 / 15, "handheld", 4, 4.5)
    rng = np.random.default_rng(0)
    assert TechniqueBot(handheld, ["bbf"], np.arange(1), rng).sway_deg == pytest.approx(0.03)
    assert TechniqueBot(stabilised, ["bbf"], np.arange(1), rng).sway_deg == pytest.approx(0.03 / 16)
    s0, _ = _hit_rates(handheld, trials=30)
    s4, _ = _hit_rates(stabilised, trials=30)
    # The smear of the sway (motion_mm: the owl is still) shrinks 16 times with 4 stops.
    assert s4["motion_mm"].mean() == pytest.approx(s0["motion_mm"].mean() / 16, rel=0.05)


# --- recompose geometry -------------------------------------------------------------------------


def _recompose_level(focal_mm, to):
    return make_level(
        duration_s=4.0,
        camera={"focal_mm": focal_mm, "aperture": 8.0, "exposure_s": 0.002, "support": "handheld"},
        lens={"min_focus_m": 0.3, "start_focus_m": 10.0},
        objects=[
            {
                "name": "face",
                "role": "target",
                "width_m": 0.2,
                "height_m": 0.28,
                "contrast": 0.8,
                "path": {"kind": "still", "at_m": [0.4, 0.3, 3.0]},
            }
        ],
        bot={"technique": "recompose", "frames": 2, "interval_s": 0.5, "recompose_to": to},
    )


def _image_after_recompose(level, trials=6):
    """The face's sensor position [mm] in each trial, once the recompose is done."""
    sim = Simulator()
    sim_rng, bot_rng = generators(4)
    modes = ["bbf"] * trials
    snap = sim.reset(level, sim_rng, modes)
    bot = TechniqueBot(level, modes, np.arange(trials), bot_rng)
    while not sim.done:
        events, aim = bot.act(snap)
        snap = sim.step(events, aim)
    return snap.u_mm[:, 0], snap.v_mm[:, 0], sim.frames()


def test_aim_placing_is_the_exact_inverse_of_the_projection():
    rng = np.random.default_rng(2)
    # Points up to 60° to the side and 50° up or down, 1 to 30 m away.
    yaw_p, pitch_p, dist = rng.uniform(-1.05, 1.05, 50), rng.uniform(-0.87, 0.87, 50), rng.uniform(1, 30, 50)
    world = dist * np.array([np.cos(pitch_p) * np.sin(yaw_p), np.sin(pitch_p), np.cos(pitch_p) * np.cos(yaw_p)])
    world = world[:, :, None]
    yaw_s, pitch_s = direction_to(world[:, :, 0])
    u, v = rng.uniform(-18, 18, 50), rng.uniform(-12, 12, 50)
    yaw, pitch = aim_placing(yaw_s, pitch_s, u, v, 24.0)
    pu, pv, depth = project(world, yaw, pitch, 24.0)
    assert np.allclose(pu[:, 0], u, atol=1e-9) and np.allclose(pv[:, 0], v, atol=1e-9)
    assert (depth > 0).all()


@pytest.mark.parametrize("focal_mm", [24, 85])
def test_the_subject_lands_where_recompose_to_says(focal_mm):
    u, v, frames = _image_after_recompose(_recompose_level(focal_mm, [0.3, -0.25]))
    # 0.3 × 36 mm right of centre and 0.25 × 24 mm below it; the sway (0.03°) is f·5e-4 mm.
    tol = 4 * focal_mm * math.radians(0.03)
    assert np.allclose(u, 0.3 * 36, atol=tol) and np.allclose(v, -0.25 * 24, atol=tol)
    assert frames["in_frame"].all()


def test_recompose_to_the_corner_keeps_the_subject_in_frame():
    # At 24 mm the corner is 37° across and 27° up: turning by atan(u/f) then atan(v/f) would put
    # the face at 24·tan(36.9°)/cos(26.6°) = 20.1 mm, outside the 18 mm half-width.
    u, v, frames = _image_after_recompose(_recompose_level(24, [0.5, 0.5]))
    inside = 0.5 - EDGE_MARGIN
    tol = 4 * 24 * math.radians(0.03)
    assert np.allclose(u, inside * 36, atol=tol) and np.allclose(v, inside * 24, atol=tol)
    assert len(frames) == 12 and frames["in_frame"].all()
