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
    assert data["version"] == 2 and data["brand"] == "canon"


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


# --- version 1 (raw joystick numbers only) -------------------------------------------------------


def write(data_dir, data) -> None:
    (data_dir / SETTINGS_FILE).write_text(json.dumps(data))


def test_version_1_bindings_gain_the_controller_names_they_stood_for(tmp_path):
    write(tmp_path, {"version": 1, "key_bindings": {"full": ["key:space", "joy:axis:5"], "af_on": ["joy:button:5"]}})
    settings, notices = load_settings(tmp_path)
    assert notices == [] and settings.version == 2
    kb = settings.key_bindings
    assert kb["full"] == ["key:space", "pad:right_trigger", "joy:axis:5"]
    assert kb["af_on"] == ["pad:right_shoulder", "joy:button:5"]
    assert [kb[f"point_{d}"] for d in ("left", "up")] == [["pad:dpad_left"], ["pad:dpad_up"]]


def test_version_1_migration_never_takes_a_control_from_another_action(tmp_path):
    # The player had put the right trigger on the half-press and kept raw axis 5 on the shutter.
    write(tmp_path, {"key_bindings": {"half": ["joy:axis:5"], "full": ["key:space", "joy:axis:5"]}})  # no version: 1
    settings, notices = load_settings(tmp_path)
    assert notices == []
    assert settings.key_bindings["half"] == ["pad:right_trigger", "joy:axis:5"]
    assert settings.key_bindings["full"] == ["key:space", "joy:axis:5"]


def test_a_migrated_file_is_saved_as_version_2_and_not_migrated_again(tmp_path):
    write(tmp_path, {"version": 1, "key_bindings": {"point_up": ["key:up"]}})
    settings, _ = load_settings(tmp_path)
    assert settings.key_bindings["point_up"] == ["key:up", "pad:dpad_up"]
    # The player then takes the d-pad off the AF point: version 2 keeps that.
    save_settings(tmp_path, settings.model_copy(update={"key_bindings": {"point_up": ["key:up"]}}))
    assert json.loads((tmp_path / SETTINGS_FILE).read_text())["version"] == 2
    assert load_settings(tmp_path)[0].key_bindings == {"point_up": ["key:up"]}


@pytest.mark.parametrize(
    "data",
    [
        {"version": 1, "key_bindings": {"full": [5]}},
        {"version": 1, "key_bindings": ["joy:axis:5"]},
        {"version": 1, "key_bindings": {"full": "joy:axis:5"}},
        {"version": 1, "key_bindings": {"full": ["joy:axis:5"]}, "colour": "red"},
    ],
    ids=["not-a-string", "not-a-table", "not-a-list", "unknown-key"],
)
def test_a_bad_version_1_file_is_set_aside_like_any_bad_file(tmp_path, data):
    write(tmp_path, data)
    settings, notices = load_settings(tmp_path)
    assert settings == Settings()
    [notice] = notices
    assert notice.endswith("using default settings.")
    [copy] = copies(tmp_path)
    assert json.loads(copy.read_text()) == data, "the user's own bytes kept, not the migrated ones"


def test_controller_binding_names_are_checked():
    Settings(key_bindings={"full": ["pad:right_trigger"], "af_on": ["pad:paddle1"]})
    with pytest.raises(ValidationError):
        Settings(key_bindings={"af_on": ["pad:r1"]})


def test_controller_names_are_sdls_order():
    pygame = pytest.importorskip("pygame")
    from bbf_sim.persistence.settings_file import PAD_AXES, PAD_BUTTONS

    assert PAD_BUTTONS[pygame.CONTROLLER_BUTTON_RIGHTSHOULDER] == "right_shoulder"
    assert PAD_BUTTONS[pygame.CONTROLLER_BUTTON_DPAD_RIGHT] == "dpad_right"
    assert PAD_BUTTONS[pygame.CONTROLLER_BUTTON_START] == "start"
    assert len(PAD_BUTTONS) == pygame.CONTROLLER_BUTTON_MAX
    assert PAD_AXES[pygame.CONTROLLER_AXIS_TRIGGERRIGHT] == "right_trigger"
    assert PAD_AXES[pygame.CONTROLLER_AXIS_RIGHTY] == "right_y"
    assert len(PAD_AXES) == pygame.CONTROLLER_AXIS_MAX


def test_a_newer_bbf_sims_file_is_used_as_far_as_understood_and_never_moved_or_overwritten(tmp_path):
    """Going back to the newer version must find the player's settings where they were."""
    newer = {
        "version": 3,
        "volume": 0.3,
        "brand": "nikon",
        "key_bindings": {"af_on": ["key:g"]},
        "haptics": "strong",  # a setting this version has never heard of
        "fullscreen": "maybe",  # one it knows, in a form it does not: left at its default
    }
    path = tmp_path / SETTINGS_FILE
    content = json.dumps(newer).encode()
    path.write_bytes(content)
    settings, [notice] = load_settings(tmp_path)
    assert settings.volume == 0.3 and settings.brand == "nikon" and settings.key_bindings["af_on"] == ["key:g"]
    assert settings.fullscreen is False
    assert "newer bbf-sim" in notice and "version 3" in notice and "not saved" in notice
    assert save_settings(tmp_path, settings.model_copy(update={"volume": 0.9})) is None
    assert path.read_bytes() == content
    assert copies(tmp_path) == []
