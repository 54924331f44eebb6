"""Time for the game loop: a wall clock or a virtual one, and the fixed-step accumulator.

The simulator advances in fixed ticks (`TICK_HZ`); frames come whenever they come.
`FixedStep` turns elapsed time into a whole number of ticks ("fix your timestep"),
caps how many ticks one frame may run (so a stall does not snowball), and gives the
leftover fraction of a tick for interpolated drawing.

`VirtualClock` advances only when told to: tests and headless runs use it to play a
level faster than real time with exactly the same code path.
"""

from __future__ import annotations

import time


class WallClock:
    """Seconds from `time.perf_counter()`; `advance` is a no-op (time passes by itself)."""

    virtual = False

    def __call__(self) -> float:
        return time.perf_counter()

    def advance(self, dt_s: float) -> None:
        pass

    def sleep(self, dt_s: float) -> None:
        time.sleep(dt_s)


class VirtualClock:
    """Seconds that pass only by `advance` (one frame period per frame)."""

    virtual = True

    def __init__(self, start_s: float = 0.0):
        self.now_s = start_s

    def __call__(self) -> float:
        return self.now_s

    def advance(self, dt_s: float) -> None:
        self.now_s += dt_s

    def sleep(self, dt_s: float) -> None:
        self.now_s += dt_s


class FixedStep:
    """How many fixed ticks to run to catch up with a target time, and the leftover fraction."""

    def __init__(self, tick_s: float, max_ticks_per_frame: int = 30):
        self.tick_s = tick_s
        self.max_ticks = max_ticks_per_frame
        self.dropped_s = 0.0  # time given up after stalls (the level clock skipped it)

    def ticks_due(self, sim_t_s: float, target_t_s: float) -> int:
        n = int((target_t_s - sim_t_s) / self.tick_s + 1e-9)
        if n > self.max_ticks:
            self.dropped_s += (n - self.max_ticks) * self.tick_s
            return self.max_ticks
        return max(0, n)

    def alpha(self, sim_t_s: float, target_t_s: float) -> float:
        """Where between the last tick and the next the frame falls (0..1), for interpolation."""
        return min(1.0, max(0.0, (target_t_s - sim_t_s) / self.tick_s))
