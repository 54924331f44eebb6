"""The window and the frame loop: scenes, input polled between frames, frame pacing, screenshots.

One `App` owns the window, the clock, the input adapter, the text cache, the
audio and the practice service (`practice.session.GameContext`: history,
settings). A scene is a class with `update(app)` (read input, advance, return the next
scene, `QUIT`, or None to stay) and `draw(app, screen)`; a scene hands what it
produced to the next one through that scene's constructor, never through globals.

Between frames the loop does not sleep a whole frame (`Clock.tick` rounds to 16 ms,
DESIGN §4): it polls input about every millisecond until the next frame is due, so
a press is stamped within ~1 ms of reaching SDL.
"""

from __future__ import annotations

import gc
import os
from dataclasses import dataclass
from pathlib import Path

import pygame

from bbf_sim.practice.session import GameContext
from bbf_sim.ui import MIN_WINDOW_PX
from bbf_sim.ui.audio import Audio
from bbf_sim.ui.clock import VirtualClock, WallClock
from bbf_sim.ui.input import InputAdapter, known_key_name
from bbf_sim.ui.input_script import ScriptEvent, ScriptFeed
from bbf_sim.ui.palette import use_palette
from bbf_sim.ui.text import TextCache, use_text_size

QUIT = object()  # a scene returns this to end the program
POLL_INTERVAL_S = 0.001
FULL_PRESENT_FRAMES = 72  # the whole window is presented at least this often (half a second at 144 Hz)


class Scene:
    """Base class of a screen."""

    @property
    def screen_name(self) -> str:
        """The screen's name in `--input-script --json` output: `LevelSelectScene` → `level_select`."""
        name = type(self).__name__.removesuffix("Scene")
        return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))

    def enter(self, app: App) -> None:  # noqa: B027 - optional hook
        """Called once when the scene becomes current."""

    def update(self, app: App):
        """Read input, advance; return the next scene, QUIT, or None to stay."""
        return None

    def resized(self, app: App) -> None:  # noqa: B027 - optional hook
        """The window changed size (or went fullscreen): lay out again what `enter` laid out."""

    def draw(self, app: App, screen: pygame.Surface) -> None:
        raise NotImplementedError

    def changed_rects(self) -> list[pygame.Rect] | None:
        """The parts of the window the last `draw` changed, or None: it may have changed anywhere."""
        return None


@dataclass
class AppOptions:
    size_px: tuple[int, int] = (1280, 720)
    fullscreen: bool = False
    fps_cap: float = 144.0  # frames per second the loop aims for
    stop_after_s: float | None = None  # --seconds: end by itself after this long
    screenshot: Path | None = None  # save the last frame here on exit
    virtual_time: bool = False  # run on a virtual clock (tests, headless): as fast as the machine goes
    volume: float = 0.8
    mouse_sensitivity: float = 1.0  # aim turned per mouse pixel, as a multiple of one pixel's view
    stick_sensitivity: float = 1.0  # a full stick's pan rate, as a multiple of STICK_FRAMES_PER_S
    data_dir: Path | None = None
    title: str = "bbf-sim"
    palette: str = "standard"  # `bbf_sim.ui.palette.PALETTES`: the settings' colours
    text_size: str = "normal"  # `bbf_sim.ui.text.TEXT_SIZES`: the settings' text size
    focus_outline: bool | None = None  # the practice aid; None: the level's tier decides (`finder.glance`)
    # --input-script: timed device events (`input_script.ScriptEvent`) played in on a virtual
    # clock instead of reading the real devices; the run ends one frame after the last.
    input_script: list[ScriptEvent] | None = None


@dataclass(frozen=True)
class AttemptOutcome:
    """One attempt played in this run, as `--input-script --json` reports it."""

    level: str
    mode: str
    frames: int
    hits: int
    abandoned: bool


