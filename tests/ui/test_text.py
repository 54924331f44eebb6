"""The text cache: one font object serves every size, with the pixels of a font made for that size."""

from __future__ import annotations

import io

import numpy as np
import pygame
import pygame.freetype

from bbf_sim.ui.text import TextCache, font_bytes


def _rgba(surf: pygame.Surface) -> np.ndarray:
    return np.dstack([pygame.surfarray.array3d(surf), pygame.surfarray.array_alpha(surf)])


def test_every_size_renders_as_a_font_of_that_size_would(small_display):
    cache = TextCache()
    # Sizes interleaved, as the HUD asks for them: each render must use its own size.
    for size in (36, 23, 25, 22, 24, 21, 36, 23):
        own = pygame.freetype.Font(io.BytesIO(font_bytes()), size)
        own.pad = True
        for text, bold in (("58 s left", False), ("[998]", False), ("miss", True)):
            style = pygame.freetype.STYLE_STRONG if bold else pygame.freetype.STYLE_DEFAULT
            expected, _ = own.render(text, (150, 230, 150), style=style)
            got = cache.render(text, size, (150, 230, 150), bold=bold)
            assert got.get_size() == expected.get_size(), (text, size)
            assert np.array_equal(_rgba(got), _rgba(expected.convert_alpha())), (text, size)
            assert cache.width(text + " ", size) == own.get_rect(text + " ").width


def test_the_shipped_font_has_the_signs_the_game_writes(small_display):
    # pygame's default font has no glyph for infinity (a DoF far limit) nor for arrows: boxes on screen.
    signs = "∞±×≥≤→½°"
    assert None in pygame.freetype.Font(None).get_metrics(signs, size=16), "the reason to ship a font"
    assert None not in pygame.freetype.Font(io.BytesIO(font_bytes())).get_metrics(signs, size=16)


def test_a_changed_value_gets_its_own_surface(small_display):
    cache = TextCache()
    first = cache.render("frames 1", 20)
    second = cache.render("frames 2", 20)
    assert first is not second
    assert not np.array_equal(_rgba(first), _rgba(second))
    assert cache.render("frames 1", 20) is first
    assert cache.render("frames 1", 21).get_height() != first.get_height()


def test_wrapping_measures_at_the_size_asked_for(small_display):
    cache = TextCache()
    text = "focus at 6.7 m but the runner was at 24.5 m"
    small, large = cache.wrap(text, 150, 12), cache.wrap(text, 150, 24)
    assert len(large) > len(small)
    for size, lines in ((12, small), (24, large)):
        assert all(cache.width(line, size) <= 150 for line in lines)
        assert " ".join(lines) == text
