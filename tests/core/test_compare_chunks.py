"""`compare` in chunks and processes gives the unchunked result bit for bit; its tallies match the frames."""

import math

import numpy as np
import pytest

from bbf_sim.core.compare import compare_level, play_rows, tally_trials
from bbf_sim.core.comparison import mode_result, verdict
from bbf_sim.core.headless import TrialTally, run_bots
from bbf_sim.core.rowstreams import RowStreams, row_streams
from bbf_sim.core.scoring import sharpness
from bbf_sim.levels.loader import load_level, shipped_levels_dir


def _level(level_id: str):
    return load_level(shipped_levels_dir() / f"{level_id}.toml")


def test_chunked_and_parallel_runs_equal_the_unchunked_one_exactly():
    level = _level("sports-obstruction").model_copy(update={"duration_s": 5.0})  # the first bursts
    # Blocks of 8 rows, so 23 rows span three random streams and chunks cut across them.
    whole = play_rows(level, 5, 23, 0, 23, row_block=8)  # one batch, every row at once
    reference = {"shutter": whole.select(slice(0, 23)), "bbf": whole.select(slice(23, 46))}
    assert reference["bbf"].hits.sum() > 0
    # (2, 12) and (3, 8): a process per chunk, the first played by the calling process itself.
    for jobs, chunk_rows in [(1, 5), (2, 7), (2, 100), (3, 2), (2, 12), (3, 8)]:
        reported: list[float] = []
        got = tally_trials(level, 23, 5, jobs=jobs, chunk_rows=chunk_rows, row_block=8, progress=reported.append)
        for mode in reference:
            assert got[mode].equals(reference[mode]), (jobs, chunk_rows, mode)
        assert reported == sorted(reported) and reported[-1] == 1.0, (jobs, chunk_rows)


def test_a_rows_draws_do_not_depend_on_the_rows_drawn_with_it():
    all_rows, _ = row_streams(9, 20, 0, 20, block_rows=6)
    part, _ = row_streams(9, 20, 4, 15, block_rows=6)
    a = all_rows.standard_normal((20, 3))
    b = part.standard_normal((11, 3))
    assert np.array_equal(a[4:15], b)
    assert np.array_equal(all_rows.uniform(0.7, 1.3, 20)[4:15], part.uniform(0.7, 1.3, 11))


def test_row_streams_refuse_draws_that_are_not_per_row():
    streams, _ = row_streams(9, 20, 4, 15, block_rows=6)
    assert isinstance(streams, RowStreams)
    with pytest.raises(ValueError, match="per random row"):
        streams.random((3, 11))
    with pytest.raises(TypeError):
        streams.random()


def test_one_block_comparison_draws_what_a_single_generator_draws():
    """Up to ROW_BLOCK rows, `compare` plays exactly what `run_bots` plays with the seed's two Generators."""
    level = _level("portrait-recompose")
    n = 12
    tallies = tally_trials(level, n, 3, jobs=2, chunk_rows=5)
    result = run_bots(level, ["shutter"] * n + ["bbf"] * n, 3, rows=np.tile(np.arange(n), 2))
    f = result.frames
    motion = result.simulator.motion
    appear = np.where(result.simulator.is_target, motion.appear_s + motion.jitter_s, np.inf).min(axis=1)
    for k, mode in enumerate(("shutter", "bbf")):
        t = tallies[mode]
        for i in range(n):
            mine = f[f["trial"] == k * n + i]
            assert t.frames[i] == len(mine)
            assert t.hits[i] == mine["hit"].sum()
            assert t.in_frame[i] == mine["in_frame"].sum()
            assert t.sharpness_sum[i] == pytest.approx(sharpness(mine["r"][mine["in_frame"]]).sum(), rel=1e-12)
            assert t.fired_without_af[i] == mine["fired_without_af"].sum()
            assert t.refocused_away[i] == mine["refocused_away"].sum()
            hits = mine["t_s"][mine["hit"]]
            expected = hits.min() - appear[k * n + i] if len(hits) else math.nan
            assert np.isclose(t.first_sharp_s[i], expected, equal_nan=True)


def test_first_sharp_time_on_the_control_level_is_the_hand_calculated_sequence():
    # The still technique: react to the vase (reaction r1), AF detects (0.04 s) and drives from
    # 10 m to 3 m (0.1 → 0.333 D at (1/0.45 D)/0.35 s = 6.35 D/s: 0.0367 s), the beep; react again
    # (r2), let go, wait 0.15 s, press: the frame after the 0.055 s shutter lag. r1 and r2 are
    # lognormal, median 0.25 s, σ 0.25: their sum has mean 2·0.25·e^(σ²/2) = 0.5159 s and variance
    # 2·0.2579²·(e^(σ²) − 1) = 0.00858, so a median of 0.5159 / √(1 + 0.00858/0.5159²) = 0.508 s.
    # AF acts on 1/120 s ticks: detection and confirmation each wait ~4 ms on average.
    # 0.508 + 0.04 + 0.0367 + 0.15 + 0.055 + 0.008 = 0.798 s, in both mappings (nothing moves).
    result = compare_level(_level("control-static"), 300, seed=2)
    for mode in ("shutter", "bbf"):
        m = result.modes[mode]
        assert m.first_sharp_s == pytest.approx(0.798, abs=0.02), mode
        assert m.first_sharp_trials == 300
        assert result.to_dict()["modes"][mode]["first_sharp_s"] == m.first_sharp_s


def test_nothing_fired_means_nothing_measured_and_no_sharpness():
    level = _level("control-static")
    # The vase appears after the level has ended: the bot waits for it and never fires.
    late = [o.model_copy(update={"appear_s": level.duration_s + 5}) for o in level.objects]
    result = compare_level(level.model_copy(update={"objects": late}), 6, seed=1)
    for mode in ("shutter", "bbf"):
        m = result.modes[mode]
        assert m.frames == 0
        assert m.mean_sharpness is None and m.first_sharp_s is None
    assert result.verdict.startswith("Nothing was measured")
    assert "does not matter" not in result.verdict


def test_no_sharpness_without_the_target_in_frame():
    tally = TrialTally.zeros(3)
    frames = np.zeros(3, dtype=[("trial", np.int32), ("in_frame", bool), ("hit", bool), ("r", float),
                                ("fired_without_af", bool), ("refocused_away", bool), ("t_s", float)])  # fmt: skip
    frames["trial"] = [0, 1, 2]
    frames["r"] = 0.5  # sharp, but of a target that is not in the picture
    tally.add(frames, np.zeros(3))
    m = mode_result(tally)
    assert m.frames == 3 and m.hits == 0
    assert m.mean_sharpness is None
    assert m.first_sharp_s is None and m.first_sharp_trials == 0


def test_one_silent_mapping_is_not_a_tie():
    said = verdict(0.5, (-0.1, 1.0), {"shutter": 0, "bbf": 40})
    assert said.startswith("Nothing was measured in shutter-AF")
    assert "does not matter" in verdict(0.0, (-0.1, 0.1), {"shutter": 40, "bbf": 40})
