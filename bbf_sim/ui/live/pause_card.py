"""The Ready / Paused card over the viewfinder: the level's briefing, the mapping, the keys.

Shown before an attempt starts (Ready: the briefing, where to find the subject, the
other mapping on M) and while it is paused (resume, restart, end and review).
"""

from __future__ import annotations

import pygame

from bbf_sim.ui.app import App
from bbf_sim.ui.live.setups import PlaySetup
from bbf_sim.ui.palette import NOTE, mapping_colour
from bbf_sim.ui.text import scaled
from bbf_sim.ui.verbs import Verb, hints


def draw_pause_card(
    app: App,
    screen: pygame.Surface,
    frame: pygame.Rect,
    setup: PlaySetup,
    *,
    started: bool,
    mapping_words: str,
    hints_shown: list[str],
    ready_line: str = "",
    find_words: str = "",
    mapping_switch: bool = True,
) -> None:
    """The card over the viewfinder's `frame`, sized to fit it at the text-size setting.

    Before the start (`started` False) it offers M for the other mapping if
    `mapping_switch`, and says where the subject is (`find_words`); `ready_line` leads it.
    """
    f = frame
    veil = pygame.Surface(f.size, pygame.SRCALPHA)
    veil.fill((0, 0, 0, 170))
    screen.blit(veil, f)
    t = app.text
    level = setup.level
    title = "Ready" if not started else "Paused"
    x, width = f.x + f.w // 10, f.w * 8 // 10
    # The card's paragraphs (text, size step, colour, gap after); hints one line each.
    paragraphs: list[tuple[str, int, tuple, int]] = []
    if ready_line:
        paragraphs.append((ready_line, 0, (120, 220, 160), 8))
    paragraphs.append((f"Mapping: {mapping_words}", 0, mapping_colour(setup.mode), 11))
    paragraphs.append((" ".join(level.briefing.split()), -2, (220, 220, 220), 6))
    if not started and find_words:
        paragraphs.append((find_words, -2, NOTE, 8))
    paragraphs += [(h, -2, (170, 200, 170), 2) for h in hints_shown]

    def height(size: int) -> int:
        lines = sum(len(t.wrap(p, width, size + step)) * (size + step + 4) + gap for p, step, _, gap in paragraphs)
        return size + 22 + lines + 10 + size + 8

    # As large as the text-size setting asks, smaller when the card would leave the frame.
    size = scaled(max(16, f.h // 28))
    while size > 12 and height(size) > f.h - f.h // 16:
        size -= 1
    y = f.y + max(f.h // 32, min(f.h // 8, (f.h - height(size)) // 2))
    t.blit(screen, t.fit(f"{title}: {level.title}", width, size + 8), (x, y), size + 8, (255, 255, 255), bold=True)
    y += size + 22
    for text, step, colour, gap in paragraphs:
        y = t.draw_wrapped(screen, text, x, y, width, size + step, colour) + gap
    pad = app.input.pad_last
    items = [(Verb.OK, "start" if not started else "resume"), (Verb.AGAIN, "restart")]
    items.append((Verb.END, "end and review"))
    if not started and mapping_switch:
        items.append((Verb.OTHER, "other mapping"))
    line = hints(items, pad)
    if not pad:
        line = line.replace("Enter:", "Enter or Space:" if not started else "Esc or Enter:", 1)
    t.blit(screen, t.fit(line, width, size), (x, y + 10), size, (255, 255, 255))
