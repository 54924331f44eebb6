"""The HUD draws only what changed, and what it leaves on screen is what a fresh HUD would draw."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.headless import generators
from bbf_sim.core.simulator import Simulator
from bbf_sim.levels.loader import load_level, resolve_level_path
from bbf_sim.ui.finder.hud import Hud, ViewfinderLayout
from bbf_sim.ui.text import TextCache

WINDOW = (900, 420)  # wide enough for the side panels


def _same_pixels(a: pygame.Surface, b: pygame.Surface, rect: pygame.Rect) -> bool:
    """Whether `rect` holds the same colours on both: compared in place (`surfarray.array3d`
    copies pixel by pixel, slower than the drawing under test)."""
    return np.array_equal(pygame.surfarray.pixels3d(a.subsurface(rect)), pygame.surfarray.pixels3d(b.subsurface(rect)))


@pytest.mark.parametrize(
    ("level_id", "mode"),
    [("sports-obstruction", "bbf"), ("lowlight-hunt", "shutter")],
    ids=["bursts-bbf", "hunting-shutter"],
)
def test_the_hud_drawn_frame_after_frame_matches_one_drawn_from_scratch(small_display, level_id, mode):
    """Counters, lamps, the distance and the blinking dot are redrawn only when they change;
    every frame, what the screen shows must equal a new HUD's drawing of the same moment."""
    screen = pygame.display.set_mode(WINDOW)
    level = load_level(resolve_level_path(level_id))
    sim_rng, bot_rng = generators(3)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, mode)
    bot = TechniqueBot(level, [mode], np.arange(1), bot_rng)
    layout = ViewfinderLayout.for_window(*WINDOW, sim.sensor)
    assert layout.left.w >= 90, "the window must have room for the side panels"
    hud = Hud(sim, layout, TextCache(), mode)
    fresh_screen = pygame.Surface(WINDOW, 0, screen)
    hints = ["a hint", "another hint"]
    last_photo, shown_frames, fired, checked = None, 0, 0, 0
    for tick in range(480):
        events, aim = bot.act(snap)
        snap = sim.step(events, aim)
        if int(snap.frames_fired[0]) != shown_frames:
            shown_frames = int(snap.frames_fired[0])
            thumb = pygame.Surface((40, 27))
            thumb.fill((shown_frames * 37 % 256, 90, 140))
            last_photo = (thumb, "sharp" if shown_frames % 2 else "miss", f"reason number {shown_frames}")
            fired += 1
        extras = {"hits": shown_frames // 2, "last_photo": last_photo, "hints": hints}
        t_wall_s = snap.t_s
        hud.draw_info(screen, snap, t_wall_s)
        hud.draw_panels(screen, snap, extras)
        if tick % 2:
            continue
        fresh = Hud(sim, layout, TextCache(), mode)
        fresh_screen.fill((255, 0, 255))
        fresh.draw_info(fresh_screen, snap, t_wall_s)
        fresh.draw_panels(fresh_screen, snap, extras)
        # The countdown's bar moves once a second by design (a fresh HUD draws it as of now):
        # the left panel is compared above and below the bar's rows.
        bar_top = hud._countdown_top + hud.small_px + 4
        above = pygame.Rect(layout.left.x, layout.left.y, layout.left.w, bar_top - layout.left.y)
        below = pygame.Rect(layout.left.x, bar_top + 4, layout.left.w, layout.left.bottom - bar_top - 4)
        for rect in (layout.info, layout.right, above, below):
            assert _same_pixels(screen, fresh_screen, rect), (tick, rect)
        checked += 1
    assert fired >= 2 and checked == 240


def test_clearing_paints_the_same_black_as_fill(small_display):
    screen = pygame.display.set_mode(WINDOW)
    hud_like = Hud.__new__(Hud)
    hud_like._black = {}
    hud_like._changed_rects = []
    rng = np.random.default_rng(0)
    for rect in (pygame.Rect(0, 0, 194, 300), pygame.Rect(37, 11, 5, 3), pygame.Rect(850, 400, 80, 40)):
        pygame.surfarray.blit_array(screen, rng.integers(0, 1 << 24, WINDOW, dtype=np.uint32))
        expected = screen.copy()
        expected.fill((0, 0, 0), rect)
        hud_like._clear(screen, rect)
        assert screen.get_buffer().raw == expected.get_buffer().raw
