"""Sprites aimed along the lens's coming path never leave an object out longer than before.

While the lens moves, the schedule foresees which cached sprite will stand in on the
coming frames and puts back when the next one is due (`sprite_schedule`). What it
foresees must be what is shown (`stand_ins.StandIns.choose`): an object is left out
for at most `MAX_STAND_IN_FRAMES` - 1 frames in a row, and what is shown matches what it
looked like within the last `MAX_STAND_IN_FRAMES` frames, whatever the lens does.
"""

from __future__ import annotations

import random

import numpy as np
import pytest

from bbf_sim.ui.finder.blur import pixels
from bbf_sim.ui.finder.sharp_shapes import never
from bbf_sim.ui.finder.sprite_layout import SpriteKey
from bbf_sim.ui.finder.sprite_tuning import TUNING
from bbf_sim.ui.finder.sprites import Sprites
from bbf_sim.ui.finder.stand_ins import close
from tests.ui.test_sprites import (
    AMPLE_S,
    CLOSE_STAND_IN_FRAMES,
    MAX_STAND_IN_FRAMES,
    fake_clock,  # noqa: F401 (a fixture: `pytestmark`)
    make_sprites,
    shown_key,
)

pytestmark = pytest.mark.usefixtures("small_display", "fake_clock")
LOOK = TUNING.look_ahead_frames
LONGEST_LEFT_OUT = MAX_STAND_IN_FRAMES - 1  # frames in a row: the limit before sprites were aimed


def _play(
    sprites: Sprites, wants: list[tuple[int, int]], foreseen: list[int] | None, budget_s: float
) -> tuple[int, int, int]:
    """Object 0 wanted at (size step, blur level) `wants[n]` on frame n, the lens's coming path
    foreseen as the levels `foreseen` (None: not at all); (frames left out, the longest run of
    them, the most frames what was shown lagged behind what it matched)."""
    wanted: list[tuple[int, SpriteKey]] = []
    left_out = run = longest = worst_lag = 0
    for n, (step, level) in enumerate(wants):
        key = SpriteKey(0, step, level)
        ahead = None if foreseen is None else [[foreseen[min(len(foreseen) - 1, n + k)] for k in range(1, LOOK + 1)]]
        frame = sprites.frame_no + 1
        wanted.append((frame, key))
        [surf] = sprites.frame([key], budget_s=budget_s, ahead=ahead)
        if surf is None:
            left_out, run = left_out + 1, run + 1
            longest = max(longest, run)
            continue
        run = 0
        shown = shown_key(sprites, surf)
        worst_lag = max(worst_lag, frame - max(f for f, w in wanted if close(shown, w)))
    return left_out, longest, worst_lag


def test_a_close_cached_sprite_stands_in_though_a_nearer_one_is_not_close():
    """Cached: the same size 4 levels off (nearest by size and blur, but not close) and a size
    step bigger 3 levels off (close). The close one shows from the first frame, foreseen
    path or not; the one not close never puts back when the exact sprite is due.

    (Before, the schedule counted on the close one while the finder showed neither: the
    object was left out for up to `close_stand_in_frames`.)"""
    levels = [0] * MAX_STAND_IN_FRAMES + [10] * 80  # sharp a while, then a blur level 10 held
    for foreseen in (None, levels):
        sprites = make_sprites(side_px=1400)
        sprites.frame([SpriteKey(0, 50, 0)], budget_s=None)
        assert sprites.prepare([SpriteKey(0, 50, 14), SpriteKey(0, 51, 7)], AMPLE_S)
        left_out, longest, lag = _play(sprites, [(50, lv) for lv in levels], foreseen, budget_s=0.0)
        assert left_out == 0, (foreseen is not None, left_out, longest)
        assert lag < MAX_STAND_IN_FRAMES


