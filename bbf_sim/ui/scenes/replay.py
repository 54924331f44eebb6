"""Replay in the window: a recorded attempt played back in the viewfinder, then its review and results.

`ReplayScene` is a live attempt (`ui.live.LiveAttempt`) with the player's hands taken
off: a `ReplayFeed` stands where the demo bot stands and hands `Simulator.step` exactly what the replay
file holds (every event in the first step, as `core.recording.replay_inputs` does,
and the recorded aim at each tick), so the window shows the very frames the re-score
counts. The HUD's button lamps light from the simulator's own state, and the left
panel lists the recorded presses as they act.

| key | does |
|---|---|
| Space, Enter, P (gamepad A, Start) | pause / go on |
| Right / Up, Left / Down (d-pad) | faster, slower (a quarter to 8 times) |
| Esc, Q (gamepad B, Back) | stop here and review the frames so far |

Nothing is recorded: a replay is not an attempt. The level must be the file the
replay was recorded on (the caller checks its hash) and is played with the AF mode
the attempt used (`practice.attempts.played_level`).
"""

from __future__ import annotations

from collections import deque
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

import numpy as np
import pygame

from bbf_sim.core.recording import decode_events
from bbf_sim.core.simulator import DT_S
from bbf_sim.ui.app import QUIT, App, Scene
from bbf_sim.ui.live.attempt import LiveAttempt
from bbf_sim.ui.live.setups import PlaySetup
from bbf_sim.ui.naming import rear_button
from bbf_sim.ui.palette import AMBER, LCD, WHITE
from bbf_sim.ui.verbs import Verb, hints

if TYPE_CHECKING:
    from bbf_sim.core.simulator import Snapshot

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0, 8.0)
MAX_TICKS_PER_FRAME = 96  # 8× at 10 frames a second; beyond that playback slows rather than skip ticks
PRESSES_SHOWN = 5


