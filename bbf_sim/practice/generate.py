"""Weeks of realistic practice history, played by bots, for demos and for looking at the charts.

A learner practises most evenings: a few levels a day, each in both mappings. Every
attempt is really played (the technique bot through a `Recorder`) and saved through
the same path as a person's (`attempts.save_attempt`), so the history, frames and
replay files are the real thing, marked `"generated": true` in their settings.

The learner improves along a learning curve (fast at first, then levelling off):

| what | first day | last day | `HumanModel` field |
|---|---|---|---|
| reaction time, median | 0.45 s | 0.24 s | `reaction_median_s` |
| timing of anticipated moments | ±0.08 s | ±0.03 s | `timing_noise_s` |
| aim wander while tracking | 0.6° | 0.25° | `track_noise_deg` |
| sway on a still subject | 0.08° | 0.03° | `hold_noise_deg` |
| the thumb finding AF-ON (back-button mode) | +0.35 s | +0 s | `recording.HesitantThumb` |
| back-button lapses (AF-ON pressed very late) | 70 % of attempts | 3 % | `recording.HesitantThumb` |

The habit not yet built: in back-button mode the thumb is slow to find AF-ON at
first, and in a lapse it finds it 0.6–3 s late, so early frames go out without AF or
the first sharp frame comes late. Each practice day plays the same routine of levels
(`levels_per_day` of them, rotating if there are more), so days can be compared.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.bots import HumanModel
from bbf_sim.core.recording import Recording, play_bot
from bbf_sim.core.simulator import TICK_HZ
from bbf_sim.practice.attempts import FinishedRun, save_attempt

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level
    from bbf_sim.persistence.history import History

MODES = ("shutter", "bbf")


@dataclass(frozen=True)
class LearnerCurve:
    """Where the learner starts and ends; `rate` is how many e-folds of the gap close over the period."""

    reaction_s: tuple[float, float] = (0.45, 0.24)
    timing_noise_s: tuple[float, float] = (0.08, 0.03)
    track_noise_deg: tuple[float, float] = (0.6, 0.25)
    hold_noise_deg: tuple[float, float] = (0.08, 0.03)
    bbf_thumb_s: tuple[float, float] = (0.35, 0.0)
    lapse_probability: tuple[float, float] = (0.7, 0.03)
    lapse_delay_s: tuple[float, float] = (0.6, 3.0)  # uniform range of a lapse's lateness
    rate: float = 3.0
    practice_probability: float = 0.85  # chance of practising on a given day (the last days always)
    streak_days: int = 4  # the last days, practised without a gap

    def progress(self, x: float) -> float:
        """0 on the first day, 1 on the last; exponential: most of the gain comes early."""
        x = min(1.0, max(0.0, x))
        return (1 - math.exp(-self.rate * x)) / (1 - math.exp(-self.rate))

    def at(self, pair: tuple[float, float], x: float) -> float:
        p = self.progress(x)
        return pair[0] + (pair[1] - pair[0]) * p

    def human(self, x: float) -> HumanModel:
        return HumanModel(
            reaction_median_s=self.at(self.reaction_s, x),
            timing_noise_s=self.at(self.timing_noise_s, x),
            track_noise_deg=self.at(self.track_noise_deg, x),
            hold_noise_deg=self.at(self.hold_noise_deg, x),
        )


@dataclass(frozen=True)
class PlannedAttempt:
    level_index: int
    mode: str
    seed: int
    started_at: datetime
    human: HumanModel
    af_on_delay_s: float


def plan(
    levels: Sequence[Level],
    days: int,
    end_date: date,
    tz: tzinfo,
    seed: int,
    levels_per_day: int = 4,
    curve: LearnerCurve | None = None,
) -> list[PlannedAttempt]:
    """Who plays what when: a pure function of its arguments (no clock)."""
    curve = curve or LearnerCurve()
    rng = np.random.default_rng(np.random.SeedSequence([seed, days]))
    per_day = max(1, min(levels_per_day, len(levels)))
    out: list[PlannedAttempt] = []
    rotation = 0
    for d in range(days):
        day = end_date - timedelta(days=days - 1 - d)
        x = d / max(1, days - 1)
        practised = d >= days - curve.streak_days or rng.random() < curve.practice_probability
        if not practised:
            continue
        human = curve.human(x)
        lapse_p = curve.at(curve.lapse_probability, x)
        t = datetime.combine(day, time(19, 0), tz) + timedelta(minutes=float(rng.uniform(0, 90)))
        for j in range(per_day):
            li = (rotation + j) % len(levels)
            for k, mode in enumerate(rng.permutation(MODES)):
                attempt_seed = int(np.random.SeedSequence([seed, d, j, k]).generate_state(1, np.uint32)[0])
                lapse = mode == "bbf" and rng.random() < lapse_p
                delay = float(rng.uniform(*curve.lapse_delay_s)) if lapse else 0.0
                if mode == "bbf":
                    delay += curve.at(curve.bbf_thumb_s, x)
                out.append(PlannedAttempt(li, str(mode), attempt_seed, t, human, delay))
                t += timedelta(seconds=levels[li].duration_s + float(rng.uniform(15, 60)))
        rotation += per_day
    return out


def _play(level: Level, p: PlannedAttempt) -> tuple[Recording, np.ndarray]:
    rec = play_bot(level, p.seed, p.mode, p.human, p.af_on_delay_s)
    return rec.recording(), rec.frames()


def _play_star(args) -> tuple[Recording, np.ndarray]:
    return _play(*args)


def generate_history(
    history: History,
    data_dir: str | Path,
    levels: Sequence[tuple[Level, str]],
    days: int,
    end_date: date,
    tz: tzinfo,
    seed: int = 0,
    levels_per_day: int = 4,
    jobs: int | None = None,
    extra_settings: dict | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    """Play and save `days` days of practice ending on `end_date`; returns the number of attempts.

    `levels` are (level, level file hash) pairs. `jobs` processes play in parallel
    (default: the CPU count); saving stays in this process, in time order.
    """
    if not levels:
        raise ValueError("no levels to practise")
    lv = [level for level, _ in levels]
    planned = plan(lv, days, end_date, tz, seed, levels_per_day)
    jobs = max(1, jobs if jobs is not None else (os.cpu_count() or 1))
    work = [(lv[p.level_index], p) for p in planned]
    extra = {"generated": True, **(extra_settings or {})}

    def save(p: PlannedAttempt, result: tuple[Recording, np.ndarray]) -> None:
        recording, frames = result
        level, level_hash = levels[p.level_index]
        # The attempt lasts the level: the end is the start plus its length.
        ended = p.started_at + timedelta(seconds=recording.ticks / TICK_HZ)
        run = FinishedRun(level, level_hash, p.mode, p.seed, recording, frames, p.started_at, ended, extra)
        save_attempt(data_dir, history, run)

    if jobs == 1 or len(work) < 4:
        results = map(_play_star, work)
        for i, (p, result) in enumerate(zip(planned, results, strict=True)):
            save(p, result)
            if progress:
                progress(i + 1, len(planned))
    else:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for i, (p, result) in enumerate(zip(planned, pool.map(_play_star, work, chunksize=2), strict=True)):
                save(p, result)
                if progress:
                    progress(i + 1, len(planned))
    return len(planned)
