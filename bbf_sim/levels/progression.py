"""Which levels a player has unlocked: the tiers, the unlock rule as data, and pure functions.

Every level has a difficulty tier (1–5, `difficulty` in its file). Tier 1 is always
open, so a beginner starts with still subjects, as the article advises. A later tier
opens when the tier below it is open and the player has *passed* enough of its levels,
where passing a level means a best hit rate at or above the rule's threshold:

| tier | opens when | hit rate that passes a level |
|---|---|---|
| 1 | always | — |
| 2 | 2 levels of tier 1 passed | 60 % |
| 3 | 2 levels of tier 2 passed | 60 % |
| 4 | 2 levels of tier 3 passed | 60 % |
| 5 | 2 levels of tier 4 passed | 60 % |

"Enough" is capped by how many levels the tier below has (a tier of one level needs
that one), and an empty tier is skipped: the rule then looks further down. The hit
rate is the player's best in either mapping (the level-select screen passes whichever
its history holds). These functions only read their arguments: the level-select
screen, the CLI and the tests call them with plain dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

FIRST_TIER = 1


@dataclass(frozen=True)
class TierRule:
    """What opens a tier: `levels_needed` levels of the tier below at `hit_rate` or better."""

    tier: int
    levels_needed: int
    hit_rate: float


UNLOCK_RULES: dict[int, TierRule] = {t: TierRule(t, levels_needed=2, hit_rate=0.6) for t in range(2, 6)}


@dataclass(frozen=True)
class TierStatus:
    """One tier as the level-select screen shows it."""

    tier: int
    level_ids: tuple[str, ...]
    unlocked: bool
    passed: tuple[str, ...]  # levels of this tier at or above the next tier's pass mark
    hint: str  # what opens it, or "" when open


def tiers_of(levels: Iterable) -> dict[str, int]:
    """id → tier for `Level` objects (or anything with `id` and `difficulty`)."""
    return {lv.id: lv.difficulty for lv in levels}


def _passed(ids: Iterable[str], best: Mapping[str, float], hit_rate: float) -> tuple[str, ...]:
    return tuple(i for i in ids if best.get(i, 0.0) >= hit_rate)


def tier_statuses(tiers: Mapping[str, int], best_hit_rates: Mapping[str, float]) -> list[TierStatus]:
    """Every tier that has levels, lowest first, with whether it is open and why not."""
    by_tier: dict[int, list[str]] = {}
    for level_id, tier in tiers.items():
        by_tier.setdefault(tier, []).append(level_id)
    out: list[TierStatus] = []
    below: TierStatus | None = None
    for tier in sorted(by_tier):
        ids = tuple(sorted(by_tier[tier]))
        rule = UNLOCK_RULES.get(tier)
        if below is None or rule is None:
            unlocked, hint = True, ""  # the lowest tier (and any tier without a rule) is open
        else:
            passed_below = _passed(below.level_ids, best_hit_rates, rule.hit_rate)
            needed = min(rule.levels_needed, len(below.level_ids))
            unlocked = below.unlocked and len(passed_below) >= needed
            hint = (
                ""
                if unlocked
                else f"reach {rule.hit_rate:.0%} on {needed} of the tier-{below.tier} levels "
                f"({len(passed_below)} so far)" + ("" if below.unlocked else f"; tier {below.tier} is still locked")
            )
        next_rule = UNLOCK_RULES.get(tier + 1)
        mark = next_rule.hit_rate if next_rule else UNLOCK_RULES[max(UNLOCK_RULES)].hit_rate
        status = TierStatus(tier, ids, unlocked, _passed(ids, best_hit_rates, mark), hint)
        out.append(status)
        below = status
    return out


def unlocked_levels(tiers: Mapping[str, int], best_hit_rates: Mapping[str, float]) -> set[str]:
    """The ids of the levels the player may play, given their best hit rates (0..1) by id."""
    return {i for s in tier_statuses(tiers, best_hit_rates) if s.unlocked for i in s.level_ids}


def is_unlocked(level_id: str, tiers: Mapping[str, int], best_hit_rates: Mapping[str, float]) -> bool:
    return level_id in unlocked_levels(tiers, best_hit_rates)
