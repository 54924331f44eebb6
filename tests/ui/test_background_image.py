"""A level's `scene.background_image` is the backdrop: drawn, blurred by its distance, seamless across the wrap.

And one that cannot be drawn (no folder known, a file gone or broken since loading)
leaves the procedural backdrop, with one log line and no exception.
"""

from __future__ import annotations

import logging

import numpy as np
import pygame
import pytest

from bbf_sim.core import optics
from bbf_sim.levels.loader import load_level, parse_level, shipped_levels_dir
from bbf_sim.ui.finder import backdrop
from bbf_sim.ui.finder.backdrop import seamless_strip
from bbf_sim.ui.finder.render import Renderer, View
from bbf_sim.ui.scenes.play import PlayScene, PlaySetup
from tests.ui.helpers import make_app, run_frames

CONTROL = (shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8")
SKY = 'sky_colour = "#d9cbb5"'
FRAME_PX = (480, 320)
MAGENTA, CYAN = (230, 40, 200), (40, 200, 230)
STRIPES_MEAN = 0.75 * np.array(MAGENTA) + 0.25 * np.array(CYAN)  # the stripes image's average colour


def _stripes() -> pygame.Surface:
    """Magenta with thin cyan stripes: a colour no procedural backdrop has, and fine detail to blur."""
    img = pygame.Surface((160, 80))
    img.fill(MAGENTA)
    for x in range(0, 160, 4):
        img.fill(CYAN, (x, 0, 1, 80))
    return img


def _gradient() -> pygame.Surface:
    """Red at the left edge, blue at the right: wrapped as it is, its two edges would meet in a hard seam."""
    img = pygame.Surface((256, 96))
    for x in range(256):
        img.fill((255 - x, 40, x), (x, 0, 1, 96))
    return img


def _level_with(tmp_path, image: pygame.Surface | None, name: str = "art/backdrop.png"):
    """The control level in its own folder, with `image` saved as its background image."""
    folder = tmp_path / "mine"
    (folder / "art").mkdir(parents=True, exist_ok=True)
    text = CONTROL
    if image is not None:
        pygame.image.save(image, str(folder / name))
        text = CONTROL.replace(SKY, f'{SKY}\nbackground_image = "{name}"', 1)
    path = folder / "level.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _frame(level, lens_D: float | None = None, yaw_rad: float = 0.0) -> np.ndarray:
    """The viewfinder's background alone (no object in view), as an (x, y, rgb) float array."""
    sensor = optics.SENSORS[level.camera.sensor]
    renderer = Renderer(level, sensor, FRAME_PX)
    lens = 1.0 / level.scene.background_m if lens_D is None else lens_D
    view = View(np.zeros(1), np.zeros(1), np.ones(1), np.zeros(1, bool), yaw_rad, 0.0, lens)
    surf = pygame.Surface(FRAME_PX)
    renderer.draw(surf, view)
    return pygame.surfarray.array3d(surf).astype(float)


def _band(pixels: np.ndarray) -> np.ndarray:
    """The frame's middle rows: the control level's backdrop band (its ground line is below the frame)."""
    h = pixels.shape[1]
    return pixels[:, h // 4 : 3 * h // 4]


def _dominant(pixels: np.ndarray) -> tuple[int, ...]:
    colours, counts = np.unique(pixels.reshape(-1, 3).round(), axis=0, return_counts=True)
    return tuple(int(c) for c in colours[counts.argmax()])


def _high_frequency(pixels: np.ndarray) -> float:
    """Mean difference between neighbouring columns: fine detail, which a blur takes away."""
    return float(np.abs(np.diff(pixels, axis=0)).mean())


@pytest.fixture(autouse=True)
def _fresh_reports(monkeypatch):
    monkeypatch.setattr(backdrop, "_reported", set())  # each test sees its own "said once"


def test_the_backdrop_band_shows_the_image(tmp_path):
    level = load_level(_level_with(tmp_path, _stripes()))
    assert level.scene.background_image_path == (tmp_path / "mine" / "art" / "backdrop.png").resolve()
    band = _band(_frame(level))
    assert np.abs(np.array(_dominant(band)) - MAGENTA).max() <= 3
    assert np.abs(band.reshape(-1, 3).mean(axis=0) - STRIPES_MEAN).max() < 10, "the stripes too, a quarter of it"
    procedural = _band(_frame(load_level(_level_with(tmp_path / "plain", None))))
    assert np.abs(np.array(_dominant(procedural)) - MAGENTA).max() > 60


def test_the_image_is_blurred_by_its_own_blur_circle(tmp_path):
    level = load_level(_level_with(tmp_path, _stripes()))
    sharp = _band(_frame(level))
    near_D = 1.0 / level.lens.min_focus_m  # focused as near as the lens goes: the backdrop far out of focus
    near = _band(_frame(level, lens_D=near_D))
    assert _high_frequency(near) < 0.25 * _high_frequency(sharp)
    # Blurred, not replaced: the colours still average to the image's.
    assert np.abs(near.reshape(-1, 3).mean(axis=0) - STRIPES_MEAN).max() < 10


def test_panning_across_the_wrap_shows_no_seam(tmp_path):
    level = load_level(_level_with(tmp_path, _gradient()))
    sensor = optics.SENSORS[level.camera.sensor]
    f_px = level.camera.focal_mm * FRAME_PX[0] / sensor.width_mm
    period = FRAME_PX[0]
    # The image's own left and right edges meet half a period from the yaw-0 view's centre:
    # pan so that meeting is in the middle of the frame.
    seam_yaw = (period / 2) / f_px
    across = _band(_frame(level, yaw_rad=seam_yaw))
    x = FRAME_PX[0] // 2
    columns = across.mean(axis=1)  # (x, rgb)
    steps = np.abs(np.diff(columns, axis=0)).max(axis=1)
    # Red meets blue at the wrap, eased over the blend band (≤ 255 / 60 · 1.5 a column); cut, it jumps ~200.
    assert steps[x - 4 : x + 4].max() < 8, "the columns either side of the wrap continue each other"
    assert steps.max() < 8, "and nowhere else in the frame is there a jump either"
    assert columns[:, 0].max() - columns[:, 0].min() > 100, "the gradient (red to blue) is on screen"
    # One period further the frame is the same: the backdrop wraps every frame width.
    assert np.array_equal(across, _band(_frame(level, yaw_rad=seam_yaw + period / f_px)))


def test_the_strip_wraps_onto_itself():
    strip = seamless_strip(_gradient().convert(pygame.Surface((1, 1), pygame.SRCALPHA, 32)), 300, 100, 400)
    cols = pygame.surfarray.array3d(strip).astype(float).mean(axis=1)
    assert strip.get_width() == 300 and strip.get_height() >= 100
    around = np.abs(np.diff(np.vstack([cols, cols[:1]]), axis=0)).max(axis=1)  # the last step wraps to column 0
    # Red meets blue where the edges meet, but eased over the blend band: about 255 / 38 · 1.5 a column.
    assert around.max() < 12


def test_a_level_without_its_folder_falls_back_to_the_procedural_backdrop(tmp_path, caplog):
    path = _level_with(tmp_path, _stripes())
    level = parse_level(path.read_text(encoding="utf-8"), path, "level")  # no level_dir: no file to find
    assert level.scene.background_image == "art/backdrop.png" and level.scene.background_image_path is None
    plain = load_level(_level_with(tmp_path / "plain", None))
    with caplog.at_level(logging.WARNING, logger="bbf_sim.ui.finder.backdrop"):
        drawn, procedural = _frame(level), _frame(plain)
        _frame(level)  # a second renderer (the thumbnail's): nothing more is said
    assert np.array_equal(drawn, procedural)
    notes = [r.getMessage() for r in caplog.records]
    assert len(notes) == 1 and "without its folder" in notes[0] and "procedural backdrop" in notes[0]


@pytest.mark.parametrize("damage", ["garbage", "deleted"])
def test_an_image_that_cannot_be_loaded_at_draw_time_falls_back(tmp_path, caplog, damage):
    path = _level_with(tmp_path, _stripes())
    level = load_level(path)  # valid when loaded ...
    image = tmp_path / "mine" / "art" / "backdrop.png"
    if damage == "garbage":
        image.write_bytes(b"\x89PNG\r\n\x1a\n not really a picture")
    else:
        image.unlink()  # ... gone by the time the first tile is drawn
    plain = load_level(_level_with(tmp_path / "plain", None))
    with caplog.at_level(logging.WARNING, logger="bbf_sim.ui.finder.backdrop"):
        drawn, procedural = _frame(level), _frame(plain)
    assert np.array_equal(drawn, procedural)
    notes = [r.getMessage() for r in caplog.records]
    assert len(notes) == 1 and "cannot load" in notes[0] and str(image) in notes[0]


def test_the_play_screen_shows_the_image_and_a_screenshot_of_it_says_so(tmp_path):
    level = load_level(_level_with(tmp_path, _stripes()))
    app = make_app(size=(640, 400))
    try:
        scene = PlayScene(PlaySetup(level=level, mode="bbf", seed=1, demo=True, start_paused=False))
        scene.enter(app)
        run_frames(app, scene, 5)
        shot = tmp_path / "with-image.png"
        pygame.image.save(app.screen, str(shot))
        frame = pygame.image.load(str(shot)).subsurface(scene.live.layout.frame)
        pixels = pygame.surfarray.array3d(frame).astype(float)
        near_magenta = (np.abs(pixels - MAGENTA).max(axis=2) <= 40).mean()
        assert near_magenta > 0.3, "most of the viewfinder's background is the image's magenta"
    finally:
        app.close()
