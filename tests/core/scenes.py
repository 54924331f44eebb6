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


def card_level(light_ev: float, changes: list[dict] | None = None, start_focus_m: float = 2.5) -> Level:
    """An 85 mm f/2.8, AF-S, a card (contrast 0.8) at 2.5 m; AF rated to -3 EV, min contrast 0.2;
    the light changing as `changes` says (`scene.light_changes`).

    The card is read in focus from -3 + 4·0.2/0.8 = -2 EV up.
    """
    scene = {"light_ev": light_ev, "background_m": 12.0, "background_contrast": 0.0}
    if changes:
        scene["light_changes"] = changes
    return make_level(
        lens={"min_focus_m": 0.85, "full_travel_s": 0.5, "start_focus_m": start_focus_m},
        af={"mode": "af-s", "detect_latency_s": 0.04, "min_light_ev": -3.0, "min_contrast": 0.2},
        scene=scene,
        objects=[
            {
                "name": "card",
                "role": "target",
                "shape": "card",
                "width_m": 0.3,
                "height_m": 0.3,
                "contrast": 0.8,
                "path": {"kind": "still", "at_m": [0.0, 0.0, 2.5]},
            }
        ],
    )


def confirm_time(snaps) -> float:
    """When AF-S first confirmed focus on trial 0 [s]."""
    return min(s.t_s for s in snaps if s.confirm_count[0] >= 1)