class App:
    """The window, the loop, and the things every scene shares."""

    def __init__(
        self,
        options: AppOptions,
        bindings: dict[str, list[str]] | None = None,
        brand=None,
        practice: GameContext | None = None,
        router=None,
    ):
        os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
        self.options = options
        # The rules and the player's data, shared by every screen (a finished play is kept through it).
        self.practice = (
            practice if practice is not None else GameContext(data_dir=options.data_dir, key_known=known_key_name)
        )
        # Only the display and the joystick: `pygame.init()` would also start the mixer,
        # which fails on machines with no audio device (Audio starts it, carefully).
        pygame.display.init()
        pygame.joystick.init()
        self.fullscreen = options.fullscreen
        self.screen = self._set_mode()
        pygame.display.set_caption(options.title)
        script_events = options.input_script
        self.clock = VirtualClock() if options.virtual_time or script_events is not None else WallClock()
        from bbf_sim.ui.input import default_bindings

        self.input = InputAdapter(bindings if bindings is not None else default_bindings(), self.clock)
        self.script: ScriptFeed | None = None
        if script_events is not None:
            # The script is the only device: a real pad plugged in must not play along.
            self.script = ScriptFeed(script_events, self.screen.get_size())
            self.input.use_devices(self.script.held_now)
        else:
            self.input.open_gamepads()
        self.text = TextCache()
        use_palette(options.palette)
        use_text_size(options.text_size)
        self.audio = Audio(options.volume)
        self.brand = brand
        # What builds the next screen (`ui.router.Router`): given by the command that opens the
        # window, so that neither this module nor any screen imports the screens.
        self._router = router
        self.frame_s = 1.0 / options.fps_cap
        self.frames_drawn = 0
        self._present_all = True  # the next frame presents the whole window (`present`)
        self._frames_since_all = 0
        self.started_s = self.clock()
        self.quit_requested = False
        self.screens_visited: list[str] = []  # screen names in the order entered
        self.attempts: list[AttemptOutcome] = []  # attempts played in this run (the player's, not the bot's)

    @property
    def router(self):
        if self._router is None:
            raise RuntimeError("this App was made without a router: App(..., router=Router()) (bbf_sim.ui.router)")
        return self._router

    def now(self) -> float:
        return self.clock()

    @property
    def size(self) -> tuple[int, int]:
        return self.screen.get_size()

    def elapsed_s(self) -> float:
        return self.clock() - self.started_s

    def run(self, scene: Scene) -> Scene:
        """Run scenes until one returns QUIT, the window closes, or `stop_after_s` passes."""
        self.enter(scene)
        stop = self.options.stop_after_s
        next_frame = self.clock()
        while True:
            self.input.poll()
            self._window_changes(scene)
            nxt = scene.update(self)
            # The window's close button ends the program whatever the screen made of it
            # (the play screen keeps the attempt first).
            if nxt is QUIT or self.quit_requested or self.input.quit_seen:
                break
            if nxt is not None:
                scene = nxt
                self.enter(scene)
                continue
            scene.draw(self, self.screen)
            self.present(scene)
            self.frames_drawn += 1
            if stop is not None and self.elapsed_s() >= stop:
                break
            next_frame = self._wait_for(next_frame + self.frame_s)
        if self.options.screenshot is not None:
            self.save_screenshot(self.options.screenshot)
        return scene

    def enter(self, scene: Scene) -> None:
        """Make `scene` the current screen: set it up, with the cycle collector settled around it.

        A full collection walks every object the program holds (the modules, the level, the
        screen's set-up) and stalls a frame for many milliseconds when it comes mid-play. So
        what exists once a screen is set up is moved out of the collector's sight
        (`gc.freeze`), and collections during play walk only what play makes. Between
        screens everything is put back and collected once, so whatever the last screen left
        in reference cycles is freed then, not kept for good. The first screen has no last
        screen to free (start-up leaves a handful of objects in cycles): it skips the
        collection, whose cost grows with all the program holds, and what start-up left is
        collected with the first screen left.
        """
        first_screen = not self.screens_visited
        self.screens_visited.append(scene.screen_name)
        # What was let go during the last screen's last moments must not stay held on this one.
        self.input.resync()
        if not first_screen:
            gc.unfreeze()
            gc.collect()
        scene.enter(self)
        gc.freeze()
        self._present_all = True

    def present(self, scene: Scene) -> None:
        """Hand the frame `scene` drew to the display: the parts it changed, or the whole window.

        Presenting copies the window into the display server's (X11: the server copies it
        from shared memory while the game waits); the play screen changes the frame and a few
        small parts of its panels, a quarter of the window less to copy at 1920×1080
        (docs/performance.md). The whole window goes on a new screen, after a resize, when
        the window was uncovered, and every `FULL_PRESENT_FRAMES` frames whatever happens.
        """
        rects = scene.changed_rects()
        self._frames_since_all += 1
        if rects is None or self._present_all or self.input.exposed or self._frames_since_all >= FULL_PRESENT_FRAMES:
            self._present_all = self.input.exposed = False
            self._frames_since_all = 0
            pygame.display.flip()
        else:
            pygame.display.update(rects)

    def _wait_for(self, due_s: float) -> float:
        """Poll input until `due_s`; on a virtual clock, just move the clock there (playing in
        the script's events due by then, each at its own time)."""
        if self.clock.virtual:
            if self.script is not None:
                self.script.feed_until(due_s, self.clock, self.input.poll)
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

    # --- the window ------------------------------------------------------------------------------

    def _set_mode(self) -> pygame.Surface:
        """Open (or change) the window: resizable at `options.size_px`, or fullscreen at the desktop's size."""
        # A window dragged smaller than MIN_WINDOW_PX is put back to it (`set_window`): the
        # window manager's own minimum needs pygame's Window API, deprecated for display windows.
        if self.fullscreen:
            return pygame.display.set_mode((0, 0), pygame.FULLSCREEN)
        return pygame.display.set_mode(self.options.size_px, pygame.RESIZABLE)

    def set_window(self, scene: Scene | None, size_px: tuple[int, int] | None = None, fullscreen: bool | None = None):
        """Resize the window or switch fullscreen, and have `scene` lay itself out again."""
        if size_px is not None:
            self.options.size_px = (max(size_px[0], MIN_WINDOW_PX[0]), max(size_px[1], MIN_WINDOW_PX[1]))
        if fullscreen is not None:
            self.fullscreen = self.options.fullscreen = fullscreen
        self.screen = self._set_mode()
        self._present_all = True
        if scene is not None:
            scene.resized(self)

    def _window_changes(self, scene: Scene) -> None:
        """F11 / Alt+Enter and a window dragged to a new size, whatever the screen."""
        inp = self.input
        if inp.fullscreen_toggles:
            toggles, inp.fullscreen_toggles = inp.fullscreen_toggles, 0
            if toggles % 2:
                self.set_window(scene, fullscreen=not self.fullscreen)
        if inp.resized_to is not None:
            size, inp.resized_to = inp.resized_to, None
            if not self.fullscreen and size != self.screen.get_size():
                self.set_window(scene, size_px=size)

    def save_screenshot(self, path: Path) -> None:
        """Save the frame shown as PNG (whole or not at all); `CannotWrite` says why it could not be."""
        from bbf_sim.errors import CannotWrite
        from bbf_sim.ui.png_file import save_png

        path = Path(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CannotWrite(f"cannot write {path}: {exc.strerror or exc}") from None
        save_png(self.screen, path)

    def close(self) -> None:
        self.audio.close()
        pygame.display.quit()
        gc.unfreeze()  # what the last screen held is the collector's again
