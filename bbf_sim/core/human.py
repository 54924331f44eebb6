"""The human model the bots play with: reactions, hands, and the slips of technique.

One `HumanModel` is a person: how fast they react, how steadily they hold and follow
(the hands: `bbf_sim.core.hands`), and how often they slip from the best technique of
the mapping they use. A technique *profile* is a point in this model:

| profile | what it is |
|---|---|
| careful | the best a skilled user of the mapping does: every slip probability 0 |
| everyday | the same technique with the slips people make (the defaults below) |
| novice | the first weeks: the shutter finger lifts fully after every frame (a fresh AF start each time), \
a wrong subject in the tracking box goes unnoticed, and AF-ON stays down through every crossing |

Careful and everyday trackers watch the finder (`bbf_sim.core.watching`): a wrong track is lifted
and pressed again, and in back-button the thumb leaves AF-ON through a crossing that will outlast
the lock-on delay (`obstruction_let_go`). The reaction time is 0.25 s, between simple visual
reaction times (about 0.19 to 0.22 s for a light in the lab, Kosinski's review) and recognition
ones (about 0.38 s, Laming): seeing that the point is clear of a player is a little of both.

The slips, each one probability per occasion, each acting in one mapping only:

| slip | mapping | occasion | what happens |
|---|---|---|---|
| `lift_between_frames_p` | shutter-AF | each frame | the finger lifts fully, not back to the half-press: \
the next frame starts AF again on whatever is under the point |
| `hold_into_recompose_p` | back-button | each turn after focusing | the thumb stays on AF-ON through \
the turn and the frames: in AF-C the lens follows the turn off the subject once lock-on gives up |
| `fire_before_confirm_p` | back-button | each wait for focus | thumb and finger go together (the thumb \
leaves AF-ON, or the shutter is pressed) before the focus confirmation |

Where the defaults come from (no study counts these slips; each is an estimate, said so):

- `lift_between_frames_p = 0.3`: camera manuals teach the half-press held between frames,
  and shutter-AF users report lifting between frames as their common habit; 0.3 says "often,
  not always". The novice lifts every time (1.0).
- `hold_into_recompose_p = 0.15`: the BBF habit of letting go before turning is the one
  tutorials stress most, because new BBF users keep the thumb down; 0.15 is a user whose
  habit is mostly built.
- `fire_before_confirm_p = 0.08`: anticipations (responding before the signal) run at a few
  per cent up to about 10 % of trials in simple reaction-time experiments, the kind of
  error a press before the focus confirmation is.

`compare --sweep` shows what each probability costs by moving them all from 0 to 1.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from bbf_sim.core.hands import HOLD_SWAY_DEG, SWAY_SMOOTH_S, SWAY_TAU_S

# Seconds from pressing AF-ON to a stab of the shutter that does not wait for focus: the
# shortest two-step sequence a person makes (the lower end of simple reaction times).
STAB_S = 0.12


@dataclass(frozen=True)
class HumanModel:
    """How a practised photographer's hands and eyes behave (a reasonable adult), and their slips."""

    reaction_median_s: float = 0.25  # simple visual reaction time
    reaction_log_sigma: float = 0.25  # spread (lognormal)
    reaction_min_s: float = 0.12
    timing_noise_s: float = 0.03  # how precisely an anticipated moment is hit
    track_noise_deg: float = 0.25  # the eye's pursuit error while following a moving subject
    hold_noise_deg: float = HOLD_SWAY_DEG  # the hands' sway (handheld, unstabilised): `hands`
    noise_tau_s: float = SWAY_TAU_S  # how quickly the wander changes
    pursuit_lag_s: float = 0.02  # smooth-pursuit lag behind a predictable subject
    release_s: float = 0.08  # from hearing the shutter to lifting the finger
    wander_smooth_s: float = SWAY_SMOOTH_S  # the arm's inertia: aim wander has no sudden jumps
    # The slips of technique (probabilities per occasion; the module docstring gives the sources).
    lift_between_frames_p: float = 0.3
    hold_into_recompose_p: float = 0.15
    fire_before_confirm_p: float = 0.08
    # Tracking, the photographer watches which subject the camera tracks and, when it is the
    # wrong one, lifts and presses the AF button again with the point on the subject.
    rechecks_af: bool = True
    # Back-button in AF-C, something nearer crossing the AF point: "beyond-lock-on" takes the thumb
    # off AF-ON when the crossing will outlast the lock-on delay and rides shorter ones through,
    # "always" lets go for every crossing, "never" rides all through (`bbf_sim.core.watching`).
    obstruction_let_go: str = "beyond-lock-on"

    def with_slips(self, probability: float) -> HumanModel:
        """The same person with every slip at `probability` (the sweep's knob)."""
        return replace(
            self,
            lift_between_frames_p=probability,
            hold_into_recompose_p=probability,
            fire_before_confirm_p=probability,
        )


SLIPS = ("lift_between_frames_p", "hold_into_recompose_p", "fire_before_confirm_p")
PROFILES: dict[str, HumanModel] = {
    "careful": HumanModel().with_slips(0.0),
    "everyday": HumanModel(),
    "novice": replace(
        HumanModel().with_slips(0.0), lift_between_frames_p=1.0, rechecks_af=False, obstruction_let_go="never"
    ),
}
