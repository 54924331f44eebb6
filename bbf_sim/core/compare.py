"""`compare`'s engine: bots play a level N times in each mapping on paired seeds.

The bots play one technique profile (`bbf_sim.core.human`: careful, everyday, novice), or
any `HumanModel` given (the sweep's slip probabilities).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.comparison import ModeResult, mode_result, newcombe_difference, verdict
from bbf_sim.core.headless import run_bots
from bbf_sim.core.human import PROFILES, HumanModel

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
    profile: str = "everyday"

    def to_dict(self) -> dict:
        return {
            "level": self.level_id,
            "trials": self.trials,
            "seed": self.seed,
            "modes": {m: r.to_dict() for m, r in self.modes.items()},
            "difference": {"hit_rate": self.difference, "ci95": list(self.difference_ci95)},
            "verdict": self.verdict,
            "profile": self.profile,
        }


def compare_level(
    level: Level,
    trials: int,
    seed: int,
    progress: Callable[[float], None] | None = None,
    profile: str = "everyday",
    human: HumanModel | None = None,
) -> Comparison:
    """Trial i of each mapping shares random row i: the same scene and the same human.

    The bots play `profile`'s technique, or `human` when given (then `profile` only names it).
    """
    modes = [m for m in MODE_ORDER for _ in range(trials)]
    rows = np.tile(np.arange(trials), len(MODE_ORDER))
    human = PROFILES[profile] if human is None else human
    result = run_bots(level, modes, seed, rows, human=human, progress=progress)
    per_mode = {
        m: mode_result(result.frames, np.arange(i * trials, (i + 1) * trials)) for i, m in enumerate(MODE_ORDER)
    }
    s, b = per_mode["shutter"], per_mode["bbf"]
    diff, ci = newcombe_difference(s.hit_rate, s.ci95, b.hit_rate, b.ci95)
    return Comparison(level.id, trials, seed, per_mode, diff, ci, verdict(diff, ci), profile)


def sweep_level(
    level: Level,
    trials: int,
    seed: int,
    probabilities: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0),
    progress: Callable[[float], None] | None = None,
) -> list[tuple[float, Comparison]]:
    """The comparison with every slip of the everyday profile at each probability in turn.

    Every point plays the same scenes and people (the same seed), so the curve shows what the
    slips cost and nothing else; at 0 it is the careful profile's comparison.
    """
    out = []
    for i, p in enumerate(probabilities):

        def part(fraction: float, i: int = i) -> None:
            if progress is not None:
                progress((i + fraction) / len(probabilities))

        human = PROFILES["everyday"].with_slips(p)
        out.append((p, compare_level(level, trials, seed, part, profile=f"slips at {p:g}", human=human)))
    return out
