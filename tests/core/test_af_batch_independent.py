"""A trial's AF does not depend on the other trials played in the same batch.

`compare` plays trials in batches whose make-up depends on the chunk size and the core
count; the game plays one. The AF sensor reads what a contrast sweep would find only when
some trial of the batch hunts, so the cycle must judge the sweep only for trials that were
hunting when the sensor read, or a hunt just started would see a sweep in a batch and not
alone.
"""

import numpy as np

from bbf_sim.core.autofocus import HUNT, NOTHING, AfReading, AfState
from bbf_sim.core.lens import FocusMotor
from bbf_sim.core.simulator import DT_S

from .test_lock_on import SETTINGS


def _play(engage_ticks: list[int]) -> list[tuple[int, int, int]]:
    """Each tick's (phase, tracked, acquisitions) of the last trial. Phase detection reads nothing;
    for the last trial a contrast sweep would find object 0 exactly where the lens is, for the
    others nothing (they hunt on)."""
    b = len(engage_ticks)
    af = AfState(b, 1, SETTINGS)
    motor = FocusMotor(b, 1 / 1.5, (1 / 1.5) / 0.4, 1 / 20.0)
    out = []
    for tick in range(60):
        t = tick * DT_S
        for k, at in enumerate(engage_ticks):
            if tick == at:
                af.engage(np.array([k]), t)
        lens_D = motor.position_at(t)
        hunting = bool((af.phase == HUNT).any())  # as the simulator asks the sensor
        reading = AfReading(
            lens_D=lens_D,
            seen=np.full(b, NOTHING, np.int16),
            dist_m=np.full(b, np.inf),
            read_s=np.zeros(b),
            focus_read_s=np.zeros(2),
            sweep_seen=np.array([NOTHING] * (b - 1) + [0], np.int16) if hunting else None,
            sweep_D=lens_D.copy() if hunting else None,
        )
        af.cycle(t, DT_S, reading, motor)
        out.append((int(af.phase[-1]), int(af.tracked[-1]), int(af.acquisitions[-1])))
    return out


def test_a_hunt_starting_beside_another_is_the_same_as_alone():
    # Alone, the trial engaged at tick 20 starts hunting once the 0.04 s latency has passed
    # (tick 25) and finds object 0 by the sweep one tick later, when the sensor has read a
    # sweep for it; beside a trial hunting on since tick 5 it must do exactly the same.
    alone = _play([20])
    beside = _play([0, 20])
    assert beside == alone
    hunt_tick = next(i for i, (phase, _, _) in enumerate(alone) if phase == HUNT)
    assert alone[hunt_tick + 1][1] == 0  # then the sweep found object 0
