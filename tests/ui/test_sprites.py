"""Sprites are made over frames, but what is shown is never more than a few frames behind.

A viewfinder frame may show a cached variant of an object in place of a sprite still
being made, if it is close (a few sizes and blur levels off) to what the object looked
like in one of the last `MAX_STAND_IN_FRAMES` frames: an electronic finder's lag, never
more. An object nothing is cached for yet may be left out for as long. These hold
however little time a frame gives, through a focus pull too.
"""

from __future__ import annotations

import time

import numpy as np
import pygame
import pytest

from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX, pixels
from bbf_sim.ui.finder.sharp_shapes import SharpShapes
from bbf_sim.ui.finder.sprite_job import SpriteJob, job_steps
from bbf_sim.ui.finder.sprite_layout import SpriteKey
from bbf_sim.ui.finder.sprite_tuning import TUNING
from bbf_sim.ui.finder.sprites import Sprites
from bbf_sim.ui.finder.stand_ins import close

MAX_STAND_IN_FRAMES = TUNING.max_stand_in_frames
MAX_STAND_IN_LEVELS = TUNING.max_stand_in_levels
CLOSE_STAND_IN_FRAMES = TUNING.close_stand_in_frames
AMPLE_S = 10.0  # a frame's budget no machine needs all of for one sprite: "given time"


@pytest.fixture
def fake_clock(monkeypatch):
    """`time.perf_counter` advancing a fixed 0.1 ms each time it is read, so how much work
    fits a budget is the same on any machine, however busy."""
    now = [0.0]

    def perf_counter() -> float:
        now[0] += 1e-4
        return now[0]

    monkeypatch.setattr(time, "perf_counter", perf_counter)


pytestmark = pytest.mark.usefixtures("small_display")


