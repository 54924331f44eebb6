"""What the drill's screens draw with: the window's colours, a line cut to fit, a paragraph wrapped.

Shared by the menu scene, the maker's menu and the score panel; no scene of its own.
"""

from __future__ import annotations

BG = (18, 19, 22)
TEXT = (230, 230, 230)
DIM = (150, 150, 150)
INFO_BLUE = (170, 210, 255)


def fit(text_cache, text: str, size_px: int, max_w: int) -> str:
    """`text`, cut short with '...' if it is wider than `max_w` (long option names on a small screen)."""
    if max_w <= 0 or text_cache.width(text, size_px) <= max_w:
        return text
    while len(text) > 1 and text_cache.width(text + "...", size_px) > max_w:
        text = text[:-1]
    return text.rstrip() + "..."


def wrapped(text_cache, screen, text: str, x: int, y: int, width: int, size: int, colour) -> int:
    """`text` wrapped to `width` [px] and drawn from (`x`, `y`) down; the y below its last line."""
    for line in text_cache.wrap(text, width, size):
        text_cache.blit(screen, line, (x, y), size, colour)
        y += size + 4
    return y
