"""AF speed and detection as a continuous function of light, contrast and defocus.

The curve (bbf_sim/core/af_signal.py, docs/camera-model.md): an object's margin is the
light's distance in stops above the least in which AF reads its contrast in focus,
min_light_ev + 4 · min_contrast / contrast; a reading takes 0.4 s · 2^(−margin) extra;
a blur circle b costs log2(1 + b / 4c) stops of margin. Expected numbers are worked out
from those rules in the comments.
"""

import math

import numpy as np
import pytest

from bbf_sim.core.af_signal import defocus_cost_stops, light_factor, margin_stops, read_time_s
from bbf_sim.core.autofocus import FAILED, HUNT, LOCKED
from bbf_sim.core.controls import Button
from bbf_sim.core.simulator import DT_S

from .scenes import card_level, confirm_time, make_level, play, press, release

A, F = Button.AF_ON, Button.FULL


def test_margin_matches_the_levels_usable_rule():
    # Contrast 1.0, light 0 EV, limit -1 EV, min contrast 0.2: read from -1 + 4·0.2/1.0 = -0.2 EV,
    # so 0.2 stops of margin; contrast 0.5 needs -1 + 0.8/0.5 = 0.6 EV: 0.6 stops short.
    m = margin_stops([1.0, 0.5, 0.1], 0.0, -1.0, 0.2)
    assert m[0] == pytest.approx(0.2)
    assert m[1] == pytest.approx(-0.6)
    assert m[2] == -math.inf  # below min_contrast: never, in any light
    # The margin's sign is the old switch (contrast · light factor ≥ min contrast) exactly.
    rng = np.random.default_rng(1)
    for _ in range(500):
        c, ev, lo, mc = rng.uniform(0.01, 1), rng.uniform(-8, 16), rng.uniform(-8, 2), rng.uniform(0.05, 1)
        if abs(c * light_factor(ev, lo) - mc) < 1e-9:
            continue
        assert (margin_stops(c, ev, lo, mc) >= 0) == (c * light_factor(ev, lo) >= mc)


def test_reading_time_doubles_with_each_stop_less_light():
    # 0.4 s at the limit; 4 stops above: 0.4/16 = 0.025 s; 14 stops above (daylight): 24 µs.
    assert read_time_s(0.0) == pytest.approx(0.4)
    assert read_time_s(4.0) == pytest.approx(0.025)
    assert read_time_s(14.0) == pytest.approx(0.4 / 16384)
    assert read_time_s(-0.1) == math.inf


def test_defocus_costs_a_stop_per_doubling_of_the_blur():
    # Full frame c = 0.03 mm: a 0.12 mm blur circle (4c) costs log2(2) = 1 stop; 0.36 mm: 2 stops.
    assert defocus_cost_stops(0.12, 0.03) == pytest.approx(1.0)
    assert defocus_cost_stops(0.36, 0.03) == pytest.approx(2.0)
    assert defocus_cost_stops(0.0, 0.03) == 0.0


@pytest.mark.parametrize(
    ("light_ev", "extra_s"),
    [
        # margin = light + 2 stops; a reading takes 0.4·2^-margin, and AF-S needs two of them
        # (the acquisition, then the confirmation with the lens on the card).
        pytest.param(12.0, 2 * 0.4 / 2**14, id="daylight"),
        pytest.param(2.0, 2 * 0.4 / 2**4, id="4-stops-above"),  # 0.05 s
        pytest.param(0.0, 2 * 0.4 / 2**2, id="2-stops-above"),  # 0.2 s
        pytest.param(-1.0, 2 * 0.4 / 2**1, id="1-stop-above"),  # 0.4 s
        pytest.param(-1.75, 2 * 0.4 / 2**0.25, id="quarter-stop-above"),  # 0.67 s
    ],
)
def test_af_s_slows_down_towards_the_limit_but_still_locks(light_ev, extra_s):
    """The lens already sits at the card (no travel): confirmation = press + 40 ms + two readings."""
    _, snaps = play(card_level(light_ev), "bbf", [press(0.5, A)])
    expected = 0.5 + 0.04 + extra_s
    # The AF decides once per tick (1/120 s): each reading lands up to a tick late, and a
    # snapshot shows the state at the end of the tick whose cycle confirmed: 3 ticks at most.
    assert expected - 1e-9 <= confirm_time(snaps) <= expected + 3 * DT_S + 1e-9
    assert not any(s.af_phase[0] == HUNT for s in snaps)


def test_below_the_limit_af_s_hunts_and_gives_up():
    """-2.5 EV is half a stop below the card's -2 EV: no reading in any lens position."""
    _, snaps = play(card_level(-2.5), "bbf", [press(0.5, A)])
    phases = {int(s.af_phase[0]) for s in snaps}
    assert HUNT in phases and FAILED in phases and LOCKED not in phases


