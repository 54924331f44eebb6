"""docs/levels.md documents every key of the schema, and its complete example is a valid level."""

import re
from pathlib import Path

import pytest

from bbf_sim.levels import schema
from bbf_sim.levels.loader import parse_level

DOC = Path(__file__).resolve().parents[2] / "docs" / "levels.md"
MODELS = [
    schema.Level, schema.Camera, schema.Lens, schema.Autofocus, schema.Scene, schema.LightChange, schema.SceneObject,
    schema.Goal, schema.Bot, schema.Endless, schema.StillPath, schema.LinearPath, schema.ApproachingPath,
    schema.WeavePath, schema.FlightPath, schema.ErraticPath, schema.WaypointsPath,
]  # fmt: skip
KEYS = sorted({(m.__name__, k) for m in MODELS for k in m.model_fields})


@pytest.mark.parametrize(("model", "key"), KEYS, ids=[f"{m}.{k}" for m, k in KEYS])
def test_every_key_is_documented(model, key):
    text = DOC.read_text(encoding="utf-8")
    spellings = (f"`{key}`", f"`[{key}]`", f"`[[{key}]]`")  # a key, a table, an array of tables
    assert any(s in text for s in spellings), f"{model}.{key} is not in docs/levels.md"


def test_the_complete_example_is_a_valid_level():
    example = re.search(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S).group(1)
    level = parse_level(example, "docs/levels.md example")
    assert level.id == "dog-weave" and len(level.objects) == 3
