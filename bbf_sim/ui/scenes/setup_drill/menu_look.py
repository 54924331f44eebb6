"""Each maker's menu on the body's rear screen: its colours and layout (`MenuStyle`) and `draw_menu`.

Canon's coloured tabs along the top, Nikon's, Sony's and Fujifilm's tab column on the left,
each with its own selection colour: evoked, not copied. Drawing only: what the menu holds
and where the cursor is come from `SetupDrill.view()`.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from bbf_sim.setup_drill import DrillSpec, SetupDrill
from bbf_sim.setup_drill.menu import Path, Submenu
from bbf_sim.ui.app import App


@dataclass(frozen=True)
class MenuStyle:
    """Colours and layout that evoke one maker's menus."""

    tabs: str  # "top": a row of coloured tabs (Canon); "left": a column of tabs (Nikon, Sony, Fujifilm)
    bg: tuple[int, int, int]
    header_bg: tuple[int, int, int]
    header_text: tuple[int, int, int]
    text: tuple[int, int, int]
    value: tuple[int, int, int]
    highlight_bg: tuple[int, int, int] | None  # None: the active tab's colour
    highlight_text: tuple[int, int, int]
    tab_colours: tuple[tuple[int, int, int], ...]  # one per top-level tab, in menu order
    tab_bg: tuple[int, int, int]
    rule: tuple[int, int, int]  # lines between rows
    ok_button: str  # what the body calls its confirm button
    radius: int  # corner rounding of highlights [px]


STYLES: dict[str, MenuStyle] = {
    # Canon: coloured tabs along the top (shooting red, AF magenta, playback blue, set-up yellow,
    # custom functions orange); the selected row takes its tab's colour.
    "canon": MenuStyle(
        tabs="top",
        bg=(16, 16, 16),
        header_bg=(32, 32, 32),
        header_text=(235, 235, 235),
        text=(235, 235, 235),
        value=(150, 200, 255),
        highlight_bg=None,
        highlight_text=(255, 255, 255),
        tab_colours=((196, 38, 38), (170, 50, 150), (40, 95, 200), (205, 170, 30), (225, 115, 25)),
        tab_bg=(44, 44, 44),
        rule=(48, 48, 48),
        ok_button="SET",
        radius=4,
    ),
    # Nikon: black screen, a column of tabs on the left, the selected row in yellow.
    "nikon": MenuStyle(
        tabs="left",
        bg=(8, 8, 8),
        header_bg=(8, 8, 8),
        header_text=(240, 240, 240),
        text=(235, 235, 235),
        value=(235, 235, 235),
        highlight_bg=(250, 205, 30),
        highlight_text=(10, 10, 10),
        tab_colours=((250, 205, 30),) * 6,
        tab_bg=(36, 36, 36),
        rule=(40, 40, 40),
        ok_button="OK",
        radius=2,
    ),
    # Sony: black with a tab column of coloured icons (focus purple, set-up yellow) and orange selection.
    "sony": MenuStyle(
        tabs="left",
        bg=(0, 0, 0),
        header_bg=(22, 22, 22),
        header_text=(200, 200, 200),
        text=(240, 240, 240),
        value=(200, 200, 200),
        highlight_bg=(240, 110, 20),
        highlight_text=(255, 255, 255),
        tab_colours=((215, 60, 90), (120, 190, 80), (140, 90, 210), (60, 140, 220), (225, 190, 40)),
        tab_bg=(30, 30, 30),
        rule=(34, 34, 34),
        ok_button="centre",  # the centre of the control wheel
        radius=0,
    ),
    # Fujifilm: black and white, capitals, the selected row white with black text.
    "fujifilm": MenuStyle(
        tabs="left",
        bg=(14, 14, 14),
        header_bg=(0, 0, 0),
        header_text=(255, 255, 255),
        text=(235, 235, 235),
        value=(235, 235, 235),
        highlight_bg=(245, 245, 245),
        highlight_text=(0, 0, 0),
        tab_colours=((245, 245, 245),) * 6,
        tab_bg=(40, 40, 40),
        rule=(44, 44, 44),
        ok_button="MENU/OK",
        radius=0,
    ),
}


def _tail_path(text_cache, path: Path, size_px: int, max_w: int) -> str:
    """The deepest levels of `path` that fit, joined with '>' (the full path is under the body)."""
    for first in range(len(path)):
        text = ("... > " if first else "") + " > ".join(path[first:])
        if text_cache.width(text, size_px) <= max_w:
            return text
    return text_cache.fit(path[-1], max_w, size_px)


