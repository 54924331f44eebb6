"""A frame in a photographer's words: where focus landed and how far off, then r and c explained."""

from __future__ import annotations

import numpy as np

from bbf_sim.core.scoring import FRAME_DTYPE, GRADES
from bbf_sim.ui.words import distance_words, frame_cause, frame_words, interval_words, missed_causes

NAMES = ["face", "shoulders"]
COC_MM = 0.030


def _row(**kw):
    row = np.zeros((), FRAME_DTYPE)
    base = dict(target=0, in_frame=True, visible=True, r=0.3, grade=0, hit=True, lens_D=0.4, target_m=2.5)
    base.update(af_object=0, af_phase=3, focus_mm=0.009, motion_mm=0.0, shake_mm=0.0)
    for k, v in {**base, **kw}.items():
        row[k] = v
    return row


def test_focus_on_the_background_says_where_and_how_far_behind():
    # Lens at 1/12 D = 12 m, the face at 2.5 m: 12 - 2.5 = 9.5 m behind it.
    row = _row(r=3.1, grade=GRADES.index("miss"), hit=False, lens_D=1 / 12, af_object=-1, focus_mm=0.093)
    words = frame_words(row, NAMES, 0.004, COC_MM)
    assert words.headline == "face out of focus: focus landed on the background at 12 m, 9.5 m behind the face"
    assert frame_cause(row, NAMES) == "focus landed on the background"
    # The numbers come second, each saying what it is: 0.093 mm / 0.030 mm = 3.10 c.
    assert "r = 3.10" in words.numbers and "r ≤ 1 is sharp" in words.numbers
    assert "focus 3.10·c" in words.blur_parts and "c = 0.030 mm" in words.blur_parts


def test_focus_on_a_nearer_object_is_in_front():
    # Lens at 1/0.5 = 2 m on the shoulders, face at 2.5 m: 0.5 m in front of it; r 1.5 is "soft".
    row = _row(r=1.5, grade=GRADES.index("soft"), hit=False, lens_D=0.5, af_object=1, focus_mm=0.045)
    words = frame_words(row, NAMES, 0.004, COC_MM)
    assert words.headline == "face soft: focus landed on the shoulders at 2.0 m, 0.50 m in front of the face"


def test_a_sharp_frame_and_the_other_causes():
    assert frame_words(_row(), NAMES, 0.004, COC_MM).headline == "face tack sharp: focus at 2.5 m, on it"
    moving = _row(r=2.5, grade=3, hit=False, af_phase=2, lens_D=0.2, focus_mm=0.075)
    assert frame_cause(moving, NAMES) == "fired while the lens was still moving"
    assert "wait for the focus confirmation" in frame_words(moving, NAMES, 0.004, COC_MM).headline
    blurred = _row(r=1.8, grade=2, hit=False, motion_mm=0.054, focus_mm=0.003)
    assert frame_words(blurred, NAMES, 0.004, COC_MM).headline.startswith("face blurred by its motion at 1/250 s")
    hidden = _row(visible=False, hit=False, r=4.0, grade=3)
    assert frame_cause(hidden, NAMES) == "the face hidden behind something nearer"


def test_missed_causes_count_frames_most_first():
    bg = _row(r=3.0, grade=3, hit=False, lens_D=1 / 12, af_object=-1, focus_mm=0.09)
    frames = np.array([bg, bg, _row(), _row(visible=False, hit=False, r=4.0, grade=3)])
    assert missed_causes(frames, NAMES) == [
        ("focus landed on the background", 2),
        ("the face hidden behind something nearer", 1),
    ]


def test_distances_and_the_interval_in_words():
    assert [distance_words(m) for m in (12.4, 2.46, 0.456, float("inf"))] == ["12 m", "2.5 m", "0.46 m", "infinity"]
    assert interval_words(0.51, 1.0, 4).startswith("95 % interval 51%–100%: from 4 frames, your real hit rate")
