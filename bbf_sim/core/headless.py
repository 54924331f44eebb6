"""Running a level to the end with bots, no window: the engine behind `compare` and the tests."""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core import kernels
from bbf_sim.core.bots import HumanModel, TechniqueBot
from bbf_sim.core.rowstreams import RowStreams, seed_generators
from bbf_sim.core.scoring import sharpness
from bbf_sim.core.simulator import DT_S, Simulator

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level

generators = seed_generators  # the scene's and the bot's streams from one seed


@dataclass(frozen=True)
class BatchResult:
    modes: list
    rows: np.ndarray
    frames: np.ndarray  # FRAME_DTYPE rows of every trial
    simulator: Simulator


@dataclass(frozen=True)
class TrialTally:
    """What `compare` needs of each trial's frames, summed as they are fired (arrays, one entry per trial)."""

    frames: np.ndarray  # frames fired
    hits: np.ndarray  # frames with the target in frame, visible and r ≤ 1
    in_frame: np.ndarray  # frames with the target in frame (the ones a sharpness is measured on)
    sharpness_sum: np.ndarray  # Σ min(1, 1/r) over those frames, in firing order
    fired_without_af: np.ndarray
    refocused_away: np.ndarray
    first_sharp_s: np.ndarray  # first hit's time after the trial's first target appeared [s]; NaN: no hit

    @classmethod
    def zeros(cls, trials: int) -> TrialTally:
        def count() -> np.ndarray:
            return np.zeros(trials, np.int64)

        return cls(count(), count(), count(), np.zeros(trials), count(), count(), np.full(trials, np.nan))

    def add(self, frames: np.ndarray, appear_s: np.ndarray, kernels: ModuleType | None = None) -> None:
        """Count one step's frames (FRAME_DTYPE rows, in firing order); appear_s: each trial's first target [s].

        `kernels`: the compiled kernels, which count the same numbers in one pass.
        """
        if not len(frames):
            return
        if kernels is not None:
            kernels.tally_add(
                frames, appear_s, self.frames, self.hits, self.in_frame, self.sharpness_sum,
                self.fired_without_af, self.refocused_away, self.first_sharp_s,
            )  # fmt: skip
            return
        trial = frames["trial"]
        in_frame = frames["in_frame"]
        np.add.at(self.frames, trial, 1)
        np.add.at(self.hits, trial, frames["hit"])
        np.add.at(self.in_frame, trial, in_frame)
        # Unbuffered and in order: a trial's sum is the same whatever else is in the batch.
        np.add.at(self.sharpness_sum, trial[in_frame], sharpness(frames["r"][in_frame]))
        np.add.at(self.fired_without_af, trial, frames["fired_without_af"])
        np.add.at(self.refocused_away, trial, frames["refocused_away"])
        hit = frames["hit"]
        first = hit & np.isnan(self.first_sharp_s[trial])
        if first.any():
            t = trial[first]
            np.fmin.at(self.first_sharp_s, t, frames["t_s"][first] - appear_s[t])

    def select(self, trials: np.ndarray | slice) -> TrialTally:
        return TrialTally(*(getattr(self, f)[trials] for f in self.__dataclass_fields__))

    @classmethod
    def concatenate(cls, parts: list[TrialTally]) -> TrialTally:
        return cls(*(np.concatenate([getattr(p, f) for p in parts]) for f in cls.__dataclass_fields__))

    def equals(self, other: TrialTally) -> bool:
        """Bit for bit (NaN equal to NaN)."""
        return all(getattr(self, f).tobytes() == getattr(other, f).tobytes() for f in self.__dataclass_fields__)


def run_bots(
    level: Level,
    modes: list,
    seed: int,
    rows: np.ndarray | None = None,
    human: HumanModel | None = None,
    progress: Callable[[float], None] | None = None,
    compiled: bool = False,
) -> BatchResult:
    """Bots play every trial (one per entry of `modes`) to the end of the level, keeping every frame.

    `compiled`: the simulator's and bots' compiled kernels, the same frames bit for bit (the tests
    hold them so); the default is the numpy reference, which the game's window plays.
    """
    rows = np.arange(len(modes)) if rows is None else np.asarray(rows)
    sim_rng, bot_rng = generators(seed)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, modes, rows=rows, compiled=compiled)
    bot = TechniqueBot(level, modes, rows, bot_rng, human)
    bot.kernels = sim.kernels
    if sim.kernels is not None:  # the bots drop each snapshot after their tick
        kernels.lend_snapshots(sim)
    _play(sim, snap, bot, level, progress)
    return BatchResult(modes=list(modes), rows=rows, frames=sim.frames(), simulator=sim)


def tally_bots(
    level: Level,
    modes: list,
    streams: tuple[np.random.Generator | RowStreams, np.random.Generator | RowStreams],
    rows: np.ndarray,
    human: HumanModel | None = None,
    progress: Callable[[float], None] | None = None,
    compiled: bool = False,
) -> TrialTally:
    """Bots play every trial to the end; only each trial's tally is kept, never its frames."""
    sim = Simulator()
    snap = sim.reset(level, streams[0], modes, rows=rows, keep_frames=False, compiled=compiled)
    bot = TechniqueBot(level, modes, rows, streams[1], human)
    bot.kernels = sim.kernels
    if sim.kernels is not None:  # the bots drop each snapshot after their tick
        kernels.lend_snapshots(sim)
    tally = TrialTally.zeros(len(modes))
    motion = sim.motion
    appear_s = np.where(sim.is_target, motion.appear_s + motion.jitter_s, np.inf).min(axis=1)
    _play(sim, snap, bot, level, progress, lambda frames: tally.add(frames, appear_s, sim.kernels))
    return tally


def _play(sim, snap, bot, level, progress, on_frames: Callable[[np.ndarray], None] | None = None) -> None:
    report_every = max(1, int(round(1.0 / DT_S)))
    # A tick makes and drops a few hundred small objects and no cycles: Python's collector
    # would only walk every live object (the level's models, numba's) again and again.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        while not sim.done:
            events, aim = bot.act(snap)
            snap = sim.step(events, aim)
            if on_frames is not None:
                on_frames(snap.new_frames)
            if progress is not None and sim.tick % report_every == 0:
                progress(sim.t_s / level.duration_s)
    finally:
        if was_enabled:
            gc.enable()
