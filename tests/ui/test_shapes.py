"""Shapes are drawn fast without drawing anything different."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.ui.finder.shapes import fill_rect

pytestmark = pytest.mark.usefixtures("small_display")


def test_fill_rect_covers_the_pixels_draw_rect_does_clipped_or_not():
    rng = np.random.default_rng(1)
    for k in range(400):
        expected = pygame.Surface((60, 50), pygame.SRCALPHA)
        drawn = pygame.Surface((60, 50), pygame.SRCALPHA)
        rect = pygame.Rect(*rng.integers(-10, 60, 2).tolist(), *rng.integers(0, 40, 2).tolist())
        if k % 2:
            clip = pygame.Rect(*rng.integers(0, 30, 2).tolist(), *rng.integers(1, 60, 2).tolist())
            expected.set_clip(clip)
            drawn.set_clip(clip)
        pygame.draw.rect(expected, (200, 100, 50), rect)
        fill_rect(drawn, (200, 100, 50), rect)
        assert np.array_equal(pygame.surfarray.array2d(expected), pygame.surfarray.array2d(drawn)), rect
