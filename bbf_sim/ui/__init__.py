"""The game window: pygame-ce lives here and nowhere else.

| module | job |
|---|---|
| `app` | the window, the frame loop (input polled between frames), the scene stack, screenshots |
| `clock` | wall or virtual time, and the fixed-step accumulator that drives the simulator |
| `finder/` | the viewfinder engine: depth of field, sprites, blur, shapes, background, photos, HUD |
| `input` | bindings as data; keys, mouse and gamepad → timestamped camera controls and menu verbs |
| `verbs` | the menu verbs every screen reads, the table of what presses them, controls' names |
| `input_script` | `--input-script`: a file of timed device events played in as SDL events |
| `router` | which screen comes next: builds every screen, so that screens import none of each other |
| `naming` | the mapping and the camera's buttons in the words of the player's brand |
| `text` | cached text surfaces |
| `charts` | line charts from plain data (progress over the weeks) |
| `audio` | the AF beep and the shutter sound, synthesised; silent without a device |
| `scenes/` | every screen, one class each, from the menu to results and the set-up drill (`scenes/__init__`) |
| `bench` | the built-in frame-time benchmark |

On Linux with no display server, importing this package switches SDL to its dummy
drivers and sets `BBF_SIM_HEADLESS=1`, so a command can refuse a window nobody sees.
On X11 it asks SDL to present through its own shared-memory framebuffer rather than a
GL texture, the cheaper path by measurement (`docs/performance.md`).
Importing it also checks that `pygame` is pygame-ce: plain pygame installs a module of
the same name over it, and the game then fails deep inside; the check says how to fix it.
Nothing here changes the simulation except through `Simulator.step`.
"""

import os as _os
import sys as _sys

# The smallest window every screen is laid out for (the smallest size the settings offer):
# `--size` below it is refused, a settings file's smaller size is raised to it, and the
# window cannot be dragged smaller.
MIN_WINDOW_PX = (960, 540)
HEADLESS_ENV = "BBF_SIM_HEADLESS"  # "1": this package chose SDL's dummy drivers (no display server)


def _no_display_means_headless() -> None:
    """On a Linux machine with no display server, run on SDL's dummy drivers.

    Otherwise SDL probes X11, Wayland and ALSA and prints their complaints before the
    window opens; a headless `--demo --screenshot` run should be quiet. Set before any
    module here imports pygame; explicit SDL_* settings always win.
    """
    if not _sys.platform.startswith("linux"):
        return
    if _os.environ.get("SDL_VIDEODRIVER") == "dummy":
        # A window nobody sees is heard by nobody: no probing ALSA for a card (a user's own choice wins).
        _os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    if _os.environ.get("DISPLAY") or _os.environ.get("WAYLAND_DISPLAY"):
        return
    if "SDL_VIDEODRIVER" not in _os.environ:
        _os.environ["SDL_VIDEODRIVER"] = "dummy"
        _os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        # Said so that the commands can refuse a window nobody sees and nothing ends
        # (`cli.play_cmd.require_visible_or_timed`); a user's own SDL_VIDEODRIVER never sets it.
        _os.environ[HEADLESS_ENV] = "1"


def _x11_presents_from_shared_memory() -> None:
    """On X11, present the window through SDL's X11 framebuffer (MIT-SHM), not a GL texture.

    The texture path uploads the whole window on the drawing thread every frame; the
    shared-memory path hands it to the X server. SDL's default between the two differs
    between versions and machines, so it is chosen here; a user's own setting wins.
    Only on X11: Wayland has no framebuffer of SDL's own, and would then have no window.
    """
    if not _sys.platform.startswith("linux"):
        return
    driver = _os.environ.get("SDL_VIDEODRIVER", "")
    if driver == "x11" or (not driver and _os.environ.get("DISPLAY")):
        _os.environ.setdefault("SDL_FRAMEBUFFER_ACCELERATION", "0")


PYGAME_CE_FIX = "pip uninstall -y pygame pygame-ce && pip install pygame-ce"


def require_pygame_ce() -> None:
    """Raise a `UserError` with the fix when the `pygame` module is not pygame-ce (or cannot load)."""
    from bbf_sim.errors import UserError

    _os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        import pygame
    except ImportError as exc:  # a half-overwritten install, or none
        raise UserError(f"pygame-ce cannot be imported ({exc}); to fix it: {PYGAME_CE_FIX}") from None
    if not getattr(pygame, "IS_CE", False):
        version = getattr(getattr(pygame, "version", None), "ver", "?")
        raise UserError(
            f"the `pygame` module here is plain pygame {version}, not pygame-ce: both install a module "
            f"named pygame and the last one installed wins; to fix it: {PYGAME_CE_FIX}"
        )


_no_display_means_headless()
_x11_presents_from_shared_memory()
require_pygame_ce()
