"""Which sprite each object gets made next, when it must be finished, and how much of a
frame goes to making them.

Which: the one wanted, or while the lens moves (a focus pull, its coming path foreseen),
the blur level that will stand in longest along that path (`aim`), judged by when a
sprite would stand in on the coming frames (`stand_in_span`, by the rule the finder
shows stand-ins by: `stand_ins`). One sprite is in the making per object.

When: a sprite is *due* in the last frame before what is shown would fall further
behind (`stand_ins.StandIns.due`), or later if a cached sprite will stand in on the
lens's coming path before then and on after (never past `close_due`). Scheduling is
earliest-due-first: a frame spends its budget on sprites, or more when the work due in
the next k frames needs more than k frames' budget, so the work of a focus pull is
spread over the frames before it is due rather than piled onto the last one. (A pull
faster than a sprite is made drops part-made sprites it went past, so a fast pull
across near subjects still costs some frames more than their budget.) Each frame's
measured cost corrects the estimate (`sprite_speed.Slowness`), so the spreading holds
on a slower machine (or moment) too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX
from bbf_sim.ui.finder.sprite_job import SpriteJob
from bbf_sim.ui.finder.sprite_layout import SpriteKey
from bbf_sim.ui.finder.sprite_speed import Slowness
from bbf_sim.ui.finder.sprite_tuning import TUNING
from bbf_sim.ui.finder.stand_ins import StandIns, close


class Schedule:
    """The sprites in the making, one per object, with when each is due."""

    def __init__(self) -> None:
        self.jobs: dict[int, SpriteJob] = {}  # object → its sprite being made
        self.speed = Slowness()

    def drop_stale(self, frame_no: int) -> None:
        """Part-made sprites of objects out of view for a while go, and their memory with them."""
        for i in [i for i, job in self.jobs.items() if frame_no - job.wanted_frame > TUNING.job_kept_frames]:
            self.set_job(i, None)

    def set_job(self, i: int, job: SpriteJob | None) -> None:
        """Make `job` object i's sprite in the making (None: none), ending the one it replaces."""
        old = self.jobs.pop(i, None)
        if old is not None and old is not job:
            old.cancel()
        if job is not None:
            self.jobs[i] = job

    def finished(self, job: SpriteJob) -> None:
        """`job` is done: no longer its object's sprite in the making."""
        if self.jobs.get(job.key[0]) is job:
            del self.jobs[job.key[0]]

    def exact_job(self, key: SpriteKey, new_job: Callable[[SpriteKey], SpriteJob]) -> SpriteJob:
        """The object's job, if it is for `key`, else a new one for it."""
        job = self.jobs.get(key[0])
        if job is None or job.key != key:
            job = new_job(key)
            self.set_job(key[0], job)
        return job

    def plan(
        self,
        key: SpriteKey,
        frame_no: int,
        stand_ins: StandIns,
        new_job: Callable[[SpriteKey], SpriteJob],
        ahead: list[int] | None = None,
    ) -> None:
        """Make sure a job works toward `key` (or, while the lens moves, toward a sprite that
        will stand in for longer on its coming path, `ahead`: `aim`), and set when it is due."""
        i = key[0]
        job = self.jobs.get(i)
        best = stand_ins.best(key)
        has_close = best is not None and close(best, key)
        close_due = stand_ins.close_due(i, frame_no)
        # A stand-in a little off may show a while longer, but not for good; otherwise due
        # when what is shown would fall max_stand_in_frames behind.
        due = close_due if has_close else stand_ins.due(i, frame_no)
        if ahead is not None and not has_close:
            # A sprite made ahead (`aim`) that will stand in before what shows now stops doing
            # so carries on from it: nothing is due until it stops too (if the lens turns off
            # the path, the due frame comes back as it was, and what is due is made then).
            for cached in stand_ins.cached(key):
                span = stand_in_span(cached, key, ahead, frame_no, stand_ins)
                if span is not None and span[0] <= due - frame_no:
                    due = max(due, min(frame_no + span[1], close_due))
        # One sprite in the making per object. A part-made one near enough to stand in is
        # finished first (an approaching subject grows a size step every few frames), and so
        # is one that will stand in by the time it is due, for a stand-in's time, on the
        # lens's coming path; one further off (a focus pull went past it) is dropped.
        if job is not None and job.key != key and not close(job.key, key):
            span = None if ahead is None else stand_in_span(job.key, key, ahead, frame_no, stand_ins)
            if span is None or span[0] > max(0, due - frame_no) or span[1] < TUNING.max_stand_in_frames - 1:
                job = None
        if job is not None and job.key != key and close_due <= frame_no:
            job = None  # the close stand-in's time is up: what is finished now must be the exact sprite
        if job is None:
            if close_due <= frame_no or ahead is None:  # the exact sprite: due now, or no lens path to aim along
                job = new_job(key)
            else:
                job = new_job(aim(key, ahead, frame_no, max(0, due - frame_no), stand_ins))
            self.set_job(i, job)
        job.wanted_frame = frame_no
        job.has_close_stand_in = has_close
        job.due = due

    def work(
        self, jobs: list[SpriteJob], frame_no: int, budget_s: float, start_s: float | None = None
    ) -> list[SpriteJob]:
        """Work on `jobs` for this frame, earliest due first; the ones finished.

        `budget_s` counts from `start_s` (`time.perf_counter`; by default now): the frame's
        time for sprites, choosing them included, so a frame that spent long choosing
        (a focus pull's) makes less ahead. What is due is made whatever it costs."""
        done: list[SpriteJob] = []
        if not jobs:
            return done
        t0 = time.perf_counter()
        budget_from_s = t0 if start_s is None else start_s
        jobs = sorted(jobs, key=lambda j: (j.due, j.px))
        # Spread what is due: enough this frame that the work due within k frames fits k frames.
        need_s, cum_ns = 0.0, 0.0
        for job in jobs:
            cum_ns += job.remaining_ns()
            need_s = max(need_s, self.speed.seconds(cum_ns) / max(1, job.due - frame_no + 1))
        # Sprites with a close stand-in only sharpen what is shown: beyond what is due, they
        # get a part of the budget, so a frame pays for them little and often.
        nominal = 0.0
        for job in jobs:
            due_now = job.due <= frame_no
            share = TUNING.calm_share if job.has_close_stand_in else 1.0
            deadline = max(budget_from_s + budget_s * share, t0 + need_s)
            if time.perf_counter() >= deadline and not due_now:
                continue
            before = job.remaining_ns()
            finished = job.run(None if due_now else deadline)
            nominal += before - job.remaining_ns()
            if finished:
                self.finished(job)
                done.append(job)
        self.speed.learn(time.perf_counter() - t0, nominal)
        return done


