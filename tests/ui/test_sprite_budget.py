"""A frame's time for sprites counts from the start of its sprite work, choosing included.

What is due is made whatever it costs; what is made ahead of time gets what is left of the
budget once the frame has chosen its sprites, so a focus pull's frames, which spend longest
choosing, do not spend the whole budget again on top.
"""

from __future__ import annotations

import time

import pytest

from bbf_sim.ui.finder import sprite_job
from bbf_sim.ui.finder.sharp_shapes import SharpShapes
from bbf_sim.ui.finder.sprite_job import SpriteJob
from bbf_sim.ui.finder.sprite_layout import SpriteKey, layout
from bbf_sim.ui.finder.sprite_schedule import Schedule
from bbf_sim.ui.finder.sprites import Sprites

pytestmark = pytest.mark.usefixtures("small_display")

BUDGET_S = 1e-3
SIDE_PX = 1600


@pytest.fixture
def steps_s() -> list[float]:
    """Each sprite step's nominal cost [s], in the order run (with `work_clock`)."""
    return []


@pytest.fixture
def work_clock(monkeypatch, steps_s):
    """`time.perf_counter` moved on only by sprite work, by each step's nominal cost, and by
    the test (`now[0] += ...`): how much fits a budget is exact."""
    now = [100.0]
    monkeypatch.setattr(time, "perf_counter", lambda: now[0])
    step = sprite_job.SpriteJob.step

    def timed_step(job) -> None:
        before = job._done_ns
        step(job)
        steps_s.append((job._done_ns - before) * 1e-9)
        now[0] += steps_s[-1]

    monkeypatch.setattr(sprite_job.SpriteJob, "step", timed_step)
    return now


def shape_px(i, step):
    return (SIDE_PX // 2, SIDE_PX // 2)


def draw(i, step, surf):
    surf.fill((200, 80, 40, 255), (0, 0, SIDE_PX // 2, SIDE_PX // 2))


def big_job(frame: int) -> SpriteJob:
    """A big sprite (a few ms of work) that is due only in a thousand frames."""
    key = SpriteKey(0, 50, 9)
    job = SpriteJob(key, layout(shape_px(0, 50), key[2]), SharpShapes(shape_px, draw, 0), frame)
    job.due = frame + 1000
    return job


def work_done_s(now: list[float], spent_before_s: float | None) -> float:
    """Nominal work one frame does on `big_job` with `spent_before_s` of the frame's sprite
    time already gone (None: the budget counted from the work's start)."""
    job = big_job(1)
    start_s = None if spent_before_s is None else now[0] - spent_before_s
    before = job.remaining_ns()
    Schedule().work([job], 1, BUDGET_S, start_s)
    return (before - job.remaining_ns()) * 1e-9


def test_work_ahead_gets_what_the_frame_has_left_of_its_budget(work_clock):
    fresh = work_done_s(work_clock, None)
    counted_from_work = work_done_s(work_clock, 0.0)
    mostly_spent = work_done_s(work_clock, 0.8 * BUDGET_S)
    spent = work_done_s(work_clock, 2 * BUDGET_S)
    assert fresh == counted_from_work >= BUDGET_S
    assert mostly_spent < fresh - 0.5 * BUDGET_S  # a step past the 0.2 ms left
    # With the budget gone, only the share due now (a thousandth of the job) is made: one step.
    assert spent < 0.5 * BUDGET_S


def test_a_due_sprite_is_made_however_long_choosing_took(work_clock):
    job = big_job(1)
    job.due = 1
    Schedule().work([job], 1, BUDGET_S, work_clock[0] - 5 * BUDGET_S)
    assert job.done


def test_a_frame_that_spends_its_budget_choosing_makes_less_ahead(work_clock, steps_s, monkeypatch):
    """Wired through `Sprites.frame`: time spent planning counts against the budget."""

    def frame_steps_s(choosing_s: float) -> list[float]:
        """The steps [s] the frame after a close stand-in is made runs, choosing taking `choosing_s`."""
        sprites = Sprites(shape_px, draw, 256 << 20)
        sprites.frame([(0, 50, 9)], budget_s=None)  # a close stand-in: the exact sprite is made ahead
        plan = sprites.schedule.plan

        def slow_plan(*args, **kwargs):
            work_clock[0] += choosing_s
            return plan(*args, **kwargs)

        monkeypatch.setattr(sprites.schedule, "plan", slow_plan)
        steps_s.clear()
        sprites.frame([(0, 50, 11)], budget_s=BUDGET_S)
        assert sprites.in_making(0) is not None
        return list(steps_s)

    quick = frame_steps_s(0.0)
    slow = frame_steps_s(BUDGET_S)
    # A close stand-in's sprite gets half the budget (`calm_share`): steps run until one
    # ends past it, so the work is at least half the budget and less than that plus a step.
    assert sum(quick[:-1]) < 0.5 * BUDGET_S <= sum(quick)
    assert sum(slow) < sum(quick) - 0.3 * BUDGET_S  # only the first step, the share due now (the shape drawn)
    assert len(slow) == 1


def test_work_due_soon_is_spread_from_the_works_start_however_long_choosing_took(work_clock):
    """Due the frame after this one, at least half the job is made now (the rest fits the
    next frame), counted from when the work starts: a frame that spent the whole job's time
    choosing still makes its half, as `Schedule.work` promises."""
    job = big_job(1)
    job.due = 2  # two frames, this one and the next, to make it in
    total_s = job.remaining_ns() * 1e-9
    assert total_s > 2 * BUDGET_S  # the due work, not the budget, sets what is made
    Schedule().work([job], 1, BUDGET_S, work_clock[0] - total_s)
    assert not job.done
    assert total_s - job.remaining_ns() * 1e-9 >= 0.5 * total_s
