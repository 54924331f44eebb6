"""Lock-on in AF-C, fed tick by tick with what the AF sensor reads (hand-made readings)."""

import numpy as np

from bbf_sim.core.autofocus import NOTHING, TRACK, AfReading, AfSettings, AfState
from bbf_sim.core.lens import FocusMotor
from bbf_sim.core.simulator import DT_S

SETTINGS = AfSettings(
    continuous=True,
    zone=False,
    focus_priority=False,
    detect_latency_s=0.04,
    lock_on_s=0.5,
    min_contrast=0.2,
    tolerance_D=1e-4,
    hunt_give_up_s=1.0,
)
DIST_M = {0: 20.0, 1: 10.0, 2: 12.0}  # the subject, two players


def _run(seen_at_tick):
    """Engage at 0 and run 2 s of AF cycles; the tick at which AF switched away from object 0, and to what."""
    af = AfState(1, 3, SETTINGS)
    motor = FocusMotor(1, 1 / 1.5, (1 / 1.5) / 0.4, 1 / 20.0)
    af.engage(np.array([0]), 0.0)
    for tick in range(240):
        seen = seen_at_tick(tick)
        reading = AfReading(
            lens_D=motor.position_at(tick * DT_S),
            seen=np.array([seen], np.int16),
            dist_m=np.array([DIST_M.get(seen, np.inf)]),
            read_s=np.zeros(1),
            focus_read_s=np.zeros(4),
        )
        af.cycle(tick * DT_S, DT_S, reading, motor)
        if af.phase[0] == TRACK and af.tracked[0] not in (0, NOTHING):
            return tick, int(af.tracked[0])
    return None, int(af.tracked[0])


def test_two_players_in_a_row_add_up_to_the_lock_on_delay():
    """Player 1 covers the runner for 0.3 s, player 2 right after for 0.3 s: the runner is gone 0.6 s.

    The sensor reads player 1 from tick 60 (0.5 s); AF sees that reading a latency later, at tick
    60 + ceil(0.04 · 120) = 65, and the runner counts as lost from then. Lock-on predicts for
    0.5 s = 60 ticks, so AF switches at tick 65 + 60 = 125 (one tick later if the sum of floats
    falls a hair short), to what the sensor read at tick 120: player 2 (ticks 96 to 131).
    Each player alone is shorter than the delay, so a clock restarted by each new player
    (the model before) never switched.
    """
    tick, to = _run(lambda k: 0 if k < 60 else 1 if k < 96 else 2 if k < 132 else 0)
    assert tick in (125, 126)
    assert to == 2


def test_one_short_crossing_never_switches():
    """One player for 0.3 s (36 ticks) < 0.5 s: the track is kept, the runner picked up again."""
    tick, to = _run(lambda k: 1 if 60 <= k < 96 else 0)
    assert tick is None and to == 0


def test_a_long_crossing_switches_after_the_delay():
    """One player for 0.8 s from tick 60: lost at tick 65, switched at 125 (or 126), to the player."""
    tick, to = _run(lambda k: 1 if 60 <= k < 156 else 0)
    assert tick in (125, 126) and to == 1
