"""Attempts saved and read back through the real flow; generated history; the stats, replay and
practice-history commands as a user runs them (`main()` with its stdout, stderr and exit status,
`--data-dir tmp_path`)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta

import pytest

from bbf_sim.core.recording import play_bot
from bbf_sim.core.scoring import GRADES
from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
from bbf_sim.persistence.history import History
from bbf_sim.persistence.replay_file import load_replay
from bbf_sim.practice.attempts import FinishedRun, rescore, save_attempt
from bbf_sim.practice.generate import LearnerCurve, generate_history, plan
from tests.commands import run_in_process

T0 = datetime(2026, 3, 1, 19, 0, tzinfo=UTC)
TODAY = "2026-03-02"


def run_cli(*args: str, env_drop: tuple[str, ...] = ()):
    return run_in_process(*args, env_drop=env_drop)


def test_an_attempt_is_saved_and_read_back(tmp_path):
    path = shipped_levels_dir() / "portrait-recompose.toml"
    level = load_level(path)
    rec = play_bot(level, 42, "shutter")
    run = FinishedRun.from_recorder(rec, level_hash(path), "shutter", 42, T0, T0 + timedelta(seconds=12), brand="sony")
    with History.open(tmp_path) as history:
        saved = save_attempt(tmp_path, history, run)
        [stored] = history.attempts()
        rows = history.frames(saved.attempt_id)
    assert (stored.level_id, stored.mode, stored.seed, stored.level_hash) == (level.id, "shutter", 42, level_hash(path))
    assert (stored.started_at, stored.ended_at) == (T0, T0 + timedelta(seconds=12))
    assert stored.settings["af_mode"] == "af-s" and stored.settings["brand"] == "sony"
    frames = rec.frames()
    assert stored.summary["frames"] == len(frames) == len(rows) == 4
    assert [r.grade for r in rows] == [GRADES[g] for g in frames["grade"]]
    assert [r.r for r in rows] == list(frames["r"])
    assert [r.t_s for r in rows] == list(frames["t_s"])
    # Shutter-AF after a recompose: the hedge, and the reason says so.
    assert any("hedge" in r.reason or "background" in r.reason for r in rows)
    assert stored.replay_path.startswith("replays/")
    replay = load_replay(tmp_path / stored.replay_path)
    assert saved.replay_path == tmp_path / stored.replay_path
    assert replay.summary == stored.summary
    assert rescore(replay, level).matches_recorded


def test_learning_plan_is_deterministic_and_improves():
    levels = [load_level(shipped_levels_dir() / "control-static.toml")]
    a = plan(levels, 10, date(2026, 3, 10), UTC, seed=4)
    assert a == plan(levels, 10, date(2026, 3, 10), UTC, seed=4)
    assert a[0].human.reaction_median_s > a[-1].human.reaction_median_s
    assert a[-1].started_at.date() == date(2026, 3, 10)
    curve = LearnerCurve()
    # The last days are practised without a gap: the demo always shows a streak.
    days = {p.started_at.date() for p in a}
    assert {date(2026, 3, 10) - timedelta(days=k) for k in range(curve.streak_days)} <= days
    assert curve.progress(0) == 0 and curve.progress(1) == pytest.approx(1)


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    """Two days of generated practice on two short levels, saved through the real flow."""
    folder = tmp_path_factory.mktemp("data")
    paths = [shipped_levels_dir() / "control-static.toml", shipped_levels_dir() / "portrait-recompose.toml"]
    levels = [(load_level(p), level_hash(p)) for p in paths]
    with History.open(folder) as history:
        n = generate_history(history, folder, levels, 2, date.fromisoformat(TODAY), UTC, seed=3, jobs=2)
    assert n == 8
    return folder


def test_stats_json(data_dir):
    out = run_cli("stats", "--json", "--today", TODAY, "--data-dir", str(data_dir))
    assert out.returncode == 0, out.stderr
    body = json.loads(out.stdout)
    assert body["attempts"] == 8
    levels = {(s["level_id"], s["mode"]): s for s in body["levels"]}
    assert set(levels) == {(lv, m) for lv in ("control-static", "portrait-recompose") for m in ("shutter", "bbf")}
    assert levels[("portrait-recompose", "bbf")]["best_hit_rate"] == 1.0
    assert levels[("portrait-recompose", "shutter")]["habits"]["refocus_after_recompose"]["total"] > 0
    assert body["daily"]["streak_days"] == 2 and body["daily"]["practised_today"]
    assert len(body["by_day"]["bbf"]) == 2


def test_stats_table_and_level_filter(data_dir):
    out = run_cli("stats", "--level", "portrait-recompose", "--today", TODAY, "--data-dir", str(data_dir))
    assert out.returncode == 0, out.stderr
    assert "portrait-recompose" in out.stdout and "control-static  " not in out.stdout
    assert "Streak: 2 days" in out.stdout and "back-button" in out.stdout


def test_stats_csv(data_dir, tmp_path):
    target = tmp_path / "history.csv"
    out = run_cli("stats", "--csv", str(target), "--data-dir", str(data_dir))
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(target.open()))
    assert len(rows) == 8
    assert {r["mode"] for r in rows} == {"shutter", "bbf"}
    assert all(0 <= float(r["hit_rate"]) <= 1 for r in rows if r["hit_rate"])
    assert rows[0]["generated"] == "1"


def test_stats_plot_writes_a_png(data_dir, tmp_path):
    target = tmp_path / "chart.png"
    out = run_cli("stats", "--plot", str(target), "--data-dir", str(data_dir))
    assert out.returncode == 0, out.stderr
    import pygame

    image = pygame.image.load(str(target))
    assert image.get_size() == (1200, 800)
    assert [p.name for p in tmp_path.iterdir()] == ["chart.png"]  # no temporary file left behind
    bad = run_cli("stats", "--plot", str(tmp_path / "chart.jpg"), "--data-dir", str(data_dir))
    assert bad.returncode == 2 and "PNG" in bad.stderr


def test_replay_json_rescores_identically(data_dir):
    with History.open(data_dir) as history:
        attempts = history.attempts()
    for stored in (attempts[0], attempts[-1]):
        out = run_cli("replay", str(data_dir / stored.replay_path), "--json", "--data-dir", str(data_dir))
        assert out.returncode == 0, out.stderr
        body = json.loads(out.stdout)
        assert body["matches_recorded"] is True
        assert body["summary"] == stored.summary
    shot = data_dir.parent / "replay.png"
    text = run_cli(
        "replay",
        str(data_dir / attempts[0].replay_path),
        "--data-dir",
        str(data_dir),
        "--seconds",
        "0.3",
        "--size",
        "960x540",
        "--screenshot",
        str(shot),
    )
    assert text.returncode == 0, text.stderr
    assert "(as recorded)" in text.stdout and shot.is_file()


def test_replay_of_a_changed_level_says_so(tmp_path):
    level_file = tmp_path / "my-portrait.toml"
    shutil.copy(shipped_levels_dir() / "portrait-recompose.toml", level_file)
    level = load_level(level_file)
    rec = play_bot(level, 5, "bbf")
    run = FinishedRun.from_recorder(rec, level_hash(level_file), "bbf", 5, T0, T0 + timedelta(seconds=12))
    with History.open(tmp_path) as history:
        saved = save_attempt(tmp_path, history, run)
    same = run_cli("replay", str(saved.replay_path), "--json", "--level", str(level_file))
    assert same.returncode == 0, same.stderr
    assert json.loads(same.stdout)["matches_recorded"] is True
    # The level gets edited: the face moves half a metre back.
    level_file.write_text(level_file.read_text().replace("at_m = [0.0, 0.0, 2.5]", "at_m = [0.0, 0.0, 3.0]"))
    changed = run_cli("replay", str(saved.replay_path), "--json", "--level", str(level_file))
    assert changed.returncode == 3
    assert changed.stdout == ""
    assert "has changed since" in changed.stderr and "Traceback" not in changed.stderr
    unknown = run_cli("replay", str(saved.replay_path), "--json")
    assert unknown.returncode == 2 and "--level" in unknown.stderr


def test_corrupt_database_is_set_aside_with_a_message(tmp_path):
    (tmp_path / "history.sqlite3").write_bytes(b"this is not a database, it is a shopping list\n" * 100)
    out = run_cli("stats", "--data-dir", str(tmp_path))
    assert out.returncode == 0
    assert "Traceback" not in out.stderr
    assert "moved to" in out.stderr and "history.sqlite3.corrupt-" in out.stderr
    assert "No attempts yet" in out.stdout
    assert any(p.name.startswith("history.sqlite3.corrupt-") for p in tmp_path.iterdir())


def test_damaged_replay_file_is_a_one_line_error(tmp_path):
    bad = tmp_path / "x.bbf-replay.gz"
    bad.write_bytes(b"\x1f\x8b garbage")
    out = run_cli("replay", str(bad), "--json")
    assert out.returncode == 2 and "Traceback" not in out.stderr and str(bad) in out.stderr


def test_practice_history_needs_an_explicit_data_dir(tmp_path):
    out = run_cli("practice-history", "--generate", "1", env_drop=("BBF_SIM_DATA_DIR",))
    assert out.returncode == 2 and "--data-dir" in out.stderr
    assert "practice-history" not in run_cli("--help").stdout  # a developer's command: not listed


def test_practice_history_generates_into_the_data_dir(tmp_path):
    out = run_cli(
        "practice-history",
        "--generate",
        "1",
        "--level",
        "control-static",
        "--end-date",
        TODAY,
        "--jobs",
        "1",
        "--data-dir",
        str(tmp_path),
    )
    assert out.returncode == 0, out.stderr
    assert "generated 2 attempts" in out.stdout
    with History.open(tmp_path) as history:
        attempts = history.attempts()
    assert {a.mode for a in attempts} == {"shutter", "bbf"}
    assert all(a.settings["generated"] for a in attempts)
    assert len(list((tmp_path / "replays").iterdir())) == 2


def test_practice_modules_do_not_import_pygame():
    code = (
        "import sys\n"
        "sys.modules['pygame'] = None\n"
        "import bbf_sim.core.recording, bbf_sim.practice.attempts, bbf_sim.practice.stats\n"
        "import bbf_sim.practice.daily, bbf_sim.practice.generate\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "ok", out.stderr