def make_sprites(side_px: int = 900) -> Sprites:
    """Sprites of a plain block; size steps are ignored, every shape is `side_px` / 2 square."""

    def shape_px(i, step):
        return (side_px // 2, side_px // 2)

    def draw(i, step, surf):
        surf.fill((200, 80, 40, 255), (0, 0, side_px // 2, side_px // 2))

    return Sprites(shape_px, draw, 256 << 20)


def shown_key(sprites: Sprites, shown):
    """Which cached sprite a returned one is."""
    for key in sprites.cache._items:
        if shown is not None and sprites.cache._items[key] is shown[0]:
            return key
    return None


def test_a_new_object_appears_within_the_stand_in_limit_even_with_no_time_to_spare():
    sprites = make_sprites()
    key = (0, 50, 8)
    shown = []
    for _ in range(MAX_STAND_IN_FRAMES + 2):
        shown.append(sprites.frame([key], budget_s=0.0)[0])
    first = next(n for n, s in enumerate(shown) if s is not None)
    assert first < MAX_STAND_IN_FRAMES
    assert all(s is not None for s in shown[first:])


def test_a_far_stand_in_gives_way_to_the_right_blur_in_time():
    """A focus pull: the object was sharp, now it is far out of focus."""
    sprites = make_sprites()
    sharp, blurred = (0, 50, 0), (0, 50, 12)
    assert not close(sharp, blurred)
    sprites.frame([sharp], budget_s=None)
    far_frames = 0
    for _ in range(3 * MAX_STAND_IN_FRAMES):
        surf = sprites.frame([blurred], budget_s=0.0)[0]
        k = shown_key(sprites, surf)
        assert k in (sharp, blurred)
        if k == sharp:
            far_frames += 1
        else:
            break
    assert 0 < far_frames < MAX_STAND_IN_FRAMES  # it did stand in, and not for long
    assert shown_key(sprites, sprites.frame([blurred], budget_s=0.0)[0]) == blurred


def test_the_work_of_a_due_sprite_is_spread_over_the_frames_before_it_is_due():
    sprites = make_sprites(side_px=1600)
    sprites.frame([(0, 50, 0)], budget_s=None)
    sprites.frame([(0, 50, 11)], budget_s=0.0)
    job = sprites.in_making(0)
    assert job is not None and not job.done, "made all at once on the first frame"
    fresh = SpriteJob(job.key, job.layout, SharpShapes(sprites.shape_px, sprites.draw, 0), 0)
    assert job.remaining_ns() < fresh.remaining_ns(), "no progress on the first frame"


def test_a_close_stand_in_stays_a_while_but_gives_way_to_the_exact_sprite():
    sprites = make_sprites()
    near, wanted = (0, 50, 5), (0, 50, 5 + MAX_STAND_IN_LEVELS)
    sprites.frame([near], budget_s=None)
    shown = [shown_key(sprites, sprites.frame([wanted], budget_s=0.0)[0]) for _ in range(CLOSE_STAND_IN_FRAMES + 1)]
    assert shown[:2] == [near] * 2  # no hurry: it may stay, the work spread over the frames before it is due
    assert shown[-1] == wanted  # but not for good, even with no time to spare
    without_time = shown.index(wanted)
    # Given time, the exact one comes much sooner: on the very first frame.
    sprites = make_sprites()
    sprites.frame([near], budget_s=None)
    with_time = [shown_key(sprites, sprites.frame([wanted], budget_s=AMPLE_S)[0]) for _ in range(3)]
    assert with_time == [wanted] * 3
    assert without_time >= 2


def test_prepare_makes_everything_a_photo_needs_over_several_calls(fake_clock):
    """Each call works for its budget and returns; the next carries on where it stopped."""
    sprites = make_sprites(side_px=1200)
    wants = [(0, 40, 3), (1, 45, 9), (2, 60, 13)]
    assert not sprites.prepare(wants, budget_s=0.0)  # no time: nothing made, and it says so
    calls = 0
    while not sprites.prepare(wants, budget_s=0.0005):  # about four steps a call on the fake clock
        calls += 1
        assert calls < 500
    assert calls > 1
    assert all(k in sprites.cache for k in wants)


def test_through_a_focus_pull_what_is_shown_is_never_more_than_the_limit_behind():
    """The blur level changes every other frame, so no one sprite is wanted for long."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([(0, 50, 0)], budget_s=None)
    wanted: list[tuple[int, tuple[int, int, int]]] = []
    for n in range(40):
        key = (0, 50, min(14, n // 3))
        frame = sprites.frame_no + 1
        wanted.append((frame, key))
        surf = sprites.frame([key], budget_s=0.0)[0]
        assert surf is not None
        shown = shown_key(sprites, surf)
        lag = frame - max(f for f, k in wanted if close(shown, k))
        assert lag < MAX_STAND_IN_FRAMES, f"frame {frame}: showing {shown} for {key}, {lag} frames behind"


def test_an_exact_frame_is_exact_even_with_another_size_part_made():
    """Photos ask for every sprite exactly: a part-made job for a nearby key must not stand in."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([(0, 50, 5)], budget_s=0.0)  # starts a job for level 5, far from done
    [surf] = sprites.frame([(0, 50, 7)], budget_s=None)
    assert shown_key(sprites, surf) == (0, 50, 7)


def test_an_approaching_subject_shows_its_exact_sprite_within_the_close_limit():
    """The wanted size changes every frame, so a kept part-made job is always a step behind."""
    sprites = make_sprites(side_px=700)
    sprites.frame([(0, 40, 6)], budget_s=None)
    run = longest = 0
    for n in range(3 * CLOSE_STAND_IN_FRAMES):
        key = (0, 40 + n // 2, 6)
        surf = sprites.frame([key], budget_s=0.0)[0]
        run = 0 if shown_key(sprites, surf) == key else run + 1
        longest = max(longest, run)
    assert longest <= CLOSE_STAND_IN_FRAMES


def test_leaving_view_ends_a_run_of_stand_ins():
    """An object that comes back is not due at once for a run that started before it left."""
    sprites = make_sprites()
    sprites.frame([(0, 50, 5)], budget_s=None)
    for _ in range(CLOSE_STAND_IN_FRAMES - 2):
        sprites.frame([(0, 50, 7)], budget_s=0.0)
    for _ in range(100):
        sprites.frame([], budget_s=0.0)
    sprites.frame([(0, 50, 6)], budget_s=0.0)
    job = sprites.in_making(0)
    assert job is not None and job.due > sprites.frame_no + CLOSE_STAND_IN_FRAMES // 2


def test_a_new_blur_level_of_the_same_size_starts_from_the_shape_already_averaged_down():
    """A focus pull asks for several levels of one size: the shape is drawn once, and what is
    made from the kept shape is what would be made from nothing, bit for bit."""
    draws = []

    def draw(i, step, surf):
        draws.append((i, step))
        surf.fill((200, 80, 40, 255), (0, 0, 300, 500))
        surf.fill((20, 20, 20, 255), (0, 0, 150, 500))

    sprites = Sprites(lambda i, step: (300, 500), draw, 256 << 20)
    levels = [lv for lv in range(len(BLUR_LEVELS_PX)) if sprites.layout((0, 50, lv)).f == 8]
    assert len(levels) >= 2
    for lv in levels:
        sprites.frame([(0, 50, lv)], budget_s=None)
    assert len(draws) == 1
    for lv in levels:
        made = pixels(sprites.cache.get((0, 50, lv), lambda: None)).copy()
        fresh, _, _ = sprites.make_now((0, 50, lv))
        assert np.array_equal(made, pixels(fresh))


def test_the_object_centre_is_where_the_layout_says_whatever_size_the_blur_is_done_at():
    """A sprite made at reduced size is a few pixels larger; its anchor, not its middle, is the object's centre."""
    sprites = Sprites(
        lambda i, step: (301, 97), lambda i, step, surf: surf.fill((255, 255, 255, 255), (0, 0, 301, 97)), 64 << 20
    )
    for level in range(len(BLUR_LEVELS_PX)):
        surf, (ax, ay), _ = sprites.make_now((0, 0, level))
        alpha = pygame.surfarray.array_alpha(surf).astype(float)
        xs, ys = np.arange(alpha.shape[0]) + 0.5, np.arange(alpha.shape[1]) + 0.5
        cx, cy = (alpha.sum(1) * xs).sum() / alpha.sum(), (alpha.sum(0) * ys).sum() / alpha.sum()
        assert (cx, cy) == pytest.approx((ax, ay), abs=0.5), level


def _runner_sprites(w: int, h: int, shape: str = "runner") -> Sprites:
    from bbf_sim.ui.finder.shapes import draw_shape

    rect = pygame.Rect(0, 0, w, h)
    colour = (200, 90, 40)
    return Sprites(lambda i, step: rect.size, lambda i, step, surf: draw_shape(surf, rect, shape, colour), 256 << 20)


@pytest.mark.parametrize("level", [0, 3, 11])
def test_a_jobs_estimate_is_the_work_it_reports(level):
    """The scheduler learns its speed from estimated work done: an estimate the job never
    reports (a blur a sharp sprite does not run) would teach it a false speed."""
    job = _runner_sprites(400, 1000).new_job(SpriteKey(0, 0, level))
    estimate = job.remaining_ns()
    reported = 0.0
    while not job.done:
        before = job.remaining_ns()
        job.step()
        reported += before - job.remaining_ns()
    assert reported == pytest.approx(estimate, rel=0.05)


def test_a_job_dropped_part_made_gives_its_memory_back_at_once(monkeypatch):
    """With the cycle collector off, as between its runs: nothing of a dropped job lingers,
    and every scratch buffer its work took is back in the pool for the next job."""
    import gc
    import weakref

    from bbf_sim.ui.finder import blur

    taken: list = []
    real_take = blur.take_scratch

    def take(nbytes):
        taken.append(real_take(nbytes))
        return taken[-1]

    for module in ("blur", "sharp_shapes", "sprite_job"):  # wherever the work takes scratch from
        monkeypatch.setattr(f"bbf_sim.ui.finder.{module}.take_scratch", take)

    def in_pool(buf) -> bool:
        return any(b is buf for b in blur._SCRATCH_POOL)

    blur._SCRATCH_POOL.clear()
    gc.disable()
    try:
        sprites = _runner_sprites(1000, 1600, "edge")
        sprites.frame([(0, 0, 11)], budget_s=0.0)  # started, far from done: blurred at 1/8 size
        job = sprites.in_making(0)
        assert job is not None
        # Step until the job holds scratch of its own (its blur under way), still far from done.
        while all(in_pool(t) for t in taken):
            job.step()
        assert not job.done
        ref = weakref.ref(job)
        del sprites, job
        assert ref() is None
        assert all(in_pool(t) for t in taken)
    finally:
        gc.enable()


@pytest.mark.parametrize("size", [(30, 60), (400, 1000), (1000, 1600)])
def test_a_jobs_step_count_is_the_steps_it_takes(size):
    """Each step costs `step_ns` besides its pixels (a small sprite's making is mostly that),
    so the estimate counts the steps the work will take: exactly, at every blur level, with
    the shape averaged down kept or not."""
    sprites = _runner_sprites(*size)
    for level in range(len(BLUR_LEVELS_PX)):
        for _ in range(2):  # the second time, the shape averaged down is kept
            key = SpriteKey(0, 0, level)
            expected = job_steps(key, sprites.layout(key), sprites.shapes)
            job = sprites.new_job(key)
            steps = 0
            while not job.done:
                job.step()
                steps += 1
            assert steps == expected, (size, level)


def test_one_stalled_frame_does_not_teach_the_scheduler_a_lasting_slowness():
    """A frame the system took the core from (80 ms for 1 ms of work) raises the learned
    ratio by at most `SPIKE_FACTOR`'s share; a machine truly three times slower is learnt
    within a dozen frames."""
    from bbf_sim.ui.finder.sprite_speed import LEARN_RATE, SPIKE_FACTOR, Slowness

    speed = Slowness()
    speed.learn(0.080, 1e6)
    # 0.7 · 1 + 0.3 · min(80, 2 · 1) = 1.3
    assert speed.ratio == pytest.approx((1 - LEARN_RATE) + LEARN_RATE * SPIKE_FACTOR)
    speed = Slowness()
    for _ in range(12):
        speed.learn(0.003, 1e6)
    assert speed.ratio == pytest.approx(3.0, rel=0.05)


@pytest.mark.parametrize("size", [(7, 13), (61, 150), (300, 500)])
def test_a_sprites_margin_holds_all_its_blur_spreads_and_no_more(size, monkeypatch):
    """The margin is the blur's reach: made with a wider one, every sprite is the same pixels
    with nothing but transparency around them, at every blur level (each way of blurring)."""
    from bbf_sim.ui.finder import sprite_layout

    tight = _runner_sprites(*size)
    made = {lv: pixels(tight.make_now((0, 0, lv))[0]).copy() for lv in range(len(BLUR_LEVELS_PX))}
    reach = sprite_layout.blur_reach_px
    monkeypatch.setattr(sprite_layout, "blur_reach_px", lambda d: reach(d) + 3)
    wide = Sprites(tight.shape_px, tight.draw, 64 << 20)
    for lv, px in made.items():
        key = (0, 0, lv)
        assert wide.layout(key).f == tight.layout(key).f
        d = wide.layout(key).pad - tight.layout(key).pad
        assert d >= 3
        big = pixels(wide.make_now(key)[0])
        h, w = px.shape[:2]
        assert np.array_equal(big[d : d + h, d : d + w], px), lv
        ring = big.copy()
        ring[d : d + h, d : d + w] = 0
        assert not ring.any(), lv


@pytest.mark.parametrize("size", [(400, 1000), (1000, 1600)])
def test_a_sprite_enlarged_in_bands_is_the_sprite_enlarged_at_once(size, monkeypatch):
    """Each band of a big blur's enlarging is written straight into the sprite, rows beyond it
    too, and the rows its edge spoils are put back: the sprite is the same, bit for bit, as
    one made with the whole image enlarged at once, at every blur level done at reduced size."""
    from bbf_sim.ui.finder import sprite_job

    banded = _runner_sprites(*size)
    levels = [lv for lv in range(len(BLUR_LEVELS_PX)) if banded.layout((0, 0, lv)).f > 1]
    assert levels, "no blur level done at reduced size: proves nothing"
    made = {}
    for lv in levels:
        lay = banded.layout((0, 0, lv))
        assert sprite_job.enlarge_rows(lay) < lay.small[1], "enlarged in one band: proves nothing"
        made[lv] = pixels(banded.make_now((0, 0, lv))[0]).copy()
    monkeypatch.setattr(sprite_job, "enlarge_rows", lambda layout: 1 << 20)
    whole = _runner_sprites(*size)
    for lv in levels:
        assert np.array_equal(pixels(whole.make_now((0, 0, lv))[0]), made[lv]), lv


def test_a_sprite_made_in_scratch_memory_left_dirty_is_the_same(monkeypatch):
    """Scratch memory is not cleared where the making writes it all: what an earlier job left
    in it never shows, at any blur level."""
    from bbf_sim.ui.finder import blur

    clean = _runner_sprites(300, 700)
    made = {lv: pixels(clean.make_now((0, 0, lv))[0]).copy() for lv in range(len(BLUR_LEVELS_PX))}
    dirty = _runner_sprites(300, 700)
    for lv, px in made.items():
        # Nothing in the pool but junk (opaque-looking bytes), in buffers any job's scratch fits.
        monkeypatch.setattr(blur, "_SCRATCH_POOL", [np.full(4 << 20, 0xAB, np.uint8) for _ in range(6)])
        assert np.array_equal(pixels(dirty.make_now((0, 0, lv))[0]), px), lv


def _pull(
    sprites: Sprites, levels: list[int], foreseen: list[int] | None = None, budget_s: float = 0.0005
) -> list[SpriteKey | None]:
    """A focus pull frame by frame: the object wanted at `levels[n]` on frame n, with the
    lens's coming path foreseen (`foreseen`, by default the true one: the levels of the
    frames after, the last held; None: not at all); checks the lag limit on every frame,
    and returns what was shown."""
    path = levels if foreseen is None else foreseen
    look = TUNING.look_ahead_frames
    wanted: list[tuple[int, SpriteKey]] = []
    shown = []
    for n, level in enumerate(levels):
        key = SpriteKey(0, 50, level)
        ahead = [[path[min(len(path) - 1, n + k)] for k in range(1, look + 1)]] if path else None
        frame = sprites.frame_no + 1
        wanted.append((frame, key))
        surf = sprites.frame([key], budget_s=budget_s, ahead=ahead)[0]
        assert surf is not None, f"frame {frame}: nothing shown for {key}"
        k = shown_key(sprites, surf)
        lag = frame - max(f for f, w in wanted if close(k, w))
        assert lag < MAX_STAND_IN_FRAMES, f"frame {frame}: showing {k} for {key}, {lag} frames behind"
        shown.append(k)
    return shown


# A near subject through a pull from sharp to the most blur, a level every frame or two, then held.
PULL = [0] * 3 + [min(14, 1 + n * 2 // 3) for n in range(21)] + [14] * (CLOSE_STAND_IN_FRAMES + 8)


def _pulled(foreseen: list[int] | None, levels: list[int] = PULL) -> tuple[list[SpriteKey | None], int]:
    """What a pull showed, and how many sprites it made (a 700-px square, sharp at the start)."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([(0, 50, 0)], budget_s=None)
    made = sprites.cache.made
    shown = _pull(sprites, levels, foreseen)
    return shown, sprites.cache.made - made


@pytest.mark.usefixtures("fake_clock")
def test_a_pull_foreseen_makes_fewer_sprites_and_ends_on_the_exact_one():
    """Aimed along the lens's path, the sprites made each cover more of the pull's wants: fewer
    are made than when each is made for the blur of its moment (the same time for them on
    every frame); what is shown is never more than the limit behind, as without foresight,
    and ends on the exact sprite of where the lens stops."""
    shown_blind, made_blind = _pulled([])
    shown, made = _pulled(None)
    assert made < made_blind, (made, made_blind)
    assert shown[-1] == shown_blind[-1] == (0, 50, 14)


@pytest.mark.usefixtures("fake_clock")
@pytest.mark.parametrize("budget_s", [0.0, 0.0005])
def test_a_pull_foreseen_wrongly_still_keeps_the_limits(budget_s):
    """The lens seemed headed for the most blur, then stopped halfway, or turned back to
    sharp: sprites aimed along the path it did not take are dropped by the time they are
    due, and what is shown keeps within the limits (with no time to spare but for what is
    due, too)."""
    headed = [0] * 3 + list(range(4, 15)) + [14] * 40
    stopped = [0] * 3 + [4, 5, 6, 7] + [7] * (CLOSE_STAND_IN_FRAMES + 8)
    turned = PULL[:12] + list(range(PULL[11], -1, -1)) + [0] * (CLOSE_STAND_IN_FRAMES + 8)
    for levels, foreseen, end in ((stopped, headed, 7), (turned, PULL, 0)):
        sprites = make_sprites(side_px=1400)
        sprites.frame([(0, 50, 0)], budget_s=None)
        shown = _pull(sprites, levels, foreseen, budget_s)
        assert shown[-1] == (0, 50, end)


def test_with_the_lens_still_the_sprite_made_is_the_one_wanted():
    """Foresight changes nothing when the path ahead is where the lens is now."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([(0, 50, 0)], budget_s=None)
    sprites.frame([(0, 50, 9)], budget_s=0.0, ahead=[[9] * TUNING.look_ahead_frames])
    job = sprites.in_making(0)
    assert job is not None and job.key == (0, 50, 9)


def test_a_sprite_made_ahead_that_will_stand_in_in_time_makes_nothing_due_meanwhile():
    """The sharp sprite shows for the first frames of a pull; one made ahead for where the pull
    goes will match the wants before the sharp one stops doing so: nothing is due before it
    stops too, so the sprites in between are made, if at all, with time to spare."""
    sprites = make_sprites(side_px=1400)
    sprites.frame([(0, 50, 0)], budget_s=None)  # frame 1, sharp
    assert sprites.prepare([SpriteKey(0, 50, 11)], budget_s=AMPLE_S)  # made ahead, not shown yet
    path = [6, 7, 8, 9, 10, 11] + [11] * (TUNING.look_ahead_frames - 6)
    sprites.frame([SpriteKey(0, 50, 5)], budget_s=0.0, ahead=[path])  # frame 2: level 11 matches from frame 5
    job = sprites.in_making(0)
    sharp_due = 1 + MAX_STAND_IN_FRAMES - 1  # the last frame the sharp sprite may show for these wants
    assert job is None or job.due > sharp_due + MAX_STAND_IN_FRAMES


def test_a_big_sharp_objects_shape_is_averaged_down_with_time_to_spare_and_a_pull_starts_from_it():
    """A near subject shown sharp: frames with time to spare average its shape down (what is
    shown is unchanged), so a pull's blurrier sprite of it draws nothing at full size, and is
    the same sprite, bit for bit; with no time to spare, nothing is made ahead."""
    draws = []

    def draw(i, step, surf):
        draws.append((i, step))
        surf.fill((200, 80, 40, 255), (0, 0, 400, 700))
        surf.fill((20, 20, 20, 255), (0, 0, 150, 700))

    def sprites_of_a_near_subject() -> Sprites:
        sprites = Sprites(lambda i, step: (400, 700), draw, 256 << 20)
        sprites.frame([(0, 50, 1)], budget_s=None)  # sharp, drawn at full size, no shape kept
        return sprites

    blurred = SpriteKey(0, 50, 12)
    assert sprites_of_a_near_subject().layout(blurred).f == TUNING.max_reduction
    idle = sprites_of_a_near_subject()
    for _ in range(3):
        idle.frame([(0, 50, 1)], budget_s=0.0)
    assert (0, 50, TUNING.max_reduction) not in idle.shapes.cache
    sprites = sprites_of_a_near_subject()
    for _ in range(3):
        [shown] = sprites.frame([(0, 50, 1)], budget_s=AMPLE_S)
        assert shown_key(sprites, shown) == (0, 50, 1)
    assert all((0, 50, f) in sprites.shapes.cache for f in (2, 4, 8))
    draws.clear()
    sprites.frame([blurred], budget_s=None)
    assert draws == []
    fresh, _, _ = sprites.make_now(blurred)
    assert np.array_equal(pixels(sprites.cache.get(blurred, lambda: None)), pixels(fresh))
