"""The window and the frame loop: scenes, input polled between frames, frame pacing, screenshots.

One `App` owns the window, the clock, the input adapter, the text cache and the
audio. A scene is a class with `update(app)` (read input, advance, return the next
scene, `QUIT`, or None to stay) and `draw(app, screen)`; a scene hands what it
produced to the next one through that scene's constructor, never through globals.

Between frames the loop does not sleep a whole frame (`Clock.tick` rounds to 16 ms,
DESIGN §4): it polls input about every millisecond until the next frame is due, so
a press is stamped within ~1 ms of reaching SDL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pygame

from bbf_sim.ui.audio import Audio
from bbf_sim.ui.clock import VirtualClock, WallClock
from bbf_sim.ui.input import InputAdapter
from bbf_sim.ui.palette import use_palette
from bbf_sim.ui.text import TextCache

QUIT = object()  # a scene returns this to end the program
POLL_INTERVAL_S = 0.001


class Scene:
    """Base class of a screen."""

    def enter(self, app: App) -> None:  # noqa: B027 - optional hook
        """Called once when the scene becomes current."""

    def update(self, app: App):
        """Read input, advance; return the next scene, QUIT, or None to stay."""
        return None

    def draw(self, app: App, screen: pygame.Surface) -> None:
        raise NotImplementedError


@dataclass
class AppOptions:
    size_px: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    fps_cap: float = 144.0  # frames per second the loop aims for
    stop_after_s: float | None = None  # --seconds: end by itself after this long
    screenshot: Path | None = None  # save the last frame here on exit
    virtual_time: bool = False  # run on a virtual clock (tests, headless): as fast as the machine goes
    volume: float = 0.8
    data_dir: Path | None = None
    title: str = "bbf-sim"
    palette: str = "standard"  # `bbf_sim.ui.palette.PALETTES`: the settings' colours


class App:
    """The window, the loop, and the things every scene shares."""

    def __init__(self, options: AppOptions, bindings: dict[str, list[str]] | None = None, brand=None):
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        self.options = options
        # Only the display and the joystick: `pygame.init()` would also start the mixer,
        # which fails on machines with no audio device (Audio starts it, carefully).
        pygame.display.init()
        pygame.joystick.init()
        flags = pygame.FULLSCREEN if options.fullscreen else 0
        self.screen = pygame.display.set_mode(options.size_px, flags)
        pygame.display.set_caption(options.title)
        self.clock = VirtualClock() if options.virtual_time else WallClock()
        from bbf_sim.ui.input import default_bindings

        self.input = InputAdapter(bindings if bindings is not None else default_bindings(), self.clock)
        self.input.open_gamepads()
        self.text = TextCache()
        use_palette(options.palette)
        self.audio = Audio(options.volume)
        self.brand = brand
        self.frame_s = 1.0 / options.fps_cap
        self.frames_drawn = 0
        self.started_s = self.clock()
        self.quit_requested = False

    def now(self) -> float:
        return self.clock()

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def elapsed_s(self) -> float:
        return self.clock() - self.started_s

    def run(self, scene: Scene) -> Scene:
        """Run scenes until one returns QUIT, the window closes, or `stop_after_s` passes."""
        scene.enter(self)
        stop = self.options.stop_after_s
        next_frame = self.clock()
        while True:
            self.input.poll()
            nxt = scene.update(self)
            if nxt is QUIT or self.quit_requested:
                break
            if nxt is not None:
                scene = nxt
                scene.enter(self)
                continue
            scene.draw(self, self.screen)
            pygame.display.flip()
            self.frames_drawn += 1
            if stop is not None and self.elapsed_s() >= stop:
                break
            next_frame = self._wait_for(next_frame + self.frame_s)
        if self.options.screenshot is not None:
            self.save_screenshot(self.options.screenshot)
        return scene

    def _wait_for(self, due_s: float) -> float:
        """Poll input until `due_s`; on a virtual clock, just move the clock there."""
        if self.clock.virtual:
            self.clock.advance(max(0.0, due_s - self.clock()))
            return due_s
        now = self.clock()
        if now > due_s + self.frame_s:  # fell behind (a stall): don't try to catch up frames
            return now
        while now < due_s:
            self.clock.sleep(min(POLL_INTERVAL_S, due_s - now))
            self.input.poll()
            now = self.clock()
        return due_s

    def save_screenshot(self, path: Path) -> None:
        path = Path(path)
        if path.parent and not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
        pygame.image.save(self.screen, str(path))

    def close(self) -> None:
        self.audio.close()
        pygame.display.quit()
