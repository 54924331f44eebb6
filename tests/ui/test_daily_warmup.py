"""One warm-up: the stats screen and Daily practice show the same levels, never a locked one,
and a ticked item says what was done."""

from __future__ import annotations

import json
from datetime import date, datetime

from bbf_sim.cli import main
from bbf_sim.practice.daily import done_words
from bbf_sim.practice.stats import AttemptPoint
from bbf_sim.ui.scenes.level_select import LevelSelectScene
from bbf_sim.ui.scenes.stats import StatsScene
from tests.ui.test_menus import ctx_for, drive, make_app
from tests.ui.test_stats_screen import history_dir  # noqa: F401 - the fixture


def test_stats_daily_practice_and_the_cli_recommend_the_same_open_levels(history_dir, capsys):  # noqa: F811
    app = make_app(history_dir, size=(1280, 720))
    try:
        ctx = ctx_for(app)
        stats = drive(app, StatsScene(ctx), 1)
        daily = drive(app, LevelSelectScene(ctx, daily=True), 1)
        on_stats = [it.level_id for it in stats.plan.items]
        on_daily = [it.entry.id for it in daily.items if it.selectable]
        assert on_stats and on_stats == on_daily
        # `bbf-sim stats` follows the same rule: the same levels, in the same order, for the same reasons.
        assert main(["stats", "--json", "--data-dir", str(history_dir)]) == 0
        on_cli = json.loads(capsys.readouterr().out)["daily"]["items"]
        assert [it["level_id"] for it in on_cli] == on_stats
        assert [it["reason"] for it in on_cli] == [it.reason for it in stats.plan.items]
        assert main(["stats", "--data-dir", str(history_dir)]) == 0
        table = capsys.readouterr().out
        assert all(f"{lv} in back-button: " in table for lv in on_stats)
        cat = ctx.catalogue()
        open_ids = {i for s in ctx.tiers(cat.shipped, ctx.bests()) if s.unlocked for i in s.level_ids}
        locked = {e.id for e in cat.shipped} - open_ids
        assert locked, "the generated history leaves some tiers locked: the test means something"
        assert not set(on_stats) & locked
    finally:
        app.close()


def _pt(i: int, rate: float | None, completed: bool = True) -> AttemptPoint:
    now = datetime(2026, 12, 7, 9, i)
    return AttemptPoint(
        i, "portrait-recompose", "bbf", now, date(2026, 12, 7), 4, 0, rate, None, 0, 0, False, completed
    )


def test_a_ticked_item_says_what_was_done():
    assert done_words([]) == ""
    assert done_words([_pt(1, 0.5), _pt(2, 0.75)]) == "done: 2 attempts today, best 75 %"
    assert done_words([_pt(1, None, completed=False)]) == "started today (1 ended early)"


def test_a_personal_best_is_a_better_rate_than_every_finished_attempt_before(monkeypatch, tmp_path):
    from datetime import UTC

    from bbf_sim.persistence.records import StoredAttempt
    from bbf_sim.practice.session import GameContext

    def stored(i: int, mode: str, hits: int, completed: bool = True) -> StoredAttempt:
        t = datetime(2026, 12, 7, 9, i, tzinfo=UTC)
        summary = {"frames": 10, "hits": hits, "hit_rate": hits / 10}
        return StoredAttempt(i, "trap-focus", "h", mode, {}, 1, t, t, summary, None, completed)

    ctx = GameContext(data_dir=tmp_path)
    history = [stored(1, "bbf", 6), stored(2, "bbf", 9, completed=False), stored(3, "shutter", 9), stored(4, "bbf", 8)]
    monkeypatch.setattr(ctx, "attempts", lambda level_id=None: history)
    # 0.8 beats 0.6 (the abandoned 0.9 and the other mapping's 0.9 do not count).
    assert ctx.personal_best("trap-focus", "bbf", 4, 0.8) == 0.6
    assert ctx.personal_best("trap-focus", "bbf", 4, 0.6) is None  # a tie is not a record
    assert ctx.personal_best("trap-focus", "bbf", 1, 0.6) is None  # the first attempt is not a record
    assert ctx.personal_best("trap-focus", "bbf", None, 1.0) is None  # not recorded: a demo


def test_a_level_played_while_still_locked_is_not_recommended_anywhere(tmp_path, capsys):
    """Only a tier-2 level played (`bbf-sim play` opens any level): its tier is locked, so no warm-up names it."""
    from bbf_sim.levels.catalog import shipped_levels
    from bbf_sim.levels.loader import level_hash, load_level, shipped_levels_dir
    from bbf_sim.persistence.history import History
    from bbf_sim.practice.generate import generate_history
    from bbf_sim.practice.session import GameContext

    path = shipped_levels_dir() / "landscape-hyperfocal.toml"
    tz = datetime.now().astimezone().tzinfo
    # One day of practice (both mappings, played today): the level counts as played as much as after many.
    with History.open(tmp_path) as history:
        generate_history(history, tmp_path, [(load_level(path), level_hash(path))], 1, date.today(), tz, seed=3, jobs=1)
    ctx = GameContext(data_dir=tmp_path)
    plan = ctx.todays_plan(shipped_levels())
    tier_of = {e.id: e.level.difficulty for e in shipped_levels()}
    assert plan.items and all(tier_of[it.level_id] == 1 for it in plan.items)
    assert main(["stats", "--json", "--data-dir", str(tmp_path)]) == 0
    on_cli = json.loads(capsys.readouterr().out)["daily"]["items"]
    assert [it["level_id"] for it in on_cli] == [it.level_id for it in plan.items]
