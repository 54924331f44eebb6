"""Replays in the window: a recorded attempt plays back through the real loop headless, with the HUD
lit by the recorded presses, and ends on the review with the very frames that were recorded; an AF
mode chosen on the camera set-up screen is played again; a level file changed since is refused."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

import pygame

from bbf_sim.cli import main
from bbf_sim.core.recording import play_bot
from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
from bbf_sim.persistence.history import History
from bbf_sim.persistence.replay_file import load_replay
from bbf_sim.practice.attempts import FinishedRun, played_level, save_attempt
from bbf_sim.ui.scenes.replay import ReplayScene, banner_height_px, replay_setup
from bbf_sim.ui.scenes.review import ReviewScene
from tests.ui.test_menus import drive, make_app

T0 = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)


def _saved_replay(data_dir, level_id: str, mode: str, seed: int, af_mode: str | None = None):
    path = shipped_levels_dir() / f"{level_id}.toml"
    level = load_level(path)
    extra = {}
    if af_mode is not None:
        extra["level_af_mode"] = level.af.mode
        level = played_level(level, {"af_mode": af_mode})
    rec = play_bot(level, seed, mode)
    with History.open(data_dir) as history:
        saved = save_attempt(
            data_dir, history, FinishedRun.from_recorder(rec, level_hash(path), mode, seed, T0, T0, **extra)
        )
    return path, load_replay(saved.replay_path), rec


def _replay_scene(path, replay, **options):
    """The replay screen of a saved replay, set up as the replays list opens it."""
    return ReplayScene(replay_setup(load_level(path), replay, path), replay, **options)


def _play_to_review(app, scene, limit: int = 3000):
    lamps_lit = False
    for _ in range(limit):
        if isinstance(scene, ReviewScene):
            return scene, lamps_lit
        scene = drive(app, scene, 1)
        if isinstance(scene, ReplayScene):
            lamps_lit |= bool(scene.live.snap.af_on[0] or scene.live.snap.half[0])
    raise AssertionError("the replay did not reach the review")


def test_a_replay_plays_in_the_window_and_ends_on_the_review_with_the_recorded_frames(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    # Played with AF-C where the file says AF-S: the window must play it the same way.
    path, replay, rec = _saved_replay(data, "portrait-recompose", "bbf", 3, af_mode="af-c")
    app = make_app(data)
    try:
        level = load_level(path)
        setup = replay_setup(level, replay, path)
        assert setup.played_level.af.mode == "af-c"
        scene = drive(app, ReplayScene(setup, replay, speed=8), 1)
        assert scene.live.recorder is None, "a replay is not recorded again"
        review, lamps_lit = _play_to_review(app, scene)
        assert lamps_lit, "the HUD showed the recorded AF-ON presses"
        result = review.result
        assert not result.ended_early and "same frames as recorded" in result.record_note
        assert result.frames.tobytes() == rec.frames().tobytes()
        assert (result.summary.hits, result.summary.frames) == (replay.summary["hits"], replay.summary["frames"])
        with History.open(data) as history:
            assert len(history.attempts()) == 1
    finally:
        app.close()


def test_esc_stops_a_replay_and_reviews_the_frames_so_far(tmp_path):
    path, replay, _ = _saved_replay(tmp_path, "control-static", "bbf", 2)
    app = make_app(tmp_path)
    try:
        scene = drive(app, _replay_scene(path, replay), 30)
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=pygame.K_ESCAPE, mod=0, unicode="", scancode=0))
        scene = drive(app, scene, 1)
        assert isinstance(scene, ReviewScene) and scene.result.ended_early
        assert "stopped" in scene.result.record_note
    finally:
        app.close()


def test_bbf_sim_replay_opens_the_window_and_refuses_a_changed_level(tmp_path, capsys):
    level_file = tmp_path / "my-portrait.toml"
    shutil.copy(shipped_levels_dir() / "portrait-recompose.toml", level_file)
    level = load_level(level_file)
    rec = play_bot(level, 5, "bbf")
    with History.open(tmp_path) as history:
        saved = save_attempt(
            tmp_path, history, FinishedRun.from_recorder(rec, level_hash(level_file), "bbf", 5, T0, T0)
        )
    shot = tmp_path / "replay.png"
    args = ["replay", str(saved.replay_path), "--level", str(level_file), "--data-dir", str(tmp_path)]
    status = main([*args, "--seconds", "0.5", "--size", "960x540", "--screenshot", str(shot)])
    assert status == 0
    assert "(as recorded)" in capsys.readouterr().out
    img = pygame.image.load(str(shot))
    assert img.get_size() == (960, 540) and pygame.surfarray.array3d(img).std() > 10

    level_file.write_text(level_file.read_text().replace("at_m = [0.0, 0.0, 2.5]", "at_m = [0.0, 0.0, 3.0]"))
    shot.unlink()
    status = main([*args, "--seconds", "0.5", "--screenshot", str(shot)])
    assert status == 3
    err = capsys.readouterr().err
    assert "has changed since" in err and not shot.exists(), "no window, no result that never happened"


def test_the_replay_screen_uses_the_one_event_decoder():
    from bbf_sim.core.recording import decode_events
    from bbf_sim.ui.scenes.replay import ReplayFeed

    events = [(0.1, "AF_ON", True), (0.35, "FULL", True), (0.5, "FULL", False)]
    assert ReplayFeed(events, [(0.0, 0.0)]).events.tobytes() == decode_events(events).tobytes()


def test_a_replay_shows_the_last_frame_as_play_does(tmp_path):
    # The frame just taken was shown beside the viewfinder in play but never in a replay: the
    # replay's loop never cleared "a frame fired this frame", so the thumbnail always waited.
    path, replay, rec = _saved_replay(tmp_path, "portrait-recompose", "bbf", 3)
    app = make_app(tmp_path)
    try:
        scene = drive(app, _replay_scene(path, replay, speed=2), 1)
        first_frame_s = float(rec.frames()["t_s"].min())
        for _ in range(round((first_frame_s / 2 + 1.5) * 120)):
            scene = drive(app, scene, 1)
            if not isinstance(scene, ReplayScene):
                break
            if scene.live.last_photo is not None:
                break
        assert isinstance(scene, ReplayScene) and scene.live.photos, "the replay took a frame"
        assert scene.live.last_photo is not None, "the frame taken is shown beside the viewfinder"
    finally:
        app.close()


def test_the_af_badge_sits_below_the_replay_banner(tmp_path):
    # The banner covers the frame's top strip; the badge ("AF OFF", "FOCUS LOCKED ...") used
    # to be drawn at the same height, under it.
    path, replay, _ = _saved_replay(tmp_path, "portrait-recompose", "bbf", 3)
    app = make_app(tmp_path)
    try:
        scene = drive(app, _replay_scene(path, replay), 3)
        glance = scene.live.glance
        drawn = []
        original = glance.draw
        glance.draw = lambda *a, **k: drawn.append(original(*a, **k)) or drawn[-1]
        scene.draw(app, app.screen)
        frame = scene.live.layout.frame
        assert drawn and drawn[-1].top >= frame.y + banner_height_px(frame)
    finally:
        app.close()
