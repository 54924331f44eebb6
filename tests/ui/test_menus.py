"""The game's screens through the real loop: menu → level select → camera set-up → play, by keyboard,
gamepad and mouse; locked and broken levels; the settings remap surviving a restart; attempts recorded."""

from __future__ import annotations

from pathlib import Path

import pygame
import pytest

from bbf_sim.cli import main
from bbf_sim.levels.loader import level_hash, load_level, resolve_level_path, shipped_levels_dir
from bbf_sim.persistence.history import History
from bbf_sim.practice.session import GameContext
from bbf_sim.ui.app import App, AppOptions
from bbf_sim.ui.input import load_bindings
from bbf_sim.ui.router import Router
from bbf_sim.ui.scenes.camera_setup import CameraSetupScene
from bbf_sim.ui.scenes.level_select import LevelSelectScene
from bbf_sim.ui.scenes.menu import MenuScene
from bbf_sim.ui.scenes.play import PlayScene
from bbf_sim.ui.scenes.settings import SettingsScene
from tests.ui.helpers import FRAME_S, joy_button, key

FIRST_LEVEL = "af-on-reflex"  # the curriculum's first level (tier 1, first by id)


def make_app(data_dir: Path, bindings=None, size=(800, 450)) -> App:
    options = AppOptions(size_px=size, virtual_time=True, fps_cap=120, data_dir=data_dir)
    app = App(options, bindings, router=Router())
    pygame.event.clear()  # nothing left over from another test
    return app


def drive(app: App, scene, frames: int = 2):
    """Run the real loop body for `frames` frames, following scene changes; returns the current scene."""
    scene.enter(app) if not getattr(scene, "_entered", False) else None
    scene._entered = True
    for _ in range(frames):
        app.input.poll()
        nxt = scene.update(app)
        if nxt is not None:
            scene = nxt
            scene.enter(app)
            scene._entered = True
            continue
        scene.draw(app, app.screen)
        pygame.display.flip()
        app.clock.advance(FRAME_S)
    return scene


def press(app: App, scene, k: int, frames: int = 2):
    key(k)
    key(k, down=False)
    return drive(app, scene, frames)


def click(app: App, scene, pos, frames: int = 2):
    for kind in (pygame.MOUSEBUTTONDOWN, pygame.MOUSEBUTTONUP):
        pygame.event.post(pygame.event.Event(kind, button=1, pos=pos, touch=False, window=None))
    return drive(app, scene, frames)


def select_level(app: App, scene: LevelSelectScene, level_id: str):
    """Press Down until `level_id` is highlighted."""
    for _ in range(len(scene.items)):
        if scene.items[scene.selected].entry.id == level_id:
            return scene
        scene = press(app, scene, pygame.K_DOWN)
    raise AssertionError(f"{level_id} is not in the list")


@pytest.fixture
def app(tmp_path):
    a = make_app(tmp_path / "data")
    pygame.event.clear()  # nothing left over from another test
    yield a
    a.close()


def ctx_for(app: App, **kw) -> GameContext:
    app.options.data_dir.mkdir(parents=True, exist_ok=True)
    return GameContext(data_dir=app.options.data_dir, seed=7, **kw)


def test_keyboard_goes_from_the_menu_through_level_select_and_camera_set_up_to_play(app):
    scene = drive(app, MenuScene(ctx_for(app)))
    scene = press(app, scene, pygame.K_RETURN)  # Play
    assert isinstance(scene, LevelSelectScene)
    assert scene.items[scene.selected].entry.id == FIRST_LEVEL
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, CameraSetupScene) and scene.level.id == FIRST_LEVEL
    scene = press(app, scene, pygame.K_UP, 1)  # to "Camera"
    scene = press(app, scene, pygame.K_RIGHT, 1)  # Nikon
    scene = press(app, scene, pygame.K_UP, 1)
    scene = press(app, scene, pygame.K_RIGHT, 1)  # AF-C instead of the level's AF-S
    scene = press(app, scene, pygame.K_UP, 1)
    scene = press(app, scene, pygame.K_RIGHT, 1)  # back-button
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, PlayScene)
    setup = scene.setup
    assert setup.level.id == FIRST_LEVEL and setup.mode == "bbf" and setup.seed == 7
    assert setup.af_mode == "af-c" and setup.played_level.af.mode == "af-c" and setup.level.af.mode == "af-s"
    assert scene.live.sim.level.af.mode == "af-c", "the simulator plays the chosen AF mode"
    assert setup.level_path == shipped_levels_dir() / f"{FIRST_LEVEL}.toml"
    assert app.brand.key == "nikon"
    # The choices are stored: the next start of the game finds them.
    settings = ctx_for(app).settings()
    assert settings.brand == "nikon" and settings.last_mode == "bbf"
    # The Ready screen, then the level runs.
    scene = press(app, scene, pygame.K_RETURN, 30)
    assert isinstance(scene, PlayScene) and scene.live.started and scene.live.sim.t_s > 0


