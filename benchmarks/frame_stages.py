"""Where a frame's time goes: `bbf-sim bench`'s scene, each stage timed on every frame.

Run under a display server, for example
`xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/frame_stages.py --size 1920x1080`.
The frame loop is the bench's (`bbf_sim.ui.bench.run_size`): input, `update`, `draw`,
`App.present`. Timers (the drawing thread's CPU time) wrap the stages from outside the
game's code: the simulation and bot (`update`), the sprites chosen and made
(`Sprites.frame`), the background copied in, the rest of `Renderer.draw` (blending the
sprites), the HUD and panels (the rest of `draw`), and the present. The minor page faults
taken while sprites are made are counted too. Prints each stage's median and p99, then
the slowest frames stage by stage, and the learned speed of sprite making over the run.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import time

import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x720", help="the window's size, WxH")
    parser.add_argument("--frames", type=int, default=720)
    parser.add_argument("--slowest", type=int, default=12, help="how many of the slowest frames to list")
    args = parser.parse_args()
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("SDL_VIDEODRIVER", "x11")
    size = tuple(int(v) for v in args.size.split("x"))

    from bbf_sim.ui import bench
    from bbf_sim.ui.finder.background import BackgroundLayer
    from bbf_sim.ui.finder.render import Renderer
    from bbf_sim.ui.finder.sprites import Sprites

    spent: dict[str, float] = {}

    def timed(cls, name: str, stage: str, faults: bool = False) -> None:
        inner = getattr(cls, name)

        def wrapper(*a, **k):
            c = time.thread_time()
            f = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt if faults else 0
            try:
                return inner(*a, **k)
            finally:
                spent[stage] = spent.get(stage, 0.0) + time.thread_time() - c
                if faults:
                    spent["faults"] = spent.get("faults", 0) + resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - f

        setattr(cls, name, wrapper)

    timed(Sprites, "frame", "sprites", faults=True)
    timed(BackgroundLayer, "draw", "background")
    timed(Renderer, "draw", "renderer")

    app = bench.bench_app(size, "frame stages")
    try:
        scene = bench.enter_bench_scene(app)
        rows, ratios = [], []
        for _ in range(args.frames):
            spent.clear()
            app.clock.advance(1.0 / bench.BENCH_FPS)
            c0 = time.thread_time()
            app.input.poll()
            scene.update(app)
            c1 = time.thread_time()
            scene.draw(app, app.screen)
            c2 = time.thread_time()
            app.present(scene)
            c3 = time.thread_time()
            sprites, renderer = spent.get("sprites", 0.0), spent.get("renderer", 0.0)
            background = spent.get("background", 0.0)
            rows.append(
                {
                    "frame": (c3 - c0) * 1e3,
                    "update": (c1 - c0) * 1e3,
                    "sprites": sprites * 1e3,
                    "background": background * 1e3,
                    "blending": (renderer - sprites - background) * 1e3,
                    "hud": (c2 - c1 - renderer) * 1e3,
                    "present": (c3 - c2) * 1e3,
                    "faults": spent.get("faults", 0),
                }
            )
            ratios.append(scene.live.renderer.sprites.schedule.speed.ratio)
    finally:
        app.close()

    stages = ("frame", "update", "sprites", "background", "blending", "hud", "present")
    print(f"{args.size}, {args.frames} frames, load average {os.getloadavg()[0]:.2f}; thread CPU time [ms]:")
    for stage in stages:
        xs = [r[stage] for r in rows]
        print(f"  {stage:<10} median {statistics.median(xs):6.2f}  p99 {np.percentile(xs, 99):6.2f}")
    print(f"  page faults while making sprites: {sum(r['faults'] for r in rows)}")
    print(f"  learned slowness of sprite making: median {statistics.median(ratios):.2f}, max {max(ratios):.2f}")
    print(f"the {args.slowest} slowest frames:")
    slowest = sorted(range(len(rows)), key=lambda n: -rows[n]["frame"])[: args.slowest]
    for n in sorted(slowest):
        print(f"  #{n:4d} " + " ".join(f"{s} {rows[n][s]:5.2f}" for s in stages) + f" faults {rows[n]['faults']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
