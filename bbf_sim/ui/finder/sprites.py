"""Object sprites for the viewfinder: each (object, size, blur) made once, a band at a time, on a deadline.

A sprite is the object's shape drawn at one size step and blurred to one blur level
(`sprite_layout`). Making one costs up to several milliseconds at 1920×1080 (a near
subject filling the frame), more than a frame can spare, and a focus pull asks for
new blur levels of every object at once. So the shapes averaged down are kept
(`sharp_shapes`), so a new blur level of the same size starts from its shape already
drawn; sprites are made in bands spread over frames (`sprite_job`), on deadlines
(`sprite_schedule`); and while one is being made a cached variant of the object stands
in, within limits that keep what the finder shows at most a few frames behind
(`stand_ins`). The limits and costs are `sprite_tuning.TUNING`.

A photo (`budget_s=None`) gets every sprite exact; `prepare` makes a photo's sprites
ahead of it, a budget at a time.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Protocol

import pygame

from bbf_sim.ui.finder.blur import BlurCache
from bbf_sim.ui.finder.sharp_shapes import ShapeJob, SharpShapes, never
from bbf_sim.ui.finder.sprite_job import SpriteJob
from bbf_sim.ui.finder.sprite_layout import Layout, SpriteKey, layout
from bbf_sim.ui.finder.sprite_schedule import Schedule
from bbf_sim.ui.finder.sprite_tuning import TUNING
from bbf_sim.ui.finder.stand_ins import StandIns

# A sprite, where the object's centre is in it [px], and its opaque core (`Layout.core`).
Shown = tuple[pygame.Surface, tuple[float, float], tuple[int, int, int, int] | None]
MAX_LAYOUTS_KEPT = 50_000  # layouts remembered (a few hundred bytes each) before they are forgotten


class LevelsByWant(Protocol):
    """Each want's blur level on each of the coming frames, by the want's place (`render.LevelsAhead`)."""

    def __getitem__(self, n: int, /) -> list[int]: ...


class Sprites:
    """The sprite cache (memory-bounded): what a frame shows of each object, made over frames.

    `shape_px(object, size step)` gives an object's own size at a size step, and
    `draw(object, size step, surf)` draws it sharp with its top-left corner at (0, 0)
    into a transparent surface (as big as the shape or larger; only the shape's own
    rectangle is kept, at every blur level alike); `core(object, size step)`, a
    rectangle of the shape it draws opaque, or None. The renderer supplies them from
    an `objects.ObjectShapes`, which holds nothing of the renderer.
    """

    def __init__(
        self,
        shape_px: Callable[[int, int], tuple[int, int]],
        draw: Callable[[int, int, pygame.Surface], None],
        cache_bytes: int,
        shape_cache_bytes: int = TUNING.shape_cache_bytes,
        core: Callable[[int, int], pygame.Rect | None] = lambda i, step: None,
    ):
        self.shape_px = shape_px
        self.draw = draw
        self.core = core
        self.cache: BlurCache[SpriteKey] = BlurCache(cache_bytes)
        self.shapes = SharpShapes(shape_px, draw, shape_cache_bytes)
        self.stand_ins = StandIns(self.cache)
        self.schedule = Schedule()
        self.frame_no = 0
        self._shape_job: ShapeJob | None = None  # a big object's shape averaged down ahead of its pull
        self._layouts: dict[SpriteKey, Layout] = {}

    def layout(self, key: SpriteKey) -> Layout:
        lay = self._layouts.get(key)
        if lay is None:
            if len(self._layouts) > MAX_LAYOUTS_KEPT:
                self._layouts.clear()
            lay = self._layouts[key] = layout(self.shape_px(key[0], key[1]), key[2], self.core(key[0], key[1]))
        return lay

    def new_job(self, key: SpriteKey, shapes: SharpShapes | None = None) -> SpriteJob:
        """A job making `key` from the start (from `shapes`, by default the kept ones).

        A sprite blurred at reduced size of an object whose shape at that size is part-way
        through being averaged down ahead (`_shapes_ahead`) takes that work over, rather than
        drawing the shape again beside it."""
        lay, work = self.layout(key), None
        shaping = self._shape_job
        if shapes is None and lay.f > 1 and shaping is not None and shaping.key[:2] == tuple(key[:2]):
            work, self._shape_job = shaping.hand_over(), None
        return SpriteJob(SpriteKey(*key), lay, shapes or self.shapes, self.frame_no, work)

    def in_making(self, i: int) -> SpriteJob | None:
        """Object i's sprite being made, if any."""
        return self.schedule.jobs.get(i)

    def make_now(self, key: SpriteKey) -> Shown:
        """A sprite made at once from nothing, and not cached (the benchmark's from-scratch comparison)."""
        job = self.new_job(key, SharpShapes(self.shape_px, self.draw, 0))
        job.run()
        lay = self.layout(key)
        return job.surf, lay.anchor, lay.core

    def frame(
        self, wants: list[SpriteKey], budget_s: float | None, ahead: LevelsByWant | None = None
    ) -> list[Shown | None]:
        """The sprites to draw this frame for `wants` (None: leave that object out).

        Called on every frame, with nothing in view too: the stand-in limits count frames.
        `budget_s`: time for making sprites; None makes every wanted sprite exactly, now.
        `ahead`: for each want, its blur level on each of the coming frames, if the lens is
        moving; a sprite that will stand in for longer is then made first (`Schedule.plan`).
        """
        start_s = time.perf_counter()
        self.frame_no += 1
        now = self.frame_no
        self.schedule.drop_stale(now)  # out of view for a while: its part-made sprite goes
        self.stand_ins.start_frame({key[0] for key in wants})
        for key in wants:
            self.stand_ins.remember(key, now)
        if budget_s is None:
            for key in wants:
                if key not in self.cache:
                    job = self.schedule.exact_job(key, self.new_job)
                    job.run()
                    self._finished(job)
            return [self._shown(key) for key in wants]
        for n, key in enumerate(wants):
            if key not in self.cache:
                # Only a big sprite's making is worth aiming along the lens's path: a small one's
                # is mostly the cost of its steps, and cheap anyway.
                path = None if ahead is None or self.layout(key).px < TUNING.big_sprite_px else ahead[n]
                self.schedule.plan(key, now, self.stand_ins, self.new_job, path)
        jobs = self.schedule.jobs
        due = [jobs[k[0]] for k in wants if k[0] in jobs and k not in self.cache]
        for job in self.schedule.work(due, now, budget_s, start_s):
            self._store(job)
        self._shapes_ahead(wants, start_s + budget_s)
        return [self._show(self.stand_ins.choose(key, now)) for key in wants]

    def _shapes_ahead(self, wants: list[SpriteKey], deadline_s: float) -> None:
        """With time left of the frame's budget, average down the shape of a big object shown
        sharp or nearly (a sprite made at full size), nearest first, so a focus pull's blurrier
        sprites of it, made from the shape averaged down, start from it: drawing a near subject
        at full size is the biggest step of a pull's busiest frames."""
        job = self._shape_job
        if job is not None and not any(k[:2] == job.key[:2] for k in wants):
            job.cancel()  # out of view, or another size now
            job = self._shape_job = None
        if time.perf_counter() >= deadline_s:
            return
        if job is None:
            f = TUNING.max_reduction
            for key in reversed(wants):  # far to near: the nearest first
                lay = self.layout(key)
                shaped = (key[0], key[1], f) in self.shapes.cache
                if lay.f == 1 and lay.px >= TUNING.big_sprite_px and not shaped and self.in_making(key[0]) is None:
                    job = self._shape_job = ShapeJob(self.shapes, key[0], key[1], f)
                    break
            else:
                return
        if job.run(deadline_s):
            self._shape_job = None

    def prepare(self, wants: list[SpriteKey], budget_s: float) -> bool:
        """Work on making exactly `wants` for `budget_s` (a photo's sprites, ahead of the
        picture), without drawing anything; True once all are cached."""
        deadline = time.perf_counter() + budget_s
        for key in wants:
            if key in self.cache:
                continue
            job = self.schedule.exact_job(key, self.new_job)
            if not job.run(deadline):
                return False
            self._finished(job)
        return True

    def _finished(self, job: SpriteJob) -> None:
        self.schedule.finished(job)
        self._store(job)

    def _store(self, job: SpriteJob) -> None:
        self.cache.get(job.key, lambda: job.surf)
        self.stand_ins.added(job.key)

    def _show(self, key: SpriteKey | None) -> Shown | None:
        return None if key is None else self._shown(key)

    def _shown(self, key: SpriteKey) -> Shown | None:
        if key not in self.cache:
            return None  # an exact frame's wants outgrew the cache
        lay = self.layout(key)
        return self.cache.get(key, never), lay.anchor, lay.core
