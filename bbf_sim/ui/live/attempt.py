"""`LiveAttempt`: one attempt at a level in the viewfinder, stepped and drawn; the screens compose it.

Each frame: read the stamped inputs, turn them into level-time `ControlEvent`s, step
the simulator as many fixed ticks as the level clock has advanced (each tick with the
camera aim at its end, from the mouse moves stamped up to then), then draw the
snapshot interpolated to the frame's moment. In demo mode the `TechniqueBot` plays
through exactly the same `step` call (a replay's feed does too, `scenes.replay`).

Level time starts when the first frame is on screen (so loading never eats into
it), stops while paused, and skips (rather than races) after a long stall.

What comes after the attempt is the screen's: it hands the attempt `finish` (the level
ended or the player ended it) and `again` (R or M on the pause card), each returning
the next screen from `app.router`. The callbacks are handed the attempt rather than
holding the screen, so a finished screen and its renderers go by reference counting
alone, without waiting for the cycle collector.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
import pygame

from bbf_sim.core.camera import direction_to
from bbf_sim.core.controls import Button, ControlEvent
from bbf_sim.core.headless import generators
from bbf_sim.core.optics import field_of_view_rad
from bbf_sim.core.recording import Recorder
from bbf_sim.core.scoring import GRADES, level_summary
from bbf_sim.core.simulator import DT_S, Simulator
from bbf_sim.practice.session import FinishedPlay
from bbf_sim.ui.app import QUIT, App, AttemptOutcome
from bbf_sim.ui.clock import FixedStep
from bbf_sim.ui.finder.glance import Glance, outline_by_default
from bbf_sim.ui.finder.hud import Hud, ViewfinderLayout
from bbf_sim.ui.finder.photos import Photo, photo_view, render_photo
from bbf_sim.ui.finder.render import SPRITE_BUDGET_S, Renderer, View
from bbf_sim.ui.finder.sprite_tuning import TUNING
from bbf_sim.ui.live.pause_card import draw_pause_card
from bbf_sim.ui.live.setups import PlayResult, PlaySetup
from bbf_sim.ui.verbs import Verb
from bbf_sim.ui.words import frame_words, where_to_find

if TYPE_CHECKING:
    from bbf_sim.core.simulator import Snapshot

MAX_PITCH_RAD = math.radians(80)
STICK_FRAMES_PER_S = 0.8  # a fully pushed stick pans this many frame widths a second
SHUTTER_FLASH_S = 0.04  # how long the frame border blinks when a frame is taken
THUMB_EVERY_S = 0.5  # the last-frame preview updates at most this often
THUMB_SPRITE_BUDGET_S = 0.0003  # time a frame spends making the next thumbnail's sprites
THUMB_PREP_FRAMES = 12  # after this many frames the thumbnail is drawn, its last sprites made at once

NextScreen = Any  # a `Scene`, `QUIT` or None, as `Scene.update` returns
# The last frame's preview: its thumbnail, its grade and the headline of why.
Preview = tuple[pygame.Surface, str, str]


class Pilot(Protocol):
    """What plays in the player's place: the demo's `TechniqueBot`, or a replay's feed."""

    def act(self, snap: Snapshot) -> tuple[np.ndarray | None, np.ndarray]:
        """The events of the coming tick (None: none) and the aim at its end."""
        ...


