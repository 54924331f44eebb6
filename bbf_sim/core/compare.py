"""`compare`'s engine: bots play a level N times in each mapping on paired seeds.

Trial i of each mapping plays random row i: the same scene and the same person, so the
difference between the mappings is the buttons'. Only each trial's tally is kept (no
frames), and the rows are played in chunks of at most `CHUNK_ROWS` rows, so memory does
not grow with N; chunks run in worker processes when more than one core is given (with
no more chunks than cores, the first in the calling process, which would only wait). Each
row's random numbers come from `rowstreams` and do not depend on the chunk it lands
in, so the result is the same, bit for bit, for any chunk size and any number of jobs.

The bots play one technique profile (`bbf_sim.core.human`: careful, everyday, novice), or
any `HumanModel` given (the sweep's slip probabilities).
"""

from __future__ import annotations

import math
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core import kernels
from bbf_sim.core.comparison import ModeResult, mode_result, newcombe_difference, verdict
from bbf_sim.core.headless import TrialTally, tally_bots
from bbf_sim.core.human import PROFILES, HumanModel
from bbf_sim.core.rowstreams import row_streams
from bbf_sim.core.scoring import FRAME_DTYPE

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level

MODE_ORDER = ("shutter", "bbf")
ROW_BLOCK = 1000  # rows per random stream (see rowstreams): part of what a seed means
CHUNK_ROWS = 1000  # rows played at once: bounds memory (a few tens of MB per chunk)
# Rows a chunk keeps at least when trials are split between workers: each chunk pays the
# per-tick overhead again (compiled: two chunks of 500 rows take 1.2x the CPU of one of 1,000,
# four of 250 1.7x), so a split into chunks smaller than this costs more than a core gives back.
MIN_PARALLEL_ROWS = 250


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


def available_cores() -> int:
    """Cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def play_rows(
    level: Level,
    seed: int,
    total_rows: int,
    first: int,
    stop: int,
    row_block: int = ROW_BLOCK,
    progress: Callable[[float], None] | None = None,
    compiled: bool = False,
    human: HumanModel | None = None,
) -> TrialTally:
    """Rows [first, stop) in both mappings, as one batch: the shutter-AF trials, then the back-button ones."""
    m = stop - first
    modes = [mode for mode in MODE_ORDER for _ in range(m)]
    rows = np.tile(np.arange(m), len(MODE_ORDER))
    streams = row_streams(seed, total_rows, first, stop, row_block)
    return tally_bots(level, modes, streams, rows, human=human, progress=progress, compiled=compiled)


def _play_chunk(args: tuple) -> TrialTally:
    level, seed, trials, a, b, row_block, compiled, human = args
    return play_rows(level, seed, trials, a, b, row_block, compiled=compiled, human=human)


def use_compiled() -> bool:
    """The compiled kernels when numba works here, unless BBF_SIM_KERNELS=numpy asks for the reference.

    Loads them (once per process), so forked workers inherit the compiled code.
    """
    if os.environ.get("BBF_SIM_KERNELS", "") == "numpy" or not kernels.available():
        return False
    try:
        kernels.load()
    except ImportError:  # numba present but unusable with this numpy: the reference is as right
        return False
    return True


def _load_every_kernel(level: Level, human: HumanModel | None) -> None:
    """Play a moment of the level compiled: every kernel is loaded from numba's cache (or compiled)
    once, here, rather than in each worker after the fork."""
    k = kernels.load()
    play_rows(level.model_copy(update={"duration_s": 0.05}), 0, 1, 0, 1, compiled=True, human=human)
    empty = np.zeros(0, FRAME_DTYPE)
    k.tally_add(empty, np.zeros(1), *(np.zeros(1, np.int64),) * 3, np.zeros(1), *(np.zeros(1, np.int64),) * 2,
                np.zeros(1))  # fmt: skip


def tally_trials(
    level: Level,
    trials: int,
    seed: int,
    jobs: int = 1,
    chunk_rows: int = CHUNK_ROWS,
    row_block: int = ROW_BLOCK,
    progress: Callable[[float], None] | None = None,
    compiled: bool | None = None,
    human: HumanModel | None = None,
) -> dict[str, TrialTally]:
    """Every trial of each mapping, played in chunks (in `jobs` processes): one tally per mapping.

    `compiled`: the simulator's compiled kernels (None: when numba is installed); the
    tallies are the same either way.
    """
    compiled = use_compiled() if compiled is None else compiled
    if compiled:
        _load_every_kernel(level, human)
    per_chunk = max(1, min(chunk_rows, max(MIN_PARALLEL_ROWS, math.ceil(trials / max(1, jobs)))))
    bounds = [(a, min(trials, a + per_chunk)) for a in range(0, trials, per_chunk)]
    n = len(bounds)
    tallies: list[TrialTally] = []
    if jobs <= 1 or n == 1:
        for i, (a, b) in enumerate(bounds):
            chunk_progress = None if progress is None else (lambda f, i=i: progress((i + f) / n))
            tallies.append(play_rows(level, seed, trials, a, b, row_block, chunk_progress, compiled, human))
    else:
        # fork where there is one: workers start at once, with the level and numpy already loaded.
        methods = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if "fork" in methods else None)
        work = [(level, seed, trials, a, b, row_block, compiled, human) for a, b in bounds]
        if n <= jobs:
            # A process per chunk: the first (none is larger) is played here while the workers play
            # the others (at about the same pace, so its progress is the whole's), not left to a
            # worker while this process only waits: one process fewer to start, one result fewer to send.
            with ProcessPoolExecutor(max_workers=n - 1, mp_context=context) as pool:
                others = [pool.submit(_play_chunk, w) for w in work[1:]]
                a, b = bounds[0]
                first = play_rows(level, seed, trials, a, b, row_block, progress, compiled, human)
                tallies = [first] + [f.result() for f in others]
            if progress is not None:
                progress(1.0)
        else:
            with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
                for i, tally in enumerate(pool.map(_play_chunk, work)):
                    tallies.append(tally)
                    if progress is not None:
                        progress((i + 1) / n)
    chunks = list(zip(tallies, bounds, strict=True))
    return {
        mode: TrialTally.concatenate([t.select(slice(k * (b - a), (k + 1) * (b - a))) for t, (a, b) in chunks])
        for k, mode in enumerate(MODE_ORDER)
    }


def compare_level(
    level: Level,
    trials: int,
    seed: int,
    progress: Callable[[float], None] | None = None,
    jobs: int = 1,
    profile: str = "everyday",
    human: HumanModel | None = None,
) -> Comparison:
    """Trial i of each mapping shares random row i: the same scene and the same human.

    The bots play `profile`'s technique, or `human` when given (then `profile` only names it).
    """
    human = PROFILES[profile] if human is None else human
    tallies = tally_trials(level, trials, seed, jobs=jobs, progress=progress, human=human)
    per_mode = {m: mode_result(tallies[m]) for m in MODE_ORDER}
    s, b = per_mode["shutter"], per_mode["bbf"]
    diff, ci = newcombe_difference(s.hit_rate, s.ci95, b.hit_rate, b.ci95)
    said = verdict(diff, ci, {m: r.frames for m, r in per_mode.items()})
    return Comparison(level.id, trials, seed, per_mode, diff, ci, said, profile)


def sweep_level(
    level: Level,
    trials: int,
    seed: int,
    probabilities: tuple[float, ...] = (0.0, 0.25, 0.5, 0.75, 1.0),
    progress: Callable[[float], None] | None = None,
    jobs: int = 1,
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
        out.append((p, compare_level(level, trials, seed, part, jobs, profile=f"slips at {p:g}", human=human)))
    return out
