"""The photographer's hands: one model of the camera's unintended motion, for the aim and the blur.

A hand-held camera turns a little all the time. Two parts of that one motion matter:

| part | what it does | where it is used |
|---|---|---|
| sway (slow, < 1 Hz) | moves where the camera points: the aim wanders | the bots' aim (`bots.TechniqueBot`) |
| tremor (8–12 Hz) | turns the camera during an exposure: a blur | each frame's `shake_mm` (`Simulator`) |

Both are the hand's, so the support and the stabilisation act on both alike:

- **support**: on a tripod the hand is off the camera; nothing of either part is left
  (`steadiness` is 0). Handheld it is 1.
- **stabilisation**: each stop halves the unintended motion the sensor sees (lens or
  sensor-shift stabilisation counters the measured turn during the exposure and steadies
  the finder image too), so both parts are divided by 2^stops.

The eye's pursuit error while following a moving subject (`HumanModel.track_noise_deg`)
is not the hand's: the photographer is really turning the camera, on a tripod head as
much as by hand, and stabilisation's panning modes leave an intended turn alone.

**Calibration to the 1/f rule.** The rule says a hand-held exposure of 1/(35 mm-equivalent
focal length) s is just acceptably sharp: its shake blur equals the circle of confusion c.
A turn at angular speed ω [rad/s] during t [s] moves the image f·ω·t [mm], so the rule is
a mean angular speed of the hands, ω_rule = c · crop factor / (1 mm·s) (0.030 rad/s, about
1.7°/s, on full frame). The hand's velocity is taken as a 2-D Gaussian (its magnitude then
follows a Rayleigh law of mean √(π/2)·σ), sway and tremor independent, so their variances
add: the tremor's per-axis spread is what the rule leaves after the sway's,
σ_tremor² = σ_rule² − σ_sway². The sway is an Ornstein–Uhlenbeck process (spread σ, time
constant τ) smoothed by the arm's inertia (a first-order lag τs); the speed of the smoothed
process has the per-axis variance σ²/(τs·(τ + τs)).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bbf_sim.core.optics import SensorFormat

RAYLEIGH_MEAN_OVER_SIGMA = math.sqrt(math.pi / 2)

# A practised adult's hands (the bots' `HumanModel` defaults, and what the tremor is calibrated
# against): the aim sways by 0.03° (about 1 mm at 2 m, what a steady stance holds), changing
# over 0.3 s, smoothed by the arm's inertia over 0.15 s.
HOLD_SWAY_DEG = 0.03
SWAY_TAU_S = 0.3
SWAY_SMOOTH_S = 0.15


def steadiness(support: str, stabilisation_stops: float) -> float:
    """The share of the hands' unintended motion the sensor sees: 0 on a tripod, 2^-stops handheld."""
    if support == "tripod":
        return 0.0
    return 2.0 ** -float(stabilisation_stops)


def rule_speed_rad_s(sensor: SensorFormat) -> float:
    """The hands' mean angular speed the 1/f rule implies [rad/s]: c·crop / (1 mm·s).

    At t = 1/(f·crop) s the blur f·ω·t equals c exactly.
    """
    return sensor.coc_mm * sensor.crop_factor


def sway_speed_sigma_rad_s(sway_deg: float, tau_s: float, smooth_s: float) -> float:
    """Per-axis standard deviation of the smoothed sway's angular speed [rad/s]: σ/√(τs(τ+τs))."""
    return math.radians(sway_deg) / math.sqrt(smooth_s * (tau_s + smooth_s))


def tremor_share(
    sensor: SensorFormat,
    hold_sway_deg: float = HOLD_SWAY_DEG,
    tau_s: float = SWAY_TAU_S,
    smooth_s: float = SWAY_SMOOTH_S,
) -> float:
    """The tremor's mean speed as a share of the rule's: √(1 − (σ_sway/σ_rule)²), 0 if the sway uses it all."""
    sigma_rule = rule_speed_rad_s(sensor) / RAYLEIGH_MEAN_OVER_SIGMA
    ratio = sway_speed_sigma_rad_s(hold_sway_deg, tau_s, smooth_s) / sigma_rule
    return math.sqrt(max(0.0, 1.0 - ratio * ratio))


def tremor_blur_mm(
    exposure_s: float,
    focal_mm: float,
    sensor: SensorFormat,
    support: str,
    stabilisation_stops: float,
    share: float | None = None,
) -> float:
    """Mean tremor blur of one exposure [mm]: f · ω_rule · share · t · steadiness.

    Handheld, unstabilised, at t = 1/(f·crop) and share 1 this is c: the 1/f rule.
    """
    share = tremor_share(sensor) if share is None else share
    speed = rule_speed_rad_s(sensor) * share * steadiness(support, stabilisation_stops)
    return focal_mm * speed * exposure_s
