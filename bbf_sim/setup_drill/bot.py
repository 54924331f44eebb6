"""A bot that walks the set-up drill with the fewest inputs, or makes a chosen mistake.

It plans by breadth-first search over the drill's own `transition` function (the
same rules a player's inputs go through), then plays the plan through
`SetupDrill.press` with evenly spaced timestamps, so its steps, time and score are
recorded exactly as a person's would be.

| mistake | what the bot does |
|---|---|
| `leave-af-on-shutter` | assigns AF to the rear button but never takes it off the shutter |
| `leave-rear-unassigned` | takes AF off the shutter but never gives it to the rear button |
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from bbf_sim.setup_drill.menu import (
    INPUTS,
    ROLE_REAR,
    ROLE_SHUTTER,
    DrillSpec,
    NavState,
    Path,
    Score,
    SetupDrill,
    transition,
)

MISTAKES = ("leave-af-on-shutter", "leave-rear-unassigned")

# A brisk but human pace between inputs on a camera's buttons [s].
DEFAULT_INTERVAL_S = 0.4


def goal_values(spec: DrillSpec, start_values: dict[Path, str], mistake: str | None) -> dict:
    """The values the bot aims for: BBF targets, except where the mistake leaves a setting."""
    if mistake is not None and mistake not in MISTAKES:
        raise ValueError(f"unknown mistake {mistake!r}; expected one of {list(MISTAKES)}")
    skipped_role = {
        "leave-af-on-shutter": ROLE_SHUTTER,
        "leave-rear-unassigned": ROLE_REAR,
        None: None,
    }[mistake]
    return {
        path: (start_values[path] if setting.role == skipped_role else setting.target)
        for path, setting in spec.bbf_settings().items()
    }


def plan(spec: DrillSpec, start: str = "reassigned", mistake: str | None = None) -> list[str]:
    """The shortest list of inputs from the start state to the goal, menu closed.

    The search never changes a setting to anything but its goal value, so the plan
    makes no wrong turn other than the mistake it was asked for.
    """
    values = spec.start_values(start)
    goal = goal_values(spec, values, mistake)
    paths = tuple(goal)

    def key(nav: NavState, vals: dict[Path, str]) -> tuple:
        return nav, tuple(vals[p] for p in paths)

    def done(nav: NavState, vals: dict[Path, str]) -> bool:
        return not nav.menu_open and all(vals[p] == goal[p] for p in paths)

    start_nav = NavState()
    if done(start_nav, values):
        return []
    seen = {key(start_nav, values)}
    queue: deque[tuple[NavState, dict[Path, str], list[str]]] = deque([(start_nav, values, [])])
    while queue:
        nav, vals, inputs = queue.popleft()
        for name in INPUTS:
            new_nav, new_vals, event = transition(spec, nav, vals, name)
            if event.kind == "set":
                changed = next(p for p in new_vals if new_vals[p] != vals[p])
                if changed not in goal or new_vals[changed] != goal[changed]:
                    continue
            k = key(new_nav, new_vals)
            if k in seen:
                continue
            seen.add(k)
            if done(new_nav, new_vals):
                return [*inputs, name]
            queue.append((new_nav, new_vals, [*inputs, name]))
    raise RuntimeError(f"{spec.brand.name}: no way to reach the goal")  # a data error


@dataclass(frozen=True)
class BotRun:
    drill: SetupDrill
    inputs: tuple[str, ...]
    score: Score


def walk(
    spec: DrillSpec,
    start: str = "reassigned",
    mistake: str | None = None,
    t0_s: float = 0.0,
    interval_s: float = DEFAULT_INTERVAL_S,
) -> BotRun:
    """Play the planned inputs through a fresh drill; returns the drill and its score."""
    inputs = plan(spec, start, mistake)
    drill = SetupDrill(spec, start=start, t0_s=t0_s)
    for i, name in enumerate(inputs, start=1):
        drill.press(name, t0_s + i * interval_s)
    return BotRun(drill, tuple(inputs), drill.score())