@pytest.mark.parametrize("budget_s", [0.0, 0.0005])
def test_an_approaching_subject_through_a_pull_is_never_left_out(budget_s):
    """The subject comes nearer (a size step every third frame) while the lens pulls from sharp
    to the most blur, foreseen: it is shown on every frame, never more than the limit behind."""
    levels = [0] * 3 + [min(14, 1 + n * 2 // 3) for n in range(21)] + [14] * 30
    wants = [(50 + n // 3, level) for n, level in enumerate(levels)]
    for foreseen in (levels, [min(14, lv + 3) for lv in levels]):
        sprites = make_sprites(side_px=1400)
        sprites.frame([SpriteKey(0, 50, 0)], budget_s=None)
        left_out, _, lag = _play(sprites, wants, foreseen, budget_s)
        assert left_out == 0
        assert lag < MAX_STAND_IN_FRAMES


def test_random_walks_of_size_and_blur_keep_the_limits_foreseen_rightly_or_wrongly():
    """Random walks of the subject's size step and blur level (together, as when it approaches
    through a pull), some sprites of it cached at random beforehand, the path foreseen
    rightly, wrongly or not at all: no frame leaves it out longer than the limit, and what
    is shown is never more than the limit behind."""
    rng = random.Random(1)
    bad = []
    for trial in range(24):
        step, level, wants = 50, rng.randrange(15), []
        for _ in range(60):
            step += rng.choice((-1, 1)) if rng.random() < 0.3 else 0
            level = min(14, max(0, level + rng.choice((-2, -1, 1, 2)))) if rng.random() < 0.6 else level
            wants.append((step, level))
        truth = [lv for _, lv in wants]
        wrong = [min(14, max(0, lv + rng.choice((-3, 0, 3)))) for lv in truth]
        before = [SpriteKey(0, 50 + rng.randrange(-2, 3), rng.randrange(15)) for _ in range(rng.randrange(4))]
        budget_s = rng.choice((0.0, 0.0003))
        for name, foreseen in (("none", None), ("true", truth), ("wrong", wrong)):
            sprites = make_sprites(side_px=1400)
            sprites.frame([SpriteKey(0, *wants[0])], budget_s=None)
            assert sprites.prepare(before, AMPLE_S)
            _, longest, lag = _play(sprites, wants, foreseen, budget_s)
            if longest > LONGEST_LEFT_OUT or lag >= MAX_STAND_IN_FRAMES:
                bad.append((trial, name, budget_s, before, longest, lag))
    assert not bad, bad


def _sharp_then_planted(job_key: SpriteKey) -> tuple[Sprites, object]:
    """A 700-px square shown sharp on frame 1, and a sprite of it part-made for `job_key`."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([SpriteKey(0, 50, 0)], budget_s=None)
    planted = sprites.new_job(job_key)
    sprites.schedule.set_job(0, planted)
    return sprites, planted


def test_a_part_made_sprite_that_stands_in_only_after_it_is_due_is_dropped():
    """Frame 2 wants level 5; the sharp sprite stands in until frame 8 (the want of frame 1).
    A part-made level 12 would match the path from 10 frames on, after that: it is dropped for
    one that stands in by then."""
    sprites, planted = _sharp_then_planted(SpriteKey(0, 50, 12))
    path = [6] * 9 + [12] * (LOOK - 9)
    sprites.frame([SpriteKey(0, 50, 5)], budget_s=0.0, ahead=[path])
    assert sprites.in_making(0) is not planted and SpriteKey(0, 50, 12) not in sprites.cache


def test_a_part_made_sprite_that_stands_in_only_for_wants_gone_by_is_dropped():
    """A part-made level 1 matches frame 1's want (sharp) and none on the lens's coming path
    (levels 8 and up): it would stand in for less than a stand-in's time, and is dropped."""
    sprites, planted = _sharp_then_planted(SpriteKey(0, 50, 1))
    path = [min(14, 8 + n) for n in range(LOOK)]
    sprites.frame([SpriteKey(0, 50, 5)], budget_s=0.0, ahead=[path])
    assert sprites.in_making(0) is not planted and SpriteKey(0, 50, 1) not in sprites.cache


def test_a_part_made_sprite_that_will_stand_in_in_time_and_for_long_is_kept():
    """The same, but a part-made level 8, matching the path from its first frame on: kept."""
    sprites, planted = _sharp_then_planted(SpriteKey(0, 50, 8))
    path = [min(14, 8 + n) for n in range(LOOK)]
    sprites.frame([SpriteKey(0, 50, 5)], budget_s=0.0, ahead=[path])
    assert sprites.in_making(0) is planted or SpriteKey(0, 50, 8) in sprites.cache


def test_a_sprite_made_ahead_never_puts_the_exact_one_past_half_a_second():
    """A run of stand-ins from frame 2 (level 12 standing in for 14): the exact sprite is due
    by frame 2 + CLOSE_STAND_IN_FRAMES - 1 = 73 whatever is foreseen. On frame 60 the want
    moves to 7 (nothing close) and the path says level 12 will stand in for 24 frames more
    (to 84): what is made is still due by 73."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([SpriteKey(0, 50, 0)], budget_s=None)
    assert sprites.prepare([SpriteKey(0, 50, 12)], AMPLE_S)
    while sprites.frame_no < 59:
        [shown] = sprites.frame([SpriteKey(0, 50, 14)], budget_s=0.0)
        assert shown_key(sprites, shown) == (0, 50, 12)
    sprites.frame([SpriteKey(0, 50, 7)], budget_s=0.0, ahead=[[9] * LOOK])
    job = sprites.in_making(0)
    assert job is not None and job.due <= 2 + CLOSE_STAND_IN_FRAMES - 1, job and job.due


def test_a_shape_averaged_down_ahead_keeps_to_the_frames_spare_time():
    """A big subject shown sharp: its shape averaged down ahead (three halvings of a full-size
    drawing, a band at a time) takes several frames of a small spare budget, not one frame's
    overrun; in the end it is all made."""
    sprites = Sprites(lambda i, step: (1000, 1400), lambda i, step, surf: surf.fill((9, 9, 9, 255)), 256 << 20)
    sprites.frame([SpriteKey(0, 50, 1)], budget_s=None)
    shaped = [(0, 50, f) for f in (2, 4, 8)]
    sprites.frame([SpriteKey(0, 50, 1)], budget_s=0.001)
    assert sprites._shape_job is not None and not all(k in sprites.shapes.cache for k in shaped)
    for _ in range(20):
        sprites.frame([SpriteKey(0, 50, 1)], budget_s=0.001)
    assert all(k in sprites.shapes.cache for k in shaped)


def test_a_pull_starting_while_the_shape_is_averaged_down_ahead_draws_it_once():
    """A pull starts while the subject's shape is part-way through being averaged down ahead:
    its blurred sprite finishes that work instead of drawing the shape again beside it. It
    draws the full-size shape as often as a sprite made with nothing ahead, and is the same
    pixels."""
    draws: list[int] = []

    def near_subject() -> Sprites:
        def draw(i, step, surf):
            draws.append(i)
            surf.fill((200, 80, 40, 255), (0, 0, 1000, 1400))
            surf.fill((20, 20, 20, 255), (0, 0, 300, 1400))

        sprites = Sprites(lambda i, step: (1000, 1400), draw, 256 << 20)
        sprites.frame([SpriteKey(0, 50, 1)], budget_s=None)  # sharp: drawn at full size, no shape kept
        draws.clear()
        return sprites

    blurred = SpriteKey(0, 50, 12)
    plain = near_subject()
    assert plain.prepare([blurred], AMPLE_S)
    once = len(draws)
    sprites = near_subject()
    sprites.frame([SpriteKey(0, 50, 1)], budget_s=0.001)  # time to spare: the shape begun ahead
    assert sprites._shape_job is not None and draws
    for _ in range(40):
        sprites.frame([blurred], budget_s=0.0005, ahead=[[12] * LOOK])
    assert blurred in sprites.cache and sprites._shape_job is None
    assert len(draws) == once
    assert np.array_equal(pixels(sprites.cache.get(blurred, never)), pixels(plain.cache.get(blurred, never)))
