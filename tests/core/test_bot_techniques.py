"""The bot techniques of the curriculum, each in a small scene: the same intents, different buttons.

Few trials each: these check what each press does in each mapping, not statistics.
"""

import math

import numpy as np
import pytest

from bbf_sim.core.autofocus import BACKGROUND, HUNT
from bbf_sim.core.bots import INTENTS, HumanModel, technique_steps
from bbf_sim.core.camera import AfGrid, project
from bbf_sim.core.headless import run_bots

from .scenes import make_level

TRIALS = 4


def _play(level, trials: int = TRIALS, seed: int = 5):
    """Both mappings on the same rows; returns the frames of each mapping."""
    modes = ["shutter"] * trials + ["bbf"] * trials
    result = run_bots(level, modes, seed, np.tile(np.arange(trials), 2))
    f = result.frames
    return f[f["trial"] < trials], f[f["trial"] >= trials], result


def _card(name, at_m, appear_s=0.0, leave_s=math.inf, role="target"):
    return {
        "name": name,
        "role": role,
        "shape": "card",
        "width_m": 0.4,
        "height_m": 0.4,
        "contrast": 0.9,
        "appear_s": appear_s,
        "leave_s": leave_s,
        "path": {"kind": "still", "at_m": at_m},
    }


def test_reflex_turns_to_each_pop_up_and_shoots_it_in_both_mappings():
    level = make_level(
        duration_s=6.0,
        camera={"focal_mm": 50, "exposure_s": 0.002},
        lens={"min_focus_m": 0.45},
        objects=[_card("left", [-1.5, 0.0, 4.0], 0.3, 2.8), _card("right", [2.0, 0.3, 8.0], 3.0, 5.8)],
        bot={"technique": "reflex"},
    )
    shutter, bbf, _ = _play(level)
    for frames in (shutter, bbf):
        assert len(frames) == 2 * TRIALS
        assert frames["hit"].all()
        # One frame of each card per trial, in order: the bot turned to each one.
        for t in np.unique(frames["trial"]):
            assert list(frames["target"][frames["trial"] == t]) == [0, 1]


def _trap_level():
    """A runner crosses a spot 15 m away twice; a post beside the spot is the marker."""
    runner = {
        "name": "runner",
        "role": "target",
        "shape": "runner",
        "width_m": 0.6,
        "height_m": 1.8,
        "contrast": 0.8,
        "path": {"kind": "linear", "from_m": [-8.0, 0.0, 15.0], "velocity_mps": [4.0, 0.0, 0.0]},
    }
    runner2 = runner | {
        "name": "runner 2",
        "appear_s": 3.5,
        "path": {"kind": "linear", "from_m": [-22.0, 0.0, 15.0], "velocity_mps": [4.0, 0.0, 0.0]},
    }
    runner |= {"leave_s": 4.0}
    post = {
        "name": "post",
        "role": "subject",
        "shape": "post",
        "width_m": 0.15,
        "height_m": 1.5,
        "contrast": 0.9,
        "path": {"kind": "still", "at_m": [0.6, 0.0, 15.3]},
    }
    return make_level(
        duration_s=7.0,
        camera={"focal_mm": 135, "aperture": 2.8, "exposure_s": 0.0005, "drive": "burst", "burst_fps": 8},
        lens={"min_focus_m": 1.0, "start_focus_m": 40.0},
        scene={"background_m": 40.0, "background_contrast": 0.6},
        objects=[post, runner, runner2],
        # The runners reach the spot (x = 0) at 2.0 s and 5.5 s.
        bot={
            "technique": "trap",
            "focus_on": "post",
            "recompose_to": [0.1, 0.0],
            "bursts_at_s": [1.6, 5.1],
            "burst_s": 0.7,
        },
    )


def test_trap_focus_bbf_keeps_the_spot_shutter_refocuses_on_the_empty_background():
    shutter, bbf, _ = _play(_trap_level())
    first = lambda f: f[f["t_s"] < 3.0]  # noqa: E731
    second = lambda f: f[f["t_s"] > 4.0]  # noqa: E731
    # The first burst: the half-press from the prefocus is still held, so both are on the spot.
    assert first(shutter)["hit"].mean() > 0.7 and first(bbf)["hit"].mean() > 0.7
    # The second: a new press with the point on the empty spot focuses on the background.
    assert (second(shutter)["af_object"] == BACKGROUND).all()
    assert not second(shutter)["hit"].any()
    assert second(bbf)["hit"].mean() > 0.7
    assert np.allclose(1 / second(bbf)["lens_D"], 15.3, rtol=0.05)  # still on the post's distance


