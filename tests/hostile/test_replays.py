"""Crafted replays: a replay never chooses which file is read, and its length is bounded before re-scoring."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from bbf_sim.levels.loader import load_level, shipped_levels_dir
from bbf_sim.persistence.replay_file import MAX_TICKS, load_replay
from bbf_sim.practice.attempts import check_replay_length
from tests.hostile.helpers import one_line_error, replay_body, run_cli, write_replay


@pytest.mark.parametrize(
    "level_id",
    ["/etc/passwd", "../../../etc/hostname", "/proc/self/environ", "control-static.toml", "x" * 100_000],
)
def test_a_replay_naming_a_path_never_opens_it(tmp_path, level_id):
    replay = write_replay(tmp_path / "r.bbf-replay.gz", replay_body(level_id))
    out = run_cli("replay", str(replay), "--json", data_dir=tmp_path / "data")
    line = one_line_error(out, "replay")
    assert "level_id" in line
    # Nothing read from the path: no hash of it, no key names of a secret file.
    assert out.stdout == "" and "root:" not in out.stderr and len(out.stderr) < 2000


def test_a_replay_of_a_level_that_is_not_shipped_needs_the_file(tmp_path):
    replay = write_replay(tmp_path / "r.bbf-replay.gz", replay_body("my-own-level"))
    out = run_cli("replay", str(replay), "--json", data_dir=tmp_path / "data")
    assert "give its file with --level PATH" in one_line_error(out, "replay")
    # --level names a file whose content is not the one recorded: exit 3, the level changed.
    other = tmp_path / "other.toml"
    other.write_text((shipped_levels_dir() / "portrait-recompose.toml").read_text(encoding="utf-8"))
    out = run_cli("replay", str(replay), "--json", "--level", str(other), data_dir=tmp_path / "data")
    assert "has changed since" in one_line_error(out, "replay", status=3)


def test_a_million_aim_entries_are_refused_before_replaying(tmp_path):
    replay = write_replay(tmp_path / "r.bbf-replay.gz", replay_body(aim=[[0.0, 0.0]] * 1_000_000))
    out = run_cli("replay", str(replay), "--json", data_dir=tmp_path / "data")
    assert "more than the longest level can have" in one_line_error(out, "replay")


def test_a_million_events_are_refused_before_replaying(tmp_path):
    events = [[0.5, "HALF", True]] * 1_000_000  # 19 MB of JSON: over the size cap
    replay = write_replay(tmp_path / "r.bbf-replay.gz", replay_body(events=events))
    out = run_cli("replay", str(replay), "--json", data_dir=tmp_path / "data")
    assert "uncompressed; refusing it" in one_line_error(out, "replay")
    # Within the size cap but more than the level can hold: every control pressed and
    # released on every tick is 2 · 8 events a tick.
    level = load_level(shipped_levels_dir() / "control-static.toml")
    ticks = int(level.duration_s * 120) + 1
    many = replace(load_replay(write_replay(tmp_path / "ok.bbf-replay.gz", replay_body())))
    many = replace(many, events=[(0.5, "HALF", True)] * (ticks * 16 + 1))
    with pytest.raises(ValueError, match="events, more than"):
        check_replay_length(many, level)


def test_a_replay_longer_than_its_level_is_refused(tmp_path):
    level = load_level(shipped_levels_dir() / "control-static.toml")
    # control-static lasts duration_s; at 120 ticks a second that is ceil(120·duration) ticks, plus one.
    allowed = int(level.duration_s * 120) + 1
    assert allowed < MAX_TICKS
    path = write_replay(tmp_path / "r.bbf-replay.gz", replay_body(aim=[[0.0, 0.0]] * (allowed + 1)))
    with pytest.raises(ValueError, match=r"ticks, but level 'control-static' lasts"):
        check_replay_length(load_replay(path), level)
    out = run_cli("replay", str(path), "--json", data_dir=tmp_path / "data")
    assert "ticks, but level" in one_line_error(out, "replay")
    just = write_replay(tmp_path / "ok.bbf-replay.gz", replay_body(aim=[[0.0, 0.0]] * allowed))
    check_replay_length(load_replay(just), level)  # a full-length attempt is fine


@pytest.mark.parametrize(
    ("settings", "says"),
    [
        ({"endless_step": [1, 2]}, "endless_step must be a whole number"),
        ('{"endless_step": 1e400}', "endless_step must be a whole number"),
        ({"endless_step": 100000}, "endless_step"),
        ({"af_mode": ["af-c"]}, "af_mode must be text"),
    ],
)
def test_bad_settings_in_a_replay(tmp_path, settings, says):
    body = replay_body()
    if isinstance(settings, str):
        text = json.dumps({**body, "settings": "@"}).replace('"@"', settings)
        path = write_replay(tmp_path / "r.bbf-replay.gz", text)
    else:
        path = write_replay(tmp_path / "r.bbf-replay.gz", replay_body(settings=settings))
    out = run_cli("replay", str(path), "--json", data_dir=tmp_path / "data")
    assert says in one_line_error(out, "replay")


def test_json_nested_100000_deep(tmp_path):
    text = json.dumps(replay_body()).replace(
        '"settings": {}', '"settings": {"a": ' + "[" * 100_000 + "]" * 100_000 + "}"
    )
    path = write_replay(tmp_path / "r.bbf-replay.gz", text)
    out = run_cli("replay", str(path), "--json", data_dir=tmp_path / "data")
    assert "nested too deeply" in one_line_error(out, "replay")
