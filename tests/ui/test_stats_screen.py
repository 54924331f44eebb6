"""The stats screen through the real loop: opened from the menu on generated history, the numbers on
it, levels and pages by keyboard and gamepad, abandoned attempts shown apart, back to the menu."""

from __future__ import annotations

import shutil

import pygame
import pytest

from bbf_sim.ui.scenes.menu import MenuScene
from bbf_sim.ui.scenes.stats import ALL, StatsScene
from tests.ui.test_menus import ctx_for, drive, make_app, press

LEVELS = ("control-static", "portrait-recompose")


@pytest.fixture(scope="module")
def history_dir(tmp_path_factory, practice_history_made_once):
    """Three days of bot practice on two levels ending today, and one attempt quit after a second (a copy)."""
    folder = tmp_path_factory.mktemp("stats-data") / "data"
    shutil.copytree(practice_history_made_once, folder)
    return folder


@pytest.fixture
def app(history_dir):
    a = make_app(history_dir, size=(1280, 720))
    yield a
    a.close()


def rendered(app) -> set[str]:
    """Every text the screen has drawn (the text cache's keys)."""
    return {key[0] for key in app.text._cache}


def test_the_stats_screen_opens_from_the_menu_and_shows_the_numbers(app, history_dir):
    scene = drive(app, MenuScene(ctx_for(app)))
    assert scene.items[2][0] == "Stats" and scene.items[2][2], "the Stats entry is available"
    scene = press(app, scene, pygame.K_DOWN, 1)
    scene = press(app, scene, pygame.K_DOWN, 1)
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, StatsScene) and scene.items == [ALL, *LEVELS]
    # 3 days × 2 levels × 2 mappings, and one abandoned attempt.
    assert len(scene.pts) == 13
    portrait = scene.stats["portrait-recompose"]
    assert (portrait["bbf"].attempts, portrait["bbf"].abandoned) == (3, 1)
    assert (portrait["shutter"].attempts, portrait["shutter"].abandoned) == (3, 0)
    assert scene.stats[ALL]["bbf"].attempts == 6 and scene.stats[ALL]["bbf"].abandoned == 1
    assert scene.plan.streak_days == 3 and scene.plan.practised_today
    texts = rendered(app)
    assert any(t.startswith("13 attempts on 3 days") and "(1 abandoned)" in t for t in texts)
    assert "3-day streak" in texts and "practised today" in texts
    assert any(k[:2] == ("progress", ALL) for k in scene.charts), "the progress chart is on screen"

    # Down to the portrait level, Right to its numbers: the card says what the history holds.
    scene = press(app, scene, pygame.K_DOWN, 1)
    scene = press(app, scene, pygame.K_DOWN, 1)
    scene = press(app, scene, pygame.K_RIGHT, 1)
    assert scene.items[scene.selected] == "portrait-recompose" and scene.page == 1
    texts = rendered(app)
    assert "3, 1 abandoned" in texts
    best = portrait["bbf"].best_hit_rate
    assert f"best {best:.0%}" in texts
    assert any(t.startswith(f"{portrait['bbf'].first_sharp_median_s:.2f} s (middle half") for t in texts)
    assert any(k[:2] == ("attempts", "portrait-recompose") for k in scene.charts)

    # The gamepad: d-pad left back to Progress; B back to the menu.
    for value in ((-1, 0), (0, 0)):
        pygame.event.post(pygame.event.Event(pygame.JOYHATMOTION, joy=0, instance_id=0, hat=0, value=value))
    scene = drive(app, scene, 1)
    assert scene.page == 0
    for kind in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, joy=0, instance_id=0, button=1))
    scene = drive(app, scene, 2)
    assert isinstance(scene, MenuScene)


def test_abandoned_attempts_stay_out_of_the_rates_on_screen(app):
    scene = drive(app, StatsScene(ctx_for(app)))
    finished = [p for p in scene.pts if p.level_id == "portrait-recompose" and p.mode == "bbf" and p.completed]
    s = scene.stats["portrait-recompose"]["bbf"]
    assert s.best_hit_rate == max(p.hit_rate for p in finished)
    assert len(s.trend) == len(finished)


def test_an_empty_history_says_how_to_start(tmp_path):
    app = make_app(tmp_path)
    try:
        menu = MenuScene(ctx_for(app))
        scene = drive(app, StatsScene(ctx_for(app), back=menu))
        assert scene.items == []
        assert any(t.startswith("No attempts yet") for t in rendered(app))
        assert press(app, scene, pygame.K_ESCAPE) is menu
    finally:
        app.close()
