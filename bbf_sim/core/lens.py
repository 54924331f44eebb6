"""The focus motor: a lens position in dioptres that travels at a top speed.

Focus is a position in dioptres (1/m; 0 is infinity). Between the moments the
simulator touches it, the lens moves in a straight line towards its goal at its top
speed, so its position at any instant, even between ticks, is exact: a frame
exposed while the lens is still travelling is judged where the lens was then.
"""

from __future__ import annotations

import numpy as np


class FocusMotor:
    """Lens focus positions for a batch of trials."""

    def __init__(self, batch: int, near_limit_D: float, speed_D_per_s: float, start_D: float):
        self.near_limit_D = near_limit_D
        self.speed_D_per_s = speed_D_per_s
        self.pos_D = np.full(batch, float(start_D))  # valid at time self.at_s
        self.goal_D = self.pos_D.copy()
        self.at_s = np.zeros(batch)

    def position_at(self, t_s, idx=slice(None)) -> np.ndarray:
        """Where the lens is at time(s) t_s (not earlier than its last update)."""
        reach = self.speed_D_per_s * np.maximum(np.asarray(t_s) - self.at_s[idx], 0.0)
        pos = self.pos_D[idx]
        return pos + np.clip(self.goal_D[idx] - pos, -reach, reach)

    def advance(self, t_s, idx=slice(None)) -> None:
        """Move the stored position forward to time(s) t_s."""
        self.pos_D[idx] = self.position_at(t_s, idx)
        self.at_s[idx] = t_s

    def drive_to(self, goal_D, t_s, idx=slice(None)) -> None:
        """Aim the motor at a new goal from time t_s on (the path so far is kept)."""
        self.advance(t_s, idx)
        self.goal_D[idx] = np.clip(goal_D, 0.0, self.near_limit_D)

    def stop(self, t_s, idx=slice(None)) -> None:
        """Stop where the lens is now (AF released)."""
        self.advance(t_s, idx)
        self.goal_D[idx] = self.pos_D[idx]

    def arrival_s(self, idx=slice(None)) -> np.ndarray:
        """When the lens will reach its goal [s]."""
        return self.at_s[idx] + np.abs(self.goal_D[idx] - self.pos_D[idx]) / self.speed_D_per_s