def stand_in_span(
    cand: SpriteKey, key: SpriteKey, ahead: list[int], frame_no: int, stand_ins: StandIns
) -> tuple[int, int] | None:
    """The coming frames [0: now] from the first to the last of which sprite `cand` would stand
    in for an object wanted at `key` now and at the blur levels `ahead` after (at its size
    now), without a gap; None if on none of them.

    A stand-in may match what the object was wanted at on any of the last
    `max_stand_in_frames` frames (`stand_ins`), so the wants of the frames just gone count.
    """
    window, levels = TUNING.max_stand_in_frames, TUNING.max_stand_in_levels
    first: int | None = None  # [frames from now]
    last: int | None = None
    for f, k in stand_ins.recent(key[0]):
        # `StandIns.choose`'s rule: close to a recent want, and not too far off the size now.
        if close(cand, k) and abs(cand[1] - key[1]) <= TUNING.max_stand_in_size_steps:
            first, last = 0, f - frame_no
    if abs(cand[1] - key[1]) > TUNING.max_stand_in_steps:
        return None if last is None else (0, last + window - 1)  # the coming wants, at today's size, do not match
    level = cand[2]
    for n, want in enumerate(ahead, 1):
        if abs(level - want) <= levels:
            first, last = n if first is None else first, n
        elif last is not None and n - last >= window:
            assert first is not None  # set together with last
            return first, n - 1
    return None if first is None or last is None else (first, len(ahead))


def aim(key: SpriteKey, ahead: list[int], frame_no: int, due_in: int, stand_ins: StandIns) -> SpriteKey:
    """The sprite to make for an object wanted at `key` now while the lens moves, due in
    `due_in` frames.

    A focus pull changes a near subject's blur by a level or more a frame; made exactly,
    each want is left behind before long and another sprite comes due. So if the exact
    sprite would not stand in on every frame foreseen, the one made is, of the
    blur levels that will stand in by the time it is due on the lens's coming path
    (`ahead`: the object's blur level on each coming frame), the one not yet cached that
    goes on standing in longest, then the one nearest where the path ends, then the one
    nearest `key`: one sprite covers many frames' wants, and the last one is where the
    lens stops. With the lens still or creeping, this is `key` itself. If the lens turns
    off the path, the sprite is dropped by the time it is due (`Schedule.plan`).
    """
    i, step, level = key
    exact = stand_in_span(key, key, ahead, frame_no, stand_ins)
    if exact is None or exact[1] >= len(ahead):
        return key
    end = ahead[-1]
    best, best_score = key, (exact[1], -abs(level - end), 0)
    reach = TUNING.max_stand_in_levels
    lo, hi = max(0, min(*ahead, level) - reach), min(len(BLUR_LEVELS_PX) - 1, max(*ahead, level) + reach)
    for lv in range(lo, hi + 1):
        cand = SpriteKey(i, step, lv)
        if lv == level or cand in stand_ins.cache:
            continue
        span = stand_in_span(cand, key, ahead, frame_no, stand_ins)
        if span is None or span[0] > due_in:
            continue
        score = (span[1], -abs(lv - end), -abs(lv - level))
        if score > best_score:
            best, best_score = cand, score
    return best
