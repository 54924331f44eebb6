"""Stats numbers on a small hand-made history, and the daily playlist and streak on fixed dates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from bbf_sim.persistence.records import StoredAttempt
from bbf_sim.practice.daily import LevelInfo, daily_plan, streak
from bbf_sim.practice.stats import day_series, level_stats, overall_by_mode, points

DAY0 = datetime(2026, 3, 1, 18, 0, tzinfo=UTC)


def attempt(i, level="portrait", mode="bbf", day=0, frames=4, hits=2, first=None, no_af=0, refocus=0, minute=0):
    return StoredAttempt(
        id=i,
        level_id=level,
        mode=mode,
        level_hash="h",
        settings={},
        seed=i,
        started_at=DAY0 + timedelta(days=day, minutes=minute or i),
        ended_at=DAY0 + timedelta(days=day, minutes=(minute or i) + 1),
        summary={
            "frames": frames,
            "hits": hits,
            "hit_rate": hits / frames if frames else 0.0,
            "first_sharp_s": first,
            "fired_without_af": no_af,
            "refocus_after_recompose": refocus,
        },
        replay_path=None,
    )


# Seven back-button attempts at one level over three days, getting better.
HISTORY = [
    attempt(1, day=0, hits=1, first=2.0, no_af=3),
    attempt(2, day=0, hits=2, first=1.5, no_af=2),
    attempt(3, day=1, hits=2, first=1.0, no_af=1),
    attempt(4, day=1, hits=3, first=0.9, no_af=0),
    attempt(5, day=2, hits=4, first=0.8, no_af=0),
    attempt(6, day=2, frames=0, hits=0, first=None, no_af=0),  # no frame fired: no hit rate
    attempt(7, day=2, hits=4, first=0.7, no_af=0),
    attempt(8, mode="shutter", day=2, hits=1, first=1.2, refocus=3),
]


def test_per_level_and_mode_numbers():
    pts = points(HISTORY, UTC)
    stats = level_stats(pts)
    assert [(s.level_id, s.mode) for s in stats] == [("portrait", "shutter"), ("portrait", "bbf")]
    bbf = stats[1]
    assert bbf.attempts == 7
    assert (bbf.frames, bbf.hits) == (24, 16)
    assert bbf.best_hit_rate == 1.0
    # Six attempts with a rate (a6 fired nothing): early and recent are the halves.
    assert bbf.early_hit_rate == pytest.approx((0.25 + 0.5 + 0.5) / 3)
    assert bbf.recent_hit_rate == pytest.approx((0.75 + 1.0 + 1.0) / 3)
    # Moving average over five attempts, skipping the one with no frames.
    assert [t.moving_average for t in bbf.trend][:3] == pytest.approx([0.25, 0.375, 5 / 12])
    assert bbf.trend[5].hit_rate is None and bbf.trend[5].moving_average == pytest.approx((0.5 + 0.5 + 0.75 + 1) / 4)
    # First sharp frame: 0.7, 0.8, 0.9, 1.0, 1.5, 2.0 → median 0.95, quartiles (inclusive) 0.825 and 1.375.
    assert bbf.first_sharp_n == 6
    assert bbf.first_sharp_median_s == pytest.approx(0.95)
    assert (bbf.first_sharp_p25_s, bbf.first_sharp_p75_s) == pytest.approx((0.825, 1.375))
    habit = bbf.habits["fired_without_af"]
    assert habit.total == 6
    # Seven attempts: the first three against the last three.
    assert habit.early_per_attempt == pytest.approx(2.0)
    assert habit.recent_per_attempt == 0.0
    assert habit.direction == "down"
    assert stats[0].habits["refocus_after_recompose"].direction == "flat"


def test_day_series_and_time_zone():
    pts = points(HISTORY, UTC)
    days = day_series([p for p in pts if p.mode == "bbf"])
    assert [d.day for d in days] == [date(2026, 3, 1), date(2026, 3, 2), date(2026, 3, 3)]
    assert days[0].hit_rate == pytest.approx(0.375)
    assert days[0].first_sharp_median_s == pytest.approx(1.75)
    assert days[2].attempts == 3 and days[2].hit_rate == 1.0  # the attempt with no frames has no rate
    assert days[0].fired_without_af_per_attempt == 2.5
    # Seven hours east, 18:00 UTC is the next day already.
    from datetime import timezone

    east = points(HISTORY, timezone(timedelta(hours=7)))
    assert east[0].day == date(2026, 3, 2)
    assert set(overall_by_mode(pts)) == {"shutter", "bbf"}
    assert level_stats(pts, "nope") == []


def test_streak_counts_consecutive_days():
    d = date(2026, 3, 10)
    practised = {d - timedelta(days=k) for k in (0, 1, 2, 4)}
    assert streak(practised, d) == 3
    # Not practised yet today: yesterday's streak still stands until the day is over.
    assert streak(practised - {d}, d) == 2
    assert streak(practised, d + timedelta(days=2)) == 0
    assert streak(set(), d) == 0


LEVELS = [LevelInfo("portrait", 1), LevelInfo("sports", 3), LevelInfo("reflex", 1), LevelInfo("bird", 4)]


def test_daily_plan_weakest_habit_and_fresh():
    hist = [
        attempt(1, level="portrait", day=0, hits=4),
        attempt(2, level="sports", day=0, hits=1, no_af=2),
        attempt(3, level="bird", day=1, hits=3),
        attempt(4, level="bird", day=1, hits=3, no_af=1),
    ]
    today = date(2026, 3, 3)
    plan = daily_plan(points(hist, UTC), LEVELS, today)
    assert plan.streak_days == 2 and not plan.practised_today
    assert [(i.level_id, i.slot) for i in plan.items] == [
        ("sports", "weakest"),  # 25 %
        ("bird", "habit"),  # 0.5 a try beyond its best; sports' 2 are its only try, so no excess yet
        ("reflex", "fresh"),  # never played, easiest
    ]
    assert all(i.mode == "bbf" and not i.done for i in plan.items)
    assert "25 %" in plan.items[0].reason


def test_daily_plan_is_fixed_for_the_day_and_ticks_off_todays_attempts():
    hist = [attempt(1, level="portrait", day=0, hits=1), attempt(2, level="sports", day=0, hits=4)]
    today = date(2026, 3, 2)
    before = daily_plan(points(hist, UTC), LEVELS, today)
    # Today the player plays the weakest level and aces it: the list stays, the item is ticked.
    later = daily_plan(points([*hist, attempt(3, level="portrait", day=1, hits=4)], UTC), LEVELS, today)
    assert [i.level_id for i in later.items] == [i.level_id for i in before.items]
    assert [i.done for i in later.items] == [True, False, False]
    assert later.practised_today and later.streak_days == 2


def test_habit_a_level_needs_by_design_is_not_a_habit_to_fix():
    # Trap focus fires without AF on purpose: the same count every time is the level, not the player.
    hist = [attempt(i, level="sports", day=0, hits=4, no_af=18) for i in range(1, 4)]
    plan = daily_plan(points(hist, UTC), LEVELS, date(2026, 3, 2))
    assert "habit" not in [i.slot for i in plan.items]


def test_daily_plan_with_no_history_starts_with_the_easiest_levels():
    plan = daily_plan([], LEVELS, date(2026, 3, 2))
    assert plan.streak_days == 0
    assert [i.level_id for i in plan.items] == ["portrait", "reflex", "sports"]  # the easiest first
    assert plan.to_dict()["items"][0]["slot"] == "fresh"


def test_the_habit_slot_speaks_the_levels_lesson_in_the_results_screens_words():
    """The same counts on a trap-focus level and on a portrait: the words follow each level's lesson,
    and they are the results screen's (`core.lessons.habit_note`), not a second wording."""
    from bbf_sim.core.lessons import habit_note

    trap = LevelInfo("trap-focus", 2, lesson="trap-focus", stand_in="wing post")
    portrait = LevelInfo("portrait", 1, lesson="focus-and-recompose")
    for info in (trap, portrait):
        hist = [attempt(1, level=info.id, day=0, hits=4), attempt(2, level=info.id, day=0, hits=3, no_af=3)]
        hist.append(attempt(3, level="bird", day=0, hits=0))  # the weakest slot's level
        plan = daily_plan(points(hist, UTC), [info, LevelInfo("bird", 4)], date(2026, 3, 2))
        (item,) = [i for i in plan.items if i.slot == "habit"]
        what, tip = habit_note("fired_without_af", "bbf", info.lesson, info.stand_in)
        # (0 + 3) / 2 attempts beyond the best, 0: the tip first (the stats screen shows two lines).
        assert item.reason == f"{tip[0].upper()}{tip[1:]} ({what}: 1.5 a try)"
    assert "wing post" in habit_note("fired_without_af", "bbf", "trap-focus", "wing post")[1]
    assert "wait for the dot" in habit_note("fired_without_af", "bbf", "focus-and-recompose")[1]
