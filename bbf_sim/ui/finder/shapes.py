"""Procedural drawing of every object shape a level can name, inside the object's box.

Each function draws opaque pixels into `rect` of a transparent surface (so the result
is premultiplied, see `blur`). Shapes are drawn with contrasty detail (eyes, stripes,
edges) on purpose: detail is what shows a photographer whether focus landed.
"""

from __future__ import annotations

import pygame

Colour = tuple[int, int, int]


def hex_colour(text: str) -> Colour:
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def shade(c: Colour, factor: float) -> Colour:
    """Darker (factor < 1) or lighter (> 1) version of a colour."""

    def channel(v: int) -> int:
        return max(0, int(v * factor)) if factor <= 1 else min(255, int(v + (255 - v) * (factor - 1)))

    return channel(c[0]), channel(c[1]), channel(c[2])


SKIN = (214, 168, 130)
DARK = (28, 24, 22)
HAIR = (72, 50, 34)


def _r(rect: pygame.Rect, x0: float, y0: float, x1: float, y1: float) -> pygame.Rect:
    """A sub-rectangle by fractions of `rect` (x0, y0 top-left to x1, y1 bottom-right)."""
    return pygame.Rect(
        rect.x + round(rect.w * x0),
        rect.y + round(rect.h * y0),
        max(1, round(rect.w * (x1 - x0))),
        max(1, round(rect.h * (y1 - y0))),
    )


def _p(rect: pygame.Rect, x: float, y: float) -> tuple[int, int]:
    return rect.x + round(rect.w * x), rect.y + round(rect.h * y)


def _lw(rect: pygame.Rect, frac: float) -> int:
    return max(1, round(min(rect.w, rect.h) * frac))


def fill_rect(s: pygame.Surface, colour, rect) -> None:
    """A filled rectangle, the same pixels as `pygame.draw.rect` draws.

    Drawn as a polygon: SDL's rectangle fill writes about 6 GB/s on this machine, pygame's
    polygon scanlines six times faster, and a near subject's body is most of a megapixel.
    """
    r = pygame.Rect(rect)
    if r.w > 0 and r.h > 0:
        right, bottom = r.right - 1, r.bottom - 1
        pygame.draw.polygon(s, colour, [r.topleft, (right, r.top), (right, bottom), (r.left, bottom)])


def draw_face(s, rect, c):
    pygame.draw.ellipse(s, HAIR, _r(rect, 0.02, 0.0, 0.98, 0.55))
    pygame.draw.ellipse(s, c, _r(rect, 0.08, 0.1, 0.92, 1.0))
    for ex in (0.3, 0.7):  # eyes: the thing a portrait is focused on
        pygame.draw.ellipse(s, (245, 245, 240), _r(rect, ex - 0.12, 0.42, ex + 0.12, 0.52))
        pygame.draw.ellipse(s, DARK, _r(rect, ex - 0.05, 0.42, ex + 0.05, 0.52))
        pygame.draw.line(s, shade(DARK, 1.5), _p(rect, ex - 0.14, 0.37), _p(rect, ex + 0.12, 0.36), _lw(rect, 0.03))
    pygame.draw.line(s, shade(c, 0.7), _p(rect, 0.5, 0.5), _p(rect, 0.46, 0.68), _lw(rect, 0.03))
    pygame.draw.arc(s, (150, 60, 60), _r(rect, 0.32, 0.66, 0.68, 0.86), 3.5, 5.9, _lw(rect, 0.035))


