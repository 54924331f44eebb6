"""How well the AF sensor reads an object: light, contrast and defocus, as one margin in stops.

A level gives the AF system's low-light limit (`af.min_light_ev`) and the least
effective contrast it can use (`af.min_contrast`); each object has a contrast, and
the scene a light level. From these, each object has a *margin*: how many stops of
light above the least it needs to be read in focus. The rule that decides whether AF
can read it at all is the one levels have always had (contrast × light factor ≥
min_contrast, the light factor fading over the 4 EV above the limit); the margin
turns that switch into a curve:

- **Reading time.** The sensor integrates light until it has enough signal, so each
  stop less light doubles the time: `read_s = LIMIT_READ_S · 2^(−margin)`. In
  daylight (a dozen stops of margin) it is a fraction of a millisecond, and AF is as
  fast as its detection latency and its lens; near the limit it grows towards
  LIMIT_READ_S, for the first reading and for the confirming one.
- **Defocus.** A blurred edge spreads its light over more of the sensor: phase
  detection loses a stop each time the blur circle doubles past DEFOCUS_REF_COC
  circles of confusion (this decides whether it can read the subject at all; the
  reading's time is the in-focus one). In good light that never matters; near the limit a subject far
  out of focus cannot be read until the lens comes closer, so AF hunts, and the hunt
  lands when its sweep passes a subject that can be read in focus (contrast detection
  sees the peak go by), as a real body's does.

`docs/camera-model.md` gives the sources for the numbers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from bbf_sim.core import optics
from bbf_sim.core.autofocus import NOTHING, AfReading, af_sees

if TYPE_CHECKING:
    from bbf_sim.core.optics import SensorFormat
    from bbf_sim.levels.schema import Level

# Extra time [s] the AF sensor needs to read a subject right at the body's limit. Near their
# rated limit bodies take of the order of a second to lock (hunting included); in daylight the
# light does not slow them at all (docs/camera-model.md).
LIMIT_READ_S = 0.4
# A blur circle this many circles of confusion wide costs phase detection one stop (two: two
# stops, and so on): a subject 0.9 mm out of focus needs 3 stops of margin to be read.
DEFOCUS_REF_COC = 4.0


def light_factor(light_ev: float, min_light_ev: float) -> float:
    """How much of an object's contrast the AF sensor gets in this light (0..1).

    Full contrast from 4 EV above the AF system's rated low-light limit, fading to
    nothing at the limit: phase detection needs light as much as it needs detail.
    """
    return float(np.clip((light_ev - min_light_ev) / 4.0, 0.0, 1.0))


def margin_stops(contrast, light_ev: float, min_light_ev: float, min_contrast: float) -> np.ndarray:
    """Stops of light above the least in which AF reads this contrast in focus (−inf: never).

    An object with contrast c is read once c · light_factor ≥ min_contrast, that is from
    light min_light_ev + 4 · min_contrast / c up (if c ≥ min_contrast at all): the
    margin is the light's distance above that, so margin ≥ 0 is the levels' rule exactly.
    """
    c = np.asarray(contrast, dtype=float)
    with np.errstate(divide="ignore"):
        limit_ev = min_light_ev + 4.0 * min_contrast / c
    return np.where(c >= min_contrast, light_ev - limit_ev, -np.inf)


def defocus_cost_stops(blur_mm, coc_mm: float) -> np.ndarray:
    """Stops of margin a blur circle of `blur_mm` on the sensor costs phase detection."""
    return np.log2(1.0 + np.asarray(blur_mm, dtype=float) / (DEFOCUS_REF_COC * coc_mm))


def read_time_s(margin) -> np.ndarray:
    """Extra time [s] a reading takes at this margin (inf below zero: it cannot be read)."""
    m = np.asarray(margin, dtype=float)
    with np.errstate(over="ignore"):
        return np.where(m >= 0, LIMIT_READ_S * np.exp2(-np.maximum(m, 0.0)), np.inf)


class AfSensor:
    """What the AF area reads each tick, and how well, for a level's lens, light and objects."""

    def __init__(self, level: Level, sensor: SensorFormat, near_limit_D: float):
        self.focal_mm = level.camera.focal_mm
        self.aperture = level.camera.aperture
        self.coc_mm = sensor.coc_mm
        self.af = level.af
        self.contrasts = np.array([o.contrast for o in level.objects] + [level.scene.background_contrast])
        self.background_D = 1.0 / level.scene.background_m
        self.widest_blur_mm = float(optics.blur_circle_mm(self.focal_mm, self.aperture, 0.0, near_limit_D))
        self.set_light(level.scene.light_ev)

    def set_light(self, light_ev: float) -> None:
        """The scene's light from now on: every object's margin, and the reading times in focus."""
        margins = margin_stops(self.contrasts, light_ev, self.af.min_light_ev, self.af.min_contrast)
        self.margin_stops, self.background_margin_stops = margins[:-1], float(margins[-1])
        self.readable_in_focus = self.margin_stops >= 0
        self.background_readable_in_focus = self.background_margin_stops >= 0
        # A confirming reading, per object in focus; the last entry (index -1) is the background.
        self.focus_read_s = read_time_s(margins)
        # Defocus can only matter if a readable margin is below what the widest blur costs.
        readable = margins[margins >= 0]
        worst_cost = float(defocus_cost_stops(self.widest_blur_mm, self.coc_mm))
        self.defocus_matters = bool(len(readable)) and float(readable.min()) < worst_cost

    def readable_at(self, lens_D, object_D) -> tuple[np.ndarray, np.ndarray]:
        """With the lens at lens_D (b,), which objects (b, n) and backgrounds (b,) can be read, defocus counted."""
        blur = optics.blur_circle_mm(self.focal_mm, self.aperture, lens_D[:, None], object_D)
        margin = self.margin_stops - defocus_cost_stops(blur, self.coc_mm)
        bg_blur = optics.blur_circle_mm(self.focal_mm, self.aperture, lens_D, self.background_D)
        background_margin = self.background_margin_stops - defocus_cost_stops(bg_blur, self.coc_mm)
        return margin >= 0, background_margin >= 0

    def read(
        self,
        lens_D,
        u_mm,
        v_mm,
        depth_m,
        present,
        half_w_mm,
        half_h_mm,
        area: tuple[Any, Any, Any, Any],
        hunting: bool,
    ) -> AfReading:
        """What the AF area (`area`: its centre u, v and half sizes [mm]) reads, with the lens at lens_D.

        Object arrays are (b, n). `hunting`: also find what a contrast sweep would land on.
        """
        b = len(lens_D)
        object_D = 1.0 / np.maximum(depth_m, 1e-6)
        present = present & (depth_m > 0)
        geometry = (u_mm, v_mm, depth_m, half_w_mm, half_h_mm)
        rows = np.arange(b)
        if self.defocus_matters:
            readable, background_readable = self.readable_at(lens_D, object_D)
            seen = af_sees(*geometry, present & readable, *area, background_readable)
        else:
            seen = af_sees(*geometry, present & self.readable_in_focus, *area, self.background_readable_in_focus)
        # Defocus decides whether a subject can be read; the light and its contrast, how long
        # that takes. focus_read_s[-1] is the background's; NOTHING (-2) reads nothing.
        read_s = np.where(seen == NOTHING, 0.0, self.focus_read_s[seen])
        seen_D = np.where(seen >= 0, object_D[rows, np.maximum(seen, 0)], self.background_D)
        sweep = sweep_D = None
        if hunting and self.defocus_matters:
            # What a contrast sweep finds: whatever is readable in focus under the area.
            sweep = af_sees(*geometry, present & self.readable_in_focus, *area, self.background_readable_in_focus)
            sweep_D = np.where(sweep >= 0, object_D[rows, np.maximum(sweep, 0)], self.background_D)
        return AfReading(lens_D, seen, 1.0 / np.maximum(seen_D, 1e-9), read_s, self.focus_read_s, sweep, sweep_D)
