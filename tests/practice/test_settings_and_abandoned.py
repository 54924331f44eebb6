"""Re-scoring with the settings an attempt was played with (an AF mode changed on the camera set-up
screen), and abandoned attempts: kept in history, shown as abandoned, left out of hit rates."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import numpy as np

from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.headless import generators
from bbf_sim.core.recording import Recorder, play_bot, replay_inputs
from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
from bbf_sim.persistence.history import History
from bbf_sim.persistence.json_values import to_json_value
from bbf_sim.persistence.replay_file import load_replay
from bbf_sim.practice.attempts import FinishedRun, played_level, rescore, save_attempt
from bbf_sim.practice.daily import LevelInfo, daily_plan
from bbf_sim.practice.stats import level_stats, overall_by_mode, points
from tests.practice.test_attempts_and_cli import run_cli

T0 = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)


def test_an_attempt_played_with_another_af_mode_rescores_identically(tmp_path):
    path = shipped_levels_dir() / "sports-obstruction.toml"
    level = load_level(path)
    assert level.af.mode == "af-c"
    as_played = played_level(level, {"af_mode": "af-s"})
    assert as_played.af.mode == "af-s" and level.af.mode == "af-c"
    rec = play_bot(as_played, 11, "bbf")
    run = FinishedRun.from_recorder(rec, level_hash(path), "bbf", 11, T0, T0, level_af_mode="af-c")
    with History.open(tmp_path) as history:
        saved = save_attempt(tmp_path, history, run)
        [stored] = history.attempts()
    assert stored.settings["af_mode"] == "af-s" and stored.settings["level_af_mode"] == "af-c"
    replay = load_replay(saved.replay_path)
    assert rescore(replay, level).matches_recorded
    # Run on the file's own AF mode, the same inputs give another result: the override matters here.
    _, on_file = replay_inputs(level, replay.seed, replay.mode, replay.events, replay.aim)
    assert to_json_value(on_file.to_dict(), "summary") != replay.summary
    out = run_cli("replay", str(saved.replay_path), "--json", "--data-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["matches_recorded"] is True and body["summary"] == stored.summary


def test_an_endless_round_rescores_identically(tmp_path):
    """Round 3 of the endless drill is a different level from the file: the replay rebuilds it."""
    path = shipped_levels_dir() / "endless-dragonfly.toml"
    level = load_level(path)
    as_played = played_level(level, {"endless_step": 2})
    assert as_played.camera.aperture != level.camera.aperture
    rec = play_bot(as_played, 5, "bbf")
    run = FinishedRun.from_recorder(rec, level_hash(path), "bbf", 5, T0, T0, endless_step=2)
    with History.open(tmp_path) as history:
        saved = save_attempt(tmp_path, history, run)
    replay = load_replay(saved.replay_path)
    assert replay.settings["endless_step"] == 2
    assert rescore(replay, level).matches_recorded


def _abandoned(level, path, seed: int, seconds: float, started_at) -> FinishedRun:
    """The bot plays `seconds` of the level, then quits (as from the pause screen)."""
    rec = Recorder.start(level, seed, "bbf")
    bot = TechniqueBot(level, ["bbf"], np.arange(1), generators(seed)[1])
    snap = rec.snapshot
    while rec.sim.t_s < seconds:
        events, aim = bot.act(snap)
        snap = rec.step(events, aim)
    return FinishedRun.from_recorder(rec, level_hash(path), "bbf", seed, started_at, started_at, completed=False)


def test_an_abandoned_attempt_is_kept_shown_and_left_out_of_hit_rates(tmp_path):
    path = shipped_levels_dir() / "control-static.toml"
    level = load_level(path)
    with History.open(tmp_path) as history:
        for i in range(3):
            rec = play_bot(level, i, "bbf")
            start = T0 + timedelta(days=i)
            save_attempt(tmp_path, history, FinishedRun.from_recorder(rec, level_hash(path), "bbf", i, start, start))
        quit_run = _abandoned(level, path, 9, 2.5, T0 + timedelta(days=3))
        saved = save_attempt(tmp_path, history, quit_run)
        stored = history.attempts()
    assert [a.completed for a in stored] == [True, True, True, False]
    quit_summary = stored[-1].summary
    assert 0 < quit_summary["frames"] < stored[0].summary["frames"], "fewer frames than a finished attempt"
    # Its replay holds the ticks that were played, and re-scores to what was stored.
    replay = load_replay(saved.replay_path)
    assert len(replay.aim) < level.duration_s * 120 and rescore(replay, level).matches_recorded

    pts = points(stored, UTC)
    [s] = level_stats(pts)
    finished = [p.hit_rate for p in pts if p.completed]
    assert (s.attempts, s.abandoned) == (3, 1)
    assert s.best_hit_rate == max(finished)
    assert s.frames == sum(p.frames for p in pts if p.completed)
    assert [t.attempt_id for t in s.trend] == [p.id for p in pts if p.completed]
    # The day of the abandoned attempt has no rate point, but it still counts for the streak.
    assert [d.day for d in overall_by_mode(pts)["bbf"]] == [p.day for p in pts if p.completed]
    plan = daily_plan(pts, [LevelInfo("control-static")], date(2026, 3, 4))
    assert plan.streak_days == 4 and plan.practised_today

    out = run_cli("stats", "--json", "--today", "2026-03-04", "--data-dir", str(tmp_path))
    assert out.returncode == 0, out.stderr
    [level_row] = json.loads(out.stdout)["levels"]
    assert (level_row["attempts"], level_row["abandoned"]) == (3, 1)
    table = run_cli("stats", "--today", "2026-03-04", "--data-dir", str(tmp_path))
    assert "quit" in table.stdout
