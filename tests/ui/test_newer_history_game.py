"""The game on a history a newer bbf-sim wrote: it plays, shows what it can read, says once that
attempts are not recorded, and leaves the file exactly as it was."""

from __future__ import annotations

import pygame
import pytest

from bbf_sim.practice.session import GameContext
from bbf_sim.ui.scenes.review import ReviewScene
from tests.persistence.factories import NEWER_SCHEMA, fingerprint, newer_history
from tests.ui.test_menus import _play_control_level, make_app


@pytest.fixture
def app(tmp_path):
    a = make_app(tmp_path / "data")
    pygame.event.clear()
    yield a
    a.close()


def test_playing_on_a_newer_history_is_not_recorded_and_changes_nothing(app):
    data = app.options.data_dir
    data.mkdir(parents=True)
    newer_history(data)
    before = fingerprint(data)

    # The menu and stats screens read what they can, and the notice is kept once however often they read.
    ctx = GameContext(data_dir=data)
    assert len(ctx.attempts()) == 2
    ctx.attempts()
    [notice] = ctx.notices
    assert f"newer bbf-sim (schema v{NEWER_SCHEMA}" in notice and "not recorded" in notice

    review = _play_control_level(app, "bbf", seed=4)
    assert isinstance(review, ReviewScene)  # the game carried on
    result = review.result
    assert result.attempt_id is None
    assert result.record_note.startswith("not recorded: ") and "newer bbf-sim" in result.record_note
    assert fingerprint(data) == before
    assert not (data / "replays").exists()
