"""What the menu screens share: menu navigation from any device, and list drawing.

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

from bbf_sim.ui.palette import AMBER, DIM, LCD, ROW_SELECTED, WHITE
from bbf_sim.ui.text import body_px
from bbf_sim.ui.verbs import hints


def text_size(h: int, w: int | None = None) -> int:
    """The body text size for a window `h` pixels high and `w` wide (the results screen's rule)."""
    return body_px(h, w)


def screen_text_size(screen: pygame.Surface) -> int:
    """The body text size for this window."""
    w, h = screen.get_size()
    return body_px(h, w)


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
    m, size = margin(w), text_size(h, w)
    app.text.blit(screen, title, (m, m), size + 10, WHITE, bold=True)
    y = m + size + 18
    if subtitle:
        app.text.blit(screen, subtitle, (m, y), size, AMBER)
        y += size + 10
    return y + 8


def draw_footer(app, screen, hint_text: str) -> None:
    """Key hints on the bottom line, in the same grey as review and results."""
    w, h = screen.get_size()
    m, size = margin(w), text_size(h, w)
    app.text.blit(screen, hint_text, (m, h - m), size - 1, DIM, anchor="bottomleft")


def footer(app, items) -> str:
    """A screen's hints (`verbs.hints` items) in the names of the device the player used last."""
    return hints(items, app.input.pad_last)


def draw_finder_line(app, screen, parts: list[str], y: int | None = None) -> None:
    """A strip in the viewfinder's info-line green: the camera as it is set up now."""
    w, h = screen.get_size()
    size = text_size(h, w)
    strip_h = size + 14
    top = h - margin(w) - 2 * size - 32 if y is None else y
    pygame.draw.rect(screen, (0, 0, 0), (0, top, w, strip_h))
    app.text.blit(screen, "    ".join(parts), (w // 2, top + strip_h // 2), size + 2, LCD, anchor="center")


def draw_selection(screen, rect: pygame.Rect, colour=AMBER) -> None:
    """The selected row: a lighter band with a bar on its left, as the play screen marks its AF point."""
    pygame.draw.rect(screen, ROW_SELECTED, rect, border_radius=4)
    pygame.draw.rect(screen, colour, (rect.x, rect.y, 5, rect.h), border_top_left_radius=4, border_bottom_left_radius=4)


def percent(rate: float | None) -> str:
    return "–" if rate is None else f"{rate:.0%}"
