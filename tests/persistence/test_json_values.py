"""Free-form values to strict JSON: non-finite floats to null, numpy to Python."""

import json
import math

import numpy as np
import pytest

from bbf_sim.persistence.json_values import to_json_value


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ({"a": math.inf, "b": -math.inf, "c": math.nan}, {"a": None, "b": None, "c": None}),
        (
            {"n": np.int64(3), "x": np.float32(0.5), "ok": np.bool_(True)},
            {"n": 3, "x": 0.5, "ok": True},
        ),
        ({"arr": np.array([1.0, np.inf])}, {"arr": [1.0, None]}),
        ({"t": (1, "a", [True, None])}, {"t": [1, "a", [True, None]]}),
    ],
    ids=["non-finite", "numpy-scalars", "numpy-array", "nested-tuple"],
)
def test_converts_to_plain_json(value, expected):
    got = to_json_value(value)
    assert got == expected
    json.dumps(got, allow_nan=False)  # strict JSON: no Infinity/NaN tokens


def test_numpy_bool_becomes_a_real_bool():
    assert to_json_value(np.bool_(False)) is False


@pytest.mark.parametrize(
    ("value", "where"),
    [({1: "x"}, "summary: key 1"), ({"a": {"b": object()}}, "summary.a.b")],
    ids=["non-string-key", "object"],
)
def test_refuses_what_json_cannot_hold_naming_the_key(value, where):
    with pytest.raises(TypeError, match=where):
        to_json_value(value, "summary")
