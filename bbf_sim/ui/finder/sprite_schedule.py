"""When each sprite in the making must be finished, and how much of a frame goes to making them.

One sprite is in the making per object. A sprite is *due* in the last frame before what
is shown would fall further behind (`stand_ins.StandIns.due`). Scheduling is
earliest-due-first: a frame spends its budget on sprites, or more when the work due in
the next k frames needs more than k frames' budget, so the work of a focus pull is
spread over the frames before it is due rather than piled onto the last one. (A pull
faster than a sprite is made drops part-made sprites it went past, so a fast pull
across near subjects still costs some frames a couple of milliseconds.) Each frame's
measured cost corrects the estimate (`sprite_speed.Slowness`), so the spreading holds
on a slower machine (or moment) too.
"""

from __future__ import annotations

import time
from collections.abc import Callable

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
        self, key: SpriteKey, frame_no: int, stand_ins: StandIns, new_job: Callable[[SpriteKey], SpriteJob]
    ) -> None:
        """Make sure a job works toward `key`, and set when it is due."""
        i = key[0]
        job = self.jobs.get(i)
        # One sprite in the making per object. A part-made one near enough to stand in is
        # finished first (an approaching subject grows a size step every few frames); one
        # further off (a focus pull went past it) is dropped for the new one.
        if job is not None and job.key != key and not close(job.key, key):
            job = None
        best = stand_ins.best(key)
        has_close = best is not None and close(best, key)
        close_due = stand_ins.close_due(i, frame_no)
        if job is not None and job.key != key and close_due <= frame_no:
            job = None  # the close stand-in's time is up: what is finished now must be the exact sprite
        if job is None:
            job = new_job(key)
            self.set_job(i, job)
        job.wanted_frame = frame_no
        job.has_close_stand_in = has_close
        # A stand-in a little off may show a while longer, but not for good; otherwise due
        # when what is shown would fall max_stand_in_frames behind.
        job.due = close_due if has_close else stand_ins.due(i, frame_no)

    def work(self, jobs: list[SpriteJob], frame_no: int, budget_s: float) -> list[SpriteJob]:
        """Work on `jobs` for this frame, earliest due first; the ones finished."""
        done: list[SpriteJob] = []
        if not jobs:
            return done
        t0 = time.perf_counter()
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
            deadline = t0 + max(budget_s * (TUNING.calm_share if job.has_close_stand_in else 1.0), need_s)
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
