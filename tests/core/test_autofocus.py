"""Each AF behaviour in a small scenario, through the simulator's public API."""

import math

import numpy as np
import pytest

from bbf_sim.core.autofocus import DRIVE, FAILED, HUNT, LOCKED
from bbf_sim.core.controls import Button, Mapping
from bbf_sim.core.simulator import DT_S

from .scenes import make_level, play, press, release

H, F, A = Button.HALF, Button.FULL, Button.AF_ON


def test_af_s_focus_priority_waits_for_confirmation():
    """A stab from rest in shutter-AF AF-S: the frame waits for the lens, and comes out sharp."""
    level = make_level()
    sim, snaps = play(level, "shutter", [press(0.5, F), release(1.5, F)])
    frames = sim.frames()
    assert len(frames) == 1
    # From 20 m to 2.5 m is 0.35 D; the motor does 1/0.85 D per 0.5 s: about 0.15 s of travel.
    travel_s = (1 / 2.5 - 1 / 20) / ((1 / 0.85) / 0.5)
    earliest = 0.5 + 0.04 + travel_s + 0.05  # press + detection + travel + shutter lag
    assert frames["t_s"][0] >= earliest - DT_S
    assert frames["t_s"][0] <= earliest + 2 * DT_S
    assert frames["hit"][0] and frames["r"][0] <= 1
    assert any(s.confirm_count[0] == 1 for s in snaps)  # the beep


def test_af_c_release_priority_fires_at_once_with_the_lens_still_moving():
    """The same stab in AF-C: the shutter fires at press + lag, mid-travel: soft."""
    level = make_level(af={"mode": "af-c"})
    sim, _ = play(level, "shutter", [press(0.5013, F), release(0.6, F)])
    frames = sim.frames()
    assert len(frames) == 1
    assert frames["t_s"][0] == pytest.approx(0.5013 + 0.05, abs=1e-12)  # its own instant, not the tick
    assert frames["r"][0] > 1
    lens_m = 1 / frames["lens_D"][0]
    assert 2.5 < lens_m < 20  # somewhere on the way


def test_exposure_happens_at_the_press_time_not_the_next_tick():
    level = make_level(af={"mode": "af-c"})
    t_press = 1.0 + 0.37 * DT_S  # a third of the way into a tick
    sim, _ = play(level, "bbf", [press(0.2, A), press(t_press, F), release(t_press + 0.01, F)])
    assert sim.frames()["t_s"][0] == pytest.approx(t_press + 0.05, abs=1e-12)


def _crossing_level(lock_on_s: float):
    """A runner moving right at 20 m; a post at 10 m that the AF point crosses while panning."""
    return make_level(
        camera={"focal_mm": 200, "aperture": 2.8, "exposure_s": 0.001, "drive": "burst", "burst_fps": 10},
        lens={"min_focus_m": 1.5, "full_travel_s": 0.4, "start_focus_m": 20.0},
        af={"mode": "af-c", "lock_on_s": lock_on_s},
        objects=[
            {
                "name": "runner",
                "role": "target",
                "width_m": 0.6,
                "height_m": 1.8,
                "contrast": 0.8,
                "path": {"kind": "linear", "from_m": [-4.0, 0.0, 20.0], "velocity_mps": [2.0, 0.0, 0.0]},
            },
            # 0.4 m wide at 10 m: the panning point crosses it in about 0.25 s.
            {
                "name": "post",
                "role": "obstacle",
                "width_m": 0.4,
                "height_m": 3.0,
                "contrast": 0.8,
                "path": {"kind": "still", "at_m": [0.0, 0.0, 10.0]},
            },
        ],
    )


def _follow_runner(t_s: float):
    return (math.atan2(-4.0 + 2.0 * t_s, 20.0), 0.0)


def test_lock_on_holds_focus_through_a_short_obstruction():
    level = _crossing_level(lock_on_s=0.5)
    events = [press(0.2, A), press(1.2, F), release(2.8, F)]
    sim, snaps = play(level, "bbf", events, aims=_follow_runner)
    tracked = np.array([s.af_tracked[0] for s in snaps if 1.0 < s.t_s < 3.0])
    assert (tracked == 0).all()  # never switched to the post
    frames = sim.frames()
    seen = frames[frames["visible"]]
    assert len(seen) >= 10 and seen["hit"].all()  # every frame where the runner shows is sharp


def test_without_lock_on_the_post_steals_focus():
    level = _crossing_level(lock_on_s=0.0)
    sim, snaps = play(level, "bbf", [press(0.2, A), press(1.2, F), release(2.8, F)], aims=_follow_runner)
    tracked = [s.af_tracked[0] for s in snaps if 1.0 < s.t_s < 3.0]
    assert 1 in tracked  # AF jumped to the post
    frames = sim.frames()
    assert (~frames["hit"] & frames["visible"]).any()  # and a visible runner came out soft


def _dark_level(**over):
    return make_level(
        scene={"light_ev": 0.0, "background_contrast": 0.1},
        af={"min_light_ev": -1.0, "min_contrast": 0.2},
        objects=[
            {
                "name": "singer",
                "role": "target",
                "width_m": 0.3,
                "height_m": 0.4,
                "contrast": 0.5,
                "path": {"kind": "still", "at_m": [0.0, 0.0, 2.5]},
            },
            # A bright edge (a mic stand's chrome) at the same distance, off to the side.
            {
                "name": "mic stand",
                "role": "subject",
                "shape": "edge",
                "width_m": 0.05,
                "height_m": 1.5,
                "contrast": 1.0,
                "path": {"kind": "still", "at_m": [0.5, 0.0, 2.5]},
            },
        ],
        **over,
    )


