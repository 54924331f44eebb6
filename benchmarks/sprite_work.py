"""Sprite work a frame of `bbf-sim bench`'s scene, on a clock the machine's load cannot move.

`python benchmarks/sprite_work.py --size 1920x1080` (no display needed). The scene is the
bench's, its frames on the game's virtual clock as in the bench; the clock the sprite
scheduler reads (`time.perf_counter`) is replaced by one that advances by each step's
nominal cost (`sprite_tuning`'s costs a pixel and a step) and a microsecond a reading. So
which sprites are made when, and how much work each frame does, depend on the schedule
alone: the same figures on any machine at any load, run after run, and two builds'
schedules compare in one run each (`PYTHONPATH=DIR` for another tree's). What a frame's
work really costs is the nominal times the machine's learned slowness (`sprite_speed`); the
frame's other stages are not counted. Prints the nominal work a frame [ms] (median, p90,
p99, p99.5, max, total), how many frames exceed 1.5 and 2.5 ms, and the sprites made.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1920x1080", help="the window's size, WxH")
    parser.add_argument("--frames", type=int, default=1440)
    args = parser.parse_args()
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    size = tuple(int(v) for v in args.size.split("x"))

    from bbf_sim.ui import bench
    from bbf_sim.ui.finder import sharp_shapes, sprite_job

    now_s = [1000.0]
    work_ns = [0.0]

    def nominal_clock() -> float:
        now_s[0] += 1e-6  # every reading moves it a little, so a loop that waits for time ends
        return now_s[0]

    def timed(step):
        def timed_step(job) -> None:
            before = job._done_ns
            step(job)
            done = job._done_ns - before
            now_s[0] += done * 1e-9
            work_ns[0] += done

        return timed_step

    # Every kind of stepped sprite work: the sprites, and (where there are) shapes made ahead.
    for job_class in (sprite_job.SpriteJob, getattr(sharp_shapes, "ShapeJob", None)):
        if job_class is not None:
            job_class.step = timed(job_class.step)
    app = bench.bench_app(size, "sprite work")
    real_clock = time.perf_counter
    try:
        scene = bench.enter_bench_scene(app)
        time.perf_counter = nominal_clock
        made = scene.live.renderer.sprites.cache.made
        per_frame_ms = []
        for _ in range(args.frames):
            work_ns[0] = 0.0
            app.clock.advance(1.0 / bench.BENCH_FPS)
            bench.play_frame(app, scene)
            per_frame_ms.append(work_ns[0] / 1e6)
        made = scene.live.renderer.sprites.cache.made - made
    finally:
        time.perf_counter = real_clock
        app.close()
    ms = np.array(per_frame_ms)
    q = {p: float(np.percentile(ms, p)) for p in (50, 90, 99, 99.5)}
    print(
        f"{args.size}, {args.frames} frames, nominal sprite work a frame [ms]: median {q[50]:.2f} p90 {q[90]:.2f} "
        f"p99 {q[99]:.2f} p99.5 {q[99.5]:.2f} max {ms.max():.2f} total {ms.sum():.0f}; "
        f"frames over 1.5 ms {int((ms > 1.5).sum())}, over 2.5 ms {int((ms > 2.5).sum())}; sprites made {made}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