def _figure(s, rect, c, head_frac=0.16, arms="down", legs="stand", skin=SKIN):
    """A standing figure: head, torso in the object's colour, arms and legs."""
    head = head_frac
    pygame.draw.ellipse(s, skin, _r(rect, 0.5 - head * 1.1, 0.0, 0.5 + head * 1.1, head * 1.05))
    pygame.draw.ellipse(s, DARK, _r(rect, 0.5 - head * 1.1, 0.0, 0.5 + head * 1.1, head * 0.4))
    torso = _r(rect, 0.22, head, 0.78, 0.58)
    pygame.draw.rect(s, c, torso, border_radius=max(1, torso.w // 5))
    fill_rect(s, shade(c, 0.55), _r(rect, 0.22, 0.5, 0.78, 0.58))  # belt line: an edge to focus on
    pygame.draw.line(s, shade(c, 1.5), _p(rect, 0.5, head + 0.02), _p(rect, 0.5, 0.5), _lw(rect, 0.04))
    aw = _lw(rect, 0.14)
    if arms == "down":
        pygame.draw.line(s, shade(c, 0.8), _p(rect, 0.16, head + 0.04), _p(rect, 0.1, 0.55), aw)
        pygame.draw.line(s, shade(c, 0.8), _p(rect, 0.84, head + 0.04), _p(rect, 0.9, 0.55), aw)
    elif arms == "run":
        pygame.draw.line(s, shade(c, 0.8), _p(rect, 0.2, head + 0.05), _p(rect, 0.02, 0.4), aw)
        pygame.draw.line(s, shade(c, 0.8), _p(rect, 0.8, head + 0.05), _p(rect, 0.98, 0.28), aw)
    else:  # raised: a performer, a cheering child
        pygame.draw.line(s, shade(c, 0.8), _p(rect, 0.2, head + 0.05), _p(rect, 0.03, 0.0), aw)
        pygame.draw.line(s, shade(c, 0.8), _p(rect, 0.8, head + 0.05), _p(rect, 0.97, 0.0), aw)
    lw = _lw(rect, 0.18)
    trousers = (40, 44, 58)
    if legs == "run":
        pygame.draw.line(s, trousers, _p(rect, 0.4, 0.57), _p(rect, 0.1, 0.98), lw)
        pygame.draw.line(s, trousers, _p(rect, 0.6, 0.57), _p(rect, 0.85, 0.8), lw)
        pygame.draw.line(s, trousers, _p(rect, 0.85, 0.8), _p(rect, 0.75, 1.0), lw)
    else:
        pygame.draw.line(s, trousers, _p(rect, 0.38, 0.57), _p(rect, 0.35, 1.0), lw)
        pygame.draw.line(s, trousers, _p(rect, 0.62, 0.57), _p(rect, 0.65, 1.0), lw)


def draw_person(s, rect, c):
    if rect.h < rect.w * 1.2:  # a bust or shoulders (portraits): no legs
        pygame.draw.ellipse(s, c, _r(rect, 0.0, 0.15, 1.0, 1.6))
        pygame.draw.polygon(s, shade(c, 0.6), [_p(rect, 0.42, 0.15), _p(rect, 0.5, 0.45), _p(rect, 0.58, 0.15)])
        return
    _figure(s, rect, c)


def draw_runner(s, rect, c):
    _figure(s, rect, c, arms="run", legs="run")
    # A race number: high-contrast detail on the torso.
    fill_rect(s, (245, 245, 245), _r(rect, 0.34, 0.25, 0.66, 0.4))
    pygame.draw.line(s, DARK, _p(rect, 0.45, 0.27), _p(rect, 0.45, 0.38), _lw(rect, 0.04))
    pygame.draw.line(s, DARK, _p(rect, 0.56, 0.27), _p(rect, 0.56, 0.38), _lw(rect, 0.04))


def draw_child(s, rect, c):
    _figure(s, rect, c, head_frac=0.22, arms="raised")


def draw_performer(s, rect, c):
    _figure(s, rect, c, arms="raised")
    pygame.draw.line(s, (230, 210, 120), _p(rect, 0.5, 0.2), _p(rect, 0.5, 0.5), _lw(rect, 0.05))


def draw_bird(s, rect, c):
    pygame.draw.ellipse(s, c, _r(rect, 0.15, 0.35, 0.85, 0.75))
    pygame.draw.polygon(s, shade(c, 0.6), [_p(rect, 0.3, 0.45), _p(rect, 0.55, 0.0), _p(rect, 0.7, 0.45)])
    pygame.draw.polygon(s, shade(c, 0.5), [_p(rect, 0.3, 0.6), _p(rect, 0.0, 0.5), _p(rect, 0.2, 0.7)])
    pygame.draw.circle(s, c, _p(rect, 0.82, 0.42), max(1, round(rect.h * 0.13)))
    pygame.draw.circle(s, DARK, _p(rect, 0.86, 0.38), max(1, round(rect.h * 0.04)))
    pygame.draw.polygon(s, (230, 170, 40), [_p(rect, 0.92, 0.4), _p(rect, 1.0, 0.46), _p(rect, 0.92, 0.5)])


def draw_animal(s, rect, c):
    pygame.draw.ellipse(s, c, _r(rect, 0.1, 0.25, 0.8, 0.7))
    pygame.draw.ellipse(s, c, _r(rect, 0.7, 0.1, 1.0, 0.45))
    pygame.draw.circle(s, DARK, _p(rect, 0.9, 0.22), max(1, round(rect.h * 0.04)))
    for x in (0.2, 0.32, 0.6, 0.72):
        pygame.draw.line(s, shade(c, 0.6), _p(rect, x, 0.6), _p(rect, x, 1.0), _lw(rect, 0.07))
    pygame.draw.line(s, shade(c, 0.6), _p(rect, 0.12, 0.35), _p(rect, 0.0, 0.6), _lw(rect, 0.04))


def draw_flower(s, rect, c):
    pygame.draw.line(s, (60, 120, 50), _p(rect, 0.5, 0.5), _p(rect, 0.5, 1.0), _lw(rect, 0.06))
    r = max(1, round(min(rect.w, rect.h) * 0.2))
    cx, cy = _p(rect, 0.5, 0.3)
    for dx, dy in ((-1, 0), (1, 0), (0, -1), (0, 1), (-0.7, -0.7), (0.7, -0.7), (-0.7, 0.7), (0.7, 0.7)):
        pygame.draw.circle(s, c, (cx + round(dx * r), cy + round(dy * r)), r)
    pygame.draw.circle(s, (240, 200, 40), (cx, cy), max(1, r * 2 // 3))
    pygame.draw.circle(s, DARK, (cx, cy), max(1, r // 4))


def draw_insect(s, rect, c):
    pygame.draw.ellipse(s, (220, 230, 240), _r(rect, 0.2, 0.0, 0.55, 0.45))
    pygame.draw.ellipse(s, (220, 230, 240), _r(rect, 0.45, 0.0, 0.8, 0.45))
    pygame.draw.ellipse(s, c, _r(rect, 0.05, 0.35, 0.75, 0.75))
    for x in (0.2, 0.35, 0.5):
        pygame.draw.line(s, DARK, _p(rect, x, 0.37), _p(rect, x, 0.73), _lw(rect, 0.05))
    pygame.draw.circle(s, DARK, _p(rect, 0.82, 0.52), max(1, round(rect.h * 0.14)))
    for x in (0.3, 0.45, 0.6):
        pygame.draw.line(s, DARK, _p(rect, x, 0.7), _p(rect, x - 0.08, 1.0), _lw(rect, 0.03))


def draw_branch(s, rect, c):
    w = _lw(rect, 0.08)
    pygame.draw.line(s, c, _p(rect, 0.0, 0.7), _p(rect, 1.0, 0.35), w)
    pygame.draw.line(s, c, _p(rect, 0.4, 0.56), _p(rect, 0.6, 0.05), max(1, w // 2))
    pygame.draw.line(s, c, _p(rect, 0.7, 0.45), _p(rect, 0.95, 0.85), max(1, w // 2))
    for x, y in ((0.58, 0.1), (0.93, 0.8), (0.2, 0.6), (0.8, 0.3)):
        pygame.draw.ellipse(s, (70, 130, 55), _r(rect, x - 0.07, y - 0.08, x + 0.07, y + 0.08))


def draw_post(s, rect, c):
    fill_rect(s, c, rect)
    step = max(2, rect.w)
    for y in range(rect.y, rect.bottom, step * 2):  # bands: the contrast AF reads
        fill_rect(s, shade(c, 0.45), (rect.x, y, rect.w, min(step, rect.bottom - y)))


def draw_ball(s, rect, c):
    pygame.draw.ellipse(s, c, rect)
    pygame.draw.arc(s, DARK, _r(rect, -0.3, 0.1, 0.5, 0.9), -1.2, 1.2, _lw(rect, 0.06))
    pygame.draw.arc(s, DARK, _r(rect, 0.5, 0.1, 1.3, 0.9), 1.9, 4.4, _lw(rect, 0.06))


def draw_card(s, rect, c):
    """A flat-ish object (a vase, a sign, a test card): body, highlight and a printed pattern."""
    pygame.draw.rect(s, c, rect, border_radius=max(0, rect.w // 8))
    fill_rect(s, shade(c, 1.6), _r(rect, 0.12, 0.05, 0.25, 0.9))
    for i in range(3):
        y = 0.3 + i * 0.2
        pygame.draw.line(s, shade(c, 0.4), _p(rect, 0.3, y), _p(rect, 0.9, y), _lw(rect, 0.05))
    pygame.draw.circle(s, (240, 235, 220), _p(rect, 0.6, 0.2), max(1, round(rect.w * 0.1)))


def draw_edge(s, rect, c):
    """A test edge: half dark, half the colour, the sharpest thing a lens can be asked to render."""
    fill_rect(s, c, rect)
    fill_rect(s, DARK, _r(rect, 0.0, 0.0, 0.5, 1.0))


DRAWERS = {
    "face": draw_face,
    "person": draw_person,
    "runner": draw_runner,
    "bird": draw_bird,
    "animal": draw_animal,
    "flower": draw_flower,
    "insect": draw_insect,
    "branch": draw_branch,
    "post": draw_post,
    "ball": draw_ball,
    "card": draw_card,
    "child": draw_child,
    "performer": draw_performer,
    "edge": draw_edge,
}


def opaque_core(shape: str, rect: pygame.Rect) -> pygame.Rect | None:
    """A rectangle of `rect` that `draw_shape` covers with opaque pixels, None where there is
    none worth having. What an opaque core hides need not be drawn (`render.Renderer.draw`):
    a near post or wall filling the frame hides most of the scene."""
    if rect.w < 4 or rect.h < 4 or shape in ("edge", "post"):
        return pygame.Rect(rect)
    if shape == "card":  # a rounded rectangle: between its corners, opaque top to bottom
        r = max(0, rect.w // 8)
        return pygame.Rect(rect.x + r, rect.y, rect.w - 2 * r, rect.h)
    if shape == "ball" and min(rect.w, rect.h) >= 16:
        # An ellipse holds the rectangle of its sides/√2 (0.15 to 0.85); drawn small, a little less.
        return _r(rect, 0.2, 0.2, 0.8, 0.8)
    return None


def draw_shape(surface: pygame.Surface, rect: pygame.Rect, shape: str, colour: Colour) -> None:
    """Draw `shape` filling `rect`; tiny objects become a plain block (no detail survives)."""
    if rect.w < 4 or rect.h < 4:
        fill_rect(surface, colour, rect)
        return
    DRAWERS[shape](surface, rect, colour)
