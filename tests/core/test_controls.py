"""Controls: burst rate, AF point moves, zone area, the priority settings, mapping semantics."""

import math

import numpy as np
import pytest

from bbf_sim.core.autofocus import IDLE
from bbf_sim.core.controls import Button

from .scenes import make_level, play, press, release

H, F, A = Button.HALF, Button.FULL, Button.AF_ON


def test_burst_fires_at_the_body_frame_rate_while_held():
    level = make_level(camera={"drive": "burst", "burst_fps": 10}, af={"mode": "af-c"})
    sim, _ = play(level, "bbf", [press(0.2, A), press(1.0, F), release(1.99, F)])
    t = sim.frames()["t_s"]
    assert len(t) == 10  # 1.05, 1.15, ... 1.95
    assert np.diff(t) == pytest.approx(np.full(9, 0.1))
    assert t[0] == pytest.approx(1.05)


def test_single_drive_takes_one_frame_per_press():
    sim, _ = play(make_level(), "bbf", [press(0.2, A), press(1.0, F), release(1.9, F)])
    assert len(sim.frames()) == 1


@pytest.mark.parametrize(("mode", "engaged"), [("shutter", True), ("bbf", False)], ids=["shutter-AF", "bbf"])
def test_half_press_starts_af_only_in_shutter_mode(mode, engaged):
    _, snaps = play(make_level(), mode, [press(0.5, H), release(1.5, H)])
    assert bool(snaps[int(1.0 * 120)].af_engaged[0]) is engaged


@pytest.mark.parametrize(("mode", "engaged"), [("shutter", False), ("bbf", True)], ids=["shutter-AF", "bbf"])
def test_af_on_starts_af_only_in_bbf_mode(mode, engaged):
    _, snaps = play(make_level(), mode, [press(0.5, A), release(1.5, A)])
    assert bool(snaps[int(1.0 * 120)].af_engaged[0]) is engaged
    assert snaps[-1].af_phase[0] == IDLE


def _two_subjects(**af):
    """A face two AF columns left of centre at 2.5 m; the background at 12 m behind the centre point."""
    u_mm = -2 * 0.8 * 36 / 8  # 9 columns over 80 % of the width: 3.6 mm apart
    x = 2.5 * u_mm / 85
    return make_level(
        af={"grid": [9, 5], **af},
        objects=[
            {
                "name": "face",
                "role": "target",
                "width_m": 0.2,
                "height_m": 0.28,
                "path": {"kind": "still", "at_m": [x, 0.0, 2.5]},
            }
        ],
    )


def test_moving_the_af_point_onto_the_subject_focuses_there_without_recomposing():
    level = _two_subjects()
    # Aim straight ahead (the face is off-centre); move the point left until it covers the face.
    aims = lambda t: (0.0, 0.0)  # noqa: E731
    moves = [press(0.1 + 0.05 * i, Button.POINT_LEFT) for i in range(2)]
    sim, snaps = play(level, "bbf", [*moves, press(0.5, A), release(1.2, A), press(1.5, F), release(1.7, F)], aims=aims)
    assert snaps[-1].point_col[0] == 2
    f = sim.frames()
    assert f["hit"][0] and f["af_object"][0] == 0


def test_zone_area_finds_a_subject_near_the_point_that_a_single_point_misses():
    level_single = _two_subjects(point=[4, 2])  # the centre point, two columns right of the face
    level_zone = _two_subjects(point=[4, 2], area="zone")  # the 3×3 zone around it
    aims = lambda t: (0.0, 0.0)  # noqa: E731
    ev = [press(0.2, A), release(1.0, A), press(1.2, F), release(1.4, F)]
    single, _ = play(level_single, "bbf", ev, aims=aims)
    zone, _ = play(level_zone, "bbf", ev, aims=aims)
    assert single.frames()["af_object"][0] == -1  # background
    assert zone.frames()["af_object"][0] == 0 and zone.frames()["hit"][0]


def test_af_c_with_focus_priority_waits():
    level = make_level(af={"mode": "af-c", "priority": "focus"})
    sim, _ = play(level, "shutter", [press(0.5, F), release(1.5, F)])
    f = sim.frames()
    assert len(f) == 1 and f["t_s"][0] > 0.5 + 0.05 + 0.04 and f["hit"][0]


def test_af_s_with_release_priority_fires_at_once():
    level = make_level(af={"priority": "release"})
    sim, _ = play(level, "shutter", [press(0.5, F), release(1.5, F)])
    f = sim.frames()
    assert f["t_s"][0] == pytest.approx(0.55) and not f["hit"][0]


def test_events_from_the_future_wait_for_their_tick():
    level = make_level(af={"mode": "af-c"})
    from bbf_sim.core.controls import ControlEvent
    from bbf_sim.core.simulator import Simulator

    sim = Simulator()
    sim.reset(level, 0, "bbf")
    sim.step([ControlEvent(0.2, A, True), ControlEvent(1.0, F, True), ControlEvent(1.01, F, False)])
    while not sim.done:
        sim.step()
    assert sim.frames()["t_s"] == pytest.approx([1.05])
    assert math.isfinite(sim.frames()["r"][0])
