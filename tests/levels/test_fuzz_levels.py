"""Thousands of malformed level files at the loader and at `validate`: never a traceback, always the file's name.

Two kinds of input: random text (with TOML-ish pieces mixed in), and valid levels
mutated the ways people get them wrong: a key deleted, a value of the wrong type, a
number out of range, an unknown key. Mutated files are written back as TOML by a small
serialiser here (the standard library reads TOML but does not write it).
"""

import copy
import datetime
import json
import math
import tomllib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbf_sim.cli import main
from bbf_sim.levels.loader import LevelError, load_level, shipped_levels_dir
from bbf_sim.levels.schema import Level

SHIPPED = {p.stem: tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(shipped_levels_dir().glob("*.toml"))}
FUZZ = settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, datetime.date):
        return v.isoformat()  # a TOML local date, bare
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return "nan" if math.isnan(v) else ("inf" if v == math.inf else "-inf" if v == -math.inf else repr(v))
    if isinstance(v, str):
        return json.dumps(v)  # JSON's escapes are valid TOML basic-string escapes
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {toml_value(x)}" for k, x in v.items()) + "}"
    raise TypeError(v)


def to_toml(data: dict) -> str:
    return "".join(f"{json.dumps(str(k))} = {toml_value(v)}\n" for k, v in data.items())


# Values of every type and awkward numbers: what a hand-edited file might hold.
odd_values = st.one_of(
    st.dates(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0, -1, -3, 1e9, -1e-9, 1e308, 0.0]),
    st.text(max_size=20),
    st.lists(st.floats(allow_nan=True, allow_infinity=True), max_size=5),
    st.lists(st.integers(min_value=-5, max_value=5), max_size=5),
    st.dictionaries(st.text(max_size=8), st.integers(), max_size=3),
)


def _paths(node, prefix=()):
    """Every key path in a nested dict/list (each a tuple of keys and indices)."""
    if isinstance(node, dict):
        for k, v in node.items():
            yield prefix + (k,)
            yield from _paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield prefix + (i,)
            yield from _paths(v, prefix + (i,))


def _parent(data, path):
    node = data
    for key in path[:-1]:
        node = node[key]
    return node


@st.composite
def mutated_levels(draw):
    data = copy.deepcopy(draw(st.sampled_from(list(SHIPPED.values()))))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = list(_paths(data))
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, key = _parent(data, path), path[-1]
        action = draw(st.sampled_from(["delete", "replace", "scale", "unknown"]))
        if action == "delete":
            del parent[key]
        elif action == "replace":
            parent[key] = draw(odd_values)
        elif action == "scale" and isinstance(parent[key], (int, float)) and not isinstance(parent[key], bool):
            parent[key] = parent[key] * draw(st.sampled_from([-1, 0, 1000, 1e9, -0.5, math.inf]))
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(odd_values)
    return data


toml_bits = st.sampled_from(
    ["[", "]", "[[objects]]", "[camera]", "=", '"', "'''", "\n", "focal_mm = ", "path = {", "kind", "}", ",",
     "1e999", "nan", "inf", "1979-05-27T07:32:00Z", "0x1F", "true", "\\u0000", "#", "\ufeff", "\x00"]
)  # fmt: skip
random_text = st.lists(st.one_of(toml_bits, st.text(max_size=12)), max_size=40).map("".join)


def _assert_refused_or_valid(path):
    try:
        level = load_level(path)
    except LevelError as exc:
        lines = str(exc).splitlines()
        assert lines and all(line.startswith(f"{path}: ") and len(line) > len(f"{path}: ") for line in lines)
        return None
    assert isinstance(level, Level)
    return level


@FUZZ
@given(text=random_text)
def test_random_text_is_refused_with_the_files_name(tmp_path_factory, text):
    path = tmp_path_factory.getbasetemp() / "fuzz-text.toml"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    _assert_refused_or_valid(path)


@FUZZ
@given(data=mutated_levels())
def test_mutated_levels_are_refused_with_the_files_name(tmp_path_factory, data):
    path = tmp_path_factory.getbasetemp() / "fuzz-mutated.toml"
    path.write_text(to_toml(data), encoding="utf-8", errors="surrogatepass")
    _assert_refused_or_valid(path)


# capsys is per test, not per example: each example reads (and so empties) it before asserting.
@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=mutated_levels(), raw=st.binary(max_size=64))
def test_validate_never_shows_a_traceback(tmp_path_factory, capsys, data, raw):
    folder = tmp_path_factory.getbasetemp() / "fuzz-folder"
    folder.mkdir(exist_ok=True)
    (folder / "mutated.toml").write_text(to_toml(data), encoding="utf-8", errors="surrogatepass")
    (folder / "bytes.toml").write_bytes(raw)
    status = main(["validate", str(folder)])
    out, err = capsys.readouterr()
    assert status in (0, 1) and "Traceback" not in out + err and err == ""
    problems = [line for line in out.splitlines()[:-1]]
    assert all(line.startswith(str(folder)) for line in problems)
    assert status == 1  # bytes.toml at least is never a valid level


# Numbers at and near the edges of their ranges (and a few beyond): levels that validate but
# hold the extremes a renderer or simulator must still draw and step.
edge_numbers = st.one_of(
    st.sampled_from([0, 0.0, 1e-5, 1 / 64000, 0.001, 0.01, 0.05, 0.5, 1, 2.5, 64, 600, 1e4, 1e6, -1e6, -0.5]),
    st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False),
)


@st.composite
def accepted_levels(draw):
    """A shipped level with one to four numbers moved to an edge; only those that still validate."""
    data = copy.deepcopy(draw(st.sampled_from(list(SHIPPED.values()))))
    numeric = [
        p
        for p in _paths(data)
        if isinstance(_parent(data, p)[p[-1]], int | float) and not isinstance(_parent(data, p)[p[-1]], bool)
    ]
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        path = draw(st.sampled_from(numeric))
        parent, key = _parent(data, path), path[-1]
        value = draw(edge_numbers)
        parent[key] = int(value) if isinstance(parent[key], int) and value == int(value) else float(value)
    return data


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much],
)
@given(data=accepted_levels())
def test_accepted_levels_play_in_the_window(tmp_path_factory, capsys, background_tiles_made_once, data):
    """Whatever `validate` accepts, `play --demo` draws: a frame or two of it in the real window loop.

    Background tiles are made once per backdrop (`background_tiles_made_once`): most examples move
    numbers the backdrop does not draw from, and those that do are made for real.
    """
    from hypothesis import assume

    base = tmp_path_factory.getbasetemp()
    path = base / "fuzz-play.toml"
    path.write_text(to_toml(data), encoding="utf-8")
    try:
        load_level(path)
    except LevelError:
        assume(False)
    argv = ["play", str(path), "--demo", "--seconds", "0.05", "--size", "960x540", "--seed", "1"]
    status = main([*argv, "--data-dir", str(base / "fuzz-play-data")])
    out, err = capsys.readouterr()
    assert status == 0, (out, err, to_toml(data))
    assert "Traceback" not in out + err and "internal error" not in err