def _tab_index(spec: DrillSpec, breadcrumbs: Path) -> int:
    labels = [c.label for c in spec.root.children]
    return labels.index(breadcrumbs[0]) if breadcrumbs else 0


def draw_menu(app: App, lcd: pygame.Surface, spec: DrillSpec, drill: SetupDrill, style: MenuStyle) -> None:
    """The menu as the body shows it: tabs, a header with the open path, rows with values, an option list."""
    t = app.text
    view = drill.view()
    w, h = lcd.get_size()
    lcd.fill(style.bg)
    s = max(13, h // 19)
    tab = _tab_index(spec, view.breadcrumbs)
    tabs = spec.tabs
    at_top = len(drill.nav.cursors) == 1
    accent = style.tab_colours[tab % len(style.tab_colours)]
    highlight = style.highlight_bg or accent

    # Tabs: a coloured row along the top, or a column on the left.
    if style.tabs == "top":
        tab_h = round(s * 2.0)
        tw = w / len(tabs)
        for i, node in enumerate(tabs):
            rect = pygame.Rect(round(i * tw), 0, round((i + 1) * tw) - round(i * tw), tab_h)
            colour = style.tab_colours[i % len(style.tab_colours)]
            if i == tab:
                pygame.draw.rect(lcd, colour, rect.inflate(-2, 0), border_top_left_radius=6, border_top_right_radius=6)
                text_colour = (255, 255, 255)
            else:
                pygame.draw.rect(
                    lcd, style.tab_bg, rect.inflate(-2, 0), border_top_left_radius=6, border_top_right_radius=6
                )
                pygame.draw.rect(lcd, colour, (rect.x + 1, rect.bottom - 4, rect.w - 2, 4))
                text_colour = (190, 190, 190)
            if t.width(node.label, s - 3) <= rect.w - 8:
                t.blit(lcd, node.label, rect.center, s - 3, text_colour, anchor="center", bold=i == tab)
            else:  # a long tab name goes on two lines
                small = s - 7
                lines = t.wrap(node.label, rect.w - 8, small)[:2]
                ly = rect.centery - len(lines) * (small + 1) // 2
                for line in lines:
                    t.blit(lcd, t.fit(line, rect.w - 6, small), (rect.centerx, ly), small, text_colour, anchor="midtop")
                    ly += small + 1
        area = pygame.Rect(0, tab_h, w, h - tab_h)
    else:
        col_w = round(w * 0.19)
        pygame.draw.rect(lcd, style.tab_bg, (0, 0, col_w, h))
        th = min(round(s * 2.6), h // len(tabs))
        for i, node in enumerate(tabs):
            rect = pygame.Rect(0, i * th, col_w, th)
            colour = style.tab_colours[i % len(style.tab_colours)]
            if i == tab:
                pygame.draw.rect(lcd, style.bg, rect)
                pygame.draw.rect(lcd, colour, (rect.x, rect.y, 5, rect.h))
            else:
                pygame.draw.rect(lcd, colour, (rect.x + 6, rect.centery - 3, 6, 6))
            lines = t.wrap(node.label, col_w - 22, s - 5)
            if len(lines) > 2 or any(t.width(line, s - 5) > col_w - 22 for line in lines):
                lines = t.wrap(node.label.replace("/", "/ "), col_w - 22, s - 5)  # break after a slash too
            lines = lines[:2]
            ly = rect.centery - len(lines) * (s - 3) // 2
            for line in lines:
                t.blit(
                    lcd,
                    t.fit(line, col_w - 22, s - 5),
                    (18, ly),
                    s - 5,
                    (255, 255, 255) if i == tab else (175, 175, 175),
                )
                ly += s - 3
        area = pygame.Rect(col_w, 0, w - col_w, h)

    # Header: the list being shown, as the path to it.
    header_h = round(s * 1.7)
    header = pygame.Rect(area.x, area.y, area.w, header_h)
    pygame.draw.rect(lcd, style.header_bg, header)
    pygame.draw.rect(lcd, accent, (header.x, header.bottom - 2, header.w, 2))
    title = tabs[tab].label if at_top else _tail_path(t, view.breadcrumbs[:-1], s - 1, round(header.w * 0.86))
    t.blit(
        lcd,
        t.fit(title, header.w - 16, s - 1),
        (header.x + 10, header.centery),
        s - 1,
        style.header_text,
        anchor="midleft",
        bold=True,
    )

    # Rows: at the top level the tab's contents are previewed (dim) until it is entered.
    if at_top:
        node = tabs[tab]
        path: Path = (node.label,)
        rows = [(c.label, isinstance(c, Submenu), drill.values.get((*path, c.label))) for c in node.children]
        cursor = None
    else:
        rows = [(it.label, it.kind == "submenu", it.value) for it in view.items]
        cursor = view.cursor
    list_rect = pygame.Rect(area.x, header.bottom + 4, area.w, area.bottom - header.bottom - 4 - round(s * 1.4))
    row_h = round(s * 1.75)
    visible = max(1, list_rect.h // row_h)
    first = 0 if cursor is None else max(0, min(cursor - visible + 1, len(rows) - visible))
    first = max(0, first)
    label_w = round(list_rect.w * 0.56)
    for i in range(first, min(len(rows), first + visible)):
        label, is_menu, value = rows[i]
        rect = pygame.Rect(list_rect.x + 6, list_rect.y + (i - first) * row_h, list_rect.w - 12, row_h - 2)
        selected = i == cursor
        if selected:
            pygame.draw.rect(lcd, highlight, rect, border_radius=style.radius)
        else:
            pygame.draw.line(lcd, style.rule, (rect.x, rect.bottom + 1), (rect.right, rect.bottom + 1))
        fg = style.highlight_text if selected else (style.text if cursor is not None else (150, 150, 150))
        t.blit(lcd, t.fit(label, label_w - 12, s - 2), (rect.x + 10, rect.centery), s - 2, fg, anchor="midleft")
        right = ">" if is_menu else (value or "")
        vcol = style.highlight_text if selected else (style.value if cursor is not None else (130, 130, 130))
        t.blit(
            lcd,
            t.fit(right, rect.w - label_w - 16, s - 3),
            (rect.right - 10, rect.centery),
            s - 3,
            vcol,
            anchor="midright",
        )
    if len(rows) > visible:  # a scroll bar, as the bodies show one
        bar = pygame.Rect(list_rect.right - 4, list_rect.y, 3, visible * row_h)
        pygame.draw.rect(lcd, style.rule, bar)
        knob_h = max(8, bar.h * visible // len(rows))
        pygame.draw.rect(
            lcd, accent, (bar.x, bar.y + (bar.h - knob_h) * first // max(1, len(rows) - visible), 3, knob_h)
        )

    # Footer: what the buttons do here.
    foot = "OK or right: open" if at_top else f"{style.ok_button}: select   back: up one level   MENU: close"
    if view.editing:
        foot = f"{style.ok_button}: set   back: leave unchanged"
    t.blit(lcd, foot, (area.x + 10, h - 6), s - 5, (150, 150, 150), anchor="bottomleft")

    if view.editing:
        _draw_options(app, lcd, view, drill, style, highlight, s)


def _draw_options(app: App, lcd: pygame.Surface, view, drill: SetupDrill, style: MenuStyle, highlight, s: int) -> None:
    """A setting's option list, over the menu, with the current value marked."""
    t = app.text
    w, h = lcd.get_size()
    current = view.items[view.cursor].value
    opt_s = s - 2
    row_h = round(opt_s * 1.8)
    box_w = min(w - 40, max(t.width(o, opt_s) for o in view.options) + 70)
    box_w = max(box_w, t.width(view.editing, opt_s) + 40)
    box_h = row_h * len(view.options) + round(opt_s * 2.4)
    box = pygame.Rect(w - box_w - 14, max(8, (h - box_h) // 2), box_w, min(box_h, h - 16))
    shade = pygame.Surface((w, h), pygame.SRCALPHA)
    shade.fill((0, 0, 0, 130))
    lcd.blit(shade, (0, 0))
    pygame.draw.rect(lcd, style.bg, box, border_radius=style.radius + 2)
    pygame.draw.rect(lcd, (120, 120, 120), box, 1, border_radius=style.radius + 2)
    t.blit(lcd, t.fit(view.editing, box.w - 20, opt_s), (box.x + 12, box.y + 8), opt_s, style.header_text, bold=True)
    y = box.y + round(opt_s * 2.0)
    for i, option in enumerate(view.options):
        rect = pygame.Rect(box.x + 6, y, box.w - 12, row_h - 2)
        selected = i == view.option_cursor
        if selected:
            pygame.draw.rect(lcd, highlight, rect, border_radius=style.radius)
        fg = style.highlight_text if selected else style.text
        if option == current:  # the value the body has now
            pygame.draw.circle(lcd, fg, (rect.x + 12, rect.centery), max(3, opt_s // 5))
        t.blit(lcd, t.fit(option, rect.w - 34, opt_s), (rect.x + 26, rect.centery), opt_s, fg, anchor="midleft")
        y += row_h
