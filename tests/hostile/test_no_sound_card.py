"""A machine with no sound card: the game plays silently, after at most one plain notice.

SDL's ALSA back-end writes twenty lines of complaints to stderr when there is no card;
a user must see none of them. On SDL's dummy audio driver (headless runs, tests) the
silence is chosen, so nothing at all is said.
"""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pygame

from bbf_sim.ui import audio
from tests.hostile.helpers import LIMIT_S


def _play_demo(tmp_path, **sdl: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SDL_")}
    env.update(sdl, BBF_SIM_DATA_DIR=str(tmp_path))
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    args = ["play", "control-static", "--demo", "--seconds", "0.3"]
    return subprocess.run(
        [sys.executable, "-m", "bbf_sim", *args], capture_output=True, text=True, env=env, timeout=LIMIT_S, check=False
    )


def test_a_dummy_window_is_not_heard_either(tmp_path):
    # SDL_VIDEODRIVER=dummy alone used to leave SDL probing ALSA for a card, and ALSA saying so.
    out = _play_demo(tmp_path, SDL_VIDEODRIVER="dummy")
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stderr == ""


def test_no_card_is_one_plain_line_not_alsas_complaints(tmp_path):
    out = _play_demo(tmp_path, SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="alsa")
    assert out.returncode == 0, out.stderr[-2000:]
    assert "ALSA lib" not in out.stderr
    lines = out.stderr.splitlines()
    # A machine with a card plays the sounds and says nothing; one without says so once.
    assert lines == [] or (len(lines) == 1 and "playing without sound" in lines[0]), out.stderr


def _mixer_that_complains(*args, **kwargs):
    os.write(2, b"ALSA lib confmisc.c:855:(parse_card) cannot find card '0'\n")
    raise pygame.error("ALSA: Couldn't open audio device: No such file or directory")


def test_what_the_mixer_writes_to_stderr_is_kept_from_the_user(monkeypatch, capfd, caplog):
    monkeypatch.setenv("SDL_AUDIODRIVER", "alsa")
    monkeypatch.setattr(audio.pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(audio.pygame.mixer, "init", _mixer_that_complains)
    with caplog.at_level(logging.WARNING, logger="bbf_sim.ui.audio"):
        sounds = audio.Audio()
    assert not sounds.enabled
    print("stderr works again", file=sys.stderr)
    err = capfd.readouterr().err
    assert "ALSA lib" not in err and "stderr works again" in err
    assert [r.getMessage() for r in caplog.records] == [
        "no sound device found (ALSA: Couldn't open audio device: No such file or directory); playing without sound"
    ]


def test_the_dummy_driver_fails_silently(monkeypatch, caplog):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    monkeypatch.setattr(audio.pygame.mixer, "get_init", lambda: None)
    monkeypatch.setattr(audio.pygame.mixer, "init", _mixer_that_complains)
    with caplog.at_level(logging.WARNING, logger="bbf_sim.ui.audio"):
        assert not audio.Audio().enabled
    assert caplog.records == []
