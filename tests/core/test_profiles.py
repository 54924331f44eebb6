"""Technique profiles: careful, everyday and novice, each slip one probability, and what each costs."""

import functools
from dataclasses import replace

import numpy as np
import pytest

from bbf_sim.core.autofocus import BACKGROUND
from bbf_sim.core.compare import compare_level, sweep_level
from bbf_sim.core.headless import run_bots
from bbf_sim.core.human import PROFILES, SLIPS, HumanModel
from bbf_sim.levels.loader import load_level, shipped_levels_dir
from bbf_sim.levels.schema import Level

TRIALS = 12


def _shipped(level_id: str) -> Level:
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


def _servo_portrait() -> Level:
    """The portrait in AF-C: a still face, the camera turned to the left third after focusing."""
    d = _shipped("portrait-recompose").model_dump()
    d["af"]["mode"] = "af-c"
    return Level.model_validate(d)


def _frames(level, mode, human, trials=TRIALS, seed=7):
    return run_bots(level, [mode] * trials, seed, human=human).frames


@functools.cache
def _careful_frames(scene: str, mode: str) -> np.ndarray:
    """The careful person's frames in one of SLIP_SCENES, played once per test process: the slip
    tests and the tests of each slip's cost compare against the same play (read-only)."""
    frames = _frames(SCENES[scene](), mode, PROFILES["careful"])
    frames.flags.writeable = False
    return frames


def _only(slip: str, p: float) -> HumanModel:
    return replace(PROFILES["careful"], **{slip: p})


def test_profiles_are_points_of_one_human_model():
    careful, everyday, novice = (PROFILES[p] for p in ("careful", "everyday", "novice"))
    assert all(getattr(careful, s) == 0.0 for s in SLIPS)
    assert all(0.0 < getattr(everyday, s) < 1.0 for s in SLIPS)
    assert everyday == HumanModel()  # the model's defaults are the everyday slips
    # The novice lifts the finger after every frame and does not watch what AF tracks.
    assert novice == replace(careful, lift_between_frames_p=1.0, rechecks_af=False, obstruction_let_go="never")
    # Apart from the slips the three are the same person.
    assert everyday.with_slips(0.0) == careful


SCENES = {"portrait": lambda: _shipped("portrait-recompose"), "servo-portrait": _servo_portrait}
# (scene, mapping the slip acts in): a level where the slip has an occasion and a cost.
SLIP_SCENES = {
    "lift_between_frames_p": ("portrait", "shutter"),
    "hold_into_recompose_p": ("servo-portrait", "bbf"),
    "fire_before_confirm_p": ("portrait", "bbf"),
}


@pytest.mark.parametrize("slip", SLIPS)
def test_a_slip_at_probability_zero_plays_exactly_as_careful(slip):
    scene, mode = SLIP_SCENES[slip]
    level = SCENES[scene]()
    careful = _careful_frames(scene, mode)
    # The everyday person with only this slip left in, at 0, is the careful person, field for field
    # (a frozen dataclass): so the same frames, bit for bit, as the same seed always plays the same
    # (test_determinism), without playing them a second time.
    zero = replace(PROFILES["everyday"].with_slips(0.0), **{slip: 0.0})
    assert zero == PROFILES["careful"]
    # At 0.5 some trials slip; the trials that did not are the careful trials, frame for frame.
    half = _frames(level, mode, _only(slip, 0.5))
    same = [t for t in range(TRIALS) if half[half["trial"] == t].tobytes() == careful[careful["trial"] == t].tobytes()]
    assert 0 < len(same) < TRIALS


def test_lifting_the_finger_between_frames_refocuses_the_portrait_on_the_hedge():
    level = _shipped("portrait-recompose")
    assert _careful_frames("portrait", "shutter")["hit"].all()
    lifted = _frames(level, "shutter", _only("lift_between_frames_p", 1.0))
    later = lifted[lifted["index"] > 0]
    # Every frame after the first is a fresh half-press with the point on the hedge (12 m).
    assert (later["af_object"] == BACKGROUND).all() and not later["hit"].any()
    assert lifted[lifted["index"] == 0]["hit"].all()


def test_holding_af_on_into_a_recompose_in_af_c_loses_the_face():
    level = _servo_portrait()
    assert _careful_frames("servo-portrait", "bbf")["hit"].all()
    held = _frames(level, "bbf", _only("hold_into_recompose_p", 1.0))
    # AF-C keeps running with the point on the hedge; once lock-on (0.5 s) gives up the face, the
    # lens follows the hedge: the first frame (0.55 s after the turn began) may still be sharp.
    later = held[held["index"] > 0]
    assert not later["hit"].any()
    assert np.allclose(1 / later["lens_D"], 12.0, rtol=0.1)


