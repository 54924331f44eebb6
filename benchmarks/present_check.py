"""What the X server shows against what the game drew, with only the changed parts presented.

Run under Xvfb with its framebuffer in a file, for example
`xvfb-run -a -s "-screen 0 1920x1080x24 -fbdir /tmp/fb" python benchmarks/present_check.py /tmp/fb 1920x1080`.
The bot plays the bench scene and a shipped level for 400 frames each through
`App.present`; every 50 frames and on the frame before each periodic whole-window
present, the server's framebuffer (XWD, `Xvfb_screen0`) is compared with the window
surface, pixel for pixel. Prints the differing pixels per check; exits 1 if any differ.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ["SDL_VIDEODRIVER"] = "x11"
os.environ["SDL_AUDIODRIVER"] = "dummy"

import numpy as np  # noqa: E402
import pygame  # noqa: E402

import bbf_sim.ui  # noqa: E402, F401 - its SDL settings before the display starts
from bbf_sim.levels.loader import load_level, resolve_level_path  # noqa: E402
from bbf_sim.ui import app as app_module  # noqa: E402
from bbf_sim.ui import bench  # noqa: E402
from bbf_sim.ui.router import Router  # noqa: E402
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup  # noqa: E402


def server_pixels(fb_dir: Path) -> np.ndarray:
    """The X server's screen as (rows, columns, BGRX bytes), read from Xvfb's XWD file."""
    data = (fb_dir / "Xvfb_screen0").read_bytes()
    fields = struct.unpack(">25I", data[:100])
    header_size, w, h, bytes_per_line, ncolours = fields[0], fields[4], fields[5], fields[12], fields[19]
    offset = header_size + ncolours * 12
    rows = np.frombuffer(data, np.uint8, count=bytes_per_line * h, offset=offset).reshape(h, bytes_per_line)
    return rows[:, : w * 4].reshape(h, w, 4)


def main() -> int:
    fb_dir, size = Path(sys.argv[1]), tuple(int(v) for v in sys.argv[2].split("x"))
    app = app_module.App(app_module.AppOptions(size_px=size, virtual_time=True, title="present check"), router=Router())
    differing = 0
    try:
        for name in ("bench", "endless-dragonfly"):
            level = bench.bench_level() if name == "bench" else load_level(resolve_level_path(name))
            scene = PlayScene(PlaySetup(level=level, mode="bbf", seed=1, demo=True, start_paused=False))
            app.enter(scene)
            for i in range(1, 401):
                app.clock.advance(1 / 144)
                app.input.poll()
                scene.update(app)
                scene.draw(app, app.screen)
                app.present(scene)
                if i % 50 and i % app_module.FULL_PRESENT_FRAMES != app_module.FULL_PRESENT_FRAMES - 1:
                    continue
                x, y = pygame.Window.from_display_module().position  # where the window sits on the screen
                shown = server_pixels(fb_dir)[y : y + size[1], x : x + size[0], [2, 1, 0]]
                drawn = pygame.surfarray.array3d(app.screen).transpose(1, 0, 2)
                n = int((shown != drawn).any(axis=2).sum())
                differing += n > 0
                print(f"{name} {size[0]}x{size[1]} frame {i}: {n} pixels differ")
    finally:
        app.close()
    print(f"checks with differing pixels: {differing}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
