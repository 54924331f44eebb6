"""What the live viewfinder shows against the exact frame of the same view, in the bench scene.

Run under a display server (or `SDL_VIDEODRIVER=dummy`), for example
`xvfb-run -a -s "-screen 0 1920x1080x24" python benchmarks/live_vs_exact.py --size 1280x720`.
The bench's frame loop on the real clock, so the sprites made in time are what a player at
this moment's load would see. Every `--every`-th frame the viewfinder's frame (before the HUD)
is compared with the same view drawn by a second renderer that makes every sprite exactly:
the mean absolute difference per channel (of 255), its mean and p99 over the frames compared.
Also counts the object-frames that showed a stand-in (or nothing) instead of the exact sprite.
"""

from __future__ import annotations

import argparse
import os
import statistics

import numpy as np


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="1280x720", help="the window's size, WxH")
    parser.add_argument("--frames", type=int, default=720)
    parser.add_argument("--every", type=int, default=3, help="compare every n-th frame")
    args = parser.parse_args()
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("SDL_VIDEODRIVER", "x11")
    size = tuple(int(v) for v in args.size.split("x"))

    import pygame

    from bbf_sim.ui import bench
    from bbf_sim.ui.finder.render import Renderer
    from bbf_sim.ui.finder.stand_ins import StandIns

    shown = {"objects": 0, "stand_ins": 0}
    counting = [True]
    choose = StandIns.choose

    def counted_choose(self, key, frame_no):
        got = choose(self, key, frame_no)
        if counting[0]:
            shown["objects"] += 1
            shown["stand_ins"] += got != key
        return got

    StandIns.choose = counted_choose
    draw = Renderer.draw
    app = bench.bench_app(size, "live vs exact")
    try:
        scene = bench.enter_bench_scene(app)
        live = scene.live
        exact = Renderer(bench.bench_level(), live.sim.sensor, live.layout.frame.size)
        exact.exact = True
        grabbed: list = []

        def grabbing_draw(self, target, view, streak_px=None):
            draw(self, target, view, streak_px)
            if self is live.renderer and want_grab[0]:
                grabbed.append((pygame.surfarray.array3d(target).astype(np.int16), view))

        Renderer.draw = grabbing_draw
        want_grab = [False]
        diffs = []
        for n in range(args.frames):
            app.clock.advance(1.0 / bench.BENCH_FPS)
            want_grab[0] = n % args.every == 0
            bench.play_frame(app, scene)
            while grabbed:
                pixels, view = grabbed.pop()
                counting[0] = False
                surf = pygame.Surface(live.layout.frame.size).convert()
                draw(exact, surf, view)
                counting[0] = True
                diffs.append(float(np.abs(pixels - pygame.surfarray.array3d(surf).astype(np.int16)).mean()))
    finally:
        Renderer.draw = draw
        StandIns.choose = choose
        app.close()
    print(
        f"{args.size}, {len(diffs)} frames compared, load average {os.getloadavg()[0]:.2f}: live against exact, "
        f"mean absolute difference {statistics.mean(diffs):.3f} (p99 {np.percentile(diffs, 99):.2f}) of 255; "
        f"stand-ins shown {shown['stand_ins']} of {shown['objects']} object-frames"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
