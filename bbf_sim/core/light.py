"""The scene's light over a round: the level's `scene.light_ev`, then its `light_changes`.

A change moves the light from whatever it was to its `light_ev`, evenly in EV over its
`ramp_s` (a cloud crossing the sun takes a second or so; a stage light switches at once).
The simulator reads the light at each tick's start and hands it to the AF sensor
(`AfSensor.set_light`); the viewfinder reads it from the snapshot. A pure function of
time: replays and `compare` see the same light at the same tick, bit for bit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LightSchedule:
    """The light [EV at ISO 100] at any time of a round."""

    base_ev: float
    changes: tuple[tuple[float, float, float], ...] = ()  # (at_s, light_ev, ramp_s), in time order

    @classmethod
    def of_level(cls, level) -> LightSchedule:
        scene = level.scene
        return cls(float(scene.light_ev), tuple((c.at_s, c.light_ev, c.ramp_s) for c in scene.light_changes))

    @property
    def constant(self) -> bool:
        return not self.changes

    def ev_at(self, t_s: float) -> float:
        """The light at time t_s [s] of the round."""
        ev = self.base_ev
        for at_s, target_ev, ramp_s in self.changes:
            if t_s < at_s:
                break
            if t_s < at_s + ramp_s:
                return ev + (target_ev - ev) * (t_s - at_s) / ramp_s
            ev = target_ev
        return ev
