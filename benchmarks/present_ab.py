"""Ways of presenting a frame, A/B interleaved in one run: `bbf-sim bench`'s scene at each size.

Run under a display server, for example
`xvfb-run -s "-screen 0 1920x1080x24" python benchmarks/present_ab.py --rounds 3`.
Each round runs every way once, in a rotated order, each in its own process (SDL reads
SDL_FRAMEBUFFER_ACCELERATION when the window opens), and prints one JSON line per run;
at the end, per way and size, the median and range over rounds of the wall and CPU p99.

The ways:
- `shm`: SDL's X11 framebuffer in shared memory (SDL_FRAMEBUFFER_ACCELERATION=0), what
  the game asks for on X11;
- `sdl-default`: whatever SDL picks (the build before that choice);
- `gl-texture`: the window uploaded as a GL texture each frame (=1);
- `viewfinder-only`: `shm`, presenting only the viewfinder's rectangle, the part that
  changes every frame (the play screen now presents only what changed itself,
  `App.present`, so this way differs from `shm` only in the frames that present the
  whole window).
Every run also draws the scene from scratch (`scratch_*`), the baseline of the blur caches.
On a shared machine the wall clock mostly measures the machine's load; the X server's
own CPU time per frame (`server_cpu_ms_per_frame`, read from /proc) is what presenting
costs besides the drawing thread, whatever the load.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys


def server_cpu_s() -> float | None:
    """CPU time [s] the X server of $DISPLAY has used so far (an Xvfb found by its command line)."""
    display = os.environ.get("DISPLAY", "")
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                args = f.read().split(b"\0")
            if args and args[0].endswith(b"Xvfb") and display.encode() in args:
                with open(f"/proc/{pid}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except OSError:
            continue
    return None


WAYS = {"shm": "0", "sdl-default": "", "gl-texture": "1", "viewfinder-only": "0"}

CHILD = """
import json, sys
import pygame
from bbf_sim.ui import bench
way, size, frames = sys.argv[1], tuple(int(v) for v in sys.argv[2].split("x")), int(sys.argv[3])
if way == "viewfinder-only":
    from bbf_sim.core.optics import SENSORS
    from bbf_sim.ui.finder.hud import ViewfinderLayout
    level = bench.bench_level()
    rect = ViewfinderLayout.for_window(*size, SENSORS[level.camera.sensor]).frame
    pygame.display.flip = lambda: pygame.display.update(rect)
row = bench.run_size(size, frames, 2)
row.update(way=way, driver=pygame.display.get_driver() if pygame.display.get_init() else None)
print(json.dumps(row))
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--frames", type=int, default=400)
    parser.add_argument("--sizes", default="1280x720,1920x1080")
    parser.add_argument("--ways", default=",".join(WAYS))
    args = parser.parse_args()
    ways = args.ways.split(",")
    results: dict[tuple[str, str], list[dict]] = {}
    for r in range(args.rounds):
        order = ways[r % len(ways) :] + ways[: r % len(ways)]
        for size in args.sizes.split(","):
            for way in order:
                env = dict(os.environ, SDL_VIDEODRIVER="x11", SDL_AUDIODRIVER="dummy")
                env["SDL_FRAMEBUFFER_ACCELERATION"] = WAYS[way]
                before = server_cpu_s()
                out = subprocess.run(
                    [sys.executable, "-c", CHILD, way, size, str(args.frames)],
                    env=env,
                    capture_output=True,
                    text=True,
                    check=True,
                )
                row = json.loads(out.stdout.strip().splitlines()[-1])
                row["round"] = r
                after = server_cpu_s()
                if before is not None and after is not None:
                    shown = row["frames"] + row["scratch_frames"] + 2  # and the two first frames
                    row["server_cpu_ms_per_frame"] = round((after - before) * 1000 / shown, 3)
                print(json.dumps(row), flush=True)
                results.setdefault((way, size), []).append(row)
    print(
        "way              size       wall p99 median [range]   CPU p99 median [range]   CPU median  "
        "scratch CPU  X server CPU/frame"
    )
    for (way, size), rows in sorted(results.items(), key=lambda kv: (kv[0][1], kv[0][0])):

        def summary(key: str, rows=rows) -> str:
            xs = [row[key] for row in rows]
            return f"{statistics.median(xs):6.2f} [{min(xs):.2f}–{max(xs):.2f}]"

        cpu_med = statistics.median(row["cpu_median_ms"] for row in rows)
        scratch = statistics.median(row["scratch_cpu_median_ms"] for row in rows)
        server = summary("server_cpu_ms_per_frame") if all("server_cpu_ms_per_frame" in r for r in rows) else "-"
        print(
            f"{way:<16} {size:<10} {summary('wall_p99_ms'):>24} {summary('cpu_p99_ms'):>24} "
            f"{cpu_med:8.2f} ms {scratch:8.1f} ms  {server}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
