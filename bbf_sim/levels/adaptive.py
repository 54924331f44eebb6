"""The endless drill: each next round made from the last round's result, harder or easier.

A level with an `[endless]` table is played in rounds. The round's *step* says how
far from the file's own settings it is: step 0 is the file as written; each step up
makes every subject `speed_step` times faster (within the level schema's limits: a value at
its limit stays there) and opens the aperture by
`aperture_step_stops` (thinner depth of field, down to `widest_aperture`); each step
down does the opposite. After a round:

| last round's hit rate | next step |
|---|---|
| ≥ clean_hit_rate | step + 1 (harder) |
| < miss_hit_rate | step − 1 (easier) |
| in between | the same step |

clamped to [min_step, max_step]. Everything is a pure function of (base level, step,
hit rate): the same inputs give the same next level, so a replay of an endless session
needs only the base level and the hit rates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import get_args

from pydantic.fields import FieldInfo

from bbf_sim.levels import schema
from bbf_sim.levels.schema import Endless, Level


def _limits(field: FieldInfo) -> tuple[float, float]:
    """The lowest and highest value a schema field allows (a bound it excludes, one float inside)."""
    low, high = -math.inf, math.inf
    for bound in field.metadata:  # annotated_types' Ge, Gt, Le, Lt
        if hasattr(bound, "ge"):
            low = bound.ge
        elif hasattr(bound, "gt"):
            low = math.nextafter(bound.gt, math.inf)
        elif hasattr(bound, "le"):
            high = bound.le
        elif hasattr(bound, "lt"):
            high = math.nextafter(bound.lt, -math.inf)
    return float(low), float(high)


def _alias_limits(alias: object) -> tuple[float, float]:
    """`_limits` of an `Annotated[float, Field(...)]` alias of the schema (`schema.ShortS`, ...)."""
    return _limits(next(a for a in get_args(alias) if isinstance(a, FieldInfo)))


# The file's own limits, which every scaled value must stay within.
_SPEED_MPS = {
    "approaching": _limits(schema.ApproachingPath.model_fields["speed_mps"]),
    "erratic": _limits(schema.ErraticPath.model_fields["speed_mps"]),
}
_APERTURE = _limits(schema.Camera.model_fields["aperture"])
_MAX_TIME_S = _alias_limits(schema.FiniteS)[1]
_PERIOD_S = _alias_limits(schema.ShortS)
_MAX_COORD = _alias_limits(schema.Coord)[1]  # a velocity's components too [m/s]


@dataclass(frozen=True)
class Round:
    """One round of an endless drill: its step and the level to play."""

    step: int
    level: Level


def next_step(endless: Endless, step: int, hit_rate: float) -> int:
    """The step of the next round after a round at `step` with `hit_rate` (0..1)."""
    if hit_rate >= endless.clean_hit_rate:
        step += 1
    elif hit_rate < endless.miss_hit_rate:
        step -= 1
    return max(endless.min_step, min(endless.max_step, step))


def aperture_at_step(endless: Endless, base_aperture: float, step: int) -> float:
    """The f-number at `step`: one stop is a factor √2 in f-number."""
    n = base_aperture / math.sqrt(2.0) ** (step * endless.aperture_step_stops)
    return min(_APERTURE[1], max(min(endless.widest_aperture, base_aperture), n))


def _scale_path(path: dict, factor: float) -> dict:
    """A path with its subject `factor` times faster, along the same line (dicts from model_dump)."""
    p = dict(path)
    kind = p["kind"]
    if kind in ("linear", "weave", "flight"):
        p["velocity_mps"] = _scaled_velocity(p["velocity_mps"], factor)
    if kind in ("approaching", "erratic"):
        low, high = _SPEED_MPS[kind]  # the low one above 0: however far a tiny speed is slowed
        p["speed_mps"] = min(high, max(low, p["speed_mps"] * factor))
    if kind == "weave":
        p["period_s"] = _within_period_limits(p["period_s"] / factor)
    if kind == "flight":
        p["bob_period_s"] = _within_period_limits(p["bob_period_s"] / factor)
    if kind == "waypoints":
        p["points"] = _scaled_points(p["points"], factor)
    return p


def _scaled_velocity(velocity_mps: tuple, factor: float) -> tuple:
    """`velocity_mps` times `factor`, kept in the same direction within the schema's bound."""
    fastest = max(abs(v) for v in velocity_mps) * factor
    if fastest > _MAX_COORD:
        factor *= _MAX_COORD / fastest
    return tuple(min(_MAX_COORD, max(-_MAX_COORD, v * factor)) for v in velocity_mps)


