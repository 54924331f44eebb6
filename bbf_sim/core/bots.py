"""Bots that play a level like a person: the textbook technique of each mapping.

A bot plays through the simulator's public API (`step(events, aim)`), as a person
at the keyboard does. Its *intent* is the same in both mappings: acquire focus on
the subject, maybe recompose, shoot at the moments it wants. Only the buttons that
carry out an intent differ:

| intent | shutter-AF | back-button |
|---|---|---|
| af_start | half-press (and hold) | press AF-ON |
| af_release | keep the half-press | let go of AF-ON |
| prefocus (before a burst) | half-press | nothing: AF-ON is still held |
| shoot | full press (through the half-press) | full press |
| shoot_end | back to the half-press | let the shutter go |
| let_go (done with this subject) | let the shutter go | let go of the shutter and AF-ON |
| point_left … point_centre | the joystick | the joystick |

That is the careful technique of each mapping; the slips of the human model
(`bbf_sim.core.human`: a shutter finger that lifts fully after a frame, a thumb kept on AF-ON
into a recompose, a frame fired before the focus confirmation) are drawn per occasion, one
uniform number per trial and step, the same numbers whatever the probabilities, so a
profile with every slip at 0 plays exactly as `careful`. Tracking, the careful and everyday
photographer also watches what AF tracks and presses again when it is the wrong subject,
lets go of AF-ON through a crossing that will outlast lock-on (`bbf_sim.core.watching`), and
starts a burst only once the finder shows AF on the subject (a reaction time after it gets
there, if it was not there at the moment).

The techniques (`bot.technique` in a level file; `docs/levels.md` has the keys each reads):

| technique | intent sequence |
|---|---|
| still | af_start on the target, af_release at the beep, `frames` shots `interval_s` apart |
| recompose | the same, turning to `recompose_to` after the beep |
| track | af_start and follow the target; prefocus, then a burst at each of `bursts_at_s` |
| reflex | for each target as it pops up: turn to it, af_start, shoot at the beep, let_go |
| trap | turn to the spot's marker (`focus_on`), af_start, af_release at the beep (and turn by \
`recompose_to`, off the marker onto the subject's path), then hold still and shoot at each of `bursts_at_s` |
| hyperfocal | the same, focusing on a marker at the hyperfocal distance, then framing `compose_on` |
| hunt | turn to a contrasty edge (`focus_on`), af_start, af_release at the beep, turn back to the \
target, `frames` shots |

In shutter-AF, every shot that is not made while the half-press from af_start is still held
is a new half-press, and so a new AF start on whatever is under the point: nothing in the
bot or the simulator singles it out.

The aim: the bot puts the object it looks at under the active AF point, or, recomposing, at
`recompose_to` (a position in the frame as a share of its size, ±0.5 at the edges; kept
`EDGE_MARGIN` inside them), by the exact inverse of the camera's projection
(`camera.aim_placing`). On top come the eye's pursuit error while tracking and the hands'
sway, which the support and the stabilisation reduce as they reduce the shake
(`bbf_sim.core.hands`).

The human model (reaction time, aim noise, timing, slips) is drawn per random row, so a
shutter-AF trial and a back-button trial on the same row are the same person on
the same day: any difference in their results comes from the buttons.

A body set up with AF on both buttons is played in back-button style (its owner
believes it is set up for BBF), which is exactly how the set-up mistake shows.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core import kernels
from bbf_sim.core.camera import AfGrid, aim_placing, direction_to
from bbf_sim.core.controls import EVENT_DTYPE, Button, Mapping, mapping_for
from bbf_sim.core.hands import steadiness
from bbf_sim.core.human import PROFILES, SLIPS, STAB_S, HumanModel
from bbf_sim.core.optics import SENSORS
from bbf_sim.core.records import concat_records
from bbf_sim.core.simulator import DT_S, Snapshot
from bbf_sim.core.watching import Watcher

if TYPE_CHECKING:
    from bbf_sim.core.rowstreams import RowStreams
    from bbf_sim.levels.schema import Level


LIFT, HOLD, STAB = (
    SLIPS.index(name) for name in ("lift_between_frames_p", "hold_into_recompose_p", "fire_before_confirm_p")
)

# How far inside the frame's edge [share of the frame] a subject put "at the edge" is kept:
# a photographer framing into a corner keeps the subject in the picture.
EDGE_MARGIN = 0.03

_NO_EVENTS = np.empty(0, EVENT_DTYPE)  # what `_pack` gives for none, shared: read-only
_NO_EVENTS.flags.writeable = False


# The joystick is the same in both mappings: a press and a release moves the point one step.
_POINT_INTENTS: dict[str, list[tuple[Button, bool]]] = {
    f"point_{name}": [(button, True), (button, False)]
    for name, button in (
        ("left", Button.POINT_LEFT),
        ("right", Button.POINT_RIGHT),
        ("up", Button.POINT_UP),
        ("down", Button.POINT_DOWN),
        ("centre", Button.POINT_CENTRE),
    )
}

# What each intent presses: (button, pressed) lists for each style.
INTENTS: dict[str, dict[str, list[tuple[Button, bool]]]] = {
    "shutter": {
        "af_start": [(Button.HALF, True)],
        "af_release": [],
        "prefocus": [(Button.HALF, True)],
        "shoot": [(Button.HALF, True), (Button.FULL, True)],
        "shoot_end": [(Button.FULL, False)],
        "let_go": [(Button.FULL, False), (Button.HALF, False)],
        **_POINT_INTENTS,
    },
    "bbf": {
        "af_start": [(Button.AF_ON, True)],
        "af_release": [(Button.AF_ON, False)],
        "prefocus": [],
        "shoot": [(Button.FULL, True)],
        "shoot_end": [(Button.FULL, False)],
        "let_go": [(Button.FULL, False), (Button.AF_ON, False)],
        **_POINT_INTENTS,
    },
}


@dataclass(frozen=True)
class Step:
    """One step of a technique: wait for something, then after a delay, do the intents.

    wait: "appear" (the subject, or object `obj`, appears), "confirm" (AF shows focus),
    "time" (level time `at_s`, anticipated), "after" (the previous step, plus `delay_s`),
    "fired" (the camera has taken the picture, or `delay_s` has passed without it: a
    person holds the shutter button down until it fires).
    """

    wait: str
    intents: tuple[str, ...]
    delay_s: float = 0.0  # for "after"
    at_s: float = 0.0  # for "time"
    react: bool = False  # add a human reaction time to the delay
    recompose: bool = False  # start the recomposing move at this step
    obj: int | None = None  # for "appear": the object awaited (None: the first target)
    aim: int | None = None  # start turning the camera to this object at this step


def _object_index(level: Level, name: str | None, default: int) -> int:
    names = [o.name for o in level.objects]
    return names.index(name) if name is not None else default


def technique_steps(level: Level, human: HumanModel) -> list[Step]:
    """The textbook sequence of intents for the level's kind of shot."""
    bot = level.bot
    target = next(i for i, o in enumerate(level.objects) if o.role == "target")
    steps: list[Step] = []
    if bot.point_moves:
        # Set the AF point first, as a photographer does before the action starts.
        steps.append(Step("after", tuple(f"point_{m}" for m in bot.point_moves)))
    # With single frames a person holds the button until the camera fires; a burst lasts burst_s.
    if level.camera.drive == "single":
        shot_end = Step("fired", ("shoot_end",), delay_s=1.5)
    else:
        shot_end = Step("after", ("shoot_end",), delay_s=bot.burst_s)
    if bot.technique in ("still", "recompose"):
        recompose = bot.technique == "recompose"
        steps.append(Step("appear", ("af_start",), react=True))
        steps.append(Step("confirm", ("af_release",), react=True, recompose=recompose))
        first_wait = bot.recompose_move_s + 0.1 if recompose else 0.15
        for i in range(bot.frames):
            steps.append(Step("after", ("shoot",), delay_s=first_wait if i == 0 else bot.interval_s))
            steps.append(Step("fired", ("shoot_end",), delay_s=1.5))
    elif bot.technique == "track":
        steps.append(Step("appear", ("af_start",), react=True))
        for t in bot.bursts_at_s:
            steps.append(Step("time", ("prefocus",), at_s=max(0.0, t - bot.prefocus_s)))
            steps.append(Step("time", ("shoot",), at_s=t))
            steps.append(Step("after", ("shoot_end",), delay_s=bot.burst_s))
    elif bot.technique == "reflex":
        # Each target in the order it pops up: turn to it, focus, shoot at the beep, let go of all.
        order = sorted((o.appear_s, i) for i, o in enumerate(level.objects) if o.role == "target")
        for _, k in order:
            steps.append(Step("appear", (), obj=k, aim=k, react=True))
            steps.append(Step("after", ("af_start",), delay_s=bot.aim_move_s))
            steps.append(Step("confirm", ("shoot",), react=True))
            steps.append(Step("fired", ("let_go",), delay_s=1.5))
    elif bot.technique in ("trap", "hyperfocal", "hunt"):
        focus = _object_index(level, bot.focus_on, target)
        # Trap focus keeps the camera on the spot; the others turn to the picture after focusing.
        compose = _object_index(level, bot.compose_on, focus if bot.technique == "trap" else target)
        recompose = tuple(bot.recompose_to) != (0.0, 0.0)
        steps.append(Step("appear", (), obj=focus, aim=focus, react=True))
        steps.append(Step("after", ("af_start",), delay_s=bot.aim_move_s))
        steps.append(
            Step("confirm", ("af_release",), react=True, recompose=recompose, aim=None if compose == focus else compose)
        )
        if bot.technique == "hunt":
            settle_s = max(bot.aim_move_s if compose != focus else 0.0, bot.recompose_move_s if recompose else 0.0)
            for i in range(bot.frames):
                steps.append(Step("after", ("shoot",), delay_s=settle_s + 0.15 if i == 0 else bot.interval_s))
                steps.append(Step("fired", ("shoot_end",), delay_s=1.5))
        else:
            for t in bot.bursts_at_s:
                steps.append(Step("time", ("shoot",), at_s=t))
                steps.append(shot_end)
    return steps