def test_gamepad_and_mouse_drive_the_menus(app):
    scene = drive(app, MenuScene(ctx_for(app)))
    # D-pad down to "Settings" (the 5th item), A opens it, B comes back.
    for _ in range(4):
        pygame.event.post(pygame.event.Event(pygame.JOYHATMOTION, joy=0, instance_id=0, hat=0, value=(0, -1)))
        pygame.event.post(pygame.event.Event(pygame.JOYHATMOTION, joy=0, instance_id=0, hat=0, value=(0, 0)))
        scene = drive(app, scene, 1)
    joy_button(0)
    joy_button(0, down=False)
    scene = drive(app, scene)
    assert isinstance(scene, SettingsScene)
    joy_button(1)
    joy_button(1, down=False)
    scene = drive(app, scene)
    assert isinstance(scene, MenuScene)
    # A click on "Play" opens the level select; a click on a level selects it, a second click opens it.
    play_row = scene.rows[0].rect
    scene = click(app, scene, play_row.center)
    assert isinstance(scene, LevelSelectScene)
    row = next(r for r in scene.rows if scene.items[r.index].entry.id == "control-static")
    scene = click(app, scene, row.rect.center)
    assert scene.items[scene.selected].entry.id == "control-static"
    scene = click(app, scene, row.rect.center)
    assert isinstance(scene, CameraSetupScene) and scene.level.id == "control-static"


def test_a_locked_level_cannot_be_started_and_passing_tier_1_opens_tier_2(app):
    ctx = ctx_for(app)
    scene = drive(app, LevelSelectScene(ctx))
    locked = next(it for it in scene.items if it.entry is not None and it.locked)
    assert locked.entry.level.difficulty > 1 and "reach 60%" in locked.lock_hint
    scene = select_level(app, scene, locked.entry.id)
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, LevelSelectScene), "a locked level does not start"
    assert scene.message.startswith("Locked")

    # Two tier-1 levels passed (recorded as the game records them): tier 2 opens on the next visit.
    for level_id in ("control-static", "portrait-recompose"):
        _record_bot_attempt(app.options.data_dir, level_id, "bbf", seed=1)
    scene = drive(app, LevelSelectScene(ctx))
    tier2 = [it for it in scene.items if it.entry is not None and it.entry.level.difficulty == 2]
    assert tier2 and not any(it.locked for it in tier2)
    scene = select_level(app, scene, tier2[0].entry.id)
    assert isinstance(press(app, scene, pygame.K_RETURN), CameraSetupScene)


def test_a_broken_level_in_the_users_folder_is_listed_as_broken_and_the_others_play(app, tmp_path):
    mine = tmp_path / "my-levels"
    mine.mkdir()
    src = (shipped_levels_dir() / "control-static.toml").read_text()
    (mine / "my-vase.toml").write_text(src.replace('\ntitle = "', '\nid = "my-vase"\ntitle = "Mine: ', 1))
    (mine / "typo.toml").write_text(src.replace("duration_s", "duraton_s", 1))
    (mine / "not-toml.toml").write_text("this is = = not TOML\n")
    scene = drive(app, LevelSelectScene(ctx_for(app, level_dirs=[mine])))
    user = {it.entry.path.name: it for it in scene.items if it.entry is not None and mine in it.entry.path.parents}
    assert set(user) == {"my-vase.toml", "typo.toml", "not-toml.toml"}
    # Both problems are reported (their order is pydantic's): the misspelt key and the missing one.
    typo = user["typo.toml"].entry
    assert not typo.ok and any("duraton_s: unknown key" in p for p in typo.problems)
    assert any("duration_s: missing required key" in p for p in typo.problems)
    assert not user["not-toml.toml"].entry.ok
    assert user["my-vase.toml"].entry.ok and not user["my-vase.toml"].locked
    # The shipped curriculum is all still there.
    assert sum(1 for it in scene.items if it.entry is not None and it.entry.ok) == 13 + 1

    scene = select_level(app, scene, "typo")
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, LevelSelectScene) and scene.message.startswith("Broken: duraton_s")
    scene = select_level(app, scene, "my-vase")
    scene = press(app, scene, pygame.K_RETURN)
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, PlayScene) and scene.setup.level.id == "my-vase"
    assert scene.setup.level_path == mine / "my-vase.toml"
    scene = press(app, scene, pygame.K_SPACE, 60)
    assert scene.live.sim.t_s > 0.3


