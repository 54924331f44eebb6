"""What the menu screens share: one palette, menu navigation from any device, and list drawing.

Menus read `InputFrame.pressed` (binding strings) rather than pygame events, so the
keyboard, the mouse wheel and a gamepad's d-pad, stick and A/B buttons all move the
same cursor:

| verb | keyboard | mouse | gamepad |
|---|---|---|---|
| up / down / left / right | arrows, W A S D | wheel (up / down) | d-pad, left stick (repeats while held) |
| ok | Enter, Space | left click on a row | A (button 0) |
| back | Escape, Backspace | right click | B (button 1) |
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from bbf_sim.ui.finder.hud import AMBER, LCD, WHITE
from bbf_sim.ui.verbs import hints

BG = (20, 22, 26)  # the results screen's background
PANEL = (30, 33, 39)
ROW_SELECTED = (46, 52, 62)
DIM = (160, 160, 160)
SOFT = (205, 205, 205)
LOCKED = (115, 118, 124)
BROKEN = (240, 110, 95)
INFO_BLUE = (170, 210, 255)


def text_size(h: int) -> int:
    """The body text size for a window `h` pixels high (the results screen's rule)."""
    return max(15, h // 36)


def margin(w: int) -> int:
    return max(16, w // 50)


def left_clicks(inp) -> list[tuple[int, int]]:
    return [pos for button, pos in inp.clicks if button == 1]


@dataclass
class Row:
    """One selectable line of a list: where it was drawn, and what it stands for."""

    rect: pygame.Rect
    index: int


def row_at(rows: list[Row], pos) -> int | None:
    for r in rows:
        if r.rect.collidepoint(pos):
            return r.index
    return None


def draw_title(app, screen, title: str, subtitle: str = "") -> int:
    """The screen's title and subtitle at the top left; returns the y below them."""
    w, h = screen.get_size()
    m, size = margin(w), text_size(h)
    app.text.blit(screen, title, (m, m), size + 10, WHITE, bold=True)
    y = m + size + 18
    if subtitle:
        app.text.blit(screen, subtitle, (m, y), size, AMBER)
        y += size + 10
    return y + 8


def draw_footer(app, screen, hint_text: str) -> None:
    """Key hints on the bottom line, in the same grey as review and results."""
    w, h = screen.get_size()
    m, size = margin(w), text_size(h)
    app.text.blit(screen, hint_text, (m, h - m), size - 1, DIM, anchor="bottomleft")


def footer(app, items) -> str:
    """A screen's hints (`verbs.hints` items) in the names of the device the player used last."""
    return hints(items, app.input.pad_last)


def draw_finder_line(app, screen, parts: list[str], y: int | None = None) -> None:
    """A strip in the viewfinder's info-line green: the camera as it is set up now."""
    w, h = screen.get_size()
    size = text_size(h)
    strip_h = size + 14
    top = h - margin(w) - 2 * size - 32 if y is None else y
    pygame.draw.rect(screen, (0, 0, 0), (0, top, w, strip_h))
    app.text.blit(screen, "    ".join(parts), (w // 2, top + strip_h // 2), size + 2, LCD, anchor="center")


def draw_selection(screen, rect: pygame.Rect, colour=AMBER) -> None:
    """The selected row: a lighter band with a bar on its left, as the play screen marks its AF point."""
    pygame.draw.rect(screen, ROW_SELECTED, rect, border_radius=4)
    pygame.draw.rect(screen, colour, (rect.x, rect.y, 5, rect.h), border_top_left_radius=4, border_bottom_left_radius=4)


def wrap_blit(app, screen, text: str, x: int, y: int, width: int, size: int, colour=SOFT, gap: int = 4) -> int:
    """Wrapped text; returns the y below it."""
    for line in app.text.wrap(text, width, size):
        app.text.blit(screen, line, (x, y), size, colour)
        y += size + gap
    return y


def fit(app, text: str, width: int, size: int) -> str:
    """`text` cut with an ellipsis to fit `width` pixels."""
    if app.text.width(text, size) <= width:
        return text
    while text and app.text.width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"
