"""Cached text surfaces: freetype renders once per (text, size, colour), converted for fast blits.

The font is the one the game ships (`bbf_sim.assets`, the repository's `assets/`):
DejaVu Sans Condensed, about as wide as pygame's default but with the signs the game
writes (∞, ±, ×, ≥, arrows) that the default draws as empty boxes.

Every size is drawn by one `freetype.Font`, its size given per call: FreeType keeps
only two faces open, and each `Font` object is a face of its own, so with the HUD's
five or six sizes as separate fonts most renders reopened the font file (about
0.4 ms each, against 0.03 ms for a render with the face open). Same pixels either way.
"""

from __future__ import annotations

import io
from collections import OrderedDict
from importlib import resources

import pygame
import pygame.freetype

TEXT_CACHE_ENTRIES = 768  # a few screens' worth of labels; the info line changes every frame
# The text-size setting: every screen's text sizes times this (layouts follow, since they
# space lines by the size they draw with). The viewfinder's HUD keeps its own sizes.
TEXT_SIZES = {"small": 0.85, "normal": 1.0, "large": 1.2, "larger": 1.4}
_text_scale = [1.0]


def use_text_size(name: str) -> None:
    """Make `name` (a key of TEXT_SIZES) the size every screen draws its text at from the next frame."""
    _text_scale[0] = TEXT_SIZES[name]


def scaled(size_px: int) -> int:
    """A screen's text size in pixels, times the player's text-size setting."""
    return max(10, round(size_px * _text_scale[0]))


def layout_height_px(window_h_px: int, window_w_px: int | None = None) -> int:
    """The height text is sized by: the window's, or that of a 16:9 window as wide, if less.

    The screens are laid out for 16:9 and wider; in a squarer or portrait window, text
    sized by the height alone would outgrow the width its lines have.
    """
    if window_w_px is None:
        return window_h_px
    return min(window_h_px, window_w_px * 9 // 16)


def body_px(window_h_px: int, window_w_px: int | None = None) -> int:
    """The body text size of a screen `window_h_px` high: 1/36 of it (15 px at least), then the setting.

    Larger text grows as far as the window has room for (1/30 of its height): a screen's
    rows are laid out for about 30 lines of body text. With the width, the height is
    `layout_height_px`'s.
    """
    h = layout_height_px(window_h_px, window_w_px)
    return min(scaled(max(15, h // 36)), max(15, h // 30))


FONT_FILE = "DejaVuSansCondensed.ttf"  # in bbf_sim.assets, with its licence beside it


def font_bytes() -> bytes:
    """The shipped font file's contents (read through importlib.resources, so any install finds it)."""
    return resources.files("bbf_sim.assets").joinpath(FONT_FILE).read_bytes()


class TextCache:
    """Renders text with the shipped font and keeps the most recent surfaces (LRU)."""

    def __init__(self, max_entries: int = TEXT_CACHE_ENTRIES):
        if not pygame.freetype.get_init():
            pygame.freetype.init()
        self._font = pygame.freetype.Font(io.BytesIO(font_bytes()))
        self._font.pad = True  # every line the same height, so labels line up
        self._cache: OrderedDict[tuple, pygame.Surface] = OrderedDict()
        self._wraps: OrderedDict[tuple, list[str]] = OrderedDict()
        self._word_w: dict[tuple[str, int], int] = {}
        self.max_entries = max_entries

    def render(self, text: str, size_px: int, colour=(235, 235, 235), bold: bool = False) -> pygame.Surface:
        key = (text, size_px, tuple(colour), bold)
        surf = self._cache.get(key)
        if surf is not None:
            self._cache.move_to_end(key)
            return surf
        surf, _ = self._font.render(
            text,
            colour,
            style=pygame.freetype.STYLE_STRONG if bold else pygame.freetype.STYLE_DEFAULT,
            size=size_px,
        )
        # A freetype surface blits several times slower until converted (DESIGN §4).
        if pygame.display.get_surface() is not None:
            surf = surf.convert_alpha()
        self._cache[key] = surf
        if len(self._cache) > self.max_entries:
            self._cache.popitem(last=False)
        return surf

    def blit(
        self, target: pygame.Surface, text: str, pos, size_px: int, colour=(235, 235, 235), anchor="topleft", bold=False
    ):
        surf = self.render(text, size_px, colour, bold)
        rect = surf.get_rect(**{anchor: pos})
        target.blit(surf, rect)
        return rect

    def width(self, text: str, size_px: int) -> int:
        if (text, size_px, (235, 235, 235), False) in self._cache:
            return self._cache[(text, size_px, (235, 235, 235), False)].get_width()
        # Measuring needs no surface: a wrapped paragraph would otherwise render every prefix.
        return self._font.get_rect(text, size=size_px).width

    def fit(self, text: str, width_px: int, size_px: int) -> str:
        """`text`, cut short with an ellipsis if it is wider than `width_px` (long names on a small window)."""
        if width_px <= 0 or self.width(text, size_px) <= width_px:
            return text
        while len(text) > 1 and self.width(text + "…", size_px) > width_px:
            text = text[:-1]
        return text.rstrip() + "…"

    def draw_wrapped(
        self, target: pygame.Surface, text: str, x: int, y: int, width_px: int, size_px: int, colour, gap_px: int = 4
    ) -> int:
        """`text` wrapped to `width_px` and drawn from (`x`, `y`) down; returns the y below its last line."""
        for line in self.wrap(text, width_px, size_px):
            self.blit(target, line, (x, y), size_px, colour)
            y += size_px + gap_px
        return y

    def wrap(self, text: str, width_px: int, size_px: int) -> list[str]:
        """`text` broken into lines no wider than `width_px` (cached: the finder redraws it every frame)."""
        key = (text, width_px, size_px)
        lines = self._wraps.get(key)
        if lines is not None:
            return lines
        # Sum of word widths (each measured once) instead of measuring every growing prefix.
        space = self._font.get_rect(" ", size=size_px).width or size_px // 3
        lines, line, line_w = [], "", 0
        for word in text.split():
            w = self._word_w.get((word, size_px))
            if w is None:
                w = self._word_w[(word, size_px)] = self._font.get_rect(word, size=size_px).width
            if line and line_w + space + w > width_px:
                lines.append(line)
                line, line_w = word, w
            else:
                line, line_w = (f"{line} {word}", line_w + space + w) if line else (word, w)
        if line:
            lines.append(line)
        self._wraps[key] = lines
        if len(self._wraps) > 256:
            self._wraps.popitem(last=False)
        return lines
