"""The practice service's rules, without a window: which plays are kept, which attempts compare, bests and unlocks."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from bbf_sim.core.controls import Button, ControlEvent, Mapping
from bbf_sim.core.recording import Recorder
from bbf_sim.core.scoring import level_summary
from bbf_sim.levels.loader import level_hash, load_level, resolve_level_path
from bbf_sim.persistence.history import History
from bbf_sim.practice.session import Best, FinishedPlay, GameContext, counted_mode
from bbf_sim.practice.stored import StoredSummary
from tests.persistence.factories import make_record

LEVEL_ID = "control-static"


def _played(mode: str | Mapping = "bbf", *, seed: int = 3, fire: bool = True, **kw) -> FinishedPlay:
    """A whole play of the control level: AF-ON (or half-press) held from 0.2 s, one full press at 1 s."""
    path = resolve_level_path(LEVEL_ID)
    level = load_level(path)
    rec = Recorder.start(level, seed, mode if isinstance(mode, str) else "bbf")
    focus = Button.AF_ON if mode == "bbf" else Button.HALF
    events = [ControlEvent(0.2, focus, True)] + ([ControlEvent(1.0, Button.FULL, True)] if fire else [])
    first = True
    while not rec.done:
        rec.step(events if first else None)
        first = False
    return FinishedPlay(
        level=level,
        played_level=level,
        level_path=path,
        mode=mode,
        seed=seed,
        summary=level_summary(level, rec.frames()),
        recorder=rec,
        started_at=datetime(2026, 12, 1, 9, 0, tzinfo=UTC),
        ticks_played=rec.sim.tick,
        **kw,
    )


def test_only_the_two_compared_mappings_count_as_attempts():
    assert counted_mode("shutter") == "shutter" and counted_mode("bbf") == "bbf"
    assert counted_mode(Mapping(af_on_half_press=False, af_on_rear_button=True)) == "bbf"
    # A set-up drill's AF on both buttons, or on neither: practice of the menus, not an attempt.
    assert counted_mode(Mapping(af_on_half_press=True, af_on_rear_button=True)) is None
    assert counted_mode(Mapping(af_on_half_press=False, af_on_rear_button=False)) is None


def test_a_play_is_recorded_in_history_and_then_compares_from_it(tmp_path):
    ctx = GameContext(data_dir=tmp_path)
    play = _played("bbf")
    assert play.summary.frames >= 1, "the full press fired at least one frame"
    kept = ctx.record_play(play)
    assert kept.attempt_id is not None and kept.note.startswith("recorded; replay ")
    [stored] = ctx.attempts(LEVEL_ID)
    assert stored.mode == "bbf" and stored.level_hash == level_hash(play.level_path) and stored.completed
    compared = ctx.comparison(play.played_level, play.level_path)
    assert compared.source == "your history"
    assert compared.by_mode["bbf"].frames == [play.summary.frames]
    assert compared.by_mode["bbf"].hits == [play.summary.hits]


@pytest.mark.parametrize(
    ("change", "note"),
    [
        pytest.param({"recorder": None}, "", id="demo"),
        pytest.param({"ended_early": True, "ticks_played": 0}, "ended before it started", id="quit-on-briefing"),
        pytest.param({"level_path": None}, "no data folder", id="level-in-memory"),
        pytest.param({"mode": Mapping(True, True)}, "a set-up drill mapping", id="drill-mapping"),
    ],
)
def test_plays_that_are_not_attempts_are_not_written(tmp_path, change, note):
    ctx = GameContext(data_dir=tmp_path)
    kept = ctx.record_play(replace(_played("bbf", fire=False), **change))
    assert kept.attempt_id is None and kept.note.startswith(note)
    assert ctx.attempts() == []


def test_without_a_data_folder_the_comparison_is_this_sessions_finished_plays():
    ctx = GameContext(data_dir=None)
    bbf, shutter = _played("bbf"), _played("shutter", seed=4)
    assert ctx.record_play(bbf).note == "no data folder: not recorded"
    ctx.record_play(shutter)
    ctx.record_play(replace(shutter, ended_early=True))  # abandoned: left out, as history leaves it out
    compared = ctx.comparison(bbf.played_level, bbf.level_path)
    assert compared.source == "this session"
    assert {m: t.frames for m, t in compared.by_mode.items()} == {
        "bbf": [bbf.summary.frames],
        "shutter": [shutter.summary.frames],
    }


def test_comparable_attempts_are_completed_same_file_same_af_mode(tmp_path):
    path = resolve_level_path(LEVEL_ID)
    level = load_level(path)
    digest = level_hash(path)
    with History.open(tmp_path) as h:
        same = make_record(0, level_id=LEVEL_ID, mode="bbf", n_frames=8)
        h.record_attempt(replace(same, level_hash=digest, settings={"af_mode": level.af.mode}))
        h.record_attempt(replace(same, level_hash=digest, settings={"af_mode": "other"}, seed=2))
        h.record_attempt(replace(same, level_hash="0" * 16, settings={"af_mode": level.af.mode}, seed=3))
        h.record_attempt(replace(same, level_hash=digest, settings={}, completed=False, seed=4))
        shutter = make_record(5, level_id=LEVEL_ID, mode="shutter", n_frames=4)
        h.record_attempt(replace(shutter, level_hash=digest, settings={}))  # no af_mode stored: the level's
    compared = GameContext(data_dir=tmp_path).comparison(level, path)
    # make_record's frames cycle tack sharp, sharp, soft, miss: 8 frames hold 4 hits.
    assert compared.by_mode["bbf"].frames == [8] and compared.by_mode["bbf"].hits == [4]
    assert compared.by_mode["shutter"].frames == [4] and compared.by_mode["shutter"].hits == [2]
    # Habits summed per mapping: make_record stores 2 refocuses and 1 frame fired without AF.
    assert (compared.by_mode["bbf"].refocus_after_recompose, compared.by_mode["bbf"].fired_without_af) == (2, 1)


def test_bests_come_from_completed_attempts_and_unlock_by_either_mapping(tmp_path):
    with History.open(tmp_path) as h:
        h.record_attempt(make_record(0, level_id="a", mode="bbf", n_frames=4))  # 2 hits of 4
        h.record_attempt(make_record(1, level_id="a", mode="bbf", n_frames=8))  # 4 hits of 8: not better
        h.record_attempt(make_record(2, level_id="a", mode="shutter", n_frames=3))  # 2 hits of 3
        h.record_attempt(replace(make_record(3, level_id="b", n_frames=4), completed=False))
        h.record_attempt(make_record(4, level_id="c", n_frames=0))  # nothing fired
    ctx = GameContext(data_dir=tmp_path)
    bests = ctx.bests()
    assert bests == {
        ("a", "bbf"): Best(0.5, 2),
        ("a", "shutter"): Best(pytest.approx(2 / 3), 1),
        ("c", "bbf"): Best(None, 1),
    }
    assert ctx.best_either(bests) == {"a": pytest.approx(2 / 3)}


def test_a_stored_summary_reads_missing_or_null_counts_as_zero():
    s = StoredSummary.of({"frames": 10, "hits": 4, "first_sharp_s": None, "fired_without_af": None})
    assert (s.frames, s.hits, s.fired_without_af, s.refocus_after_recompose, s.first_sharp_s) == (10, 4, 0, 0, None)
    assert s.hit_rate == 0.4 and StoredSummary.of({}).hit_rate is None
