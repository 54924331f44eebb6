"""The glue of the bots' compiled technique steps (`_numba_steps`): a tick's due steps.

`bot_steps` is the whole of the steps' part of `TechniqueBot.act` (`_arm`, up to eight rounds
of the due steps' events and state, `_arm` after each) in one compiled call, returning the
events in the reference's order. The numbers it takes from the bot's module (the tick, the
stabilising pause, the slips' indices, what each intent presses) are passed in: that module
imports this one. numpy only; the kernels come in as `k` (`kernels.load()`).
"""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.controls import EVENT_DTYPE, Button
from bbf_sim.core.kernel_tables import pin
from bbf_sim.core.records import copy_records

if TYPE_CHECKING:
    from bbf_sim.core.bots import TechniqueBot
    from bbf_sim.core.simulator import Snapshot

_WAITS = {"appear": 0, "confirm": 1, "fired": 2, "time": 3, "after": 4}  # `_numba_steps`' numbering
_ROUNDS = 8  # the most rounds of due steps in one tick (`TechniqueBot.act`)


def _step_major(per_trial: np.ndarray) -> np.ndarray:
    """A copy of a bot's (trials, steps, ...) array with the trials last (drawn once, never changed):
    `arm` reads one step's number for every waiting trial, adjacent in memory this way."""
    return np.ascontiguousarray(np.moveaxis(per_trial, 0, -1))


def _arm_table(k: ModuleType, bot: TechniqueBot, dt_s: float, stab_s: float, stab_slip: int) -> tuple:
    """The settings, then the steps and the bot's arrays (changed in place) as one table: made once a run."""
    table = bot._arm_table
    if table is None:
        steps, h = bot.steps, bot.human
        gate = bot.watcher is not None and h.rechecks_af
        arrays = (
            np.array([_WAITS[s.wait] for s in steps], np.intp),
            np.array([bot.target if s.obj is None else s.obj for s in steps], np.intp),
            np.array([s.delay_s for s in steps], float),
            np.array([s.at_s for s in steps], float),
            np.array([s.react for s in steps], np.bool_),
            np.array([gate and "shoot" in s.intents for s in steps], np.bool_),
            bot.due_s, bot.k, bot.is_bbf, _step_major(bot.slip_u), _step_major(bot.reaction_s),
            _step_major(bot.timing_s), bot.last_s, bot.shots_before, bot.waiting_for_af,
        )  # fmt: skip
        table = bot._arm_table = (
            dt_s, stab_s, h.fire_before_confirm_p, h.release_s, bot.target, stab_slip, arrays,
            pin(arrays, k.ARM_PINNED),
        )  # fmt: skip
    return table


def step_program(steps: list, intents: dict, k: ModuleType) -> tuple[np.ndarray, ...]:
    """What each step sends in each style, as the reference's loop sends it: offsets (2, steps + 1)
    into the events' buttons, pressed flags and kinds (`_numba_steps.ALL`, `UNLESS_HELD`, `IF_LIFTED`)."""
    at = np.zeros((2, len(steps) + 1), np.intp)
    events: list[tuple[int, bool, int]] = []  # (button, pressed, kind)
    for style_i, style in enumerate(("shutter", "bbf")):
        at[style_i, 0] = len(events)
        for s, step in enumerate(steps):
            for intent in step.intents:
                held = intent == "af_release" and style == "bbf" and (step.recompose or step.aim is not None)
                events += [
                    (int(button), down, k.UNLESS_HELD if held else k.ALL) for button, down in intents[style][intent]
                ]
            if "shoot_end" in step.intents and style == "shutter":  # the finger may lift fully
                events.append((int(Button.HALF), False, k.IF_LIFTED))
            at[style_i, s + 1] = len(events)
    buttons, pressed, kinds = zip(*events, strict=True) if events else ((), (), ())
    return at, np.array(buttons, np.int8), np.array(pressed, np.bool_), np.array(kinds, np.int8)


def bot_steps(
    k: ModuleType, bot: TechniqueBot, snap: Snapshot, t0: float, t1: float, dt_s: float, stab_s: float,
    slips: tuple[int, int, int], intents: dict,
) -> np.ndarray:  # fmt: skip
    """The steps' part of `TechniqueBot.act` for the tick [t0, t1) in one compiled call: its events
    (EVENT_DTYPE rows, a new array) in the order the reference's loop makes them.

    `slips`: the indices of the stab, hold and lift slips; `intents`: what each intent presses, per style.
    """
    stab_slip, hold_slip, lift_slip = slips
    arm = _arm_table(k, bot, dt_s, stab_s, stab_slip)
    table = bot._steps_table
    if table is None:  # the bot's turn state and the steps' programs, as one table kept with them
        steps, h, b = bot.steps, bot.human, bot.batch
        at, buttons, pressed, kinds = step_program(steps, intents, k)
        per_step = int(np.diff(at, axis=1).max(initial=0))
        arrays = (
            bot.recompose_s, bot.turn_from, bot.base_dir, bot.turn_s, bot.aim_obj,
            np.array([-1 if s.aim is None else s.aim for s in steps], np.intp),
            np.array([s.recompose for s in steps], np.bool_), np.array(["shoot" in s.intents for s in steps], np.bool_),
            at, buttons, pressed, kinds, np.empty(b, np.intp), np.empty(b), np.empty(len(steps), np.bool_),
            np.array([h.hold_into_recompose_p, h.lift_between_frames_p, bot.level.bot.aim_move_s, hold_slip,
                      lift_slip]),
        )  # fmt: skip
        # Room for every event a tick can make: each trial takes at most one step a round.
        room = np.empty(_ROUNDS * b * max(per_step, 1), EVENT_DTYPE)
        table = bot._steps_table = (pin(arrays, k.STEPS_PINNED), arrays, room)
    room = table[2]
    count, bot._turning_until_s = k.steps_pinned(
        t0, t1, *arm[:6], bot._turning_until_s, snap.present, snap.af_confirmed, snap.frames_fired, snap.af_engaged,
        snap.af_tracked, room, arm[-1], table[0],
    )  # fmt: skip
    return copy_records(room[:count])  # numpy's own copy of records goes field by field
