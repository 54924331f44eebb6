"""The bots' technique steps as compiled loops: `TechniqueBot._arm`, and a tick's due steps.

`arm` gives each trial whose step is waiting a due time; no trial reads another's, so
the reference's groups by step index, run trial by trial, give the same numbers. Only
additions, comparisons and np.maximum: bit for bit in numba. `steps_pinned` runs the
steps' part of `TechniqueBot.act` (`_steps`: the due steps' events and state, round by
round, arming after each) and lists the events in the reference's order. Imported only
through `kernels.load()`.
"""

from __future__ import annotations

import numpy as np
from numba import njit

from bbf_sim.core._numba_base import _max
from bbf_sim.core._numba_table import b1_1, f8_1, f8_2, f8_3, i1_1, i4_1, i8_1, i8_2

# Step waits, as `kernel_steps` numbers them.
APPEAR, CONFIRM, FIRED, TIME, AFTER = 0, 1, 2, 3, 4


@njit(cache=True, inline="always")
def arm(
    now_s, dt_s, stab_s, fire_before_confirm_p, release_s, target, stab_slip,
    waits, objs, delays_s, ats_s, reacts, gated,
    due_s, k, is_bbf, slip_u, reaction_s, timing_s, last_s, shots_before, waiting_for_af,
    present, af_confirmed, frames_fired, af_engaged, af_tracked,
):  # fmt: skip
    """Set the due time [s] of every trial whose current step's wait is over (`TechniqueBot._arm`).

    `slip_u` (steps, slips, trials), `reaction_s` and `timing_s` (steps, trials) are the bot's
    arrays step-major: the trials waiting on one step read neighbouring numbers, where the bot's
    own (trials, steps) rows put each trial's in a cache line of its own.
    """
    n = waits.shape[0]
    for i in range(due_s.shape[0]):
        s = k[i]
        if due_s[i] == due_s[i] or s >= n:
            continue
        wait = waits[s]
        last = last_s[i]
        if wait == APPEAR:
            if not present[i, objs[s]]:
                continue
            base = now_s
        elif wait == CONFIRM:
            # The slip (back-button): thumb and finger go together, before the confirmation.
            stab = is_bbf[i] and slip_u[s, stab_slip, i] < fire_before_confirm_p
            if not (af_confirmed[i] or stab):
                continue
            base = last + stab_s if stab else now_s
            delay = 0.0 if stab else reaction_s[s, i]
            due_s[i] = _max(base + delay, last)
            continue
        elif wait == FIRED:
            if not (frames_fired[i] > shots_before[i] or now_s >= last + delays_s[s]):
                continue
            base = now_s + release_s
        elif wait == TIME:
            base = ats_s[s] + timing_s[s, i]
            if gated[s]:
                # A watching tracker fires when the finder shows AF on the subject.
                if not base < now_s + dt_s:
                    continue
                if not (af_engaged[i] and af_tracked[i] == target):
                    waiting_for_af[i] = True
                    continue
                if waiting_for_af[i]:
                    base = now_s + reaction_s[s, i]
                waiting_for_af[i] = False
        else:
            base = last + delays_s[s]
        reaction = reaction_s[s, i] if reacts[s] else 0.0
        due_s[i] = _max(base + reaction, last)


# The arrays `arm` reads from `steps_pinned`'s first table, in order (`kernel_tables.pin`'s codes):
# the steps, then the bot's per-trial state.
ARM_PINNED = "i8_1 i8_1 f8_1 f8_1 b1_1 b1_1 f8_1 i8_1 b1_1 f8_3 f8_2 f8_2 f8_1 i4_1 b1_1"


# The arrays `steps_pinned` reads from its second table, in order: the bot's turn and recompose
# state, the steps' aims, recompose and shoot flags, each (style, step)'s events (`step_program`),
# scratch, and the numbers (hold_p, lift_p, aim_move_s, the hold and lift slips' indices).
STEPS_PINNED = "f8_1 f8_2 f8_2 f8_1 i8_1 i8_1 b1_1 b1_1 i8_2 i1_1 b1_1 i1_1 i8_1 f8_1 b1_1 f8_1"
# What an event of a step's program does with a trial's slips: sent to all; sent unless the thumb
# stays on AF-ON through the turn (the hold slip); sent only when the finger lifts fully (the lift slip).
ALL, UNLESS_HELD, IF_LIFTED = 0, 1, 2


