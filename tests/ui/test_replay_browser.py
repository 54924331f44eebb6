"""The replay browser in Stats: pick one of your attempts, watch it in the window, come back."""

from __future__ import annotations

import pygame

from bbf_sim.ui.scenes.replay import ReplayScene
from bbf_sim.ui.scenes.replays import ReplayBrowserScene
from bbf_sim.ui.scenes.stats import StatsScene
from tests.ui.test_menus import ctx_for, drive, make_app, press
from tests.ui.test_stats_screen import history_dir  # noqa: F401 - the fixture


def test_stats_opens_the_replays_of_a_level_and_one_plays_in_the_window(history_dir):  # noqa: F811
    app = make_app(history_dir, size=(960, 540))
    try:
        stats = drive(app, StatsScene(ctx_for(app)), 1)
        stats = press(app, stats, pygame.K_DOWN, 1)  # the first level, control-static
        browser = press(app, stats, pygame.K_RETURN, 1)
        assert isinstance(browser, ReplayBrowserScene) and browser.level_id == "control-static"
        # 3 days × 2 mappings of generated practice on this level, newest first.
        assert len(browser.choices) == 6 and all(c.level_id == "control-static" for c in browser.choices)
        times = [c.started_at for c in browser.choices]
        assert times == sorted(times, reverse=True)
        choice = browser.choices[1]
        browser = press(app, browser, pygame.K_DOWN, 1)
        watching = press(app, browser, pygame.K_RETURN, 1)
        assert isinstance(watching, ReplayScene)
        assert watching.setup.mode == choice.mode and watching.setup.level.id == "control-static"
        assert watching.setup.back() is browser, "its results lead back to the browser"
        # Back from the browser is the stats screen.
        assert press(app, browser, pygame.K_ESCAPE, 1) is stats
    finally:
        app.close()
