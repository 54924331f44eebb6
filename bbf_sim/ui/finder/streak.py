"""Motion blur for photos: a sprite smeared along the way its object moved during the exposure."""

from __future__ import annotations

import math

import pygame


def motion_streak(sprite: pygame.Surface, dx_px: float, dy_px: float) -> pygame.Surface:
    """The sprite smeared along (dx, dy): the average of copies along the streak (premultiplied)."""
    length = math.hypot(dx_px, dy_px)
    if length < 1.0:
        return sprite
    n = int(min(24, max(3, length / 2)))
    w, h = sprite.get_size()
    out = pygame.Surface((w + math.ceil(abs(dx_px)), h + math.ceil(abs(dy_px))), pygame.SRCALPHA)
    part = sprite.copy()
    k = max(1, round(255 / n))
    part.fill((k, k, k, k), special_flags=pygame.BLEND_RGBA_MULT)
    ox = -dx_px if dx_px < 0 else 0.0
    oy = -dy_px if dy_px < 0 else 0.0
    for j in range(n):
        f = j / (n - 1)
        out.blit(part, (round(ox + dx_px * f), round(oy + dy_px * f)), special_flags=pygame.BLEND_RGBA_ADD)
    return out