def _distinct(values: np.ndarray) -> list[int]:
    """The distinct step indices (small non-negative integers), in order. (Not `np.unique`: its
    first call imports numpy.ma, a 35 ms stall in the first frame of a game; a count per index
    is also a tenth of a set's time on a thousand trials.)"""
    return np.flatnonzero(np.bincount(values)).tolist() if len(values) else []


class TechniqueBot:
    """Plays a level for every trial of a batch, in each trial's mapping.

    Without a `human`, the novice profile plays (the bot as it played before profiles).
    """

    def __init__(
        self,
        level: Level,
        modes: list,
        rows: np.ndarray,
        rng: np.random.Generator | RowStreams,
        human: HumanModel | None = None,
    ):
        self.level = level
        self.human = human or PROFILES["novice"]
        h = self.human
        self.steps = technique_steps(level, h)
        maps: list[Mapping] = [mapping_for(m) for m in modes]
        self.style = np.array(["bbf" if m.af_on_rear_button else "shutter" for m in maps])
        self.rows = np.array(rows, dtype=np.intp)  # its own dense copy: the compiled aim's table lists it
        b = len(maps)
        n_rows = self.n_rows = int(self.rows.max()) + 1  # random rows: each draws its own numbers
        self.rng = rng
        self.batch = b
        n_steps = max(len(self.steps), 1)
        react = np.maximum(
            h.reaction_min_s,
            h.reaction_median_s * np.exp(h.reaction_log_sigma * rng.standard_normal((n_rows, n_steps))),
        )
        self.reaction_s = react[self.rows]
        self.timing_s = (h.timing_noise_s * rng.standard_normal((n_rows, n_steps)))[self.rows]
        # One uniform per trial, step and slip (`human.SLIPS` order) decides whether that slip
        # happens there (it does when the number is below its probability): drawn whatever the
        # probabilities, so profiles differ only where a slip happens, and slips are independent.
        self.slip_u = rng.random((n_rows, n_steps, len(SLIPS)))[self.rows]
        self.k = np.zeros(b, np.intp)  # current step
        self.due_s = np.full(b, np.nan)  # when the current step's intents happen
        self.last_s = np.zeros(b)  # when the previous step happened
        self.recompose_s = np.full(b, np.inf)  # when the recomposing move started
        self.target = int(np.argmax([o.role == "target" for o in level.objects]))
        self.tracking = level.bot.technique == "track"
        # What the camera is turned to: an object per trial, and the turn in progress.
        self.aim_obj = np.full(b, self.target, np.intp)
        self.turn_s = np.full(b, -np.inf)  # when the current turn started
        self.turn_from = np.zeros((b, 2))  # the direction it started from [rad]
        self.base_dir = np.zeros((b, 2))  # the last direction aimed, before offsets [rad]
        self._prev_obj = self.aim_obj.copy()
        self._turning_until_s = -np.inf  # no turn in progress after this time
        self.grid = AfGrid(
            level.af.grid[0],
            level.af.grid[1],
            SENSORS[level.camera.sensor].width_mm,
            SENSORS[level.camera.sensor].height_mm,
        )
        self.wander = np.zeros((b, 2))  # the slow part of the aim wander [deg]
        self.noise = np.zeros((b, 2))  # the wander after the arm's smoothing [deg]
        # The hands' sway as the sensor sees it: none on a tripod, less with stabilisation.
        self.sway_deg = h.hold_noise_deg * steadiness(level.camera.support, level.camera.stabilisation_stops)
        self.is_bbf = self.style == "bbf"
        self.shots_before = np.zeros(b, np.int32)
        self.waiting_for_af = np.zeros(b, bool)  # a burst held until the finder shows AF on the subject
        self._prev_dir: tuple[np.ndarray, np.ndarray] | None = None
        self.sensor = SENSORS[level.camera.sensor]
        # A row's trials see one scene: the compiled aim and watcher share their work (each trial's row's first).
        self.row_source = kernels.first_trial_of_row(self.rows)
        # Tracking, the photographer watches the finder: the subject AF tracks, what comes between.
        self.watcher = Watcher(level, self.style, self.human, self.grid) if self.tracking else None
        if self.watcher is not None:
            self.watcher.row_source = self.row_source
        self._kernels: ModuleType | None = None
        self._arm_table: tuple | None = None  # the steps as arrays, for `_arm` in the compiled `_steps`
        self._steps_table: tuple | None = None  # and for the compiled `_steps` (`kernel_steps.bot_steps`)
        self._aim_static: kernels.AimStatic | None = None  # the compiled `_aim`'s constants and scratch arrays
        self._acted = False  # once it has, its kernels stay as they are

    @property
    def kernels(self) -> ModuleType | None:
        """The compiled kernels the bot (and its watcher) play with (`kernels.load()`), or None: numpy."""
        return self._kernels

    @kernels.setter
    def kernels(self, compiled: ModuleType | None) -> None:
        if compiled is not self._kernels and self._acted:  # the compiled path's tables list one path's arrays
            raise RuntimeError("a bot's kernels are chosen before it first acts")
        self._kernels = compiled
        if self.watcher is not None:
            self.watcher.kernels = compiled

    def act(self, snap: Snapshot) -> tuple[np.ndarray, np.ndarray]:
        """Events for the coming tick and the aim at its end, from what the bot sees now."""
        t0 = snap.t_s
        t1 = t0 + DT_S
        events: list[tuple[np.ndarray, np.ndarray, int, bool]] = []
        self._acted = True
        stepped = None
        if self.kernels is not None:  # `_steps` in one compiled pass: the same events, in the same order
            stepped = kernels.bot_steps(self.kernels, self, snap, t0, t1, DT_S, STAB_S, (STAB, HOLD, LIFT), INTENTS)
        else:
            self._steps(snap, t0, t1, events)
        if self.watcher is not None:
            self.watcher.watch(snap, events)
        packed = self._pack(events)
        if stepped is not None:  # the steps' events first, as `_steps` lists them
            packed = concat_records([stepped, packed], EVENT_DTYPE) if len(packed) else stepped
        return packed, self._aim(snap, t1)

    def _steps(self, snap: Snapshot, t0: float, t1: float, events: list) -> None:
        """Each trial's due steps in the tick [t0, t1): their events appended to `events`, the state they change."""
        h = self.human
        self._arm(snap, t0)
        for _ in range(8):  # a few steps may fall in one tick
            go = np.nonzero(self.due_s < t1)[0]
            if not len(go):
                break
            t = np.maximum(self.due_s[go], t0)
            bbf_go = self.is_bbf[go]
            for style, sel in (("shutter", ~bbf_go), ("bbf", bbf_go)):
                if not sel.any():
                    continue
                g, tg = go[sel], t[sel]
                for k in _distinct(self.k[g]):
                    m = self.k[g] == k
                    step = self.steps[k]
                    trials, times = g[m], tg[m]
                    for intent in step.intents:
                        for button, pressed in INTENTS[style][intent]:
                            if intent == "af_release" and style == "bbf" and (step.recompose or step.aim is not None):
                                # The slip: the thumb stays on AF-ON through the turn and the frames
                                # (unless it already left early, before the confirmation).
                                keep = self.slip_u[trials, k, HOLD] < h.hold_into_recompose_p
                                if step.wait == "confirm":
                                    keep &= self.slip_u[trials, k, STAB] >= h.fire_before_confirm_p
                                events.append((trials[~keep], times[~keep], int(button), pressed))
                                continue
                            events.append((trials, times, int(button), pressed))
                    if "shoot_end" in step.intents and style == "shutter":
                        # The slip: the finger lifts fully instead of back to the half-press.
                        lift = self.slip_u[trials, k, LIFT] < h.lift_between_frames_p
                        if lift.any():
                            events.append((trials[lift], times[lift], int(Button.HALF), False))
                    if step.recompose:
                        self.recompose_s[trials] = times
                    if step.aim is not None:
                        self.turn_from[trials] = self.base_dir[trials]
                        self.turn_s[trials] = times
                        self.aim_obj[trials] = step.aim
                        turn_end_s = float(times.max()) + self.level.bot.aim_move_s
                        self._turning_until_s = max(self._turning_until_s, turn_end_s)
                    if "shoot" in step.intents:
                        self.shots_before[trials] = snap.frames_fired[trials]
            self.last_s[go] = t
            self.k[go] += 1
            self.due_s[go] = np.nan
            self._arm(snap, t0)

    def _arm(self, snap: Snapshot, now_s: float) -> None:
        """Set the due time of every trial whose current step's wait is over."""
        n = len(self.steps)
        idle = np.nonzero(np.isnan(self.due_s) & (self.k < n))[0]
        if not len(idle):
            return
        for k in _distinct(self.k[idle]):
            g = idle[self.k[idle] == k]
            step = self.steps[k]
            if step.wait == "appear":
                g = g[snap.present[g, self.target if step.obj is None else step.obj]]
                base = np.full(len(g), now_s)
            elif step.wait == "confirm":
                # The slip (back-button): thumb and finger go together, before the confirmation.
                stab = self.is_bbf[g] & (self.slip_u[g, k, STAB] < self.human.fire_before_confirm_p)
                ready = snap.af_confirmed[g] | stab
                g, stab = g[ready], stab[ready]
                base = np.where(stab, self.last_s[g] + STAB_S, now_s)
                delay = np.where(stab, 0.0, self.reaction_s[g, k])
                self.due_s[g] = np.maximum(base + delay, self.last_s[g])
                continue
            elif step.wait == "fired":
                fired = snap.frames_fired[g] > self.shots_before[g]
                late = now_s >= self.last_s[g] + step.delay_s
                g = g[fired | late]
                base = np.full(len(g), now_s) + self.human.release_s
            elif step.wait == "time":
                base = np.full(len(g), step.at_s) + self.timing_s[g, k]
                if self.watcher is not None and self.human.rechecks_af and "shoot" in step.intents:
                    # A watching tracker fires when the finder shows AF on the subject: at the moment
                    # if it is there by then, else a reaction time after it gets there.
                    due = base < now_s + DT_S  # (only these can go: the others are left as they are)
                    g, base = g[due], base[due]
                    on = snap.af_engaged[g] & (snap.af_tracked[g] == self.target)
                    self.waiting_for_af[g[~on]] = True
                    late = self.waiting_for_af[g] & on
                    base = np.where(late, now_s + self.reaction_s[g, k], base)[on]
                    g = g[on]
                    self.waiting_for_af[g] = False
            else:
                base = self.last_s[g] + step.delay_s
            reaction_s = self.reaction_s[g, k] if step.react else 0.0
            self.due_s[g] = np.maximum(base + reaction_s, self.last_s[g])

    def _aim(self, snap: Snapshot, t1: float) -> np.ndarray:
        if self.kernels is not None:
            return kernels.bot_aim(self.kernels, self, snap, t1, DT_S, EDGE_MARGIN)
        h = self.human
        level = self.level
        b = self.batch
        seen = snap.positions_m[np.arange(b), self.aim_obj]  # (b, 3)
        seen_yaw, seen_pitch = direction_to(seen.T)
        yaw, pitch = seen_yaw, seen_pitch
        if self.tracking and self._prev_dir is not None:
            # Smooth pursuit: follow the subject's motion, a little behind it (not across a turn
            # from one object to another, where the "motion" would be the jump between them).
            lead = np.where(self.aim_obj == self._prev_obj, 1 - h.pursuit_lag_s / DT_S, 0.0)
            yaw = yaw + (yaw - self._prev_dir[0]) * lead
            pitch = pitch + (pitch - self._prev_dir[1]) * lead
        self._prev_dir = (seen_yaw, seen_pitch)
        self._prev_obj = self.aim_obj.copy()
        # Turning to another object: a smoothstep move from where the camera pointed.
        if t1 < self._turning_until_s:
            turn = np.clip((t1 - self.turn_s) / level.bot.aim_move_s, 0.0, 1.0)
            te = turn * turn * (3 - 2 * turn)
            yaw = np.where(turn < 1, self.turn_from[:, 0] + te * (yaw - self.turn_from[:, 0]), yaw)
            pitch = np.where(turn < 1, self.turn_from[:, 1] + te * (pitch - self.turn_from[:, 1]), pitch)
        self.base_dir[:, 0], self.base_dir[:, 1] = yaw, pitch
        # Where on the sensor the object goes [mm]: under the active AF point (wherever the
        # joystick has moved it), and while recomposing, on to `recompose_to` (smoothstep move).
        pu_mm, pv_mm = self._point_mm(snap)
        frac = np.clip((t1 - self.recompose_s) / level.bot.recompose_move_s, 0.0, 1.0)
        ease = frac * frac * (3 - 2 * frac)
        w_mm, h_mm = self.sensor.width_mm, self.sensor.height_mm
        rx, ry = level.bot.recompose_to
        u_mm = pu_mm + ease * (rx * w_mm - pu_mm)
        v_mm = pv_mm + ease * (ry * h_mm - pv_mm)
        inside = 0.5 - EDGE_MARGIN
        u_mm = np.clip(u_mm, -inside * w_mm, inside * w_mm)
        v_mm = np.clip(v_mm, -inside * h_mm, inside * h_mm)
        yaw, pitch = aim_placing(yaw, pitch, u_mm, v_mm, level.camera.focal_mm)
        # Aim wander [deg]: an Ornstein–Uhlenbeck process per random row, smoothed by the arm's
        # inertia so the aim drifts rather than jitters: the hands' sway (as steady as the
        # support and stabilisation make it), and while tracking the eye's pursuit error too.
        sway = self.sway_deg
        sigma = math.hypot(h.track_noise_deg, sway) if self.tracking else sway
        a = math.exp(-DT_S / h.noise_tau_s)
        kick = self.rng.standard_normal((self.n_rows, 2))[self.rows]
        self.wander = a * self.wander + math.sqrt(1 - a * a) * sigma * kick
        self.noise += (self.wander - self.noise) * (DT_S / h.wander_smooth_s)
        aim = np.empty((b, 2))  # np.column_stack's result, without its Python-level checks
        aim[:, 0], aim[:, 1] = yaw, pitch
        aim += np.radians(self.noise)
        return aim

    def _point_mm(self, snap: Snapshot) -> tuple[np.ndarray, np.ndarray]:
        """The active AF point's sensor position [mm] (kept between ticks: it changes only when moved)."""
        return self.grid.active_position_mm(snap.point_col, snap.point_row)

    def _pack(self, events) -> np.ndarray:
        """The events as EVENT_DTYPE rows, in order (each field joined on its own: numpy's
        concatenate of structured arrays promotes their fields in Python, slowly)."""
        if not events:
            return _NO_EVENTS
        if len(events) == 1:
            trials, times, button, pressed = events[0]
        else:
            lengths = [len(e[0]) for e in events]
            trials = np.concatenate([e[0] for e in events])
            times = np.concatenate([e[1] for e in events])
            button = np.repeat(np.array([e[2] for e in events], EVENT_DTYPE["button"]), lengths)
            pressed = np.repeat(np.array([e[3] for e in events], EVENT_DTYPE["pressed"]), lengths)
        out = np.empty(len(trials), EVENT_DTYPE)
        out["trial"], out["t_s"], out["button"], out["pressed"] = trials, times, button, pressed
        return out
