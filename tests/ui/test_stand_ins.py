"""Which cached variant stands in for a sprite: the nearest close one, whatever the cache did.

`StandIns` remembers its answers and each object's cached variants between frames; these
tests hold its answers to a reference worked out afresh from what the cache holds, as
sprites are added and the cache, full, pushes the oldest out.
"""

from __future__ import annotations

import random

import pygame
import pytest

from bbf_sim.ui.finder.blur import BlurCache
from bbf_sim.ui.finder.sprite_layout import SpriteKey
from bbf_sim.ui.finder.sprite_tuning import TUNING
from bbf_sim.ui.finder.stand_ins import StandIns

SIDE_PX = 8
SPRITE_BYTES = SIDE_PX * SIDE_PX * 4


def add(cache: BlurCache, stand_ins: StandIns, key: SpriteKey, side_px: int = SIDE_PX) -> None:
    """`key` made and stored as `Sprites._store` does: cached, then told to the stand-ins."""
    cache.get(key, lambda: pygame.Surface((side_px, side_px), pygame.SRCALPHA, 32))
    stand_ins.added(key)


def reference_best(cache: BlurCache, key: SpriteKey) -> SpriteKey | None:
    """The rule written out: of the object's sprites in the cache, a close one first
    (within `max_stand_in_steps` sizes and `max_stand_in_levels` levels), then the nearest
    (a size step counting as two levels), then the smaller, then the sharper."""
    mine = [k for k in list(cache._items) if k[0] == key[0]]
    if not mine:
        return None

    def rank(k):
        d_step, d_level = abs(k[1] - key[1]), abs(k[2] - key[2])
        far = d_step > TUNING.max_stand_in_steps or d_level > TUNING.max_stand_in_levels
        return (far, d_step * 2 + d_level, k[1], k[2])

    return SpriteKey(*min(mine, key=rank))


def test_a_sprite_pushed_out_of_the_cache_stands_in_no_more():
    cache = BlurCache(3 * SPRITE_BYTES)
    stand_ins = StandIns(cache)
    add(cache, stand_ins, SpriteKey(1, 20, 5))
    add(cache, stand_ins, SpriteKey(1, 20, 2))
    want = SpriteKey(1, 20, 6)
    assert stand_ins.best(want) == SpriteKey(1, 20, 5)  # remembered now
    add(cache, stand_ins, SpriteKey(2, 10, 0))
    add(cache, stand_ins, SpriteKey(3, 10, 0))  # the cache is full: (1, 20, 5), the oldest, goes
    assert SpriteKey(1, 20, 5) not in cache
    assert stand_ins.best(want) == SpriteKey(1, 20, 2)
    assert stand_ins.cached(want) == [SpriteKey(1, 20, 2)]
    add(cache, stand_ins, SpriteKey(4, 10, 0))  # and then (1, 20, 2): nothing of object 1 is left
    assert stand_ins.best(want) is None
    assert stand_ins.near(want) is None


def test_of_two_variants_as_near_the_same_one_stands_in_whatever_order_they_were_made():
    want = SpriteKey(7, 30, 4)
    # Each pair is as near the want as the other (a size step counts as two levels).
    for a, b in [((30, 1), (30, 7)), ((29, 4), (31, 4)), ((29, 5), (30, 2)), ((31, 3), (30, 6))]:
        chosen = set()
        for first, second in [(a, b), (b, a)]:
            cache = BlurCache(10 * SPRITE_BYTES)
            stand_ins = StandIns(cache)
            add(cache, stand_ins, SpriteKey(7, *first))
            add(cache, stand_ins, SpriteKey(7, *second))
            chosen.add(stand_ins.best(want))
        assert chosen == {reference_best(cache, want)}


@pytest.mark.parametrize("seed", range(6))
def test_the_remembered_answers_follow_the_cache_as_sprites_come_and_go(seed):
    rng = random.Random(seed)
    cache = BlurCache(12 * SPRITE_BYTES)
    stand_ins = StandIns(cache)
    pushed_out = pushed_out_several = clears = 0
    for _ in range(600):
        r = rng.random()
        if r < 0.01:
            cache.clear()  # as a resize or a memory reset does; sprites are then made again
            clears += 1
        elif r < 0.3:
            before = len(cache)
            # Mostly small sprites, some big: a 16 px one takes 4 small ones' memory and a
            # 24 px one 9, so one add may push several out.
            side_px = rng.choice((SIDE_PX,) * 6 + (2 * SIDE_PX, 3 * SIDE_PX))
            key = SpriteKey(rng.randrange(3), rng.randrange(18, 23), rng.randrange(0, 12))
            add(cache, stand_ins, key, side_px)
            pushed_out += len(cache) <= before
            pushed_out_several += len(cache) < before
        want = SpriteKey(rng.randrange(3), rng.randrange(16, 25), rng.randrange(0, 14))
        assert stand_ins.best(want) == reference_best(cache, want)
        assert sorted(stand_ins.cached(want)) == sorted(SpriteKey(*k) for k in cache._items if k[0] == want[0])
    assert pushed_out > 50  # the cache was full most of the time
    assert pushed_out_several > 5  # and big sprites pushed several out at once
    assert clears > 0


def test_a_sprite_made_again_after_the_cache_is_cleared_stands_in():
    cache = BlurCache(10 * SPRITE_BYTES)
    stand_ins = StandIns(cache)
    key = SpriteKey(1, 20, 5)
    add(cache, stand_ins, key)
    cache.clear()  # as a resize or a memory reset does
    add(cache, stand_ins, key)  # the same sprite made again before anything asked
    want = SpriteKey(1, 20, 6)
    assert key in cache
    assert stand_ins.cached(want) == [key]
    assert stand_ins.best(want) == key
    stand_ins.remember(want, 1)
    assert stand_ins.choose(want, 1) == key


def test_a_cache_has_one_stand_ins_to_tell_what_it_pushed_out():
    cache = BlurCache(10 * SPRITE_BYTES)
    StandIns(cache)
    # A second would take the list of pushed-out keys from the first, leaving it blind.
    with pytest.raises(ValueError, match="already"):
        StandIns(cache)
