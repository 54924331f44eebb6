"""The viewfinder's picture in changing light: brighter or darker than the level's own light.

The camera is in manual exposure (`camera.exposure_s`), so a change of light shows in the
picture, as in an optical finder or an electronic one simulating the exposure. A finder's
display (and the eye) takes a change of a few stops as a clear but modest one, so the
picture's gain is a fraction of the light's: `2^(FINDER_STOPS_PER_EV · Δev)`, within
[MIN_GAIN, MAX_GAIN]. Darker is one multiply on the composed frame; brighter one added
lift (a multiply cannot exceed 1), worth the gain at mid-grey. Nothing is done while the
light is the level's own, so a level without light changes costs nothing.
"""

from __future__ import annotations

import pygame

FINDER_STOPS_PER_EV = 0.3  # the picture changes by 0.3 stop per stop of light
MIN_GAIN, MAX_GAIN = 0.3, 1.6
GAIN_STEPS = 64  # the gain is rounded to 1/64: a fill needs whole numbers anyway
MID_GREY = 128  # the lift that brightens is the gain's at this level


def finder_gain(light_ev: float, base_ev: float) -> float:
    """How much brighter (> 1) or darker (< 1) the finder shows light_ev than the level's base_ev."""
    gain = 2.0 ** (FINDER_STOPS_PER_EV * (light_ev - base_ev))
    return round(min(MAX_GAIN, max(MIN_GAIN, gain)) * GAIN_STEPS) / GAIN_STEPS


def shade(surface: pygame.Surface, gain: float) -> None:
    """Brighten or darken the composed frame in place by `gain` (1: leave it)."""
    if gain < 1.0:
        k = round(255 * gain)
        surface.fill((k, k, k), special_flags=pygame.BLEND_RGB_MULT)
    elif gain > 1.0:
        lift = min(255, round(MID_GREY * (gain - 1.0)))
        surface.fill((lift, lift, lift), special_flags=pygame.BLEND_RGB_ADD)
