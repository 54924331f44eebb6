"""The focus motor: a lens position in dioptres that travels at a top speed.

Focus is a position in dioptres (1/m; 0 is infinity). Between the moments the
simulator touches it, the lens moves in a straight line towards its goal at its top
speed, so its position at any instant, even between ticks, is exact: a frame
exposed while the lens is still travelling is judged where the lens was then.

A goal beyond the focus range (a subject nearer than the lens can focus) is kept as
asked: the lens stops at the end of its travel, and AF can tell it never got there.

The goal itself may move at a steady rate (AF-C drives the lens along the subject's
predicted path, as a servo lens does, rather than stepping it once per AF cycle): the
lens closes the gap at its top speed, then rides on the goal. A goal moving faster
than the motor can go is never caught; the lens chases it at top speed.
"""

from __future__ import annotations

from types import ModuleType

import numpy as np


class FocusMotor:
    """Lens focus positions for a batch of trials."""

    def __init__(self, batch: int, near_limit_D: float, speed_D_per_s: float, start_D: float):
        self.near_limit_D = near_limit_D
        self.speed_D_per_s = speed_D_per_s
        self.pos_D = np.full(batch, float(start_D))  # valid at time self.at_s
        self.goal_D = self.pos_D.copy()  # the goal at time self.at_s (may lie beyond the range)
        self.goal_rate_D_per_s = np.zeros(batch)  # how fast the goal moves
        self.at_s = np.zeros(batch)
        self.kernels: ModuleType | None = None  # the compiled kernels (`kernels.load()`), or None: numpy

    def goal_at(self, t_s, idx=slice(None), within_range: bool = True) -> np.ndarray:
        """Where the goal is at time(s) t_s [dioptres]: clipped to the focus range, or as asked."""
        dt = np.maximum(np.asarray(t_s) - self.at_s[idx], 0.0)
        goal = self.goal_D[idx] + self.goal_rate_D_per_s[idx] * dt
        return np.clip(goal, 0.0, self.near_limit_D) if within_range else goal

    def position_at(self, t_s, idx=slice(None)) -> np.ndarray:
        """Where the lens is at time(s) t_s (not earlier than its last update).

        The goal's position then, but never further from the last stored position than
        the motor can go in the time: that is the chase at top speed and the ride on the
        goal once caught, in one expression.
        """
        if self.kernels is not None:
            at_s = self.at_s[idx]
            t = np.asarray(t_s, dtype=float)
            t = np.full(len(at_s), float(t)) if t.ndim == 0 else t  # (np.broadcast_to costs 30 µs)
            return self.kernels.lens_position(
                t, at_s, self.pos_D[idx], self.goal_D[idx], self.goal_rate_D_per_s[idx],
                self.speed_D_per_s, self.near_limit_D,
            )  # fmt: skip
        return self._course(
            np.asarray(t_s), self.at_s[idx], self.pos_D[idx], self.goal_D[idx], self.goal_rate_D_per_s[idx]
        )

    def path_D(self, trial: int, t_s: np.ndarray) -> np.ndarray:
        """Where one trial's lens will be at times `t_s` if its goal keeps its course [dioptres]:
        `position_at`'s course for one trial at many times (read only; the viewfinder's
        look ahead, never the simulation's)."""
        t = np.asarray(t_s, dtype=float)
        return self._course(t, self.at_s[trial], self.pos_D[trial], self.goal_D[trial], self.goal_rate_D_per_s[trial])

    def _course(self, t_s, at_s, pos_D, goal_D, goal_rate_D_per_s) -> np.ndarray:
        """The lens at times `t_s` from `pos_D` at `at_s`, its goal at `goal_D` then, moving at
        `goal_rate_D_per_s` [dioptres]: the goal's position, never further from the start than
        the motor goes in the time, within the focus range (numpy; `kernels.lens_position` is
        the same, compiled)."""
        dt = np.maximum(t_s - at_s, 0.0)
        reach = self.speed_D_per_s * dt
        goal = goal_D + goal_rate_D_per_s * dt
        lens = np.minimum(np.maximum(goal, pos_D - reach), pos_D + reach)
        return np.minimum(np.maximum(lens, 0.0), self.near_limit_D)

    def advance(self, t_s, idx=slice(None)) -> None:
        """Move the stored position (and the goal) forward to time(s) t_s."""
        self.pos_D[idx] = self.position_at(t_s, idx)
        self.goal_D[idx] = self.goal_at(t_s, idx, within_range=False)
        self.at_s[idx] = t_s

    def drive_to(self, goal_D, t_s, idx=slice(None), rate_D_per_s=0.0) -> None:
        """Aim the motor at a new goal from time t_s on (the path so far is kept).

        `rate_D_per_s`: the goal moves on at this rate (0: it stays put). A goal beyond
        infinity (negative) is infinity; one nearer than the near limit is kept as asked.
        """
        self.advance(t_s, idx)
        self.goal_D[idx] = np.maximum(goal_D, 0.0)
        self.goal_rate_D_per_s[idx] = rate_D_per_s

    def stop(self, t_s, idx=slice(None)) -> None:
        """Stop where the lens is now (AF released)."""
        self.advance(t_s, idx)
        self.goal_D[idx] = self.pos_D[idx]
        self.goal_rate_D_per_s[idx] = 0.0

    def arrival_s(self, idx=slice(None)) -> np.ndarray:
        """When the lens will reach a goal that stays put, or its end stop [s] (the hunt's sweep ends)."""
        goal = np.minimum(self.goal_D[idx], self.near_limit_D)
        return self.at_s[idx] + np.abs(goal - self.pos_D[idx]) / self.speed_D_per_s
