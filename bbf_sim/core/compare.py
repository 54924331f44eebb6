"""`compare`'s engine: bots play a level N times in each mapping on paired seeds."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.comparison import ModeResult, mode_result, newcombe_difference, verdict
from bbf_sim.core.headless import run_bots

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level

MODE_ORDER = ("shutter", "bbf")


@dataclass(frozen=True)
class Comparison:
    level_id: str
    trials: int
    seed: int
    modes: dict[str, ModeResult]
    difference: float  # hit rate, bbf minus shutter
    difference_ci95: tuple[float, float]
    verdict: str

    def to_dict(self) -> dict:
        return {
            "level": self.level_id,
            "trials": self.trials,
            "seed": self.seed,
            "modes": {m: r.to_dict() for m, r in self.modes.items()},
            "difference": {"hit_rate": self.difference, "ci95": list(self.difference_ci95)},
            "verdict": self.verdict,
        }


def compare_level(level: Level, trials: int, seed: int, progress: Callable[[float], None] | None = None) -> Comparison:
    """Trial i of each mapping shares random row i: the same scene and the same human."""
    modes = [m for m in MODE_ORDER for _ in range(trials)]
    rows = np.tile(np.arange(trials), len(MODE_ORDER))
    result = run_bots(level, modes, seed, rows, progress=progress)
    per_mode = {
        m: mode_result(result.frames, np.arange(i * trials, (i + 1) * trials)) for i, m in enumerate(MODE_ORDER)
    }
    s, b = per_mode["shutter"], per_mode["bbf"]
    diff, ci = newcombe_difference(s.hit_rate, s.ci95, b.hit_rate, b.ci95)
    return Comparison(level.id, trials, seed, per_mode, diff, ci, verdict(diff, ci))
