"""Practice statistics per level and mapping, from the attempts in history.

Everything is a pure function of the attempts and a time zone (which decides what
"a day" is for the player); nothing reads the clock or the database itself.

| number | definition |
|---|---|
| hit rate of an attempt | hits / frames; an attempt with no frame fired has none and is left out of rates |
| best | the best attempt's hit rate |
| early, recent | mean hit rate of the first and the last `RECENT_ATTEMPTS` attempts (too few: halves) |
| moving average | per attempt, the mean hit rate of it and the `WINDOW_ATTEMPTS − 1` before it |
| first sharp | seconds from the target's appearance to the first hit; median and the 25–75 % spread |
| habits | frames fired without AF, frames refocused off the target: per attempt, early against recent, as above |
| a day | per mapping: mean hit rate of the day's attempts, median first sharp, habits per attempt |
| abandoned | attempts ended early (quit from the pause screen): counted, and left out of every number above |

An abandoned attempt has fewer frames than its level asks for, so its hit rate and
habit counts are not comparable with a finished one's; it still counts as practice
for the streak.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime, tzinfo
from typing import Any

from bbf_sim.persistence.records import MODES, StoredAttempt
from bbf_sim.practice.stored import StoredSummary

RECENT_ATTEMPTS = 5
WINDOW_ATTEMPTS = 5
HABITS = ("fired_without_af", "refocus_after_recompose")


@dataclass(frozen=True)
class AttemptPoint:
    """The numbers stats need from one stored attempt."""

    id: int
    level_id: str
    mode: str
    started_at: datetime
    day: date  # the player's local date
    frames: int
    hits: int
    hit_rate: float | None  # None when no frame was fired
    first_sharp_s: float | None
    fired_without_af: int
    refocus_after_recompose: int
    generated: bool = False
    completed: bool = True  # False: ended early, left out of rates and habits
    fired_without_af_comparable: bool = True  # False: an old rule's count, left out of that habit's trends


def points(attempts: Iterable[StoredAttempt], tz: tzinfo) -> list[AttemptPoint]:
    """History's attempts as stats points, oldest first; `tz` decides each one's day."""
    out = []
    for a in attempts:
        s = StoredSummary.of(a.summary)
        out.append(
            AttemptPoint(
                id=a.id,
                level_id=a.level_id,
                mode=a.mode,
                started_at=a.started_at,
                day=a.started_at.astimezone(tz).date(),
                frames=s.frames,
                hits=s.hits,
                hit_rate=s.hit_rate,
                first_sharp_s=s.first_sharp_s,
                fired_without_af=s.fired_without_af,
                refocus_after_recompose=s.refocus_after_recompose,
                generated=bool(a.settings.get("generated", False)),
                completed=bool(getattr(a, "completed", True)),
                fired_without_af_comparable=s.fired_without_af_comparable,
            )
        )
    out.sort(key=lambda p: (p.started_at, p.id))
    return out


@dataclass(frozen=True)
class HabitTrend:
    total: int
    early_per_attempt: float  # mean over the first RECENT_ATTEMPTS attempts (fewer: the first half)
    recent_per_attempt: float  # mean over the last ones

    @property
    def direction(self) -> str:
        if self.recent_per_attempt < self.early_per_attempt:
            return "down"
        if self.recent_per_attempt > self.early_per_attempt:
            return "up"
        return "flat"


@dataclass(frozen=True)
class DayPoint:
    day: date
    attempts: int
    hit_rate: float | None  # mean of the day's attempts' hit rates
    first_sharp_median_s: float | None
    fired_without_af_per_attempt: float
    refocus_per_attempt: float


@dataclass(frozen=True)
class TrendPoint:
    attempt_id: int
    started_at: datetime
    hit_rate: float | None
    moving_average: float | None


@dataclass(frozen=True)
class ModeStats:
    """One level in one mapping (or all levels together, level_id "*")."""

    level_id: str
    mode: str
    attempts: int  # completed ones: every number below is over these
    abandoned: int  # ended early, not in any number
    frames: int
    hits: int
    best_hit_rate: float | None
    early_hit_rate: float | None
    recent_hit_rate: float | None
    first_sharp_n: int
    first_sharp_median_s: float | None
    first_sharp_p25_s: float | None
    first_sharp_p75_s: float | None
    habits: dict[str, HabitTrend]
    trend: list[TrendPoint]
    days: list[DayPoint]

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        for h, trend in self.habits.items():
            d["habits"][h]["direction"] = trend.direction
        for p in d["trend"]:
            p["started_at"] = p["started_at"].isoformat()
        for p in d["days"]:
            p["day"] = p["day"].isoformat()
        return d


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _quartiles(values: Sequence[float]) -> tuple[float | None, float | None, float | None]:
    if not values:
        return None, None, None
    if len(values) == 1:
        return values[0], values[0], values[0]
    # "inclusive": the quartiles of the values themselves (numpy's default, linear).
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def _ends(n: int) -> int:
    """How many attempts make "early" and "recent": RECENT_ATTEMPTS, or half of fewer than twice that."""
    return min(RECENT_ATTEMPTS, max(1, n // 2))


def habit_counts(pts: Iterable[AttemptPoint], name: str) -> list[int]:
    """The habit's count of each attempt whose count can be compared (an old rule's count cannot)."""
    return [getattr(p, name) for p in pts if name != "fired_without_af" or p.fired_without_af_comparable]


def _habit(pts: Sequence[AttemptPoint], name: str) -> HabitTrend:
    counts = habit_counts(pts, name)
    k = _ends(len(counts))
    return HabitTrend(
        total=sum(counts),
        early_per_attempt=_mean(counts[:k]) or 0.0,
        recent_per_attempt=_mean(counts[-k:]) or 0.0,
    )


def day_series(pts: Sequence[AttemptPoint]) -> list[DayPoint]:
    """One point per day with completed attempts, in date order."""
    by_day: dict[date, list[AttemptPoint]] = {}
    for p in completed(pts):
        by_day.setdefault(p.day, []).append(p)
    out = []
    for day in sorted(by_day):
        ps = by_day[day]
        sharp = [p.first_sharp_s for p in ps if p.first_sharp_s is not None]
        out.append(
            DayPoint(
                day=day,
                attempts=len(ps),
                hit_rate=_mean([p.hit_rate for p in ps if p.hit_rate is not None]),
                first_sharp_median_s=statistics.median(sharp) if sharp else None,
                fired_without_af_per_attempt=_mean(habit_counts(ps, "fired_without_af")) or 0.0,
                refocus_per_attempt=_mean([p.refocus_after_recompose for p in ps]) or 0.0,
            )
        )
    return out


def completed(pts: Iterable[AttemptPoint]) -> list[AttemptPoint]:
    """The attempts played to the end (the ones rates and habits are measured on)."""
    return [p for p in pts if p.completed]


def mode_stats(level_id: str, mode: str, pts: Sequence[AttemptPoint]) -> ModeStats:
    """The stats of one group of attempts (oldest first); abandoned ones are only counted."""
    abandoned = len(pts) - len(pts := completed(pts))
    rates = [p.hit_rate for p in pts if p.hit_rate is not None]
    trend = []
    for i, p in enumerate(pts):
        window = [q.hit_rate for q in pts[max(0, i - WINDOW_ATTEMPTS + 1) : i + 1] if q.hit_rate is not None]
        trend.append(TrendPoint(p.id, p.started_at, p.hit_rate, _mean(window)))
    sharp = [p.first_sharp_s for p in pts if p.first_sharp_s is not None]
    q1, q2, q3 = _quartiles(sharp)
    return ModeStats(
        level_id=level_id,
        mode=mode,
        attempts=len(pts),
        abandoned=abandoned,
        frames=sum(p.frames for p in pts),
        hits=sum(p.hits for p in pts),
        best_hit_rate=max(rates) if rates else None,
        early_hit_rate=_mean(rates[: _ends(len(rates))]),
        recent_hit_rate=_mean(rates[-_ends(len(rates)) :]) if rates else None,
        first_sharp_n=len(sharp),
        first_sharp_median_s=q2,
        first_sharp_p25_s=q1,
        first_sharp_p75_s=q3,
        habits={h: _habit(pts, h) for h in HABITS},
        trend=trend,
        days=day_series(pts),
    )


def level_stats(pts: Sequence[AttemptPoint], level_id: str | None = None) -> list[ModeStats]:
    """Per level (sorted by id) and mapping (shutter, then bbf), for the levels with attempts."""
    groups: dict[tuple[str, str], list[AttemptPoint]] = {}
    for p in pts:
        if level_id is None or p.level_id == level_id:
            groups.setdefault((p.level_id, p.mode), []).append(p)
    order = {m: i for i, m in enumerate(MODES)}
    keys = sorted(groups, key=lambda k: (k[0], order.get(k[1], len(order)), k[1]))
    return [mode_stats(lv, m, groups[(lv, m)]) for lv, m in keys]


def overall_by_mode(pts: Sequence[AttemptPoint], level_id: str | None = None) -> dict[str, list[DayPoint]]:
    """Per mapping, one point per day over every level (or one): the chart's data."""
    out: dict[str, list[DayPoint]] = {}
    for mode in MODES:
        sel = [p for p in pts if p.mode == mode and (level_id is None or p.level_id == level_id)]
        if sel:
            out[mode] = day_series(sel)
    return out