class LiveAttempt:
    """One attempt at a level, by the player, the demo bot, or (its `bot` replaced) a replay's feed.

    `finish(app, attempt)` and `again(app, setup)` return what comes next; `hints_for(app)` gives
    the keys listed beside the frame; `mapping_words(app)` names the mapping on the pause
    card; `mapping_switch` offers M (the other mapping) there before the start;
    `mapping_label` replaces the HUD's mapping name; `ready_line` leads the card (an
    endless drill's round); `pause_card` False shows no card while paused (a replay);
    `after_tick(app, attempt)` runs after each simulator tick (the test shot's checklist);
    `top_strip_px(frame)` is how much of the frame's top the screen draws over (the replay's
    banner), which the AF badge keeps clear of.
    """

    def __init__(
        self,
        setup: PlaySetup,
        *,
        finish: Callable[[App, LiveAttempt], NextScreen],
        again: Callable[[App, PlaySetup], NextScreen],
        hints_for: Callable[[App], list[str]],
        mapping_words: Callable[[App], str],
        mapping_switch: bool = True,
        mapping_label: str | None = None,
        ready_line: str = "",
        pause_card: bool = True,
        after_tick: Callable[[App, LiveAttempt], None] | None = None,
        top_strip_px: Callable[[pygame.Rect], int] | None = None,
    ):
        self.setup = setup
        self.finish = finish
        self.again = again
        self.hints_for = hints_for
        self.mapping_words = mapping_words
        self.mapping_switch = mapping_switch
        self.mapping_label = mapping_label
        self.ready_line = ready_line
        self.pause_card = pause_card
        self.after_tick = after_tick
        self.top_strip_px = top_strip_px

    # --- setting up ------------------------------------------------------------------------

    def enter(self, app: App) -> None:
        s = self.setup
        level = s.played_level
        self.sim = Simulator()
        sim_rng, bot_rng = generators(s.seed)
        self.snap = self.sim.reset(level, sim_rng, s.mode)
        # A person's attempt is recorded (inputs as the simulator took them) for history and its replay.
        self.recorder = None if s.demo else Recorder(self.sim, self.snap)
        self.started_at = datetime.now(UTC)
        self.prev = self.snap
        self.bot: Pilot | None = None
        if s.demo:
            from bbf_sim.core.bots import TechniqueBot

            self.bot = TechniqueBot(level, [s.mode], np.arange(1), bot_rng)
        self._lay_out(app)
        self.fixed = FixedStep(DT_S)
        self.zero_s: float | None = None  # the clock reading at level time 0
        self.paused = s.start_paused and not s.demo
        self.pause_started_s: float | None = None
        self.started = not self.paused
        self.aim = np.array([float(self.snap.yaw_rad[0]), float(self.snap.pitch_rad[0])])
        self.aim_deltas: list[tuple[float, float, float]] = []  # (level t_s, d_yaw, d_pitch)
        self.pending: list[ControlEvent] = []
        self.sim_down: set[Button] = set()  # buttons the simulator was told are held
        self.photos: list[Photo] = []
        self.confirms = 0
        self.flash_until_s = -1.0
        self.last_photo: Preview | None = None
        self.thumb_due: Photo | None = None
        self.thumb_ready: Preview | None = None
        self.thumb_texts_ready = False
        self.thumb_next_s = 0.0
        self.thumb_waited = 0  # frames spent making the pending thumbnail's sprites
        self.fired_this_frame = False
        self.hits = 0
        self.hints = self._hints(app)
        self.find_words = self._find_words()
        self.ended_early = False
        self.stats = {"ticks": 0, "events": 0}
        self.grab(app, not s.demo and not self.paused)

    def _lay_out(self, app: App) -> None:
        """The viewfinder fitted to the window (the sensor's aspect kept), its renderers and HUD."""
        level, s = self.setup.played_level, self.setup
        w, h = app.size
        self.layout = ViewfinderLayout.for_window(w, h, self.sim.sensor)
        self.renderer = Renderer(level, self.sim.sensor, self.layout.frame.size)
        thumb_w = self.layout.thumb_w
        self.thumbs = Renderer(level, self.sim.sensor, (thumb_w, round(thumb_w * 2 / 3)), 8 << 20, 8 << 20)
        # A thumbnail a hundred pixels wide: stand-ins for most new sprites are invisible there.
        # The background blurs the lens will likely need, made now rather than mid-play:
        # focus at the start, on each object, and at infinity.
        depths = [d for d in self.snap.depth_m[0] if d > 0]
        lens_guesses = [float(self.snap.lens_D[0]), 0.0, *(1.0 / d for d in depths)]
        self.renderer.prewarm(lens_guesses)
        self.thumbs.prewarm(lens_guesses)
        self.frame_surface = app.screen.subsurface(self.layout.frame)
        self.hud = Hud(self.sim, self.layout, app.text, s.mode, app.brand, demo=s.demo)
        if self.mapping_label is not None:
            self.hud.mapping_label = self.mapping_label
        aid = app.options.focus_outline
        self.glance = Glance(
            self.sim,
            self.layout.frame,
            self.renderer.g,
            (self.renderer.w_m, self.renderer.h_m),
            app.text,
            outline=outline_by_default(level) if aid is None else aid,
            moments=level.goal.moments,
            badge_top_px=self.top_strip_px(self.layout.frame) if self.top_strip_px else 0,
        )
        self.fov_rad = field_of_view_rad(self.sim.sensor.width_mm, self.sim.focal_mm)
        self.rad_per_px = self.fov_rad / self.layout.frame.w

    def resized(self, app: App) -> None:
        """The window changed size: lay the viewfinder out again; the attempt goes on as it was."""
        self._lay_out(app)
        # The last frame's thumbnail is drawn again at the new size.
        self.thumb_ready, self.thumb_texts_ready = None, False
        if self.photos:
            self.thumb_due, self.last_photo, self.thumb_next_s = self.photos[-1], None, 0.0

    def _hints(self, app: App) -> list[str]:
        """The keys beside the frame, named for the device in hand (the pad's buttons once it is picked up)."""
        self.hints_pad = app.input.pad_last
        return self.hints_for(app)

    def _find_words(self) -> str:
        """Where the object the level's lesson focuses on is, if the start aim leaves it out of the frame."""
        bot = getattr(self.setup.played_level, "bot", None)
        name = getattr(bot, "focus_on", None)
        if not name or name not in self.sim.object_names:
            return ""
        i = self.sim.object_names.index(name)
        yaw, pitch = direction_to(self.sim.motion.positions(np.zeros(1))[:, 0, i])
        d_yaw = float(yaw) - float(self.snap.yaw_rad[0])
        d_pitch = float(pitch) - float(self.snap.pitch_rad[0])
        return where_to_find(name, d_yaw, d_pitch, self.fov_rad)

    def grab(self, app: App, on: bool) -> None:
        """Lock the mouse to the window while aiming, so it pans without hitting the screen edge."""
        if app.clock.virtual:
            return
        try:
            pygame.mouse.set_relative_mode(on)
        except pygame.error:
            pygame.event.set_grab(on)
            pygame.mouse.set_visible(not on)

    # --- each frame -------------------------------------------------------------------------

    def new_frame(self) -> None:
        """A new frame begins: no frame fired in it yet (a frame that fires leaves the thumbnail for the next)."""
        self.fired_this_frame = False

    def update(self, app: App) -> NextScreen:
        self.new_frame()
        inp = app.input.take()
        if inp.quit:
            return self._closed(app)
        now = app.now()
        if self.zero_s is None:
            # Level time starts with the first frame on screen; inputs before it are dropped.
            self.zero_s = now
            return None
        if self.paused:
            return self._paused_update(app, inp, now)
        if "pause" in inp.actions or (inp.focus_lost and self.bot is None):
            self.paused = True
            self.pause_started_s = now
            self.grab(app, False)
            return None
        if self.bot is None:
            for c in inp.controls:
                self.pending.append(ControlEvent(max(0.0, c.t_s - self.zero_s), c.button, c.pressed))
                (self.sim_down.add if c.pressed else self.sim_down.discard)(c.button)
            for t, dx, dy in inp.mouse_rel:
                gain = self.rad_per_px * app.options.mouse_sensitivity
                self.aim_deltas.append((t - self.zero_s, dx * gain, -dy * gain))
        elif inp.pressed and self.setup.attract:
            return QUIT  # any key, click or pad button ends the attract loop
        level_now = now - self.zero_s
        dropped = self.fixed.dropped_s
        n = self.fixed.ticks_due(self.sim.t_s, level_now)
        self.zero_s += self.fixed.dropped_s - dropped  # a stall: the level clock skips, the sim does not race
        for _ in range(n):
            self.tick(app)
            if self.sim.done:
                return self.finish(app, self)
        return None

    def tick(self, app: App) -> None:
        """One simulator step, with the bot's (or feed's) inputs or the player's pending ones."""
        t_end = self.sim.t_s + DT_S
        events: np.ndarray | list[ControlEvent] | None
        if self.bot is not None:
            events, aim = self.bot.act(self.snap)
        else:
            events, self.pending = self.pending, []
            aim = self._aim_at(app, t_end)
            self.stats["events"] += len(events)
        self.prev = self.snap
        self.snap = (self.recorder or self.sim).step(events, aim)
        self.stats["ticks"] += 1
        if self.bot is not None:
            self.aim = np.array([float(self.snap.yaw_rad[0]), float(self.snap.pitch_rad[0])])
        count = int(self.snap.confirm_count[0])
        if count > self.confirms:
            app.audio.play("beep")
        self.confirms = count
        for row in self.snap.new_frames:
            photo = Photo(row=row.copy(), snap=self.snap, prev=self.prev)
            self.photos.append(photo)
            self.hits += bool(row["hit"])
            app.audio.play("shutter")
            self.flash_until_s = app.now() + SHUTTER_FLASH_S
            self.thumb_due = photo
            self.thumb_waited = 0  # a newer frame to show: its own sprites to make
            self.fired_this_frame = True
        if self.after_tick is not None:
            self.after_tick(app, self)

    def _update_thumbnail(self, app: App) -> bool:
        """Draw the newest frame's thumbnail, at most every THUMB_EVERY_S (a burst is 10+ a second).

        In steps on separate frames, so no one frame pays for two: the picture's sprites (a
        little each frame, `THUMB_PREP_FRAMES` at most), the picture, its grade and reason's
        text (new every time), then the swap. True if this frame did any of them.
        """
        if self.thumb_ready is not None:
            if not self.thumb_texts_ready:
                self.hud.prepare_last_photo(self.thumb_ready[1], self.thumb_ready[2])
                self.glance.prepare_frame(self.thumb_ready[1], self.thumb_ready[2])
                self.thumb_texts_ready = True
                return True
            self.last_photo, self.thumb_ready = self.thumb_ready, None
            self.glance.show_frame(app.now())
            return True
        photo = self.thumb_due
        # Not on a frame that took a picture: its exposure already cost a millisecond.
        if photo is None or app.now() < self.thumb_next_s or self.fired_this_frame:
            return False
        # Its sprites are made first, a little on each frame, so the picture itself is quick.
        if not self.thumbs.prepare(photo_view(photo), THUMB_SPRITE_BUDGET_S) and self.thumb_waited < THUMB_PREP_FRAMES:
            self.thumb_waited += 1
            return True
        self.thumb_due = None
        self.thumb_waited = 0
        self.thumb_next_s = app.now() + THUMB_EVERY_S
        thumb = render_photo(self.thumbs, photo)
        grade = GRADES[int(photo.row["grade"])]
        words = frame_words(
            photo.row,
            self.sim.object_names,
            self.sim.exposure_s,
            self.sim.sensor.coc_mm,
            self.sim.level.lens.min_focus_m,
        )
        self.thumb_ready = (thumb, grade, words.headline)
        self.thumb_texts_ready = False
        return True

    def _aim_at(self, app: App, t_s: float) -> np.ndarray:
        """The camera's aim at level time t_s: mouse moves stamped up to then, plus the stick's rate."""
        keep = []
        for d in self.aim_deltas:
            if d[0] <= t_s:
                self.aim[0] += d[1]
                self.aim[1] += d[2]
            else:
                keep.append(d)
        self.aim_deltas = keep
        rate = STICK_FRAMES_PER_S * self.fov_rad * app.options.stick_sensitivity
        self.aim[0] += app.input.stick["aim_x"] * rate * DT_S
        self.aim[1] -= app.input.stick["aim_y"] * rate * DT_S
        self.aim[1] = min(MAX_PITCH_RAD, max(-MAX_PITCH_RAD, self.aim[1]))
        return self.aim.reshape(1, 2).copy()

    def _paused_update(self, app: App, inp, now: float) -> NextScreen:
        verbs = inp.verbs
        # Enter, Space or A starts or resumes; so do the pause button again and Esc / B.
        resume = "pause" in inp.actions or Verb.OK in verbs or Verb.BACK in verbs
        if Verb.END in verbs:
            self.ended_early = True
            return self.finish(app, self)
        if Verb.AGAIN in verbs:
            return self.again(app, self.setup)
        if Verb.OTHER in verbs and not self.started and self.mapping_switch:
            other = "bbf" if self.setup.mode == "shutter" else "shutter"
            return self.again(app, replace(self.setup, mode=other))
        if resume:
            if not self.started:
                self.started_at = datetime.now(UTC)  # the attempt starts when the briefing closes
            self.paused = False
            self.started = True
            self.zero_s = now - self.sim.t_s  # resume where the level stopped
            self.pending.clear()
            self.aim_deltas.clear()
            self._let_go_of_released(app)
            self.grab(app, self.bot is None)
        return None

    def _let_go_of_released(self, app: App) -> None:
        """Buttons let go while paused are let go in the simulator as play resumes.

        The devices are read again (a release during the pause was seen but not played,
        one made in another window not even seen), and every button the simulator still
        holds that nothing holds now goes up at the moment play resumes.
        """
        app.input.resync()
        for button in sorted(self.sim_down):
            if not app.input.held(button.name.lower()):
                self.pending.append(ControlEvent(self.sim.t_s, button, False))
                self.sim_down.discard(button)

    def _closed(self, app: App) -> NextScreen:
        """The window's close button: the attempt is kept (as abandoned), as Esc then Q keeps it."""
        if self.started and not self.sim.done:
            self.ended_early = True
            self.grab(app, False)
            self.keep(app)
        return QUIT

    # --- the attempt's result ----------------------------------------------------------------

    def keep(self, app: App) -> PlayResult:
        """The attempt's result, recorded in history (a person's) and counted in the run's outcomes."""
        result = self._kept(app, self.result())
        if self.recorder is not None and self.sim.tick > 0:
            s = result.summary
            mode = self.setup.mode if isinstance(self.setup.mode, str) else "custom"
            app.attempts.append(
                AttemptOutcome(self.setup.level.id, mode, int(s.frames), int(s.hits), bool(result.ended_early))
            )
        return result

    def _kept(self, app: App, result: PlayResult) -> PlayResult:
        """`result` after the practice service has kept the play (`GameContext.record_play`)."""
        s = self.setup
        recorded = app.practice.record_play(
            FinishedPlay(
                level=s.level,
                played_level=s.played_level,
                level_path=s.level_path,
                mode=s.mode,
                seed=s.seed,
                summary=result.summary,
                recorder=self.recorder,
                started_at=self.started_at,
                ticks_played=self.sim.tick,
                ended_early=result.ended_early,
                endless_step=s.endless_step,
                brand_key=app.brand.key if app.brand is not None else None,
            )
        )
        return replace(result, attempt_id=recorded.attempt_id, record_note=recorded.note)

    def result(self) -> PlayResult:
        level = self.setup.played_level
        frames = self.sim.frames()
        summary = level_summary(level, frames)
        return PlayResult(
            setup=self.setup,
            frames=frames,
            photos=list(self.photos),
            summary=summary,
            object_names=list(self.sim.object_names),
            exposure_s=self.sim.exposure_s,
            sensor=self.sim.sensor,
            ended_early=self.ended_early or not self.sim.done,
            stats=dict(self.stats),
        )

    # --- drawing -----------------------------------------------------------------------------

    def _lens_ahead(self, app: App, lens_D: float) -> tuple[float, ...]:
        """Where the lens will be on each of the coming frames if the AF keeps its course
        (empty if it stays where it is): the viewfinder makes the sprites a focus pull heads
        for first. Read from the motor, which it leaves as it is."""
        times = self.sim.t_s + app.frame_s * np.arange(1, TUNING.look_ahead_frames + 1)
        path = self.sim.motor.path_D(0, times)
        if np.abs(path - lens_D).max() < 1e-9:
            return ()
        return tuple(path.tolist())

    def changed_rects(self) -> list[pygame.Rect]:
        """The window's parts the last `draw` changed: the frame (with the glance's outline a
        pixel or two around it, the shutter's flash and the pause card inside it) and what the
        HUD drew outside it."""
        return [self.layout.frame.inflate(6, 6).clip(self.layout.window), *self.hud.take_changed()]

    def draw(self, app: App, screen: pygame.Surface) -> None:
        now = app.now()
        # Nothing is cleared: the background covers the frame, the HUD's cached panels the rest.
        alpha = 1.0
        if self.zero_s is not None and not self.paused:
            alpha = self.fixed.alpha(self.sim.t_s, now - self.zero_s)
        view = View.from_snapshot(self.snap, prev=self.prev, alpha=alpha)
        if not self.paused:
            ahead = self._lens_ahead(app, view.lens_D)
            if ahead:
                rate = (self.snap.depth_m[0] - self.prev.depth_m[0]) / DT_S if self.prev is not self.snap else None
                view = replace(view, lens_ahead_D=ahead, depth_rate_m_per_s=rate, frame_s=app.frame_s)
        # A frame that took a picture or works on the thumbnail has spent its spare time:
        # new sprites wait for a quieter frame, cached variants standing in.
        busy = self._update_thumbnail(app) or self.fired_this_frame
        self.renderer.sprite_budget_s = 0.0 if busy else SPRITE_BUDGET_S
        self.renderer.draw(self.frame_surface, view)
        app.input.poll()  # drawing takes a few ms: read the buttons in between
        snap = self.snap
        self.hud.draw_frame_overlay(screen, snap, now)
        self.glance.draw(screen, snap, view, now)
        self.hud.draw_info(screen, snap, now)
        if self.bot is None and app.input.pad_last != self.hints_pad:
            self.hints = self._hints(app)  # the pad was picked up (or put down): name its buttons
        self.hud.draw_panels(screen, snap, {"hits": self.hits, "last_photo": self.last_photo, "hints": self.hints})
        if now < self.flash_until_s:
            # A frame being taken: the border blinks, as blackout-free finders show it (dimming
            # the whole frame instead would cost a full-frame blend on every frame of a burst).
            pygame.draw.rect(screen, (235, 235, 235), self.layout.frame, max(3, self.layout.frame.h // 120))
        if self.paused and self.pause_card:
            draw_pause_card(
                app,
                screen,
                self.layout.frame,
                self.setup,
                started=self.started,
                mapping_words=self.mapping_words(app),
                hints_shown=self.hints,
                ready_line=self.ready_line,
                find_words=self.find_words,
                mapping_switch=self.mapping_switch,
            )
        app.input.poll()
