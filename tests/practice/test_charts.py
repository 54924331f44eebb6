"""The practice chart draws from plain data: both mappings' lines, in their colours, at any size."""

from __future__ import annotations

from datetime import date, timedelta

import pygame
import pytest

from bbf_sim.ui.charts import progress_chart
from bbf_sim.ui.palette import mapping_colour

D0 = date(2026, 2, 1)


def _count(surface: pygame.Surface, colour) -> int:
    return pygame.transform.threshold(None, surface, colour, (8, 8, 8, 255), set_behavior=0)


@pytest.mark.parametrize("size", [(1200, 800), (640, 400)], ids=["default", "small"])
def test_both_mappings_are_drawn_in_their_colours(size):
    rows = {
        "shutter": [(D0 + timedelta(days=k), 0.55, 1.6) for k in range(10)],
        "bbf": [(D0 + timedelta(days=k), 0.6 + 0.035 * k, 3.0 - 0.15 * k) for k in range(10)],
    }
    surface = progress_chart(rows, "Practice progress", "10 days", size)
    assert surface.get_size() == size
    assert _count(surface, mapping_colour("bbf")) > 100
    assert _count(surface, mapping_colour("shutter")) > 100


def test_days_without_a_sharp_frame_and_a_single_day_still_draw():
    rows = {"bbf": [(D0, 0.0, None)], "shutter": [(D0, None, None)]}
    surface = progress_chart(rows, "One day")
    assert surface.get_size() == (1200, 800)
