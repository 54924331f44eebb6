"""Endless drills in the game: round after round, each next round made by `levels.adaptive` from the last.

A level with an `[endless]` table is played in rounds. `PlaySetup.endless_step` is the
round's step (0: the file as written) and `endless_round` its number; `played_level`
plays the level at that step. The results screen hands over to the next round:

| key on results | next |
|---|---|
| Enter | the next round: harder after a clean round, easier after misses (`adaptive.next_round`) |
| M | the next round, in the other mapping |
| R | this round again, at the same step |

A round ended early from the pause screen keeps its step: a few frames say little
about the player's edge. `round_line` and `change_line` are the words the Ready and
results screens show ("Round 4: the dragonfly is 32 % faster, f/4.5 ...").
"""

from __future__ import annotations

from dataclasses import replace

from bbf_sim.levels.adaptive import aperture_at_step, next_round

MOVING_KINDS = ("linear", "weave", "flight", "approaching", "erratic", "waypoints")  # what a step speeds up


def is_endless(setup) -> bool:
    return setup.level.endless is not None


def next_round_setup(result):
    """The `PlaySetup` of the round after `result`'s: its step from the round's hit rate."""
    setup = result.setup
    step = setup.endless_step
    if not result.ended_early:
        step = next_round(setup.level, step, result.summary.hit_rate).step
    return replace(setup, endless_step=step, endless_round=setup.endless_round + 1, seed=setup.seed + 1)


def _subject(level) -> str | None:
    """What a step speeds up, in words: "the dragonfly"; None when no target moves."""
    targets = [o for o in level.objects if o.role == "target"]
    moving = [o for o in targets if o.path.kind in MOVING_KINDS]
    if not moving:
        return None
    return f"the {moving[0].name}" if len(targets) == 1 else "the subjects"


def pct(x: float) -> str:
    """0.95 → "95 %"."""
    return f"{100 * x:.0f} %"


def f_number(n: float) -> str:
    """As a body shows it: f/4.5, f/11."""
    return f"f/{n:.1f}" if n < 10 else f"f/{n:.0f}"


def _changes(level, step: int, since: int) -> list[str]:
    """What differs at `step` from `since`, in words (speed, then aperture)."""
    e = level.endless
    parts = []
    who = _subject(level)
    factor = e.speed_step ** (step - since)
    if who is not None and round(abs(factor - 1) * 100):
        more = "faster" if factor > 1 else "slower"
        parts.append(f"{who} is {pct(abs(factor - 1))} {more}")
    base = level.camera.aperture
    now, then = aperture_at_step(e, base, step), aperture_at_step(e, base, since)
    if f_number(now) != f_number(then):
        depth = "thinner" if now < then else "deeper"
        parts.append(f"{f_number(now)} instead of {f_number(then)}: {depth} depth of field")
    return parts


def round_line(setup) -> str:
    """The Ready screen's line: the round, and how it differs from the level as written."""
    level, step = setup.level, setup.endless_step
    head = f"Round {setup.endless_round} of the endless drill"
    if step == 0:
        return f"{head}: as the level is written ({f_number(level.camera.aperture)})."
    return f"{head}: against round 1, " + ", ".join(_changes(level, step, 0)) + "."


def change_line(result, nxt) -> str:
    """The results screen's line: why the next round is harder, easier or the same."""
    setup, e = result.setup, result.setup.level.endless
    rate = result.summary.hit_rate
    if result.ended_early:
        why = "Ended early, so"
    elif nxt.endless_step > setup.endless_step:
        why = f"A clean round ({pct(rate)} sharp, {pct(e.clean_hit_rate)} needed):"
    elif nxt.endless_step < setup.endless_step:
        why = f"Too many misses ({pct(rate)} sharp, under {pct(e.miss_hit_rate)}):"
    elif rate >= e.clean_hit_rate or rate < e.miss_hit_rate:
        why = f"{pct(rate)} sharp, and this is as far as the drill goes:"
    else:
        why = f"{pct(rate)} sharp (between {pct(e.miss_hit_rate)} and {pct(e.clean_hit_rate)}):"
    head = f"round {nxt.endless_round}"
    changes = _changes(setup.level, nxt.endless_step, setup.endless_step)
    if not changes:
        return f"{why} {head} is played at the same pace."
    return f"{why} in {head} " + ", ".join(changes) + "."
