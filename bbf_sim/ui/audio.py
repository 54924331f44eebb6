"""Sounds made by the program: the AF confirmation beep and the shutter, synthesised with numpy.

No samples ship with the game. Where no audio device exists (a headless server, a
container) `pygame.mixer` fails to start; then every sound is a no-op and the game
runs silently, after one plain notice (none on SDL's dummy driver, which is silent by
choice). SDL's Linux back-ends (ALSA above all) write their complaints about a missing
card straight to the process's stderr, twenty lines of them; the mixer is started
with stderr set aside, so a user sees the one notice instead.

| sound | made of |
|---|---|
| AF beep | two short 2.7 kHz tones (the classic focus-confirm "beep-beep"), soft attack and release |
| shutter | two filtered noise clicks 60 ms apart (curtain open, curtain close) with a low thump |
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np
import pygame

BEEP_HZ = 2700.0
NO_SOUND_NOTICE = "no sound device found ({why}); playing without sound"

log = logging.getLogger(__name__)


@contextmanager
def _stderr_set_aside() -> Iterator[None]:
    """Send what C libraries write to stderr (fd 2) to a scratch file for the block; Linux only.

    Python's own `sys.stderr` writes are flushed first and go on as before afterwards.
    """
    if not sys.platform.startswith("linux"):
        yield
        return
    try:
        sys.stderr.flush()
        saved = os.dup(2)
    except (OSError, ValueError):  # no stderr to set aside (closed, or not a file)
        yield
        return
    try:
        with tempfile.TemporaryFile() as scratch:
            os.dup2(scratch.fileno(), 2)
            try:
                yield
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)


def _envelope(n: int, rate: int, attack_s: float, release_s: float) -> np.ndarray:
    env = np.ones(n)
    a, r = max(1, int(attack_s * rate)), max(1, int(release_s * rate))
    env[:a] = np.linspace(0, 1, a)
    env[-r:] *= np.linspace(1, 0, r)
    return env


def beep_wave(rate: int) -> np.ndarray:
    """The AF confirmation: two 45 ms tones with a 35 ms gap (mono, −1..1)."""
    tone_n = int(0.045 * rate)
    t = np.arange(tone_n) / rate
    tone = np.sin(2 * np.pi * BEEP_HZ * t) * _envelope(tone_n, rate, 0.003, 0.008)
    gap = np.zeros(int(0.035 * rate))
    return 0.35 * np.concatenate([tone, gap, tone])


def shutter_wave(rate: int, seed: int = 7) -> np.ndarray:
    """The shutter: two clicks of filtered noise and a short low thump (mono, −1..1)."""
    rng = np.random.default_rng(seed)
    n = int(0.12 * rate)
    out = np.zeros(n)
    for start_s, gain in ((0.0, 1.0), (0.06, 0.7)):
        k = int(0.018 * rate)
        noise = rng.standard_normal(k)
        noise = np.convolve(noise, np.ones(4) / 4, mode="same")  # take the hiss off the top
        click = noise * np.exp(-np.arange(k) / (0.004 * rate)) * gain
        s = int(start_s * rate)
        out[s : s + k] += click
        thump_t = np.arange(k) / rate
        out[s : s + k] += 0.5 * gain * np.sin(2 * np.pi * 140 * thump_t) * np.exp(-thump_t / 0.006)
    return 0.6 * out / max(1e-9, np.abs(out).max())


class Audio:
    """The game's sounds; silent (and harmless) when the mixer cannot start."""

    def __init__(self, volume: float = 0.8):
        self.enabled = False
        self.volume = volume
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        try:
            if not pygame.mixer.get_init():
                try:
                    with _stderr_set_aside():
                        pygame.mixer.init(frequency=44100, size=-16, channels=2, buffer=256)
                except pygame.error as exc:
                    if os.environ.get("SDL_AUDIODRIVER", "").lower() != "dummy":
                        log.warning(NO_SOUND_NOTICE.format(why=str(exc).strip().rstrip(".") or "no audio device"))
                    raise
            mixer = pygame.mixer.get_init()
            if mixer is None:  # not open: init above opened it or raised, so this is a safeguard
                raise pygame.error("the mixer did not stay open")
            rate, fmt, channels = mixer
            self.sounds = {
                "beep": self._make(beep_wave(rate), fmt, channels),
                "shutter": self._make(shutter_wave(rate), fmt, channels),
            }
            for s in self.sounds.values():
                s.set_volume(volume)
            self.enabled = True
        except (pygame.error, TypeError, ValueError, OSError):
            # No device (or an odd format): play on in silence.
            self.sounds = {}

    @staticmethod
    def _make(wave: np.ndarray, fmt: int, channels: int) -> pygame.mixer.Sound:
        if fmt == -16:
            data = (np.clip(wave, -1, 1) * 32767).astype(np.int16)
        elif fmt == 16:
            data = ((np.clip(wave, -1, 1) * 0.5 + 0.5) * 65535).astype(np.uint16)
        elif fmt == 32:  # SDL's 32-bit float
            data = wave.astype(np.float32)
        elif fmt == 8:
            data = ((np.clip(wave, -1, 1) * 0.5 + 0.5) * 255).astype(np.uint8)
        elif fmt == -8:
            data = (np.clip(wave, -1, 1) * 127).astype(np.int8)
        else:
            raise ValueError(f"mixer format {fmt}")
        frames = np.repeat(data[:, None], channels, axis=1)
        return pygame.mixer.Sound(buffer=frames.tobytes())

    def play(self, name: str) -> None:
        sound = self.sounds.get(name)
        if sound is not None:
            sound.play()

    def close(self) -> None:
        if self.enabled:
            pygame.mixer.quit()
            self.enabled = False
