"""Buttons, timed control events, and the two AF-activation mappings.

| mapping | shutter half-press | shutter full press | AF-ON held |
|---|---|---|---|
| shutter (shutter-AF) | AF runs | AF runs, then fires | nothing |
| bbf (back-button) | meters only | fires only | AF runs |

A `Mapping` is the custom function a real body has ("AF on shutter half-press:
on/off", "AF on rear button: on/off"), so a wrongly set-up body (AF left on the
shutter *and* on AF-ON) is a mapping too, and the simulator needs no special case
for any of them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

import numpy as np

from bbf_sim.core.records import take_records


class Button(enum.IntEnum):
    """Semantic camera controls; the front end maps keys, mouse and gamepad onto these."""

    HALF = 0  # shutter button half-pressed
    FULL = 1  # shutter button fully pressed (a full press passes through half)
    AF_ON = 2  # the rear AF button (AF-ON, AE-L/AF-L, a C button, by brand)
    POINT_LEFT = 3  # move the active AF point one step, like the body's joystick
    POINT_RIGHT = 4
    POINT_UP = 5
    POINT_DOWN = 6
    POINT_CENTRE = 7  # joystick press: back to the centre point


POINT_MOVES: dict[Button, tuple[int, int]] = {
    Button.POINT_LEFT: (-1, 0),
    Button.POINT_RIGHT: (1, 0),
    Button.POINT_UP: (0, -1),
    Button.POINT_DOWN: (0, 1),
}


@dataclass(frozen=True)
class Mapping:
    """Which controls start autofocus (a body's AF-activation custom function)."""

    af_on_half_press: bool
    af_on_rear_button: bool


MODES: dict[str, Mapping] = {
    "shutter": Mapping(af_on_half_press=True, af_on_rear_button=False),
    "bbf": Mapping(af_on_half_press=False, af_on_rear_button=True),
}

# A mapping by its name in MODES, or a Mapping itself (the set-up drill's result, right or wrong).
ModeLike = str | Mapping


def mapping_for(mode: ModeLike) -> Mapping:
    if isinstance(mode, Mapping):
        return mode
    try:
        return MODES[mode]
    except KeyError:
        raise ValueError(f"unknown mode {mode!r}; expected one of {sorted(MODES)}") from None


@dataclass(frozen=True, order=True)
class ControlEvent:
    """A button going down or up at its own time [s since the level started]."""

    t_s: float
    button: Button
    pressed: bool


# A batch of events for many trials at once: one row per event.
EVENT_DTYPE = np.dtype([("trial", np.int32), ("t_s", np.float64), ("button", np.int8), ("pressed", np.bool_)])


def events_to_array(events: list[ControlEvent], trial: int = 0) -> np.ndarray:
    """Pack one trial's events into the batch layout the simulator steps with."""
    out = np.empty(len(events), dtype=EVENT_DTYPE)
    for i, ev in enumerate(events):
        out[i] = (trial, ev.t_s, int(ev.button), ev.pressed)
    return out


def outside_batch(batch: np.ndarray, trials: int) -> str | None:
    """Why a batch of events cannot be stepped in a batch of `trials` trials, or None: every event
    must name one of them (the compiled split counts events per trial in an array that long)."""
    if len(batch) and (batch["trial"].min() < 0 or batch["trial"].max() >= trials):
        wrong = batch["trial"][(batch["trial"] < 0) | (batch["trial"] >= trials)][0]
        return f"an event names trial {wrong}, outside this batch of {trials} trials (0 to {trials - 1})"
    return None


def split_events(batch: np.ndarray, t0: float, t1: float, trials: int) -> tuple[np.ndarray, np.ndarray]:
    """The events (EVENT_DTYPE rows) of the tick [t0, t1), moved to no earlier than t0 and ordered by
    trial, then time (ties in their order), and those held for a later tick, in their order.
    ValueError if an event names none of the batch's `trials`."""
    if (why := outside_batch(batch, trials)) is not None:
        raise ValueError(why)
    now = take_records(batch, batch["t_s"] < t1 - 1e-12)
    later = take_records(batch, batch["t_s"] >= t1 - 1e-12)
    now["t_s"] = np.maximum(now["t_s"], t0)
    return take_records(now, np.lexsort((now["t_s"], now["trial"]))), later
