"""The AF mode chosen on the camera set-up screen is kept in the settings, per level: it comes back
after a restart, does not follow the player into another level, and an older settings file without
it still loads."""

from __future__ import annotations

import json

import pygame
import pytest
from pydantic import ValidationError

from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.persistence.settings_file import SETTINGS_FILE, Settings, load_settings
from bbf_sim.ui.scenes.camera_setup import CameraSetupScene
from bbf_sim.ui.scenes.play import PlayScene
from tests.ui.test_menus import ctx_for, drive, make_app, press

LEVEL = "portrait-recompose"  # AF-S in the file
OTHER = "control-static"


def camera_setup(app, level_id: str) -> CameraSetupScene:
    level = load_level(resolve_level_path(level_id))
    return drive(app, CameraSetupScene(ctx_for(app), level, resolve_level_path(level_id)))


def test_a_settings_file_from_before_the_field_still_loads(tmp_path):
    old = {
        "version": 1,
        "key_bindings": {"full": ["key:space"]},
        "window_width_px": 1280,
        "window_height_px": 720,
        "fullscreen": False,
        "volume": 0.5,
        "brand": "sony",
        "last_mode": "bbf",
    }
    (tmp_path / SETTINGS_FILE).write_text(json.dumps(old))
    settings, notices = load_settings(tmp_path)
    assert notices == [] and settings.brand == "sony" and settings.volume == 0.5
    assert settings.level_af_modes == {}
    assert sorted(p.name for p in tmp_path.iterdir()) == [SETTINGS_FILE], "not set aside"


def test_a_bad_af_mode_is_refused_like_any_bad_setting():
    with pytest.raises(ValidationError):
        Settings.model_validate({"level_af_modes": {LEVEL: "servo"}})
    with pytest.raises(ValidationError):
        Settings.model_validate({"level_af_modes": {"Not An Id": "af-c"}})


def test_the_af_mode_chosen_for_a_level_survives_a_restart_and_stays_with_that_level(tmp_path):
    data = tmp_path / "data"
    app = make_app(data)
    try:
        scene = camera_setup(app, LEVEL)
        assert scene.af == "af-s", "the level's own AF mode first"
        scene = press(app, scene, pygame.K_TAB)  # AF mode → AF-C
        assert scene.af == "af-c"
        scene = press(app, scene, pygame.K_RETURN)
        assert isinstance(scene, PlayScene) and scene.setup.played_level.af.mode == "af-c"
        assert ctx_for(app).settings().level_af_modes == {LEVEL: "af-c"}
    finally:
        app.close()

    app = make_app(data)  # the next start of the game
    try:
        scene = camera_setup(app, LEVEL)
        assert scene.af == "af-c", "the choice came back"
        other = camera_setup(app, OTHER)
        assert other.af == other.level.af.mode, "another level keeps its own AF mode"
        # Choosing the level's own mode again removes the entry: the file lists only real choices.
        scene = press(app, scene, pygame.K_TAB)
        scene = press(app, scene, pygame.K_RETURN)
        assert isinstance(scene, PlayScene) and scene.setup.af_mode is None
        assert ctx_for(app).settings().level_af_modes == {}
    finally:
        app.close()