def _within_period_limits(period_s: float) -> float:
    return min(_PERIOD_S[1], max(_PERIOD_S[0], period_s))


def _scaled_points(points: list, factor: float) -> list:
    """Waypoints at `t / factor`, the path cut at the schema's last time where it would pass it.

    Points pushed past the last time cannot all sit at it (the times must rise): the path
    ends there at the place it reaches then, on its line to the next point, so it is the
    same as far as any level lasts. A path wholly past it holds its first point throughout.
    Two times the division would make equal (an underflow, or rounding) are kept apart by
    the least step a float has.
    """
    kept: list[tuple[float, float, float, float]] = []
    for t, x, y, z in points:
        t_s = t / factor if not kept else max(t / factor, math.nextafter(kept[-1][0], math.inf))
        if t_s <= _MAX_TIME_S:
            kept.append((t_s, x, y, z))
            continue
        if kept and kept[-1][0] < _MAX_TIME_S:
            t0, x0, y0, z0 = kept[-1]
            w = (_MAX_TIME_S - t0) / (t_s - t0)
            # Each coordinate kept between its two ends, which rounding could pass (a z of 0).
            cut = (min(max(a + w * (b - a), min(a, b)), max(a, b)) for a, b in ((x0, x), (y0, y), (z0, z)))
            kept.append((_MAX_TIME_S, *cut))
        elif not kept:
            kept = [(0.0, x, y, z), (_MAX_TIME_S, x, y, z)]
        break
    if len(kept) == 1:  # the first point exactly at the last time: held from the start
        kept.insert(0, (0.0, *kept[0][1:]))
    return kept


def level_at_step(base: Level, step: int) -> Level:
    """The base level made `step` steps harder (negative: easier); step 0 is the base itself."""
    if base.endless is None:
        raise ValueError(f"level {base.id!r} has no [endless] table: it is not an endless drill")
    if step == 0:
        return base
    e = base.endless
    factor = e.speed_step**step
    data = base.model_dump()
    data["camera"]["aperture"] = aperture_at_step(e, base.camera.aperture, step)
    for obj in data["objects"]:
        obj["path"] = _scale_path(obj["path"], factor)
    # A step leaves the scene as it was: the base's own is kept, which knows where its
    # background image is (a dump drops that; it is resolved only when the file is loaded).
    return Level.model_validate(data).model_copy(update={"scene": base.scene})


def first_round(base: Level) -> Round:
    return Round(0, level_at_step(base, 0))


def next_round(base: Level, step: int, last_hit_rate: float) -> Round:
    """The next round of the endless drill `base`, after a round at `step` that hit `last_hit_rate`."""
    if base.endless is None:
        raise ValueError(f"level {base.id!r} has no [endless] table: it is not an endless drill")
    new_step = next_step(base.endless, step, last_hit_rate)
    return Round(new_step, level_at_step(base, new_step))


def level_as_played(level: Level, af_mode: str | None = None, endless_step: int = 0) -> Level:
    """The level an attempt actually played: an endless round's step, then the AF mode chosen for it.

    The play screen builds its simulator from this, and replays re-build it from the
    attempt's stored settings, so both see the very same level.
    """
    if endless_step:
        level = level_at_step(level, endless_step)
    if af_mode is None or af_mode == level.af.mode:
        return level
    if af_mode not in ("af-s", "af-c"):
        raise ValueError(f"unknown AF mode {af_mode!r}")
    return level.model_copy(update={"af": level.af.model_copy(update={"mode": af_mode})})