def banner_text_px(frame: pygame.Rect) -> int:
    """The replay banner's text size for a frame [px]."""
    return max(13, frame.h // 34)


def banner_height_px(frame: pygame.Rect) -> int:
    """The replay banner's height across the frame's top [px]."""
    return banner_text_px(frame) + 12


class ReplayFeed:
    """Plays the part of a bot: `act` returns the recorded inputs for the next tick."""

    def __init__(self, events: list[tuple[float, str, bool]], aims: list[tuple[float, float]]):
        self.events = decode_events(events)
        self.aims = aims
        self.tick = 0

    @property
    def exhausted(self) -> bool:
        return self.tick >= len(self.aims)

    def act(self, snap: Snapshot) -> tuple[np.ndarray | None, np.ndarray]:
        """The inputs of the next tick, as `replay_inputs` hands them over (the same arrays, the same bits)."""
        k = self.tick
        self.tick += 1
        yaw, pitch = self.aims[k]
        return (self.events if k == 0 else None), np.array([(yaw, pitch)], dtype=float)


def replay_setup(level, replay, level_path=None) -> PlaySetup:
    """The play set-up a replay re-creates: its level file, mapping, seed and AF mode."""
    af_mode = replay.settings.get("af_mode")
    return PlaySetup(
        level=level,
        mode=replay.mode,
        seed=replay.seed,
        level_path=level_path,
        start_paused=False,
        af_mode=af_mode if af_mode != level.af.mode else None,
    )


def review_the_replay(replay, app: App, live: LiveAttempt):
    """The review of the frames played back, its note saying whether they are the recorded ones."""
    live.grab(app, False)
    review = app.router.review(live.keep(app))  # nothing is recorded: the recorder is gone
    result = review.result
    recorded = replay.summary
    if result.ended_early:
        note = f"replay stopped at {live.sim.t_s:.1f} s; not recorded"
    elif result.summary.hits == recorded.get("hits") and result.summary.frames == recorded.get("frames"):
        note = "replay: the same frames as recorded; not recorded again"
    else:
        note = "replay: the frames differ from the recorded summary"
    review.result = replace(result, record_note=note)
    return review


class ReplayScene(Scene):
    """A replay played in the viewfinder; ends on the photo review (then results)."""

    def __init__(self, setup: PlaySetup, replay, speed: float = 1.0):
        self.setup = setup
        # A replay has no pause card: restart and the other mapping are not a replay's.
        self.live = LiveAttempt(
            setup,
            finish=partial(review_the_replay, replay),
            again=lambda app, setup: None,
            hints_for=lambda app: [],
            mapping_words=lambda app: "",
            mapping_switch=False,
            pause_card=False,
            top_strip_px=banner_height_px,
        )
        self.replay = replay
        self.speed = min(SPEEDS, key=lambda s: abs(s - speed))

    def enter(self, app: App) -> None:
        live = self.live
        live.enter(app)
        live.recorder = None  # a replay is not an attempt: nothing goes to history
        live.bot = self.feed = ReplayFeed(self.replay.events, self.replay.aim)
        live.paused = False
        live.started = True
        live.grab(app, False)  # the mouse is not the camera here
        self.play_s = 0.0  # level time the playback has reached
        self.last_s: float | None = None
        self.next_event = 0
        self.presses: deque[str] = deque(maxlen=PRESSES_SHOWN)
        self.names = {"HALF": "half", "FULL": "shutter", "AF_ON": rear_button(app.brand)}
        self._update_hints()

    def resized(self, app: App) -> None:
        self.live.resized(app)

    # --- each frame -------------------------------------------------------------------------

    def update(self, app: App):
        live = self.live
        live.new_frame()
        inp = app.input.take()
        if inp.quit:
            return QUIT
        now = app.now()
        if self.last_s is None:
            self.last_s = now  # level time starts with the first frame on screen
            live.zero_s = now
            return None
        verbs = inp.verbs
        if Verb.BACK in verbs or Verb.END in verbs:
            live.ended_early = True
            return review_the_replay(self.replay, app, live)
        # Esc is the pause binding too: BACK, read first, stops; Space, P and Start pause.
        if Verb.OK in verbs or "pause" in inp.actions:
            live.paused = not live.paused
        faster = Verb.RIGHT in verbs or Verb.UP in verbs
        slower = Verb.LEFT in verbs or Verb.DOWN in verbs
        i = SPEEDS.index(self.speed)
        self.speed = SPEEDS[max(0, min(len(SPEEDS) - 1, i + faster - slower))]
        dt, self.last_s = now - self.last_s, now
        if live.paused:
            live.zero_s = now - self.play_s
            return None
        self.play_s = min(self.play_s + dt * self.speed, live.sim.t_s + MAX_TICKS_PER_FRAME * DT_S)
        live.zero_s = now - self.play_s  # so the drawing is interpolated at play_s
        n = int((self.play_s - live.sim.t_s) / DT_S + 1e-9)
        for _ in range(n):
            if self.feed.exhausted:
                break
            live.tick(app)
            if live.sim.done:
                break
        self._log_presses()
        if live.sim.done or self.feed.exhausted:
            return review_the_replay(self.replay, app, live)
        return None

    def _log_presses(self) -> None:
        """The recorded presses that have acted by now, newest last, for the left panel."""
        events = self.replay.events
        changed = False
        while self.next_event < len(events) and events[self.next_event][0] < self.live.sim.t_s:
            t_s, name, pressed = events[self.next_event]
            self.presses.append(f"{t_s:5.2f} {self.names.get(name, name)} {'on' if pressed else 'off'}")
            self.next_event += 1
            changed = True
        if changed:
            self._update_hints()

    def _update_hints(self) -> None:
        self.live.hints = ["recorded presses", *self.presses] if self.presses else ["recorded presses:", "none yet"]

    # --- drawing -----------------------------------------------------------------------------

    def draw(self, app: App, screen: pygame.Surface) -> None:
        self.live.draw(app, screen)
        self._banner(app, screen)

    def _banner(self, app: App, screen: pygame.Surface) -> None:
        """A strip across the top of the frame: this is a replay, how fast, and the keys."""
        f = self.live.layout.frame
        size = banner_text_px(f)
        strip = pygame.Rect(f.x, f.y, f.w, banner_height_px(f))
        veil = pygame.Surface(strip.size, pygame.SRCALPHA)
        veil.fill((0, 0, 0, 150))
        screen.blit(veil, strip)
        t = app.text
        speed = f"{self.speed:g}×"
        left = f"REPLAY {speed}" + ("  paused" if self.live.paused else "")
        r = t.blit(screen, left, (f.x + 10, strip.centery), size, AMBER, anchor="midleft", bold=True)
        s = self.replay.summary
        if s.get("frames") is not None:
            recorded = f"recorded: {s.get('hits')} of {s.get('frames')} frames sharp"
            t.blit(screen, recorded, (r.right + 16, strip.centery), size - 2, WHITE, anchor="midleft")
        t.blit(
            screen,
            hints([(Verb.OK, "pause"), ((Verb.LEFT, Verb.RIGHT), "speed"), (Verb.BACK, "review")], app.input.pad_last),
            (f.right - 10, strip.centery),
            size - 2,
            LCD,
            anchor="midright",
        )
