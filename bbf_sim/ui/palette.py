"""The game's one palette: every screen, the HUD and the charts take their colours from here.

Neutral colours (backgrounds, text greys, the finder's info-line green) are constants.
What carries meaning follows the player's palette setting, read through functions so a
change applies on the next frame:

| function | what it colours |
|---|---|
| `mapping_colour(mode)` | a mapping, the same on results, stats, charts, level select and the HUD |
| `grade_colour(grade)` | a grade (tack sharp, sharp, soft, miss), always with its word or `draw_grade_mark` |
| `state_colour(state)` | the AF point: "confirmed", "tracking", "failed" |

Two palettes: `standard`, and `colour-blind`, built from Okabe and Ito's eight colours,
which stay distinct under protanopia, deuteranopia and tritanopia (no red against green).
Grades never rely on colour alone: `draw_grade_mark` gives each its own shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

Colour = tuple[int, int, int]

# Neutral colours, the same in every palette.
BG: Colour = (20, 22, 26)  # every menu screen's background
PANEL: Colour = (30, 33, 39)  # a panel on it
ROW_SELECTED: Colour = (46, 52, 62)
TRACK: Colour = (52, 56, 64)  # the empty part of a bar
WHITE: Colour = (240, 240, 240)
TEXT: Colour = (220, 220, 220)  # body text
SOFT: Colour = (205, 205, 205)
FAINT: Colour = (200, 200, 200)
DIM: Colour = (160, 160, 160)  # secondary lines, key hints
LOCKED: Colour = (115, 118, 124)
INFO_BLUE: Colour = (170, 210, 255)  # advice, a tip to try next
NOTE: Colour = (255, 235, 170)  # the reason a frame came out as it did
LCD: Colour = (150, 230, 150)  # the viewfinder's info-line green
KEY: Colour = (255, 0, 255)  # a colour nothing is drawn in: transparent
# Accents that always come with words ("goal met", "Locked"), so they need no second palette.
GREEN: Colour = (110, 235, 120)
AMBER: Colour = (250, 190, 70)
RED: Colour = (240, 80, 70)
BROKEN: Colour = (240, 110, 95)


@dataclass(frozen=True)
class Palette:
    name: str
    label: str  # as the settings screen shows it
    mappings: dict[str, Colour]
    grades: dict[str, Colour]
    states: dict[str, Colour]


PALETTES: dict[str, Palette] = {
    "standard": Palette(
        "standard",
        "standard",
        mappings={"shutter": (95, 160, 235), "bbf": (250, 190, 70)},
        grades={"tack sharp": (110, 235, 120), "sharp": (170, 225, 120), "soft": (250, 190, 70), "miss": (240, 80, 70)},
        states={"confirmed": (110, 235, 120), "tracking": (90, 170, 255), "failed": (240, 80, 70)},
    ),
    # Okabe & Ito (2008), "Color Universal Design": sky blue, orange, bluish green, yellow, vermillion.
    "colour-blind": Palette(
        "colour-blind",
        "colour-blind safe",
        mappings={"shutter": (86, 180, 233), "bbf": (230, 159, 0)},
        grades={"tack sharp": (86, 180, 233), "sharp": (0, 158, 115), "soft": (240, 228, 66), "miss": (213, 94, 0)},
        states={"confirmed": (86, 180, 233), "tracking": (240, 228, 66), "failed": (213, 94, 0)},
    ),
}
PALETTE_NAMES = tuple(PALETTES)
OTHER_MAPPING: Colour = (200, 200, 200)  # a set-up drill's mapping (AF on both buttons, or on neither)

_active: list[Palette] = [PALETTES["standard"]]


def use_palette(name: str) -> None:
    """Make `name` the palette every screen draws with from the next frame on."""
    _active[0] = PALETTES[name]


def active_palette() -> Palette:
    return _active[0]


def mapping_colour(mode) -> Colour:
    """The colour of a mapping ("shutter" or "bbf"); grey for a drill's other mappings."""
    return _active[0].mappings.get(mode, OTHER_MAPPING) if isinstance(mode, str) else OTHER_MAPPING


def grade_colour(grade: str) -> Colour:
    return _active[0].grades.get(grade, WHITE)


def state_colour(state: str) -> Colour:
    return _active[0].states[state]


def draw_grade_mark(surface: pygame.Surface, grade: str, center: tuple[int, int], size_px: int) -> pygame.Rect:
    """A grade's own shape, so no grade is told apart by colour alone.

    tack sharp: a filled disc; sharp: a ring; soft: a triangle; miss: a cross.
    """
    colour = grade_colour(grade)
    cx, cy = center
    r = max(3, size_px // 2)
    width = max(2, size_px // 6)
    if grade == "tack sharp":
        pygame.draw.circle(surface, colour, center, r)
    elif grade == "sharp":
        pygame.draw.circle(surface, colour, center, r, width)
    elif grade == "soft":
        pygame.draw.polygon(surface, colour, [(cx, cy - r), (cx + r, cy + r - 1), (cx - r, cy + r - 1)])
    else:
        pygame.draw.line(surface, colour, (cx - r, cy - r), (cx + r, cy + r), width + 1)
        pygame.draw.line(surface, colour, (cx - r, cy + r), (cx + r, cy - r), width + 1)
    return pygame.Rect(cx - r, cy - r, 2 * r + 1, 2 * r + 1)
