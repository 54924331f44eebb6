"""Depth of field on screen has the spread the optics give it.

A defocused point images as a disc of the blur-circle diameter b, whose spread along
any axis is a standard deviation of b/4. The edge of a blurred opaque block rises as
the integral of that spread (its line-spread function), so the derivative of the edge
profile must have σ = b/4, for every blur level, whichever way the blur is done.
"""

from __future__ import annotations

import math

import numpy as np
import pygame
import pytest

from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX, BlurJob, blur_pad_px, blur_surface, pixels
from bbf_sim.ui.finder.sprites import Sprites

pytestmark = pytest.mark.usefixtures("small_display")


def edge_spread_px(alpha_row: np.ndarray) -> tuple[float, float]:
    """σ and mean position [px] of the rising edge's line-spread function in a row of alpha."""
    d = np.diff(alpha_row.astype(float) / 255.0)
    rise = np.clip(d[: len(d) // 2], 0.0, None)
    x = np.arange(len(rise)) + 0.5  # a difference sits between two pixels
    mean = float((rise * x).sum() / rise.sum())
    return math.sqrt(float(((x - mean) ** 2 * rise).sum() / rise.sum())), mean


def block(width: int, height: int, pad: int) -> pygame.Surface:
    surf = pygame.Surface((width + 2 * pad, height + 2 * pad), pygame.SRCALPHA)
    surf.fill((255, 255, 255, 255), (pad, pad, width, height))
    return surf


@pytest.mark.parametrize("diameter", [b for b in BLUR_LEVELS_PX if b > 0])
@pytest.mark.parametrize("size", [(300, 200), (900, 600)])
def test_blur_spread_is_a_quarter_of_the_blur_circle(diameter, size):
    pad = blur_pad_px(diameter) + 4
    out = blur_surface(block(*size, pad), diameter)
    sigma, _ = edge_spread_px(pygame.surfarray.pixels_alpha(out)[:, out.get_height() // 2].copy())
    assert sigma == pytest.approx(diameter / 4, rel=0.07)


@pytest.mark.parametrize("diameter", [b for b in BLUR_LEVELS_PX if b > 0])
@pytest.mark.parametrize("size", [(250, 60), (500, 1000)])  # measured across: wide enough for 6 σ
def test_sprite_spread_and_edge_hold_when_made_at_reduced_size(diameter, size):
    """Big blurs (and big sprites) are drawn small, blurred and enlarged: same spread, same place."""
    w, h = size

    def draw(i, step, surf: pygame.Surface) -> None:
        surf.fill((255, 255, 255, 255), (0, 0, w, h))

    sprites = Sprites(lambda i, step: (w, h), draw, 64 << 20)
    key = (0, 0, BLUR_LEVELS_PX.index(diameter))
    sprite, (ax, _), _ = sprites.make_now(key)
    # The margin is as wide as the blur reaches: the first pixel may be the blur's outermost,
    # and what is left of it is transparent.
    row = np.concatenate(([0], pygame.surfarray.pixels_alpha(sprite)[:, sprite.get_height() // 2]))
    sigma, edge = edge_spread_px(row)
    assert sigma == pytest.approx(diameter / 4, rel=0.12)
    # The block's edge: where it is in the sprite, to a pixel, half its width left of the anchor.
    assert edge - 1 == pytest.approx(ax - w / 2, abs=1.0)
    assert ax - w / 2 == sprites.layout(key).pad


@pytest.mark.parametrize("diameter", [0, 1.5, 4, 11, 48, 112])
@pytest.mark.parametrize("into", ["itself", "another surface"])
def test_a_blur_done_in_bands_is_the_blur_done_at_once(diameter, into):
    rng = np.random.default_rng(7)
    whole = pygame.Surface((230, 900), pygame.SRCALPHA)
    px = pixels(whole)
    px[...] = rng.integers(0, 256, px.shape, dtype=np.uint8)
    del px
    source = whole.copy()
    BlurJob(whole, diameter).run()
    banded = source.copy() if into == "itself" else pygame.Surface((230, 900), pygame.SRCALPHA)
    job = BlurJob(source if into != "itself" else banded, diameter, band_px=5_000, out=banded)
    steps = 0
    while not job.done:
        job.step()
        steps += 1
    assert steps > 4 or (diameter == 0 and into == "itself")
    assert np.array_equal(pixels(whole), pixels(banded))


@pytest.mark.parametrize("level", [1, 6, 11, len(BLUR_LEVELS_PX) - 1])
def test_background_tile_has_no_seam_where_it_wraps(level):
    """The tile is the middle period of an endless backdrop blurred: panning across the wrap shows no seam."""
    from bbf_sim.core import optics
    from bbf_sim.ui.finder.backdrop import Backdrop
    from bbf_sim.ui.finder.background import BackgroundLayer
    from bbf_sim.ui.finder.view import FrameGeometry

    lv = load_level(resolve_level_path("sports-obstruction"))
    geometry = FrameGeometry(480, 320, optics.SENSORS[lv.camera.sensor], lv.camera.focal_mm)
    layer = BackgroundLayer(Backdrop(lv, 1.5), geometry)
    tile = layer.tile(level)
    sharp = layer._sharp
    period, m, h = layer.period, layer.margin, sharp.get_height()
    strip = pygame.Surface((3 * period, h), 0, sharp)
    for k in range(3):
        strip.blit(sharp, (k * period, 0), (m, 0, period, h))
    endless = blur_surface(strip, BLUR_LEVELS_PX[level], repeat_edges=True)
    middle = pygame.surfarray.array3d(endless.subsurface((period, 0, period, h)))
    assert np.array_equal(pygame.surfarray.array3d(tile), middle)


@pytest.mark.parametrize("level", range(1, len(BLUR_LEVELS_PX)))
def test_a_thin_shape_keeps_its_weight_whatever_size_its_blur_is_done_at(level, monkeypatch):
    """A defocused branch spreads its coverage; it must not gain any by being blurred small."""
    from bbf_sim.core import optics
    from bbf_sim.ui.finder import sprite_layout
    from bbf_sim.ui.finder.objects import SIZE_STEP
    from bbf_sim.ui.finder.render import Renderer

    lv = load_level(resolve_level_path("wildlife-branches"))
    branch = next(i for i, o in enumerate(lv.objects) if o.shape == "branch")
    step = round(math.log(700) / math.log(SIZE_STEP))  # a branch 700 px long, a few px thick

    def mass(reduce: bool) -> float:
        if not reduce:
            monkeypatch.setattr(sprite_layout, "reduction", lambda d, px: 1)
        renderer = Renderer(lv, optics.SENSORS[lv.camera.sensor], (1280, 853))  # no layouts kept from before
        surf, _, _ = renderer.sprites.make_now((branch, step, level))
        monkeypatch.undo()
        return float(pygame.surfarray.array_alpha(surf).astype(np.int64).sum())

    assert mass(reduce=True) == pytest.approx(mass(reduce=False), rel=0.03)