def test_settings_remap_with_a_conflict_survives_a_restart(tmp_path):
    data = tmp_path / "data"
    app = make_app(data)
    try:
        ctx = ctx_for(app)
        scene = drive(app, SettingsScene(ctx))
        # AF-ON (the third row) to G: a free key, so no question.
        scene = press(app, scene, pygame.K_DOWN, 1)
        scene = press(app, scene, pygame.K_DOWN, 1)
        scene = press(app, scene, pygame.K_RETURN, 1)
        assert scene.listening == "af_on"
        scene = press(app, scene, pygame.K_g)
        assert scene.bindings["af_on"][0] == "key:g" and "key:f" not in scene.bindings["af_on"]
        assert "mouse:6" in scene.bindings["af_on"] or "joy:button:5" in scene.bindings["af_on"], "other kinds stay"
        # The shutter (first row) to K. Then AF-ON to the half-press key, which the half-press has: asked first.
        scene = press(app, scene, pygame.K_UP, 1)
        scene = press(app, scene, pygame.K_UP, 1)
        scene = press(app, scene, pygame.K_RETURN, 1)
        scene = press(app, scene, pygame.K_k)
        assert scene.bindings["full"][0] == "key:k"
        scene = press(app, scene, pygame.K_DOWN, 1)
        scene = press(app, scene, pygame.K_DOWN, 1)
        scene = press(app, scene, pygame.K_RETURN, 1)
        scene = press(app, scene, pygame.K_s if "key:s" in scene.bindings.get("half", []) else pygame.K_LSHIFT)
        assert scene.conflict is not None and scene.conflict[2] == "half"
        scene = press(app, scene, pygame.K_ESCAPE)  # keep it where it is
        assert scene.conflict is None and scene.bindings["af_on"][0] == "key:g"
        # Window size and volume are saved as well.
        for _ in range(7):
            scene = press(app, scene, pygame.K_DOWN, 1)
        assert scene.row == 9  # window size
        scene = press(app, scene, pygame.K_RIGHT, 1)
        scene = press(app, scene, pygame.K_DOWN, 1)
        scene = press(app, scene, pygame.K_DOWN, 1)
        scene = press(app, scene, pygame.K_LEFT, 1)
        assert app.size == scene.size
    finally:
        app.close()

    # A restart: everything comes from the file.
    bindings, notices = load_bindings(data)
    assert notices == []
    assert bindings["af_on"][0] == "key:g" and bindings["full"][0] == "key:k"
    settings = GameContext(data_dir=data).settings()
    assert (settings.window_width_px, settings.window_height_px) == (1600, 900)
    assert settings.volume == pytest.approx(0.7)
    app = make_app(data, bindings)
    try:
        from tests.ui.helpers import run_for, start_play

        play = start_play(app, "control-static", mode="bbf")
        key(pygame.K_g)  # the new AF-ON
        run_for(app, play, 0.6)
        key(pygame.K_k)  # the new shutter
        run_for(app, play, 0.2)
        assert play.live.snap.frames_fired[0] == 1
        assert play.live.photos[0].row["hit"], "AF-ON on G focused before the shutter on K fired"
    finally:
        app.close()


def _record_bot_attempt(data_dir: Path, level_id: str, mode: str, seed: int) -> None:
    from datetime import UTC, datetime

    from bbf_sim.core.recording import play_bot
    from bbf_sim.practice.attempts import FinishedRun, save_attempt

    path = resolve_level_path(level_id)
    rec = play_bot(load_level(path), seed, mode)
    now = datetime.now(UTC)
    with History.open(data_dir) as history:
        save_attempt(data_dir, history, FinishedRun.from_recorder(rec, level_hash(path), mode, seed, now, now))


def _play_control_level(app: App, mode: str, seed: int):
    """A person plays control-static to the end: focus, then five frames."""
    path = resolve_level_path("control-static")
    from bbf_sim.ui.scenes.play import PlaySetup

    scene = drive(app, PlayScene(PlaySetup(load_level(path), mode, seed, level_path=path, start_paused=False)), 1)
    focus = pygame.K_f if mode == "bbf" else pygame.K_s
    key(focus)
    scene = drive(app, scene, 60)
    for _ in range(5):
        key(pygame.K_SPACE)
        scene = drive(app, scene, 10)
        key(pygame.K_SPACE, down=False)
        scene = drive(app, scene, 80)
    for _ in range(2000):
        if not isinstance(scene, PlayScene):
            break
        scene = drive(app, scene, 1)
    key(focus, down=False)
    return scene


