"""Judgement windows: a table plus a pure function, boundaries included in the sharper grade."""

import numpy as np
import pytest

from bbf_sim.core.scoring import GRADES, grade, grade_codes


@pytest.mark.parametrize(
    ("r", "in_frame", "expected"),
    [
        pytest.param(0.0, True, "tack sharp", id="zero"),
        pytest.param(0.5, True, "tack sharp", id="0.5-boundary"),
        pytest.param(0.5000001, True, "sharp", id="just-over-0.5"),
        pytest.param(1.0, True, "sharp", id="1.0-boundary-is-a-hit"),
        pytest.param(1.0000001, True, "soft", id="just-over-1"),
        pytest.param(2.0, True, "soft", id="2.0-boundary"),
        pytest.param(2.0000001, True, "miss", id="just-over-2"),
        pytest.param(0.1, False, "miss", id="out-of-frame"),
        pytest.param(float("inf"), True, "miss", id="infinite"),
    ],
)
def test_grade(r, in_frame, expected):
    assert grade(r, in_frame) == expected
    assert GRADES[grade_codes(np.array([r]), np.array([in_frame]))[0]] == expected
