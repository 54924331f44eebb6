"""The game window: pygame-ce lives here and nowhere else.

| module | job |
|---|---|
| `app` | the window, the frame loop (input polled between frames), the scene stack |
| `clock` | wall or virtual time, and the fixed-step accumulator that drives the simulator |
| `input` | bindings as data; keys, mouse and gamepad → timestamped camera controls |
| `blur` | blurring surfaces and the memory-bounded cache of pre-blurred copies |
| `shapes` | procedural drawing of each object shape a level can name |
| `render` | the scene as the lens sees it: depth of field, panning background, photos |
| `hud` | the viewfinder overlay: AF points, focus confirmation, the info line |
| `text` | cached text surfaces |
| `audio` | the AF beep and the shutter sound, synthesised; silent without a device |
| `scenes/` | play (with pause), photo review, results |
| `bench` | the built-in frame-time benchmark |

Nothing here changes the simulation except through `Simulator.step`.
"""

import os as _os
import sys as _sys


def _no_display_means_headless() -> None:
    """On a Linux machine with no display server, run on SDL's dummy drivers.

    Otherwise SDL probes X11, Wayland and ALSA and prints their complaints before the
    window opens; a headless `--demo --screenshot` run should be quiet. Set before any
    module here imports pygame; explicit SDL_* settings always win.
    """
    if not _sys.platform.startswith("linux"):
        return
    if _os.environ.get("DISPLAY") or _os.environ.get("WAYLAND_DISPLAY"):
        return
    if "SDL_VIDEODRIVER" not in _os.environ:
        _os.environ["SDL_VIDEODRIVER"] = "dummy"
        _os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


_no_display_means_headless()
