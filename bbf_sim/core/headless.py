"""Running a level to the end with bots, no window: the engine behind `compare` and the tests."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.bots import HumanModel, TechniqueBot
from bbf_sim.core.simulator import Simulator

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level


@dataclass(frozen=True)
class BatchResult:
    modes: list
    rows: np.ndarray
    frames: np.ndarray  # FRAME_DTYPE rows of every trial
    simulator: Simulator


def generators(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Independent streams for the scene and for the bot's human model, from one seed."""
    sim_seq, bot_seq = np.random.SeedSequence(seed).spawn(2)
    return np.random.Generator(np.random.PCG64(sim_seq)), np.random.Generator(np.random.PCG64(bot_seq))


def run_bots(
    level: Level,
    modes: list,
    seed: int,
    rows: np.ndarray | None = None,
    human: HumanModel | None = None,
    progress: Callable[[float], None] | None = None,
) -> BatchResult:
    """Bots play every trial (one per entry of `modes`) to the end of the level."""
    rows = np.arange(len(modes)) if rows is None else np.asarray(rows)
    sim_rng, bot_rng = generators(seed)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, modes, rows=rows)
    bot = TechniqueBot(level, modes, rows, bot_rng, human)
    report_every = max(1, int(round(1.0 / 0.0083)))
    while not sim.done:
        events, aim = bot.act(snap)
        snap = sim.step(events, aim)
        if progress is not None and sim.tick % report_every == 0:
            progress(sim.t_s / level.duration_s)
    return BatchResult(modes=list(modes), rows=rows, frames=sim.frames(), simulator=sim)
