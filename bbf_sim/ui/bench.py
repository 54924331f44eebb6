"""The built-in benchmark: frame times of a busy scene, with the blur caches and without.

The scene is built in code: 30 subjects (every shape, moving along linear, weave,
flight and approaching paths at 6–70 m) in front of a crowd, a 200 mm f/2.8 lens in
AF-C with back-button focus, and the technique bot tracking the runner and firing
bursts, so the simulator steps, the lens moves and the background's blur changes
while frames are timed. Each frame is the real play screen's work: `update` (input,
simulation ticks, bot) and `draw` (scene, HUD, panels), then `App.present`, which under a
real video driver (X11) hands what the frame changed to the display server.

Each frame is timed twice: wall clock (what a player waits for, stalls of a busy machine
and the display server included) and the drawing thread's CPU time
(`time.thread_time`: what the frame costs this process, whatever else the machine runs).

The same scene is then drawn with `Renderer.from_scratch`, which blurs every object
anew each frame, so the speed-up of the caches is measured in the same run.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

BENCH_SIZES = ((1280, 720), (1920, 1080))
BENCH_FPS = 144.0  # the display rate the frame-time target is for
SHAPES = ("runner", "person", "bird", "animal", "ball", "child", "performer", "post", "flower", "card", "face", "edge")


def bench_level():
    """A level with 30 moving subjects, built as a Python model (no file)."""
    from bbf_sim.levels.schema import Level

    rng = np.random.default_rng(2024)
    objects = [
        {
            "name": "runner",
            "role": "target",
            "shape": "runner",
            "colour": "#d03a2f",
            "width_m": 0.55,
            "height_m": 1.8,
            "path": {
                "kind": "weave",
                "from_m": [-6.0, 0.0, 25.0],
                "velocity_mps": [1.5, 0.0, -0.5],
                "amplitude_m": [0.0, 0.0, 1.5],
                "period_s": 3.0,
            },
        }
    ]
    for i in range(29):
        shape = SHAPES[i % len(SHAPES)]
        z = float(rng.uniform(6, 70))
        x = float(rng.uniform(-0.35, 0.35) * z)
        y = float(rng.uniform(-0.1, 0.1) * z)
        size = {"bird": 0.5, "ball": 0.3, "flower": 0.4, "face": 0.25, "card": 0.5}.get(shape, 1.7)
        kind = ("linear", "weave", "flight", "approaching")[i % 4]
        path: dict[str, object]  # a level file's path table, as the schema reads it
        if kind == "linear":
            path = {"kind": "linear", "from_m": [x, y, z], "velocity_mps": [float(rng.uniform(-3, 3)), 0.0, 0.0]}
        elif kind == "weave":
            path = {
                "kind": "weave",
                "from_m": [x, y, z],
                "amplitude_m": [1.0, 0.0, float(rng.uniform(0.5, 4))],
                "period_s": float(rng.uniform(2, 6)),
            }
        elif kind == "flight":
            path = {"kind": "flight", "from_m": [x, y + 2, z], "velocity_mps": [float(rng.uniform(-6, 6)), 0.0, 0.0]}
        else:
            path = {"kind": "approaching", "from_m": [x, y, z], "speed_mps": float(rng.uniform(1, 4)), "stop_m": 4.0}
        objects.append(
            {
                "name": f"{shape} {i}",
                "role": "obstacle" if i % 3 == 0 else "subject",
                "shape": shape,
                "colour": "#{:02x}{:02x}{:02x}".format(*(int(v) for v in rng.integers(40, 230, 3))),
                "width_m": size * (0.35 if size > 1 else 1.0),
                "height_m": size,
                "path": path,
            }
        )
    return Level.model_validate(
        {
            "id": "bench-busy",
            "title": "Benchmark: a busy field",
            "scenario": "sports",
            "duration_s": 60.0,
            "briefing": "Thirty subjects for the frame-time benchmark.",
            "camera": {"focal_mm": 200, "aperture": 2.8, "exposure_s": 0.001, "drive": "burst", "burst_fps": 10},
            "lens": {"min_focus_m": 1.5, "full_travel_s": 0.4, "start_focus_m": 40.0},
            "af": {"mode": "af-c"},
            "scene": {"background_m": 80.0, "background_colour": "#3f7a3a"},
            "objects": objects,
            "bot": {"technique": "track", "bursts_at_s": [0.8, 1.8, 2.8, 3.8, 4.8], "burst_s": 0.5},
        }
    )


def _percentile(xs: list[float], q: float) -> float:
    return float(np.percentile(np.asarray(xs), q))


def bench_app(size_px: tuple[int, int], title: str = "bbf-sim bench"):
    """A window of `size_px` on the bench's virtual clock, its frames paced at `BENCH_FPS`."""
    from bbf_sim.ui.app import App, AppOptions
    from bbf_sim.ui.router import Router

    return App(AppOptions(size_px=size_px, virtual_time=True, fps_cap=BENCH_FPS, title=title), router=Router())


