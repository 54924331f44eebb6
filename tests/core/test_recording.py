"""Recorded inputs replay bit for bit: every shipped level (its first seconds), both mappings, via a replay file."""

from __future__ import annotations

from concurrent.futures import ProcessPoolExecutor

import numpy as np
import pytest

from bbf_sim.core.controls import Button, ControlEvent
from bbf_sim.core.recording import Recorder, effective_events, play_bot, replay_inputs
from bbf_sim.core.simulator import DT_S, Simulator
from bbf_sim.levels.loader import load_level, shipped_levels_dir
from bbf_sim.persistence.replay_file import Replay, load_replay, save_replay
from tests.run_once import made_once_per_run

LEVEL_PATHS = sorted(shipped_levels_dir().glob("*.toml"))
CASES = [(p.stem, mode) for p in LEVEL_PATHS for mode in ("shutter", "bbf")]
SEED = 11
# The first 8 s of each level at most: the recorder keeps inputs, not the level, so length adds
# nothing to what is checked, and by 8 s every level has shown its kinds of play (objects appearing
# and leaving, light changes, two or more bursts).
PLAYED_S = 8.0
# Shorter for the levels whose record and replay (both mappings) take every branch of bbf_sim that
# their 8 s take within the first 2, 3 or 4 s, plus 1 s (measured with coverage.py, 7 December 2026;
# docs/performance.md, "The test suite"). Later seconds replay the same code on other numbers.
LEVEL_PLAYED_S = {
    "af-on-reflex": 3.0,
    "bird-in-flight": 4.0,
    "children-play": 4.0,
    "control-static": 3.0,
    "endless-dragonfly": 4.0,
    "macro-sway": 5.0,
    "portrait-recompose": 4.0,
    "wildlife-branches": 4.0,
}


def _record_and_replay(level_id: str, mode: str, folder: str) -> tuple[bytes, bytes, dict, dict, int]:
    """Record a bot's attempt, write it as a replay file, read it back and re-run it."""
    level = load_level(shipped_levels_dir() / f"{level_id}.toml")
    level = level.model_copy(update={"duration_s": min(level.duration_s, LEVEL_PLAYED_S.get(level_id, PLAYED_S))})
    # A late AF-ON in back-button mode puts events in flight across ticks: the harder case.
    rec = play_bot(level, SEED, mode, af_on_delay_s=0.37 if mode == "bbf" else 0.0)
    recording = rec.recording()
    path = save_replay(
        f"{folder}/{level_id}-{mode}.bbf-replay.gz",
        Replay(level_id, "hash", mode, {}, SEED, 120.0, recording.events, recording.aims, {}),
    )
    loaded = load_replay(path)
    frames, summary = replay_inputs(level, loaded.seed, loaded.mode, loaded.events, loaded.aim)
    original = rec.frames()
    from bbf_sim.core.recording import attempt_summary

    return (
        original.tobytes(),
        frames.tobytes(),
        attempt_summary(level, original).to_dict(),
        summary.to_dict(),
        len(original),
    )


def _record_and_replay_all(folder: str) -> dict:
    with ProcessPoolExecutor(max_workers=2) as pool:
        futures = {case: pool.submit(_record_and_replay, *case, folder) for case in CASES}
        return {case: f.result() for case, f in futures.items()}


@pytest.fixture(scope="module")
def replays(tmp_path_factory):
    """Every (level, mode) recorded and replayed, two processes at a time (it is the slow part),
    once in a test run however many test processes run this module's tests."""
    folder = str(tmp_path_factory.mktemp("replays"))
    return made_once_per_run(tmp_path_factory, "recording-replays", lambda: _record_and_replay_all(folder))


@pytest.mark.parametrize("case", CASES, ids=[f"{lv}-{m}" for lv, m in CASES])
def test_every_shipped_level_replays_bit_for_bit(replays, case):
    original, replayed, summary, resummary, n_frames = replays[case]
    assert original == replayed
    assert summary == resummary


