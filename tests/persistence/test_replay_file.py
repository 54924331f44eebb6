"""The replay file format: round-trip, and every bad file a one-line UserError naming it."""

import gzip
import json
import math

import pytest

from bbf_sim.errors import UserError
from bbf_sim.persistence.replay_file import (
    REPLAY_FORMAT,
    REPLAY_VERSION,
    Replay,
    load_replay,
    save_replay,
)


def make_replay(**changes) -> Replay:
    fields = dict(
        level_id="l01-bird",
        level_hash="sha256:abc123",
        mode="bbf",
        settings={"af_mode": "AF-C", "brand": "nikon"},
        seed=2**70,
        tick_hz=120.0,
        events=[(0.0, "AF_ON", True), (0.5125, "FULL", True), (0.5125, "FULL", False), (1.0, "AF_ON", False)],
        aim=[(0.0, 0.0), (0.01, -0.002), (0.02, -0.004)],
        summary={"frames": 1, "hits": 1, "hit_rate": 1.0},
    )
    fields.update(changes)
    return Replay(**fields)


def test_round_trip(tmp_path):
    replay = make_replay()
    path = save_replay(tmp_path / "a.bbf-replay.gz", replay)
    assert load_replay(path) == replay
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.bbf-replay.gz"]


def test_file_is_gzip_json_in_the_documented_layout(tmp_path):
    path = save_replay(tmp_path / "a.gz", make_replay())
    body = json.loads(gzip.decompress(path.read_bytes()))
    assert (body["format"], body["version"]) == (REPLAY_FORMAT, REPLAY_VERSION) == ("bbf-sim-replay", 1)
    assert body["events"][1] == [0.5125, "FULL", True]
    assert body["aim"][1] == [0.01, -0.002]
    assert set(body) == {
        "format",
        "version",
        "level_id",
        "level_hash",
        "mode",
        "settings",
        "seed",
        "tick_hz",
        "events",
        "aim",
        "summary",
    }


def test_same_replay_same_bytes(tmp_path):
    a = save_replay(tmp_path / "a.gz", make_replay()).read_bytes()
    b = save_replay(tmp_path / "b.gz", make_replay()).read_bytes()
    assert a == b


def test_non_finite_summary_values_are_written_as_null(tmp_path):
    path = save_replay(tmp_path / "a.gz", make_replay(summary={"mean_r": math.inf}))
    assert load_replay(path).summary == {"mean_r": None}


@pytest.mark.parametrize(
    "changes",
    [
        {"mode": "auto"},
        {"seed": -1},
        {"tick_hz": 0.0},
        {"events": [(1.0, "FULL", True), (0.5, "FULL", False)]},
        {"events": [(math.nan, "FULL", True)]},
        {"aim": [(math.inf, 0.0)]},
        {"settings": {"x": object()}},
    ],
    ids=["bad-mode", "negative-seed", "zero-tick-rate", "events-out-of-order", "nan-time", "inf-aim", "unjsonable"],
)
def test_saving_a_replay_that_would_not_load_is_refused(tmp_path, changes):
    with pytest.raises((ValueError, TypeError)):
        save_replay(tmp_path / "a.gz", make_replay(**changes))
    assert list(tmp_path.iterdir()) == []


def good_body() -> dict:
    return {
        "format": "bbf-sim-replay",
        "version": 1,
        "level_id": "l01",
        "level_hash": "h",
        "mode": "shutter",
        "settings": {},
        "seed": 7,
        "tick_hz": 60,
        "events": [[0.25, "HALF", True]],
        "aim": [[0.0, 0.0]],
        "summary": {},
    }


def gz_json(body) -> bytes:
    return gzip.compress(json.dumps(body).encode())


def edited(**changes) -> bytes:
    body = good_body()
    for key, value in changes.items():
        if value is KeyError:
            del body[key]
        else:
            body[key] = value
    return gz_json(body)


def test_hand_built_body_loads(tmp_path):
    path = tmp_path / "ok.gz"
    path.write_bytes(gz_json(good_body()))
    replay = load_replay(path)
    assert replay.tick_hz == 60.0 and replay.events == [(0.25, "HALF", True)]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (json.dumps(good_body()).encode(), "not a gzip-compressed replay"),
        (gz_json(good_body())[:-12], "not a gzip-compressed replay"),
        (gzip.compress(b"{not json"), "not valid JSON"),
        (gzip.compress(b"\xff\xfe"), "not valid JSON"),
        (gzip.compress(b'{"seed": NaN}'), "not valid JSON"),
        (gz_json([1, 2]), "not a bbf-sim replay"),
        (edited(format="some-other-game"), "format tag 'some-other-game'"),
        (edited(format=KeyError), "format tag None"),
        (edited(version=2), "version 2 is from a newer bbf-sim"),
        (edited(version=0), "key version"),
        (edited(version="1"), "key version"),
        (edited(events=KeyError), "key events: Field required"),
        (edited(seed="42"), "key seed"),
        (edited(seed=1.5), "key seed"),
        (edited(mode="manual"), "key mode"),
        (edited(events=[[0.25, "HALF"]]), "key events.0"),
        (edited(events=[[0.25, "HALF", 1]]), "key events.0.2"),
        (edited(events=[[-1.0, "HALF", True]]), "key events.0.0"),
        (edited(events=[[1.0, "HALF", True], [0.5, "HALF", False]]), "not in time order at index 1"),
        (edited(aim=[[0.0]]), "key aim.0"),
        (edited(tick_hz=0), "key tick_hz"),
        (edited(extra_key=1), "key extra_key"),
    ],
    ids=[
        "plain-json-not-gzip",
        "truncated-gzip",
        "gzip-not-json",
        "gzip-not-utf8",
        "nan-token",
        "top-level-list",
        "wrong-format-tag",
        "no-format-tag",
        "newer-version",
        "version-zero",
        "version-as-string",
        "missing-events",
        "seed-as-string",
        "fractional-seed",
        "unknown-mode",
        "short-event",
        "pressed-not-bool",
        "negative-time",
        "events-out-of-order",
        "short-aim",
        "zero-tick-rate",
        "unknown-key",
    ],
)
def test_bad_replay_is_a_one_line_user_error_naming_the_file(tmp_path, content, message):
    path = tmp_path / "bad.bbf-replay.gz"
    path.write_bytes(content)
    with pytest.raises(UserError) as err:
        load_replay(path)
    text = str(err.value)
    assert str(path) in text
    assert message in text
    assert "\n" not in text


def test_missing_replay_is_a_user_error(tmp_path):
    with pytest.raises(UserError, match="no such file"):
        load_replay(tmp_path / "nope.gz")
