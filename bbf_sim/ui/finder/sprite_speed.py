"""How fast sprites are really made here and now, learned from each frame's work."""

from __future__ import annotations

LEARN_MIN_NS = 20_000  # a frame's work below this (nominal) is too little to learn from
LEARN_RATE = 0.3  # the weight of the latest frame's ratio in the smoothed one
SLOWNESS_RANGE = (0.25, 4.0)  # the learned ratio stays within these, whatever one frame measured
SPIKE_FACTOR = 2.0  # one frame's ratio counts at most this many times the learned one


class Slowness:
    """Measured cost over nominal cost (`sprite_tuning`'s costs a pixel and a step), smoothed over frames.

    A slower machine, or a busy moment, raises it; the scheduler then starts work earlier
    so what is due is still made in time. One frame's ratio counts at most `SPIKE_FACTOR`
    times the learned one: a frame the system took the core from for tens of milliseconds
    says nothing of the next, and learnt in full it would make the next frames spend up
    to four times what their due work needs. A lasting slowness is still learnt within
    a few frames.
    """

    def __init__(self) -> None:
        self.ratio = 1.0

    def seconds(self, nominal_ns: float) -> float:
        """What `nominal_ns` of work is expected to take now [s]."""
        return nominal_ns * self.ratio * 1e-9

    def learn(self, elapsed_s: float, nominal_ns: float) -> None:
        """One frame's work: `nominal_ns` done in `elapsed_s`."""
        if nominal_ns <= LEARN_MIN_NS:
            return
        measured = min(elapsed_s * 1e9 / nominal_ns, SPIKE_FACTOR * self.ratio)
        smoothed = (1 - LEARN_RATE) * self.ratio + LEARN_RATE * measured
        self.ratio = min(SLOWNESS_RANGE[1], max(SLOWNESS_RANGE[0], smoothed))