def test_some_replays_have_frames(replays):
    # Bit-for-bit equality of nothing proves nothing: most attempts fire frames.
    assert sum(r[4] > 0 for r in replays.values()) >= len(replays) * 3 // 4


def _level(name="portrait-recompose"):
    return load_level(shipped_levels_dir() / f"{name}.toml")


def test_late_future_and_simultaneous_events_replay_exactly():
    """Inputs a person's play makes: stamped before the tick (late), far ahead, at the same instant, no aim."""
    level = _level()
    rec = Recorder.start(level, 3, "shutter")
    script = {
        10: [ControlEvent(10 * DT_S - 0.004, Button.HALF, True)],  # late: acts at the tick's start
        30: [ControlEvent(1.2, Button.FULL, True), ControlEvent(1.2, Button.FULL, False)],  # 100+ ticks ahead
        31: [ControlEvent(31 * DT_S + 0.3 * DT_S, Button.POINT_LEFT, True)],
        200: [ControlEvent(2.0, Button.FULL, True), ControlEvent(2.0, Button.HALF, False)],
        260: [ControlEvent(260 * DT_S, Button.FULL, False), ControlEvent(50.0, Button.FULL, True)],  # never acts
    }
    yaw = float(rec.snapshot.yaw_rad[0])
    for tick in range(400):
        aim = None if tick % 3 else np.array([[yaw + 1e-4 * np.sin(tick / 7), 0.001 * tick]])
        rec.step(script.get(tick, []), aim)
    recording = rec.recording()
    assert recording.ticks == 400
    assert all(t < 400 * DT_S for t, _, _ in recording.events)  # the one at 50 s never acted
    frames, _ = replay_inputs(level, 3, "shutter", recording.events, recording.aims)
    assert len(rec.frames()) >= 2
    assert frames.tobytes() == rec.frames().tobytes()


def test_effective_times_follow_the_simulators_rule():
    handed = [
        (5, 0.01, int(Button.HALF), True),  # stamped before tick 5: acts at its start
        (5, 1.0, int(Button.FULL), True),  # ahead: keeps its own time
        (6, 6 * DT_S + DT_S / 2, int(Button.AF_ON), True),
    ]
    events = effective_events(handed, 200)
    assert events == [(5 * DT_S, "HALF", True), (6 * DT_S + DT_S / 2, "AF_ON", True), (1.0, "FULL", True)]
    # An event whose tick never came is dropped.
    assert effective_events(handed, 6) == [(5 * DT_S, "HALF", True)]


def test_recorder_refuses_a_batch_and_a_started_simulator():
    level = _level("control-static")
    sim = Simulator()
    sim.reset(level, 1, ["bbf", "shutter"])
    with pytest.raises(ValueError, match="one trial"):
        Recorder(sim)
    sim.reset(level, 1, "bbf")
    sim.step()
    with pytest.raises(ValueError, match="right after reset"):
        Recorder(sim)


def test_unknown_button_name_is_refused():
    with pytest.raises(ValueError, match="unknown button"):
        replay_inputs(_level("control-static"), 1, "bbf", [(0.1, "SELFIE", True)], [(0.0, 0.0)])


def test_stored_events_are_decoded_once_for_rescoring_and_the_replay_screen():
    import pytest as _pytest

    from bbf_sim.core.controls import Button
    from bbf_sim.core.recording import decode_events

    events = [(0.1, "AF_ON", True), (0.35, "FULL", True), (0.5, "FULL", False)]
    arr = decode_events(events)
    assert [(float(e["t_s"]), Button(int(e["button"])).name, bool(e["pressed"])) for e in arr] == events
    assert set(arr["trial"]) == {0}
    with _pytest.raises(ValueError, match="unknown button 'SHUTTER' in event 1"):
        decode_events([(0.1, "AF_ON", True), (0.2, "SHUTTER", True)])
