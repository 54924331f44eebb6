"""The unlock rule: pure functions of (tier by level, best hit rate by level)."""

import pytest

from bbf_sim.levels.progression import UNLOCK_RULES, is_unlocked, tier_statuses, unlocked_levels

TIERS = {"a1": 1, "b1": 1, "c1": 1, "a2": 2, "b2": 2, "a3": 3, "solo4": 4, "a5": 5}
PASS = UNLOCK_RULES[2].hit_rate


def test_tier_one_is_always_open():
    assert unlocked_levels(TIERS, {}) == {"a1", "b1", "c1"}


@pytest.mark.parametrize(
    ("best", "tier2_open"),
    [
        pytest.param({"a1": 1.0}, False, id="one-pass"),
        pytest.param({"a1": 1.0, "b1": PASS - 1e-9}, False, id="just-under"),
        pytest.param({"a1": 1.0, "b1": PASS}, True, id="at-the-mark"),
        pytest.param({"a1": 0.9, "b1": 0.8, "c1": 0.1}, True, id="two-of-three"),
        pytest.param({"a2": 1.0, "b2": 1.0}, False, id="passes-above-do-not-count"),
    ],
)
def test_tier_two_opens_with_two_passes_in_tier_one(best, tier2_open):
    assert is_unlocked("a2", TIERS, best) is tier2_open
    assert is_unlocked("a3", TIERS, best) is False


def test_a_tier_needs_the_tier_below_open_and_passed():
    best = {"a1": 1, "b1": 1, "a2": 1, "b2": 1, "a3": 1}
    assert unlocked_levels(TIERS, best) == {"a1", "b1", "c1", "a2", "b2", "a3", "solo4"}
    # Tier 4 needs only its single tier-3 level (needed is capped by the tier's size).
    assert is_unlocked("a5", TIERS, best | {"solo4": 0.95})
    # Passing tier 3 without tier 2 open does nothing.
    assert not is_unlocked("solo4", TIERS, {"a1": 1, "a3": 1})


def test_an_empty_tier_is_skipped():
    tiers = {"x": 1, "y": 1, "z": 3}
    assert not is_unlocked("z", tiers, {"x": 1})
    assert is_unlocked("z", tiers, {"x": 1, "y": 1})


def test_statuses_explain_what_opens_a_locked_tier():
    statuses = tier_statuses(TIERS, {"a1": 0.7})
    assert [s.tier for s in statuses] == [1, 2, 3, 4, 5]
    assert statuses[0].unlocked and statuses[0].passed == ("a1",) and statuses[0].hint == ""
    assert not statuses[1].unlocked and "2 of the tier-1 levels (1 so far)" in statuses[1].hint
    assert "tier 2 is still locked" in statuses[2].hint


def test_the_functions_do_not_change_their_arguments():
    tiers, best = dict(TIERS), {"a1": 1.0}
    unlocked_levels(tiers, best)
    tier_statuses(tiers, best)
    assert tiers == TIERS and best == {"a1": 1.0}
