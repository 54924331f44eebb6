"""Recording an attempt's inputs, and playing them back bit for bit.

A recording is exactly what a replay file holds besides the level and seed: the
camera aim at the end of every tick, and every button event with the instant it
*took effect*. The simulator takes an event in the step it is handed to, but
applies it at `max(t_s, start of the tick it falls in)` (an input stamped late acts
at once; one stamped in the future waits for its tick). The `Recorder` keeps what
each step was handed and works out those effective instants with the simulator's
own rule, so the events it writes can all be handed over in the first step of a
playback and still act at the same instants, in the same order.

| piece | what it is for |
|---|---|
| `scene_generator(seed)` | the scene's random stream for an attempt's seed (the one the play screen and bots use) |
| `Recorder` | wraps a one-trial `Simulator`: `step` passes through and keeps the inputs |
| `play_bot` | a bot plays one attempt through a `Recorder` (tests, generated history) |
| `replay_inputs` | re-runs a recording: same frames, byte for byte |
| `attempt_summary` | the `AttemptSummary` the play screen computes for a trial's frames |

Floats go to replay files as Python floats, which `json` writes with `repr` and
reads back exactly, so a round trip through a file changes no bit.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.bots import HumanModel, TechniqueBot
from bbf_sim.core.controls import EVENT_DTYPE, Button, ControlEvent
from bbf_sim.core.headless import generators
from bbf_sim.core.scoring import AttemptSummary, level_summary
from bbf_sim.core.simulator import DT_S, Simulator, Snapshot

if TYPE_CHECKING:
    from bbf_sim.levels.schema import Level

# The simulator's own rule (Simulator.step): an event stamped at or after
# `t1 - PENDING_MARGIN_S` waits for a later tick.
PENDING_MARGIN_S = 1e-12


def scene_generator(seed: int) -> np.random.Generator:
    """The scene's random stream for an attempt's seed (the bot's is the other half of `generators`)."""
    return generators(seed)[0]


@dataclass(frozen=True)
class Recording:
    """An attempt's inputs: events as (t_s, Button name, pressed) in the order they acted, one aim per tick."""

    events: list[tuple[float, str, bool]] = field(default_factory=list)
    aims: list[tuple[float, float]] = field(default_factory=list)  # (yaw_rad, pitch_rad) at each tick's end

    @property
    def ticks(self) -> int:
        return len(self.aims)


def attempt_summary(level: Level, frames: np.ndarray, trial: int = 0) -> AttemptSummary:
    """The summary of one trial, scored as the play screen scores it (`scoring.level_summary`)."""
    return level_summary(level, frames, trial)


class Recorder:
    """A one-trial simulator whose inputs are kept: use it wherever `Simulator.step` is called.

    Wrap a simulator that was just reset (tick 0), or use `Recorder.start`.
    """

    def __init__(self, sim: Simulator, snapshot: Snapshot | None = None):
        if sim.batch != 1:
            raise ValueError(f"a Recorder records one trial; this simulator holds {sim.batch}")
        if sim.tick != 0:
            raise ValueError("wrap the simulator right after reset, before its first step")
        self.sim = sim
        self.snapshot = snapshot
        # (tick handed over, t_s as stamped, button, pressed), in the order handed over.
        self._handed: list[tuple[int, float, int, bool]] = []
        self._aims: list[tuple[float, float]] = []

    @classmethod
    def start(cls, level: Level, seed: int, mode: str) -> Recorder:
        """A new simulator on `level`, its scene drawn from `seed` as the play screen draws it."""
        sim = Simulator()
        snap = sim.reset(level, scene_generator(seed), mode)
        return cls(sim, snap)

    @property
    def done(self) -> bool:
        return self.sim.done

    def step(self, events: np.ndarray | list[ControlEvent] | None = None, aim: np.ndarray | None = None) -> Snapshot:
        """`Simulator.step`, keeping the inputs (aim None, "hold still", is kept as the aim it holds)."""
        tick = self.sim.tick
        for t_s, button, pressed in _event_tuples(events):
            if not math.isfinite(t_s):
                raise ValueError(f"event time must be finite, got {t_s}")
            self._handed.append((tick, t_s, button, pressed))
        if aim is None:
            aim_pair = (float(self.sim.yaw0[0]), float(self.sim.pitch0[0]))
        else:
            a = np.asarray(aim, dtype=float).reshape(2)
            aim_pair = (float(a[0]), float(a[1]))
        # The very floats handed to the simulator, so playback hands over the same bits.
        self.snapshot = self.sim.step(events, np.array([aim_pair]))
        self._aims.append(aim_pair)
        return self.snapshot

    def frames(self) -> np.ndarray:
        return self.sim.frames()

    def recording(self) -> Recording:
        """The inputs so far; events still waiting for a tick that never came are left out."""
        return Recording(events=effective_events(self._handed, len(self._aims)), aims=list(self._aims))


def _event_tuples(events) -> list[tuple[float, int, bool]]:
    if events is None or len(events) == 0:
        return []
    if isinstance(events, np.ndarray):
        arr = events.astype(EVENT_DTYPE)
        if np.any(arr["trial"] != 0):
            raise ValueError("a Recorder records trial 0 only")
        return [(float(e["t_s"]), int(e["button"]), bool(e["pressed"])) for e in arr]
    return [(float(e.t_s), int(e.button), bool(e.pressed)) for e in events]


def effective_events(handed: list[tuple[int, float, int, bool]], ticks: int) -> list[tuple[float, str, bool]]:
    """When and in what order each handed-over event acted, by `Simulator.step`'s rule.

    Per tick: the waiting events, then the new ones; those before `t1 - margin` act now,
    at `max(t_s, t0)`, stably sorted by that time; the rest keep waiting. The same float
    operations as the simulator, so the instants are the same bits.
    """
    out: list[tuple[float, str, bool]] = []
    waiting: list[tuple[float, int, bool]] = []
    by_tick: dict[int, list[tuple[float, int, bool]]] = {}
    for tick, t_s, button, pressed in handed:
        by_tick.setdefault(tick, []).append((t_s, button, pressed))
    for tick in range(ticks):
        t0 = tick * DT_S
        t1 = t0 + DT_S
        batch = waiting + by_tick.get(tick, [])
        now = [(max(t, t0), b, p) for t, b, p in batch if t < t1 - PENDING_MARGIN_S]
        waiting = [e for e in batch if not e[0] < t1 - PENDING_MARGIN_S]
        now.sort(key=lambda e: e[0])  # stable, as the simulator's lexsort
        out.extend((t, Button(b).name, p) for t, b, p in now)
    return out


def decode_events(events: list[tuple[float, str, bool]]) -> np.ndarray:
    """A recording's events (time, `Button` name, pressed) as the batch `Simulator.step` takes.

    The one decoder of stored events: re-scoring and the replay screen both use it, so
    they hand the simulator the same bits. A name that is not a `Button` is a ValueError.
    """
    arr = np.empty(len(events), EVENT_DTYPE)
    for i, (t_s, name, pressed) in enumerate(events):
        try:
            button = Button[name]
        except KeyError:
            raise ValueError(f"unknown button {name!r} in event {i}") from None
        arr[i] = (0, t_s, int(button), bool(pressed))
    return arr


def replay_inputs(
    level: Level,
    seed: int,
    mode: str,
    events: list[tuple[float, str, bool]],
    aims: list[tuple[float, float]],
) -> tuple[np.ndarray, AttemptSummary]:
    """Play a recording again: the frames (FRAME_DTYPE) and the summary, identical to the original run.

    Every event is handed over in the first step; the simulator holds each until its tick.
    A button name that is not a `Button` is a ValueError.
    """
    sim = Simulator()
    sim.reset(level, scene_generator(seed), mode)
    arr = decode_events(events)
    for k, (yaw, pitch) in enumerate(aims):
        sim.step(arr if k == 0 else None, np.array([(yaw, pitch)], dtype=float))
    frames = sim.frames()
    return frames, attempt_summary(level, frames)


class HesitantThumb:
    """A learner's lapse in back-button mode: each AF-ON press comes `delay_s` late.

    Wraps a bot's output; a release is never let ahead of the press it follows. Used
    by generated history to model a habit still being built.
    """

    def __init__(self, delay_s: float):
        self.delay_s = delay_s
        self.last_press_s = -math.inf

    def __call__(self, events: np.ndarray) -> np.ndarray:
        if not len(events) or self.delay_s <= 0:
            return events
        out = events.copy()
        af_on = out["button"] == int(Button.AF_ON)
        for i in np.nonzero(af_on)[0]:
            if out["pressed"][i]:
                out["t_s"][i] += self.delay_s
                self.last_press_s = float(out["t_s"][i])
            else:
                out["t_s"][i] = max(float(out["t_s"][i]), self.last_press_s + DT_S)
        return out


def play_bot(
    level: Level,
    seed: int,
    mode: str,
    human: HumanModel | None = None,
    af_on_delay_s: float = 0.0,
) -> Recorder:
    """The technique bot plays one attempt (scene and bot streams from `seed`), recorded."""
    rec = Recorder.start(level, seed, mode)
    bot = TechniqueBot(level, [mode], np.arange(1), generators(seed)[1], human)
    thumb = HesitantThumb(af_on_delay_s)
    snap = rec.snapshot
    assert snap is not None  # Recorder.start keeps the reset's snapshot
    while not rec.done:
        events, aim = bot.act(snap)
        snap = rec.step(thumb(events), aim)
    return rec