@njit(cache=True)
def steps_pinned(
    t0, t1, dt_s, stab_s, fire_before_confirm_p, release_s, target, stab_slip, turning_until_s,
    present, af_confirmed, frames_fired, af_engaged, af_tracked, out, p, q,
):  # fmt: skip
    """`TechniqueBot.act`'s steps for one tick: `arm`, then up to eight rounds of the due steps'
    events and state, each followed by `arm` again, as the reference runs them.

    The events go into `out` (EVENT_DTYPE rows) in the reference's order: round by round, the
    shutter-AF trials then the back-button ones, step by step in index order, each event of
    the step's program for its trials in trial order. Returns the count and the time until
    which a turn is in progress [s]. `p`: `arm`'s table (`ARM_PINNED`); `q`: `STEPS_PINNED`.
    """
    waits, objs, delays_s, ats_s, reacts, gated = i8_1(p, 0), i8_1(p, 1), f8_1(p, 2), f8_1(p, 3), b1_1(p, 4), b1_1(p, 5)
    due_s, k, is_bbf, slip_u = f8_1(p, 6), i8_1(p, 7), b1_1(p, 8), f8_3(p, 9)
    reaction_s, timing_s, last_s = f8_2(p, 10), f8_2(p, 11), f8_1(p, 12)
    shots_before, waiting_for_af = i4_1(p, 13), b1_1(p, 14)
    recompose_s, turn_from, base_dir, turn_s, aim_obj = f8_1(q, 0), f8_2(q, 1), f8_2(q, 2), f8_1(q, 3), i8_1(q, 4)
    step_aim, step_recompose, step_shoot, prog_at = i8_1(q, 5), b1_1(q, 6), b1_1(q, 7), i8_2(q, 8)
    prog_button, prog_pressed, prog_filter = i1_1(q, 9), b1_1(q, 10), i1_1(q, 11)
    go, t_go, has_step, c = i8_1(q, 12), f8_1(q, 13), b1_1(q, 14), f8_1(q, 15)
    hold_p, lift_p, aim_move_s, hold_slip, lift_slip = c[0], c[1], c[2], int(c[3]), int(c[4])
    n_steps = waits.shape[0]
    arm(
        t0, dt_s, stab_s, fire_before_confirm_p, release_s, target, stab_slip, waits, objs, delays_s, ats_s, reacts,
        gated, due_s, k, is_bbf, slip_u, reaction_s, timing_s, last_s, shots_before, waiting_for_af, present,
        af_confirmed, frames_fired, af_engaged, af_tracked,
    )  # fmt: skip
    count = 0
    for _ in range(8):  # a few steps may fall in one tick
        n_go = 0
        for i in range(due_s.shape[0]):
            if due_s[i] < t1:
                go[n_go] = i
                t_go[n_go] = _max(due_s[i], t0)
                n_go += 1
        if n_go == 0:
            break
        for style in range(2):
            bbf = style == 1
            for s in range(n_steps):
                has_step[s] = False
            for j in range(n_go):
                if is_bbf[go[j]] == bbf:
                    has_step[k[go[j]]] = True
            for s in range(n_steps):
                if not has_step[s]:
                    continue
                for e in range(prog_at[style, s], prog_at[style, s + 1]):
                    kind = prog_filter[e]
                    for j in range(n_go):
                        i = go[j]
                        if is_bbf[i] != bbf or k[i] != s:
                            continue
                        if kind == UNLESS_HELD:
                            keep = slip_u[s, hold_slip, i] < hold_p
                            if waits[s] == CONFIRM:
                                keep = keep and slip_u[s, stab_slip, i] >= fire_before_confirm_p
                            if keep:
                                continue
                        elif kind == IF_LIFTED and not slip_u[s, lift_slip, i] < lift_p:
                            continue
                        row = out[count]
                        row.trial = i
                        row.t_s = t_go[j]
                        row.button = prog_button[e]
                        row.pressed = prog_pressed[e]
                        count += 1
                latest = -np.inf
                for j in range(n_go):
                    i = go[j]
                    if is_bbf[i] != bbf or k[i] != s:
                        continue
                    if step_recompose[s]:
                        recompose_s[i] = t_go[j]
                    if step_aim[s] >= 0:
                        turn_from[i, 0], turn_from[i, 1] = base_dir[i, 0], base_dir[i, 1]
                        turn_s[i] = t_go[j]
                        aim_obj[i] = step_aim[s]
                        latest = _max(t_go[j], latest)
                    if step_shoot[s]:
                        shots_before[i] = frames_fired[i]
                if step_aim[s] >= 0:
                    turn_end_s = latest + aim_move_s
                    turning_until_s = turn_end_s if turn_end_s > turning_until_s else turning_until_s  # max()
        for j in range(n_go):
            i = go[j]
            last_s[i] = t_go[j]
            k[i] += 1
            due_s[i] = np.nan
        arm(
            t0, dt_s, stab_s, fire_before_confirm_p, release_s, target, stab_slip, waits, objs, delays_s, ats_s,
            reacts, gated, due_s, k, is_bbf, slip_u, reaction_s, timing_s, last_s, shots_before, waiting_for_af,
            present, af_confirmed, frames_fired, af_engaged, af_tracked,
        )  # fmt: skip
    return count, turning_until_s
