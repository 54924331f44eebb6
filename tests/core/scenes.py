"""Small hand-built levels for AF scenarios: a base dict, overridden per test, validated by the schema."""

from __future__ import annotations

import copy

from bbf_sim.core.controls import Button, ControlEvent
from bbf_sim.core.simulator import DT_S, Simulator
from bbf_sim.levels.schema import Level

BASE = {
    "id": "scenario",
    "title": "AF scenario",
    "scenario": "control",
    "duration_s": 4.0,
    "briefing": "test",
    "camera": {
        "sensor": "ff",
        "focal_mm": 85,
        "aperture": 2.8,
        "exposure_s": 0.002,
        "support": "tripod",
        "shutter_lag_s": 0.05,
    },
    "lens": {"min_focus_m": 0.85, "full_travel_s": 0.5, "start_focus_m": 20.0},
    "af": {"mode": "af-s", "area": "single", "detect_latency_s": 0.04, "lock_on_s": 0.5},
    "scene": {"light_ev": 12, "background_m": 12.0, "background_contrast": 0.6},
    "objects": [
        {
            "name": "face",
            "role": "target",
            "width_m": 0.2,
            "height_m": 0.28,
            "contrast": 0.8,
            "path": {"kind": "still", "at_m": [0.0, 0.0, 2.5]},
        },
    ],
    "bot": {"technique": "still"},
}


def _merge(base: dict, over: dict) -> dict:
    out = copy.deepcopy(base)
    for k, v in over.items():
        out[k] = _merge(out[k], v) if isinstance(v, dict) and isinstance(out.get(k), dict) else v
    return out


def make_level(**over) -> Level:
    return Level.model_validate(_merge(BASE, over))


def press(t_s: float, button: Button) -> ControlEvent:
    return ControlEvent(t_s, button, True)


def release(t_s: float, button: Button) -> ControlEvent:
    return ControlEvent(t_s, button, False)


def play(level: Level, mode, events: list[ControlEvent], aims=None, seed: int = 0):
    """Run one trial to the end: events are fed in the tick they fall in; `aims(t_s)` gives (yaw, pitch)."""
    sim = Simulator()
    snaps = [sim.reset(level, seed, mode)]
    pending = sorted(events)
    while not sim.done:
        t1 = sim.t_s + DT_S
        now = [e for e in pending if e.t_s < t1]
        pending = [e for e in pending if e.t_s >= t1]
        aim = None if aims is None else [aims(t1)]
        snaps.append(sim.step(now, aim))
    return sim, snaps