def test_near_the_limit_a_subject_far_out_of_focus_is_found_by_the_hunt():
    """One stop above the limit, lens at 20 m: the card's blur costs more than a stop, so AF hunts.

    Blur: f²/N · |p − q| / (1 − f·p) = 0.085²/2.8 · |0.05 − 0.4| / (1 − 0.085·0.05) = 0.907 mm,
    a cost of log2(1 + 0.907/0.12) = 3.1 stops > 1. The hunt sweeps towards the near end
    (0.05 D is below half of 1/0.85 D) at (1/0.85)/0.5 = 2.353 D/s, from press + 40 ms, and
    passes the card's 0.4 D after 0.35/2.353 = 0.149 s: the sweep lands there, the lens comes
    back, and one more reading at 1 stop (0.2 s) confirms: at press + 0.04 + 0.149 + 0.2 s.
    In daylight the same press locks straight away: 0.04 s + travel 0.149 s, no hunt.
    """
    _, snaps = play(card_level(-1.0, start_focus_m=20.0), "bbf", [press(0.5, A)])
    phases = [int(s.af_phase[0]) for s in snaps]
    assert HUNT in phases
    expected = 0.5 + 0.04 + 0.149 + 0.2
    assert expected - DT_S <= confirm_time(snaps) <= expected + 4 * DT_S
    locked = [s for s in snaps if s.af_phase[0] == LOCKED]
    assert locked and abs(locked[0].lens_D[0] - 0.4) < 1e-3

    _, day = play(card_level(12.0, start_focus_m=20.0), "bbf", [press(0.5, A)])
    assert HUNT not in [int(s.af_phase[0]) for s in day]
    assert confirm_time(day) <= 0.5 + 0.04 + 0.149 + 3 * DT_S  # ticks as in the test above


def test_a_frame_fired_after_a_low_light_lock_is_sharp():
    sim, _ = play(card_level(-1.0, start_focus_m=20.0), "shutter", [press(0.5, F), release(2.0, F)])
    frames = sim.frames()
    assert len(frames) == 1 and frames["hit"][0]


def test_af_c_near_the_limit_measures_less_often_but_predicts_from_real_times():
    """AF-C one stop above the limit: a reading takes 0.2 s, so AF measures every 0.2 s.

    A walker approaches a 200 mm f/2.8 at 2 m/s from 20 m. AF-ON at 0.5 s: the first reading
    is used at 0.5 + 0.04 + 0.2 = 0.74 s (the lens at 20 m does not move before; the walker at
    19 m is 0.003 D off, a 0.04 mm blur that costs 0.4 stop, readable). The second, 0.2 s of
    measurement time later, gives the speed (2 m/s exactly: a straight line in metres), and
    from then on the lens stays on the walker: within half the sharpness limit
    c·N/f² = 0.03e-3 · 2.8 / 0.2² = 2.1e-3 D.
    """
    level = make_level(
        camera={"focal_mm": 200, "aperture": 2.8, "exposure_s": 0.001},
        lens={"min_focus_m": 1.5, "full_travel_s": 0.5, "start_focus_m": 20.0},
        af={"mode": "af-c", "detect_latency_s": 0.04, "min_light_ev": -3.0, "min_contrast": 0.2},
        scene={"light_ev": -1.0, "background_m": 60.0, "background_contrast": 0.0},
        objects=[
            {
                "name": "walker",
                "role": "target",
                "width_m": 0.5,
                "height_m": 1.8,
                "contrast": 0.8,
                "path": {"kind": "approaching", "from_m": [0.0, 0.0, 20.0], "speed_mps": 2.0, "stop_m": 5.0},
            }
        ],
    )
    _, snaps = play(level, "bbf", [press(0.5, A)])
    t = np.array([s.t_s for s in snaps])
    lens = np.array([s.lens_D[0] for s in snaps])
    moved = t[np.abs(lens - 0.05) > 1e-12]
    assert moved.min() >= 0.74 - 1e-9  # nothing read before the first reading was complete
    after = t >= 0.74 + 0.2 + 2 * DT_S
    walker_D = 1.0 / (20.0 - 2.0 * t)
    assert np.abs(lens[after] - walker_D[after]).max() < 2.1e-3 / 2


def test_a_change_of_light_acts_on_af_from_the_cycle_it_happens():
    """AF-S in the dark (-2.5 EV, below the card's -2 EV) hunts; light up at 1.0 s and it locks.

    With the light at 12 EV the card reads at once (24 µs): the lens, wherever the hunt has
    taken it, goes back to 2.5 m and confirms within a latency (0.04 s) plus the travel back
    (at most the full 0.5 s) plus a few AF cycles.
    """
    from bbf_sim.core.simulator import Simulator

    sim = Simulator()
    snap = sim.reset(card_level(-2.5, start_focus_m=20.0), 0, "bbf")
    phases = []
    events = [press(0.5, A)]
    while not sim.done:
        if abs(sim.t_s - 1.0) < 1e-9:
            sim.af_sensor.set_light(12.0)
        now = [e for e in events if e.t_s < sim.t_s + DT_S]
        events = [e for e in events if e.t_s >= sim.t_s + DT_S]
        snap = sim.step(now)
        phases.append((snap.t_s, int(snap.af_phase[0]), int(snap.confirm_count[0])))
    assert any(p == HUNT for t, p, _ in phases if t < 1.0)
    assert not any(c for t, _, c in phases if t <= 1.0)
    confirmed_at = min(t for t, _, c in phases if c >= 1)
    assert 1.0 < confirmed_at <= 1.0 + 0.04 + 0.5 + 4 * DT_S
