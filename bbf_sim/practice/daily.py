"""The daily practice playlist and the streak: pure functions of history and today's date.

The date is passed in (never read from a clock here), so the same history and the
same day always give the same plan, and tests can pin both.

The playlist is a short warm-up of `PLAYLIST_LENGTH` levels, all in back-button mode
(the habit being built), chosen from attempts *before* today so it stays the same
all day; today's attempts only tick items off:

| slot | chosen as |
|---|---|
| weakest | the level with the lowest recent back-button hit rate |
| habit | where a habit (AF-ON forgotten, refocus) costs most frames lately, beyond the player's best there |
| fresh | a level never played in back-button mode (easiest first), else the one practised longest ago |

A slot with no candidate (or whose level is already in the list) falls through to
the next weakest level not yet mastered, then the next unplayed one, then the rest,
so the list is as long as it can be.

The streak counts consecutive days with at least one attempt, up to today; a day
not practised yet does not break it until it is over.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from bbf_sim.core.lessons import HABITS, habit_note
from bbf_sim.practice.stats import RECENT_ATTEMPTS, AttemptPoint, habit_counts

PLAYLIST_LENGTH = 3
MASTERED_HIT_RATE = 0.9  # a level at or above this recent hit rate fills the list only after new levels
DRILL_MODE = "bbf"


@dataclass(frozen=True)
class LevelInfo:
    """What the playlist needs to know about a level."""

    id: str
    difficulty: int = 1
    title: str = ""
    lesson: str = ""  # the level's declared lesson (`Level.taught_lesson`): the habit slot's words follow it
    stand_in: str = ""  # what a pre-focus lesson focuses on (`bot.focus_on`)


@dataclass(frozen=True)
class PlaylistItem:
    level_id: str
    mode: str
    slot: str  # "weakest", "habit", "fresh"
    reason: str
    done: bool = False  # played today in this mode
    done_note: str = ""  # what was done today, e.g. "done: 2 attempts today, best 80 %"


@dataclass(frozen=True)
class DailyPlan:
    today: date
    streak_days: int
    practised_today: bool
    items: list[PlaylistItem] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "today": self.today.isoformat(),
            "streak_days": self.streak_days,
            "practised_today": self.practised_today,
            "items": [item.__dict__ for item in self.items],
        }


def streak(days_practised: set[date], today: date) -> int:
    """Consecutive days practised ending today, or yesterday if today has no attempt yet."""
    day = today if today in days_practised else today - timedelta(days=1)
    n = 0
    while day in days_practised:
        n += 1
        day -= timedelta(days=1)
    return n


def _recent_rate(pts: Sequence[AttemptPoint]) -> float | None:
    rates = [p.hit_rate for p in pts if p.hit_rate is not None][-RECENT_ATTEMPTS:]
    return sum(rates) / len(rates) if rates else None


def done_words(today_pts: Sequence[AttemptPoint]) -> str:
    """What a ticked item says was done today: attempts and the best hit rate ('' when nothing)."""
    if not today_pts:
        return ""
    rates = [p.hit_rate for p in today_pts if p.completed and p.hit_rate is not None]
    if not rates:
        return f"started today ({len(today_pts)} ended early)"
    best = max(rates)
    n = len(rates)
    return f"done: {n} attempt{'s' * (n != 1)} today, best {100 * best:.0f} %"


def daily_plan(pts: Sequence[AttemptPoint], levels: Sequence[LevelInfo], today: date) -> DailyPlan:
    """Today's warm-up and streak, from attempt points (any order) and the levels on offer."""
    days = {p.day for p in pts if p.day <= today}  # an abandoned attempt is practice too
    # Rates and habits only from attempts played to the end (see `stats`).
    before = sorted((p for p in pts if p.day < today and p.completed), key=lambda p: (p.started_at, p.id))
    known = {lv.id: lv for lv in levels}
    drill = [p for p in before if p.mode == DRILL_MODE and p.level_id in known]
    by_level: dict[str, list[AttemptPoint]] = {}
    for p in drill:
        by_level.setdefault(p.level_id, []).append(p)

    # Weakest first; ties by the easier level, then id, so the order is stable.
    rate_of = {lv: rate for lv, ps in by_level.items() if (rate := _recent_rate(ps)) is not None}
    weakest = sorted(rate_of, key=lambda lv: (rate_of[lv], known[lv].difficulty, lv))

    chosen: list[PlaylistItem] = []

    def take(level_id: str, slot: str, reason: str) -> bool:
        if any(c.level_id == level_id for c in chosen) or len(chosen) >= PLAYLIST_LENGTH:
            return False
        chosen.append(PlaylistItem(level_id, DRILL_MODE, slot, reason))
        return True

    if weakest:
        rate = rate_of[weakest[0]]
        take(weakest[0], "weakest", f"your weakest level: {100 * rate:.0f} % recent hit rate in back-button mode")

    # The habit slot: the habit with most excess frames per recent attempt, at its worst level.
    # Excess over the player's own best attempt there: a count the player makes every time is
    # the level as they can play it today, not a slip. The words are the results screen's,
    # judged against the level's lesson (`core.lessons.habit_note`). A count history marks as
    # not comparable (kept under an older rule) is left out.
    worst: tuple[float, str, str] | None = None
    for lv, ps in sorted(by_level.items()):
        for habit in HABITS:
            counts = habit_counts(ps, habit)
            if not counts:
                continue
            recent = counts[-RECENT_ATTEMPTS:]
            per = sum(c - min(counts) for c in recent) / len(recent)
            if per > 0 and (worst is None or per > worst[0]):
                worst = (per, lv, habit)
    if worst is not None:
        per, lv, habit = worst
        info = known[lv]
        what, tip = habit_note(habit, DRILL_MODE, info.lesson, info.stand_in)
        take(lv, "habit", f"{tip[0].upper()}{tip[1:]} ({what}: {per:.1f} a try)")

    never = sorted((info for info in levels if info.id not in by_level), key=lambda info: (info.difficulty, info.id))
    fresh_done = False
    for info in never:
        if take(info.id, "fresh", "not yet played in back-button mode"):
            fresh_done = True
            break
    if not fresh_done and by_level:
        last_played = sorted(by_level, key=lambda lv: (by_level[lv][-1].started_at, lv))
        for lv in last_played:
            if take(lv, "fresh", f"not practised since {by_level[lv][-1].day.isoformat()}"):
                break

    # Fill up: levels not yet mastered, then new ones (easiest first), then the rest to keep sharp.
    for lv in weakest:
        if rate_of[lv] < MASTERED_HIT_RATE:
            take(lv, "weakest", f"{100 * rate_of[lv]:.0f} % recent hit rate in back-button mode")
    for info in never:
        take(info.id, "fresh", "not yet played in back-button mode")
    for lv in weakest:
        take(lv, "weakest", f"keep it sharp: {100 * rate_of[lv]:.0f} % recent hit rate in back-button mode")

    played_today = {(p.level_id, p.mode) for p in pts if p.day == today}
    items = [
        PlaylistItem(
            c.level_id,
            c.mode,
            c.slot,
            c.reason,
            (c.level_id, c.mode) in played_today,
            done_words([p for p in pts if p.day == today and (p.level_id, p.mode) == (c.level_id, c.mode)]),
        )
        for c in chosen
    ]
    return DailyPlan(today=today, streak_days=streak(days, today), practised_today=today in days, items=items)