def test_a_finished_attempt_is_recorded_with_its_replay_and_results_compare_both_mappings(app, capsys):
    from bbf_sim.ui.scenes.results import ResultsScene
    from bbf_sim.ui.scenes.review import ReviewScene

    data = app.options.data_dir
    data.mkdir(parents=True, exist_ok=True)
    app.input.set_bindings({"half": ["key:s"], "full": ["key:space"], "af_on": ["key:f"]})
    review = _play_control_level(app, "bbf", seed=4)
    assert isinstance(review, ReviewScene)
    result = review.result
    assert result.attempt_id is not None, result.record_note
    with History.open(data) as history:
        (stored,) = history.attempts("control-static")
        assert stored.mode == "bbf" and stored.seed == 4 and stored.summary["frames"] == result.summary.frames
        assert len(history.frames(stored.id)) == result.summary.frames
    replay = data / stored.replay_path
    assert replay.is_file()
    # The replay re-scores to exactly what was recorded.
    assert main(["replay", str(replay), "--json", "--data-dir", str(data)]) == 0
    assert '"matches_recorded": true' in capsys.readouterr().out

    # Results read the comparison from history: one mapping so far, then both.
    results = drive(app, ResultsScene(result), 1)
    assert set(results.both) == {"bbf"} and results.source == "your history"
    other = _play_control_level(app, "shutter", seed=5)
    results = drive(app, ResultsScene(other.result), 1)
    assert set(results.both) == {"bbf", "shutter"}
    assert [len(results.both[m][0]) for m in ("shutter", "bbf")] == [1, 1]


def test_a_demo_is_not_recorded_and_an_abandoned_attempt_is_recorded_as_abandoned(app):
    from bbf_sim.ui.scenes.play import PlaySetup

    data = app.options.data_dir
    data.mkdir(parents=True, exist_ok=True)
    path = resolve_level_path("control-static")
    scene = drive(app, PlayScene(PlaySetup(load_level(path), "bbf", 1, demo=True, level_path=path)), 1)
    for _ in range(2000):
        if not isinstance(scene, PlayScene):
            break
        scene = drive(app, scene, 1)
    assert scene.result.attempt_id is None
    # Quit from the briefing, before the level ran: nothing to keep.
    scene = drive(app, PlayScene(PlaySetup(load_level(path), "bbf", 2, level_path=path)), 3)
    scene = press(app, scene, pygame.K_q, 1)
    assert scene.result.attempt_id is None and "before it started" in scene.result.record_note
    with History.open(data) as history:
        assert history.attempts() == []
    # Quit from the pause screen part way: kept, flagged, and out of the bests that unlock tiers.
    scene = drive(app, PlayScene(PlaySetup(load_level(path), "bbf", 2, level_path=path, start_paused=False)), 10)
    key(pygame.K_f)
    scene = drive(app, scene, 90)
    key(pygame.K_SPACE)
    scene = drive(app, scene, 20)
    scene = press(app, scene, pygame.K_ESCAPE, 1)  # pause
    scene = press(app, scene, pygame.K_q, 1)  # end and review
    assert scene.result.attempt_id is not None and "abandoned" in scene.result.record_note
    with History.open(data) as history:
        [stored] = history.attempts()
    assert not stored.completed and stored.summary["frames"] >= 1
    assert GameContext(data_dir=data).bests() == {}


def test_daily_practice_lists_todays_warm_up(app):
    scene = drive(app, MenuScene(ctx_for(app)))
    scene = press(app, scene, pygame.K_DOWN, 1)
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, LevelSelectScene) and scene.daily
    picks = [it for it in scene.items if it.entry is not None]
    assert picks and all(it.mode == "bbf" and it.reason for it in picks)
    scene = press(app, scene, pygame.K_RETURN)
    assert isinstance(scene, CameraSetupScene) and scene.mode == "bbf"


def test_bbf_sim_play_without_a_level_opens_the_menu(tmp_path):
    out = tmp_path / "menu.png"
    status = main(
        ["play", "--seconds", "0.3", "--screenshot", str(out), "--size", "960x540", "--data-dir", str(tmp_path)]
    )
    assert status == 0
    img = pygame.image.load(str(out))
    assert img.get_size() == (960, 540)
    assert pygame.surfarray.array3d(img).std() > 10, "not a blank window"


def test_levels_option_must_name_a_folder(tmp_path, capsys):
    status = main(["play", "--levels", str(tmp_path / "nope"), "--data-dir", str(tmp_path)])
    assert status != 0
    assert "not a folder" in capsys.readouterr().err