def test_hyperfocal_bbf_stays_at_the_marker_shutter_refocuses_on_the_near_flower():
    level = make_level(
        duration_s=7.0,
        camera={"focal_mm": 24, "aperture": 11, "exposure_s": 0.008},
        lens={"min_focus_m": 0.25, "start_focus_m": 10.0},
        scene={"background_m": 5000.0},
        objects=[
            {
                "name": "ridge",
                "role": "target",
                "shape": "edge",
                "width_m": 50,
                "height_m": 30,
                "contrast": 0.6,
                "path": {"kind": "still", "at_m": [0.0, 150.0, 3000.0]},
            },
            {
                "name": "cairn",
                "role": "subject",
                "shape": "post",
                "width_m": 0.4,
                "height_m": 0.5,
                "path": {"kind": "still", "at_m": [0.9, -0.35, 2.6]},
            },
            {
                "name": "flower",
                "role": "subject",
                "shape": "flower",
                "width_m": 0.06,
                "height_m": 0.08,
                "path": {"kind": "still", "at_m": [0.0, -0.2, 0.6]},
            },
        ],
        bot={"technique": "hyperfocal", "focus_on": "cairn", "compose_on": "flower", "bursts_at_s": [3.0, 5.0]},
    )
    shutter, bbf, _ = _play(level)
    # Focused with the cairn on the axis: the lens is at its straight-line distance.
    assert bbf["hit"].all() and np.allclose(1 / bbf["lens_D"], np.linalg.norm([0.9, -0.35, 2.6]), rtol=0.02)
    later = shutter[shutter["t_s"] > 4.0]
    assert len(later) == TRIALS and (later["af_object"] == 2).all() and not later["hit"].any()
    assert shutter[shutter["t_s"] < 4.0]["hit"].all()  # the first frame, half-press still held


def test_hunt_bbf_focuses_on_the_edge_shutter_frames_are_taken_while_hunting():
    level = make_level(
        duration_s=7.0,
        camera={"focal_mm": 50, "aperture": 1.8, "exposure_s": 0.005, "shutter_lag_s": 0.08},
        lens={"min_focus_m": 0.45, "start_focus_m": 8.0},
        af={"priority": "release", "min_light_ev": -2.0, "min_contrast": 0.2},
        scene={"light_ev": 2.0, "background_m": 6.0, "background_contrast": 0.05},
        objects=[
            {
                "name": "singer",
                "role": "target",
                "shape": "face",
                "width_m": 0.22,
                "height_m": 0.3,
                "contrast": 0.15,
                "path": {"kind": "still", "at_m": [0.0, 0.0, 3.0]},
            },
            {
                "name": "mic stand",
                "role": "subject",
                "shape": "edge",
                "width_m": 0.05,
                "height_m": 1.5,
                "contrast": 0.9,
                "path": {"kind": "still", "at_m": [0.45, -0.2, 3.0]},
            },
        ],
        bot={"technique": "hunt", "focus_on": "mic stand", "frames": 3, "interval_s": 1.2},
    )
    shutter, bbf, _ = _play(level)
    assert len(shutter) == len(bbf) == 3 * TRIALS  # the same shots in both mappings
    assert bbf["hit"].all()
    later = shutter[shutter["index"] > 0]
    assert (later["af_phase"] == HUNT).all() and not later["hit"].any()


def test_point_moves_put_the_af_point_there_and_the_bot_keeps_the_target_under_it():
    level = make_level(bot={"technique": "still", "frames": 2, "point_moves": ["right", "right", "up"]})
    shutter, bbf, result = _play(level)
    sim = result.simulator
    assert (sim.point_col == 6).all() and (sim.point_row == 1).all()  # from the centre (4, 2) of 9×5
    assert shutter["hit"].all() and bbf["hit"].all()
    # The face is imaged where the point is, not at the centre.
    grid = AfGrid(9, 5, 36.0, 24.0)
    pu, pv = grid.position_mm(6, 1)
    pos = sim.motion.positions(np.full(sim.batch, sim.t_s))
    u, v, _ = project(pos, sim.yaw0, sim.pitch0, 85)
    assert np.allclose(u[:, 0], pu, atol=1.0) and np.allclose(v[:, 0], pv, atol=1.0)


@pytest.mark.parametrize("technique", ["reflex", "trap", "hyperfocal", "hunt"])
def test_new_techniques_use_only_intents_both_mappings_know(technique):
    extra = {"trap": {"focus_on": "post", "bursts_at_s": [1.0]}, "hyperfocal": {"bursts_at_s": [1.0]}}
    level = make_level(
        objects=[_card("face", [0.0, 0.0, 2.5]), _card("post", [0.5, 0.0, 2.5], role="subject")],
        bot={"technique": technique, **extra.get(technique, {})},
    )
    steps = technique_steps(level, HumanModel())
    assert steps
    for step in steps:
        for intent in step.intents:
            assert intent in INTENTS["shutter"] and intent in INTENTS["bbf"]
