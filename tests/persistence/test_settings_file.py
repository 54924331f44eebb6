"""The settings file: round-trip, defaults, and a bad file set aside with a notice."""

import json

import pytest
from pydantic import ValidationError

from bbf_sim.core.controls import Button
from bbf_sim.persistence.settings_file import (
    SETTINGS_FILE,
    Settings,
    default_bindings,
    load_settings,
    save_settings,
)


def copies(data_dir):
    return sorted(p for p in data_dir.iterdir() if p.name.startswith(f"{SETTINGS_FILE}.corrupt-"))


def test_missing_file_gives_defaults_without_notice(tmp_path):
    settings, notices = load_settings(tmp_path)
    assert settings == Settings()
    assert notices == []


def test_round_trip(tmp_path):
    mine = Settings(
        key_bindings={"full": ["key:space", "joy:axis:5"], "af_on": ["key:left shift", "mouse:4"]},
        window_width_px=1920,
        window_height_px=1080,
        fullscreen=True,
        volume=0.25,
        brand="fujifilm",
        last_mode="bbf",
    )
    path = save_settings(tmp_path, mine)
    assert path == tmp_path / SETTINGS_FILE
    assert load_settings(tmp_path) == (mine, [])
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE]  # no temp file left


def test_saved_file_is_readable_json(tmp_path):
    save_settings(tmp_path, Settings())
    data = json.loads((tmp_path / SETTINGS_FILE).read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["brand"] == "canon"


def test_default_bindings_name_the_simulators_buttons():
    assert {name.upper() for name in default_bindings()} <= set(Button.__members__)
    assert {"half", "full", "af_on"} <= set(default_bindings())


def test_partial_file_fills_in_defaults(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text('{"volume": 0.5}')
    settings, notices = load_settings(tmp_path)
    assert (settings.volume, settings.brand, notices) == (0.5, "canon", [])


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b'{"volume": 0.5, "brand": "ni', "not valid JSON"),
        (b"", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        (b'{"volume": 1.5}', "volume"),
        (b'{"brand": "leica"}', "brand"),
        (b'{"fullscreen": "yes"}', "fullscreen"),
        (b'{"window_width_px": 10}', "window_width_px"),
        (b'{"colour": "red"}', "colour: Extra inputs are not permitted"),
        (b'{"key_bindings": {"full": ["keyboard:x"]}}', "'keyboard:x' is not a binding"),
        (b'{"key_bindings": {"Full Press": ["key:x"]}}', "key_bindings.Full Press"),
        (b'{"version": 2}', "version"),
        (b"[]", "object"),
    ],
    ids=[
        "truncated",
        "empty",
        "binary",
        "volume-too-loud",
        "unknown-brand",
        "string-bool",
        "window-too-small",
        "unknown-key",
        "bad-binding",
        "bad-action-name",
        "newer-version",
        "not-an-object",
    ],
)
def test_bad_file_is_set_aside_and_defaults_used(tmp_path, content, reason):
    (tmp_path / SETTINGS_FILE).write_bytes(content)
    settings, notices = load_settings(tmp_path)
    assert settings == Settings()
    [copy] = copies(tmp_path)
    assert copy.read_bytes() == content  # the user's bytes kept
    assert not (tmp_path / SETTINGS_FILE).exists()
    [notice] = notices
    assert reason in notice
    assert str(tmp_path / SETTINGS_FILE) in notice and str(copy) in notice
    assert notice.endswith("using default settings.")
    assert "\n" not in notice


def test_saving_after_a_bad_file_keeps_the_set_aside_copy(tmp_path):
    (tmp_path / SETTINGS_FILE).write_bytes(b"{")
    settings, _ = load_settings(tmp_path)
    save_settings(tmp_path, settings)
    assert load_settings(tmp_path) == (Settings(), [])
    assert [p.read_bytes() for p in copies(tmp_path)] == [b"{"]


@pytest.mark.parametrize(
    "kwargs",
    [{"volume": -0.1}, {"brand": "pentax"}, {"last_mode": "manual"}, {"typo": 1}],
    ids=["negative-volume", "unknown-brand", "unknown-mode", "unknown-field"],
)
def test_model_refuses_bad_values_in_code_too(kwargs):
    with pytest.raises(ValidationError):
        Settings(**kwargs)