def play_frame(app, scene) -> None:
    """One frame of `scene` as the game plays it: input read, a step, drawn, presented."""
    app.input.poll()
    scene.update(app)
    scene.draw(app, app.screen)
    app.present(scene)


def enter_bench_scene(app, level=None, from_scratch: bool = False):
    """The bench scene (or `level`) entered in `app`, its first frame drawn and presented as the
    game does; the scene is returned. `from_scratch`: every frame's sprites made anew."""
    from bbf_sim.ui.scenes.play import PlayScene, PlaySetup

    scene = PlayScene(PlaySetup(level=level or bench_level(), mode="bbf", seed=1, demo=True, start_paused=False))
    app.enter(scene)
    scene.live.renderer.from_scratch = from_scratch
    scene.update(app)
    scene.draw(app, app.screen)
    app.present(scene)
    return scene


def run_size(size_px: tuple[int, int], frames: int, scratch_frames: int, level=None) -> dict:
    """Time `frames` frames (and `scratch_frames` drawn from scratch) of the bench scene at one size."""
    level = level or bench_level()
    app = bench_app(size_px)
    try:

        def timed(from_scratch: bool, n: int) -> tuple[list[float], list[float], float]:
            t0 = time.perf_counter()
            scene = enter_bench_scene(app, level, from_scratch)
            first_s = time.perf_counter() - t0
            wall, cpu = [], []
            for _ in range(n):
                app.clock.advance(1.0 / BENCH_FPS)
                t, c = time.perf_counter(), time.thread_time()
                play_frame(app, scene)
                cpu.append(time.thread_time() - c)
                wall.append(time.perf_counter() - t)
            return wall, cpu, first_s

        wall, cpu, first_s = timed(False, frames)
        s_wall, s_cpu, _ = timed(True, scratch_frames)
        med = statistics.median(cpu)
        s_med = statistics.median(s_cpu)
        return {
            "size": f"{size_px[0]}x{size_px[1]}",
            "frames": frames,
            # Wall clock: what the player waits for, the present and a busy machine's stalls included.
            "wall_median_ms": round(statistics.median(wall) * 1000, 3),
            "wall_p99_ms": round(_percentile(wall, 99) * 1000, 3),
            # CPU time of the drawing thread (one core): what the frame costs, whatever else the machine runs.
            "cpu_median_ms": round(med * 1000, 3),
            "cpu_p99_ms": round(_percentile(cpu, 99) * 1000, 3),
            "cpu_max_ms": round(max(cpu) * 1000, 3),
            "first_frame_ms": round(first_s * 1000, 1),
            "scratch_frames": scratch_frames,
            "scratch_wall_median_ms": round(statistics.median(s_wall) * 1000, 2),
            "scratch_cpu_median_ms": round(s_med * 1000, 2),
            "scratch_cpu_p99_ms": round(_percentile(s_cpu, 99) * 1000, 2),
            "speedup_median": round(s_med / med, 1),
        }
    finally:
        app.close()


def peak_rss_mib() -> float:
    """The most resident memory this process has held so far [MiB] (Linux and macOS)."""
    import resource
    import sys

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux, bytes on macOS
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


def first_frame_ms(level, size_px: tuple[int, int]) -> float:
    """From a parsed level to its first frame on screen (simulator reset, caches cold) [ms]."""
    import pygame

    from bbf_sim.ui.app import App, AppOptions
    from bbf_sim.ui.router import Router
    from bbf_sim.ui.scenes.play import PlayScene, PlaySetup

    app = App(AppOptions(size_px=size_px, virtual_time=True), router=Router())
    try:
        t0 = time.perf_counter()
        scene = PlayScene(PlaySetup(level=level, mode="bbf", seed=1, demo=True, start_paused=False))
        app.enter(scene)
        scene.update(app)
        scene.draw(app, app.screen)
        pygame.display.flip()
        return (time.perf_counter() - t0) * 1000
    finally:
        app.close()
