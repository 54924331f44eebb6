"""The bots' technique steps as a compiled loop: `TechniqueBot._arm`, one pass over the trials.

`_arm` gives each trial whose step is waiting a due time; no trial reads another's, so
the reference's groups by step index, run trial by trial, give the same numbers. Only
additions, comparisons and np.maximum: bit for bit in numba. Imported only through
`kernels.load()`.
"""

from __future__ import annotations

from numba import njit

from bbf_sim.core._numba_base import _max
from bbf_sim.core._numba_table import b1_1, f8_1, f8_2, f8_3, i4_1, i8_1

# Step waits, as `kernels.step_table` numbers them.
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


# The arrays `arm_pinned` reads from its table, in order (`kernel_tables.pin`'s codes): the steps,
# then the bot's per-trial state.
ARM_PINNED = "i8_1 i8_1 f8_1 f8_1 b1_1 b1_1 f8_1 i8_1 b1_1 f8_3 f8_2 f8_2 f8_1 i4_1 b1_1"


@njit(cache=True)
def arm_pinned(
    now_s, dt_s, stab_s, fire_before_confirm_p, release_s, target, stab_slip,
    present, af_confirmed, frames_fired, af_engaged, af_tracked, p,
):  # fmt: skip
    """`arm` with the run's long-lived arrays from the table `p` (`ARM_PINNED`)."""
    arm(
        now_s, dt_s, stab_s, fire_before_confirm_p, release_s, target, stab_slip,
        i8_1(p, 0), i8_1(p, 1), f8_1(p, 2), f8_1(p, 3), b1_1(p, 4), b1_1(p, 5),
        f8_1(p, 6), i8_1(p, 7), b1_1(p, 8), f8_3(p, 9), f8_2(p, 10), f8_2(p, 11), f8_1(p, 12), i4_1(p, 13),
        b1_1(p, 14), present, af_confirmed, frames_fired, af_engaged, af_tracked,
    )  # fmt: skip
