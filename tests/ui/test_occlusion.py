"""What an opaque near subject hides is not drawn, and the frame is the same pixel for pixel."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.headless import generators
from bbf_sim.core.simulator import Simulator
from bbf_sim.ui.bench import bench_level
from bbf_sim.ui.finder import background, render
from bbf_sim.ui.finder.blur import BLUR_LEVELS_PX, pixels
from bbf_sim.ui.finder.shapes import DRAWERS, draw_shape, opaque_core
from bbf_sim.ui.finder.spans import span_difference, span_union
from bbf_sim.ui.finder.sprites import Sprites

pytestmark = pytest.mark.usefixtures("small_display")

SIZES = [(1, 1), (3, 5), (4, 4), (7, 30), (16, 16), (17, 23), (31, 9), (50, 51), (64, 64), (120, 300), (199, 201)]
SIZES += [(333, 97)]
SIZES += [tuple(int(v) for v in wh) for wh in np.random.default_rng(5).integers(4, 400, (40, 2))]


@pytest.mark.parametrize("shape", sorted(DRAWERS))
def test_a_shape_is_opaque_all_over_its_core(shape):
    for w, h in SIZES:
        surf = pygame.Surface((w + 4, h + 4), pygame.SRCALPHA)
        rect = pygame.Rect(2, 2, w, h)
        draw_shape(surf, rect, shape, (200, 90, 40))
        core = opaque_core(shape, rect)
        if core is None:
            continue
        assert rect.contains(core)
        alpha = pygame.surfarray.array_alpha(surf)[core.left : core.right, core.top : core.bottom]
        assert alpha.size == 0 or alpha.min() == 255, (shape, w, h)


@pytest.mark.parametrize("shape", ["edge", "card", "ball"])
def test_a_blurred_sprite_is_opaque_all_over_its_core_at_every_level(shape):
    for w, h in [(40, 120), (37, 211), (300, 900), (333, 1001)]:
        rect = pygame.Rect(0, 0, w, h)
        sprites = Sprites(
            lambda i, step, size=rect.size: size,
            lambda i, step, surf, rect=rect: draw_shape(surf, rect, shape, (200, 90, 40)),
            64 << 20,
            core=lambda i, step, rect=rect: opaque_core(shape, rect),
        )
        for level in range(len(BLUR_LEVELS_PX)):
            surf, _, core = sprites.make_now((0, 0, level))
            if core is None:
                continue
            x0, y0, x1, y1 = core
            assert pixels(surf)[y0:y1, x0:x1, 3].min() == 255, (shape, w, h, level)


def test_frames_drawn_with_what_is_hidden_left_out_are_the_same_pixel_for_pixel(monkeypatch):
    """The bench scene: near posts and walls at 4 m filling the frame while the bot pulls focus."""
    skipped = []
    difference = span_difference

    def counting(a, b, spans):
        kept = difference(a, b, spans)
        skipped.append((b - a) - sum(y - x for x, y in kept))
        return kept

    monkeypatch.setattr(render, "span_difference", counting)
    monkeypatch.setattr(background, "span_difference", counting)
    level = bench_level()
    sim_rng, bot_rng = generators(3)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, "bbf")
    bot = TechniqueBot(level, ["bbf"], np.arange(1), bot_rng)
    size = (360, 240)
    occluding = render.Renderer(level, sim.sensor, size)
    plain = render.Renderer(level, sim.sensor, size)
    plain.sprites.core = lambda i, step: None
    for r in (occluding, plain):
        r.set_exact(True)
    a, b = pygame.Surface(size), pygame.Surface(size)
    for n in range(600):
        events, aim = bot.act(snap)
        snap = sim.step(events, aim)
        if n % 3:
            continue
        view = render.View.from_snapshot(snap)
        occluding.draw(a, view)
        plain.draw(b, view)
        assert np.array_equal(pygame.surfarray.pixels2d(a), pygame.surfarray.pixels2d(b)), n
    assert sum(skipped) > 50 * size[0], "nothing was hidden: the test saw no near subject"


def test_column_spans_add_and_subtract_as_sets_of_columns_do():
    rng = np.random.default_rng(11)
    for _ in range(2000):
        spans: list[tuple[int, int]] = []
        covered: set[int] = set()
        for _ in range(rng.integers(0, 6)):
            a = int(rng.integers(0, 60))
            b = a + int(rng.integers(1, 20))
            spans = span_union(spans, a, b)
            covered |= set(range(a, b))
        assert all(s1 < t0 for (_, s1), (t0, _) in zip(spans, spans[1:], strict=False))  # disjoint, in order
        assert {x for s0, s1 in spans for x in range(s0, s1)} == covered
        a, b = sorted(int(v) for v in rng.integers(0, 80, 2))
        kept = span_difference(a, b, spans)
        assert {x for s0, s1 in kept for x in range(s0, s1)} == set(range(a, b)) - covered
