"""Remapped bindings work, and survive a restart (saved to the settings file and loaded again)."""

from __future__ import annotations

import pygame

from bbf_sim.ui.input import InputAdapter, load_bindings, remap, save_bindings
from tests.ui.helpers import key, make_app, run_for, start_play


def test_remapped_shutter_key_works_after_a_restart(tmp_path):
    bindings, notices = load_bindings(tmp_path)
    assert notices == []
    bindings = remap(bindings, "full", "key:k")
    save_bindings(tmp_path, bindings)

    # A new session: bindings come from the file, not from memory.
    loaded, _ = load_bindings(tmp_path)
    assert loaded["full"] == ["key:k"]
    app = make_app(loaded)
    try:
        scene = start_play(app, mode="bbf")
        key(pygame.K_SPACE)  # no longer the shutter
        run_for(app, scene, 0.2)
        assert scene.snap.frames_fired[0] == 0
        key(pygame.K_k)
        run_for(app, scene, 0.2)
        assert scene.snap.frames_fired[0] == 1
    finally:
        app.close()


def test_remap_takes_the_input_away_from_its_old_action():
    bindings = {"half": ["key:s"], "full": ["key:space"], "af_on": ["key:f"]}
    out = remap(bindings, "af_on", "key:s")
    assert out["half"] == [] and out["af_on"] == ["key:s"]
    assert bindings["half"] == ["key:s"], "the original table is not changed"


def test_saving_bindings_keeps_the_other_settings(tmp_path):
    from bbf_sim.persistence.settings_file import Settings, load_settings, save_settings

    save_settings(tmp_path, Settings(volume=0.3, brand="nikon"))
    save_bindings(tmp_path, remap(load_bindings(tmp_path)[0], "af_on", "mouse:6"))
    settings, _ = load_settings(tmp_path)
    assert settings.volume == 0.3 and settings.brand == "nikon"
    assert "mouse:6" in settings.key_bindings["af_on"]


def test_events_are_stamped_when_read():
    pygame.display.init()
    now = [12.5]
    adapter = InputAdapter({"full": ["key:space"]}, clock=lambda: now[0])
    pygame.event.clear()
    key(pygame.K_SPACE)
    adapter.poll()
    now[0] = 13.0
    adapter.poll()
    controls = adapter.take().controls
    assert [(c.t_s, c.pressed) for c in controls] == [(12.5, True)]
