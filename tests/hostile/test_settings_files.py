"""Settings files no window could start with: each is set aside with its reason, and defaults used."""

from __future__ import annotations

import errno
import json
import os

import pytest

from bbf_sim.persistence import settings_file
from bbf_sim.persistence.settings_file import SETTINGS_FILE, Settings, load_settings
from bbf_sim.practice.session import GameContext
from bbf_sim.ui.input import known_key_name
from tests.hostile.helpers import run_cli


def _load(tmp_path):
    settings, notices = load_settings(tmp_path, key_known=known_key_name)
    return settings, " ".join(notices)


def _aside(tmp_path):
    return [p for p in tmp_path.iterdir() if p.name.startswith(f"{SETTINGS_FILE}.corrupt-")]


def test_a_binding_to_an_unknown_key_name_is_set_aside_with_its_key_path(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(
        json.dumps({"version": 2, "volume": 0.3, "key_bindings": {"af_on": ["key:f", "key:nosuchkey"]}})
    )
    settings, notice = _load(tmp_path)
    assert settings == Settings()
    assert "key_bindings.af_on[1]: 'key:nosuchkey' is not the name of a key" in notice
    assert len(_aside(tmp_path)) == 1
    # The keys the game offers are known.
    assert all(known_key_name(n) for n in ("space", "left shift", "f", "return", "[+]"))


def test_the_window_starts_with_an_unknown_key_name(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"version": 2, "key_bindings": {"af_on": ["key:nosuchkey"]}}))
    out = run_cli("play", "control-static", "--demo", "--seconds", "0.2", data_dir=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "'key:nosuchkey' is not the name of a key" in out.stdout + out.stderr


def test_json_nested_100000_deep_is_set_aside(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text('{"version": 2, "key_bindings": ' + "[" * 100_000 + "]" * 100_000 + "}")
    settings, notice = _load(tmp_path)
    assert settings == Settings() and "not valid JSON" in notice and len(_aside(tmp_path)) == 1


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes")
def test_a_fifo_as_the_settings_file_is_set_aside_unread(tmp_path):
    os.mkfifo(tmp_path / SETTINGS_FILE)
    settings, notice = _load(tmp_path)
    assert settings == Settings() and "named pipe" in notice and len(_aside(tmp_path)) == 1


def test_a_huge_sparse_settings_file_is_not_read(tmp_path):
    with (tmp_path / SETTINGS_FILE).open("wb") as f:
        f.truncate(6 * 1024**3)
    settings, notice = _load(tmp_path)
    assert settings == Settings() and "too big" in notice


def test_a_settings_file_with_a_bom_is_read(tmp_path):
    (tmp_path / SETTINGS_FILE).write_text(json.dumps({"version": 2, "volume": 0.3}), encoding="utf-8-sig")
    settings, notice = _load(tmp_path)
    assert settings.volume == 0.3 and notice == "" and not _aside(tmp_path)


def test_settings_that_cannot_be_saved_are_a_notice_not_a_crash(tmp_path, monkeypatch):
    def full(path, text, encoding="utf-8"):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(settings_file, "atomic_write_text", full)
    ctx = GameContext(data_dir=tmp_path, level_dirs=[], seed=1, notices=[])
    assert ctx.save(volume=0.2).volume == 0.2
    assert any("Settings not saved" in n and "No space left" in n for n in ctx.notices)
