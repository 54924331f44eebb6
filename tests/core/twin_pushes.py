"""A back-button trial pushed off its twin (its row's shutter-AF trial) for a few ticks in ten.

The twin tests (`test_kernels_twins`, `test_kernels_watch_twins`) check that the compiled
kernels share a twin's work only while the two are alike; this makes them differ, one way at
a time: turned, its AF point moved, or (`af_on`) AF-ON lifted so its lens goes elsewhere.
"""

from __future__ import annotations

import numpy as np

from bbf_sim.core.controls import EVENT_DTYPE, Button

POINT_STEPS = {"point_col": (Button.POINT_RIGHT, Button.POINT_LEFT), "point_row": (Button.POINT_DOWN, Button.POINT_UP)}


def push_twin_apart(
    aim: np.ndarray, events: np.ndarray, what: str, tick: int, t_s: float, rows: int, turn_rad: float
) -> tuple[np.ndarray, np.ndarray]:
    """The tick's aim and events with back-button trial `rows + (tick // 10) % rows` pushed off its twin.

    `yaw`, `pitch`: turned by `turn_rad` for three ticks. `point_col`, `point_row`: the AF
    point moved two steps away, and back after five ticks. `af_on`: AF-ON lifted for five ticks.
    """
    k = rows + (tick // 10) % rows
    phase = tick % 10
    if what in ("yaw", "pitch"):
        if phase in (1, 2, 3):
            aim = aim.copy()
            aim[k, int(what == "pitch")] += turn_rad
        return aim, events
    if phase not in (1, 6):
        return aim, events
    if what == "af_on":
        presses = [(Button.AF_ON, phase == 6)]
    else:
        away, back = POINT_STEPS[what]
        button = away if phase == 1 else back
        presses = [(button, True), (button, False), (button, True), (button, False)]
    moves = np.zeros(len(presses), EVENT_DTYPE)
    moves["trial"], moves["t_s"] = k, t_s
    moves["button"] = [int(b) for b, _ in presses]
    moves["pressed"] = [p for _, p in presses]
    return aim, np.concatenate([events, moves])
