"""One colour per mapping on every screen: results and stats draw a mapping in the same colour,
in each palette; grades have shapes as well as colours; the palette is a saved setting."""

from __future__ import annotations

import numpy as np
import pygame
import pytest

from bbf_sim.core.scoring import GRADES
from bbf_sim.ui.palette import PALETTES, draw_grade_mark, grade_colour, mapping_colour, use_palette
from bbf_sim.ui.scenes.results import ResultsScene
from bbf_sim.ui.scenes.stats import StatsScene
from tests.ui.helpers import run_for, start_play
from tests.ui.test_menus import ctx_for, drive, make_app
from tests.ui.test_stats_screen import history_dir  # noqa: F401 - the fixture

# A rate bar on results and a line in the stats chart are solid runs of the mapping's colour.
MIN_PIXELS = 150


def _played_earlier(app, result, mode: str) -> None:
    """The same play in the other mapping earlier this session, as results compare them."""
    from bbf_sim.practice.session import SessionPlay
    from bbf_sim.practice.stored import StoredSummary

    summary = StoredSummary.of(result.summary.to_dict())
    app.practice.plays.append(SessionPlay(result.setup.level.id, mode, summary))


def _count(surface: pygame.Surface, colour) -> int:
    px = pygame.surfarray.array3d(surface)
    return int(np.all(px == np.array(colour), axis=-1).sum())


@pytest.fixture
def app(history_dir):  # noqa: F811
    a = make_app(history_dir, size=(1280, 720))
    yield a
    use_palette("standard")
    a.close()


def _results_with_both_mappings(app) -> ResultsScene:
    """Results after a demo in back-button mode, with a shutter-AF attempt earlier this session."""
    scene = start_play(app, "control-static", mode="bbf", demo=True)
    review = run_for(app, scene, 9.0)
    bbf = review.result
    _played_earlier(app, bbf, "shutter")
    return drive(app, ResultsScene(bbf), 1)


@pytest.mark.parametrize("palette", sorted(PALETTES))
def test_a_mapping_has_the_same_colour_on_results_and_on_stats(app, palette):
    use_palette(palette)
    results = _results_with_both_mappings(app)
    assert set(results.both) == {"shutter", "bbf"}
    results.draw(app, app.screen)
    on_results = {m: _count(app.screen, mapping_colour(m)) for m in ("shutter", "bbf")}
    stats = drive(app, StatsScene(ctx_for(app)), 2)
    stats.draw(app, app.screen)
    on_stats = {m: _count(app.screen, mapping_colour(m)) for m in ("shutter", "bbf")}
    for m in ("shutter", "bbf"):
        assert on_results[m] > MIN_PIXELS, (palette, m, on_results)
        assert on_stats[m] > MIN_PIXELS, (palette, m, on_stats)


def test_the_two_palettes_differ_and_each_tells_the_mappings_and_grades_apart():
    std, cb = PALETTES["standard"], PALETTES["colour-blind"]
    assert std.mappings != cb.mappings
    for p in (std, cb):
        assert p.mappings["shutter"] != p.mappings["bbf"]
        assert len(set(p.grades.values())) == len(GRADES)
    # The colour-blind palette has no red against green for hit and miss: its tack-sharp
    # colour is a blue (more blue than green), its miss a vermillion.
    r, g, b = cb.grades["tack sharp"]
    assert b > g > r


def test_each_grade_has_its_own_shape():
    """Drawn in one colour, the four marks still differ: the shape carries the grade."""
    shapes = []
    use_palette("standard")
    for grade in GRADES:
        surf = pygame.Surface((40, 40))
        surf.fill((0, 0, 0))
        draw_grade_mark(surf, grade, (20, 20), 24)
        lit = np.any(pygame.surfarray.array3d(surf) == np.array(grade_colour(grade)), axis=-1)
        shapes.append(lit.tobytes())
    assert len(set(shapes)) == len(GRADES)


def test_the_palette_setting_is_saved_and_applied(app):
    from bbf_sim.persistence.settings_file import load_settings
    from bbf_sim.ui.scenes.settings import ROW_PALETTE, SettingsScene

    scene = drive(app, SettingsScene(ctx_for(app)), 1)
    scene.row = ROW_PALETTE
    scene._change(app, ROW_PALETTE, 1)
    assert load_settings(app.options.data_dir)[0].palette == "colour-blind"
    assert mapping_colour("shutter") == PALETTES["colour-blind"].mappings["shutter"]