def test_low_light_low_contrast_af_hunts_then_gives_up_and_blocks_the_shutter():
    level = _dark_level()
    sim, snaps = play(level, "shutter", [press(0.3, F), release(2.5, F)])
    phases = [int(s.af_phase[0]) for s in snaps]
    assert HUNT in phases and FAILED in phases
    lens = np.array([s.lens_D[0] for s in snaps if 0.3 < s.t_s < 1.5])
    near_D = 1 / 0.85
    assert lens.max() == pytest.approx(near_D, rel=1e-6) and lens.min() == pytest.approx(0.0, abs=1e-9)  # swept
    assert len(sim.frames()) == 0  # focus priority: no frame


def test_the_bbf_answer_to_hunting_focus_on_an_edge_release_recompose():
    level = _dark_level()
    edge_yaw = math.atan2(0.5, 2.5)
    # Aim at the edge, AF-ON until confirmed, let go, aim back at the singer, shoot.
    aims = lambda t: (edge_yaw if t < 1.0 else 0.0, 0.0)  # noqa: E731
    sim, snaps = play(level, "bbf", [press(0.2, A), release(0.8, A), press(1.5, F), release(1.7, F)], aims=aims)
    assert any(s.af_phase[0] == LOCKED for s in snaps)
    frames = sim.frames()
    assert len(frames) == 1 and frames["hit"][0]


def _recompose_events(mode: str):
    """Focus on the face at the centre, recompose, then a second, separate shutter press."""
    if mode == "shutter":
        return [press(0.2, H), press(1.2, F), release(1.4, F), release(1.4, H), press(2.2, F), release(3.0, F)]
    return [press(0.2, A), release(0.8, A), press(1.2, F), release(1.4, F), press(2.2, F), release(3.0, F)]


def _recomposed(t_s: float):
    # After 0.9 s the face sits on the left third: the centre point is on the hedge behind.
    return (math.atan(0.167 * 36 / 85) if t_s > 0.9 else 0.0, 0.0)


@pytest.mark.parametrize(("mode", "second_sharp"), [("shutter", False), ("bbf", True)], ids=["shutter-AF", "bbf"])
def test_second_frame_after_recompose(mode, second_sharp):
    sim, _ = play(make_level(), mode, _recompose_events(mode), aims=_recomposed)
    frames = sim.frames()
    assert len(frames) == 2
    assert frames["hit"][0]  # the first frame: focus-and-recompose works in both
    assert bool(frames["hit"][1]) is second_sharp
    if not second_sharp:
        assert frames["af_object"][1] == -1  # refocused on the background
        assert frames["refocused_away"][1]
        assert 1 / frames["lens_D"][1] == pytest.approx(12.0, rel=0.01)


def test_af_on_both_buttons_refocuses_on_the_shutter_press():
    """The set-up mistake: AF left on the shutter as well as on AF-ON."""
    both = Mapping(af_on_half_press=True, af_on_rear_button=True)
    sim, _ = play(make_level(), both, _recompose_events("bbf"), aims=_recomposed)
    frames = sim.frames()
    assert not frames["hit"][0] and frames["af_object"][0] == -1


def test_af_s_locks_until_released_and_engaged_again():
    level = make_level(
        objects=[
            {
                "name": "face",
                "role": "target",
                "width_m": 0.2,
                "height_m": 0.28,
                "path": {"kind": "linear", "from_m": [0, 0, 2.5], "velocity_mps": [0, 0, 0.5]},
            }
        ]
    )
    _, snaps = play(level, "bbf", [press(0.2, A), release(3.5, A)])
    locked = [s for s in snaps if s.af_phase[0] == LOCKED]
    assert locked and np.ptp([s.lens_D[0] for s in locked]) < 1e-12  # the lens does not follow
    assert not any(s.af_phase[0] == DRIVE for s in snaps if s.t_s > 1.0)


@pytest.mark.parametrize(
    ("post_x_m", "visible"),
    [
        pytest.param(0.0, False, id="right-behind"),
        pytest.param(0.18, False, id="60pc-behind"),
        pytest.param(0.2333, True, id="a-third-behind"),
        pytest.param(1.0, True, id="clear"),
    ],
)
def test_a_target_counts_as_hidden_only_when_mostly_covered(post_x_m, visible):
    level = make_level(
        objects=[
            {
                "name": "face",
                "role": "target",
                "width_m": 0.4,
                "height_m": 0.4,
                "path": {"kind": "still", "at_m": [0.0, 0.0, 4.0]},
            },
            # 0.4 m wide at 2 m: twice the face's width in the picture; its left edge at
            # x - 0.2 m covers (0.1 - (x - 0.2)) / 0.2 of the face (which spans ±0.1 m at 2 m's scale).
            {
                "name": "post",
                "role": "obstacle",
                "width_m": 0.4,
                "height_m": 3.0,
                "path": {"kind": "still", "at_m": [post_x_m, 0.0, 2.0]},
            },
        ]
    )
    sim, _ = play(level, "bbf", [press(1.0, F), release(1.2, F)])
    assert bool(sim.frames()["visible"][0]) is visible