def test_firing_before_the_confirmation_stops_the_lens_short():
    level = _shipped("portrait-recompose")
    stab = _frames(level, "bbf", _only("fire_before_confirm_p", 1.0))
    # The lens starts at 10 m (0.1 D) for a face at 2.5 m (0.4 D); the thumb leaves AF-ON 0.12 s
    # after pressing it, before the 0.04 s detection and 0.11 s travel are done: the lens stops
    # between the two, and 0.1 D short is f²/N·ΔD = 0.085²/2.8·0.1 m = 0.26 mm, 8.6 c.
    assert not stab["hit"].any()
    assert ((stab["lens_D"] > 0.1) & (stab["lens_D"] < 0.4)).all()
    # The shutter-AF mapping has no such slip: its frames are as careful as ever.
    assert _frames(level, "shutter", _only("fire_before_confirm_p", 1.0))["hit"].all()


def test_portrait_careful_ties_and_novice_shows_the_gap():
    level = _shipped("portrait-recompose")
    careful = compare_level(level, 150, 3, profile="careful")
    lo, hi = careful.difference_ci95
    assert lo <= 0 <= hi
    novice = compare_level(level, 150, 3, profile="novice")
    # The novice lifts after every frame: 1 frame in 4 sharp against 4 in 4, a 75-point gap.
    assert novice.difference == pytest.approx(0.75, abs=0.05) and novice.difference_ci95[0] > 0.6
    assert novice.profile == "novice" and novice.to_dict()["profile"] == "novice"


@pytest.mark.parametrize("profile", ["careful", "everyday", "novice"])
def test_af_c_recompose_favours_back_button_in_every_profile(profile):
    # A held half-press cannot lock in AF-C: after the turn AF-C follows the hedge (lock-on keeps
    # the face for 0.5 s, so only the first frame is sharp). Back-button lets go before turning.
    result = compare_level(_servo_portrait(), 100, 3, profile=profile)
    assert result.difference_ci95[0] > 0.4


@pytest.mark.parametrize("profile", ["careful", "everyday", "novice"])
def test_the_control_level_ties_in_every_profile(profile):
    result = compare_level(_shipped("control-static"), 150, 3, profile=profile)
    lo, hi = result.difference_ci95
    assert lo <= 0 <= hi


def test_the_sweep_runs_from_careful_to_every_slip_every_time():
    level = _shipped("portrait-recompose")
    points = sweep_level(level, 60, 5, probabilities=(0.0, 1.0))
    (p0, at0), (p1, at1) = points
    assert (p0, p1) == (0.0, 1.0)
    careful = compare_level(level, 60, 5, profile="careful")
    assert at0.modes == careful.modes and at0.difference == careful.difference
    every = compare_level(level, 60, 5, human=HumanModel().with_slips(1.0))
    assert at1.modes == every.modes
    # Every slip every time: shutter-AF keeps only the first frame (1 in 4); the back-button thumb
    # leaves AF-ON before the confirmation (so it is not kept on into the recompose either), and
    # the lens stops short of the face for all four frames: 0 in 4.
    assert at1.modes["shutter"].hit_rate == pytest.approx(0.25)
    assert at1.modes["bbf"].hit_rate == 0.0


def test_the_profile_reaches_every_chunk_and_worker():
    from bbf_sim.core.compare import tally_trials

    level = _shipped("portrait-recompose")
    careful = PROFILES["careful"]
    alone = tally_trials(level, 23, 5, jobs=1, human=careful)
    split = tally_trials(level, 23, 5, jobs=2, chunk_rows=7, row_block=8, human=careful)
    one_block = tally_trials(level, 23, 5, jobs=1, row_block=8, human=careful)
    assert all(split[m].equals(one_block[m]) for m in ("shutter", "bbf"))
    # The careful shutter finger holds the half-press: every frame sharp, unlike the novice's 1 in 4.
    assert int(alone["shutter"].hits.sum()) == int(alone["shutter"].frames.sum())
    novice = tally_trials(level, 23, 5, jobs=2, chunk_rows=7, row_block=8, human=PROFILES["novice"])
    assert int(novice["shutter"].hits.sum()) < int(split["shutter"].hits.sum())


def test_the_cli_offers_exactly_the_profiles_there_are():
    from bbf_sim.core.profile_names import PROFILE_NAMES

    assert sorted(PROFILES) == sorted(PROFILE_NAMES)
