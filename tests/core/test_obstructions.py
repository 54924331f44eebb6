"""Back-button in AF-C: the thumb off AF-ON while a wall crosses the AF point, on again after.

A runner at 30 m, 4 m/s across and 1.4 m/s towards the camera, panned at 300 mm f/4; a wall at
10 m that the panning AF point crosses. A photographer with still hands and an exact pursuit
(no aim noise) holds AF-ON and the shutter through one long burst.
"""

from dataclasses import replace

import numpy as np
import pytest

from bbf_sim.core.bots import TechniqueBot
from bbf_sim.core.controls import Button
from bbf_sim.core.headless import generators, run_bots
from bbf_sim.core.human import PROFILES
from bbf_sim.core.simulator import DT_S, Simulator
from bbf_sim.levels.schema import Level

from .scenes import BASE, _merge

RT_S = PROFILES["careful"].reaction_median_s


def _wall_level(wall_m: float) -> Level:
    runner = {
        "name": "runner",
        "role": "target",
        "width_m": 0.55,
        "height_m": 1.8,
        "contrast": 0.8,
        "path": {"kind": "linear", "from_m": [-8.0, 0.0, 30.0], "velocity_mps": [4.0, 0.0, -1.4]},
    }
    wall = {
        "name": "wall",
        "role": "obstacle",
        "width_m": wall_m,
        "height_m": 3.0,
        "contrast": 0.7,
        "path": {"kind": "still", "at_m": [wall_m / 2, 0.0, 10.0]},
    }
    return Level.model_validate(
        _merge(
            BASE,
            {
                "duration_s": 5.0,
                "scenario": "sports",
                "camera": {"focal_mm": 300, "aperture": 4.0, "exposure_s": 0.000625, "drive": "burst",
                           "burst_fps": 10},
                "lens": {"min_focus_m": 2.0, "full_travel_s": 0.4, "start_focus_m": 25.0},
                "af": {"mode": "af-c", "lock_on_s": 0.5},
                "scene": {"light_ev": 13, "background_m": 60.0, "background_contrast": 0.5},
                "objects": [runner, wall],
                "bot": {"technique": "track", "bursts_at_s": [1.0], "burst_s": 3.5, "prefocus_s": 0.3},
            },
        )
    )  # fmt: skip


STILL_HANDS = replace(PROFILES["careful"], track_noise_deg=0.0, hold_noise_deg=0.0)


def _play(level, human):
    """One back-button trial: the AF-ON events the bot sent, and when the wall covered the AF point."""
    sim_rng, bot_rng = generators(3)
    sim = Simulator()
    snap = sim.reset(level, sim_rng, ["bbf"])
    bot = TechniqueBot(level, ["bbf"], np.zeros(1, np.intp), bot_rng, human)
    af_on, covered = [], []
    half = sim.grid.point_half_mm
    while not sim.done:
        events, aim = bot.act(snap)
        af_on += [(float(e["t_s"]), bool(e["pressed"])) for e in events if e["button"] == Button.AF_ON]
        snap = sim.step(events, aim)
        # The wall's image box overlaps the AF point (the point is at the centre): geometry, not the bot.
        w_mm = sim.focal_mm * sim.half_w_m[1] / snap.depth_m[0, 1]
        covered.append((snap.t_s, abs(snap.u_mm[0, 1]) <= w_mm + half))
    return af_on, covered, sim.frames(), bot


def _crossing(covered):
    times = [t for t, c in covered if c]
    return times[0], times[-1] + DT_S  # the first tick covered, the first clear one


def test_a_crossing_longer_than_lock_on_lifts_the_thumb_and_presses_after():
    """A 1.4 m wall at 10 m: the point, panning at about 0.13 rad/s, is behind it for about 0.9 s, longer
    than the 0.5 s lock-on. The thumb comes off a reaction time after the wall reaches the point, and
    goes back a reaction time after the point is clear on the runner (ticks: 1/120 s)."""
    af_on, covered, frames, _ = _play(_wall_level(1.4), STILL_HANDS)
    start, end = _crossing(covered)
    assert 0.8 < end - start < 1.1
    lifts = [t for t, p in af_on if not p]
    presses = [t for t, p in af_on if p]
    assert len(lifts) == 1 and len(presses) == 2  # the first press at the subject's appearance
    assert lifts[0] == pytest.approx(start + RT_S, abs=1.5 * DT_S)
    # Clear on the runner: the point also has to be CLEAR_MARGIN half-points off the wall's edge.
    assert end + RT_S - DT_S <= presses[1] <= end + RT_S + 0.1
    # Back on the runner one detection latency (5 ticks) and a short move after the press: the
    # lens stood at the runner's distance 1.2 s earlier, 1.4 m/s · 1.2 s = 1.7 m closer now, at
    # about 20 m a move of 1/20 − 1/21.7 = 4·10⁻³ D, 3 ms at 1.25 D/s.
    after = frames[(frames["t_s"] > presses[1] + 0.04 + 3 * DT_S) & frames["visible"]]
    assert len(after) >= 5 and after["hit"].all()


def test_a_crossing_shorter_than_lock_on_is_ridden_through():
    """A 0.6 m wall: about 0.43 s behind it, less than the 0.5 s lock-on: the thumb stays on."""
    af_on, covered, _, _ = _play(_wall_level(0.6), STILL_HANDS)
    start, end = _crossing(covered)
    assert end - start < 0.5
    assert [p for _, p in af_on] == [True]


def test_always_letting_go_lifts_for_the_short_one_too():
    af_on, _, _, bot = _play(_wall_level(0.6), replace(STILL_HANDS, obstruction_let_go="always"))
    assert [p for _, p in af_on] == [True, False, True]
    assert bot.watcher.let_go_count[0] == 1


@pytest.mark.parametrize(("wall_m", "let_go_ahead"), [(0.6, False), (1.4, True)])
def test_letting_go_beats_riding_through_only_past_the_lock_on_delay(wall_m, let_go_ahead):
    """Riding through, lock-on gives the focus to the wall 0.5 s after it came (the long wall) and back to
    the runner only 0.5 s after it left: frames soft that the let-go thumb keeps sharp. On the short wall
    lock-on holds, and letting go only adds a reaction time with the lens standing still.

    Long wall, by hand: riding through, AF measures the runner again a lock-on delay after the wall left
    (0.5 s); let go, a reaction time plus a latency after (0.25 + 0.04 s): about 0.2 s, 2 frames at
    10 fps, more per trial, so at least 2 · 20 more hits over 20 trials (frames of a runner half
    behind the wall, focused on the wall, come on top)."""
    level = _wall_level(wall_m)
    ride = run_bots(level, ["bbf"] * 20, 5, human=replace(PROFILES["careful"], obstruction_let_go="never"))
    let = run_bots(level, ["bbf"] * 20, 5, human=replace(PROFILES["careful"], obstruction_let_go="always"))
    ride_hits, let_hits = ride.frames["hit"].sum(), let.frames["hit"].sum()
    if let_go_ahead:
        assert let_hits >= ride_hits + 2 * 20
    else:
        assert let_hits <= ride_hits


def test_pressing_af_on_again_near_the_subject_is_one_latency_and_a_short_move():
    """AF-C, a runner coming straight at the camera at 2 m/s from 20 m (200 mm f/2.8). AF-ON held from
    0.2 s, let go at 1.0 s (the lens stops where the runner was: 18 m), pressed again at 2.0 s.

    By hand: at 2.0 s the runner is at 16 m, 1/16 − 1/18 = 6.9·10⁻³ D from the lens. Phase detection
    reads that after one detection latency (5 ticks, 41.7 ms) and the motor (1/1.5 D in 0.4 s,
    1.67 D/s) covers it in 4.2 ms: the lens is on the runner by about 2.05 s, not after a hunt.
    Before that it blurs f²/N · Δ = 0.04 m² / 2.8 · 6.9·10⁻³ D = 0.099 mm, 3.3 circles of confusion.
    """
    from .scenes import make_level, play, press, release

    level = make_level(
        camera={"focal_mm": 200, "aperture": 2.8, "exposure_s": 0.0005, "drive": "burst", "burst_fps": 20},
        lens={"min_focus_m": 1.5, "full_travel_s": 0.4, "start_focus_m": 20.0},
        af={"mode": "af-c", "lock_on_s": 0.5},
        objects=[
            {
                "name": "runner",
                "role": "target",
                "width_m": 0.6,
                "height_m": 1.8,
                "contrast": 0.8,
                "path": {"kind": "linear", "from_m": [0.0, 0.0, 20.0], "velocity_mps": [0.0, 0.0, -2.0]},
            }
        ],
    )
    af_on = Button.AF_ON
    events = [
        press(0.2, af_on),
        release(1.0, af_on),
        press(1.9, Button.FULL),
        press(2.0, af_on),
        release(2.3, Button.FULL),
    ]
    sim, snaps = play(level, "bbf", events)
    frames = sim.frames()
    soft = frames[frames["t_s"] < 2.0 + 0.0417]
    sharp = frames[frames["t_s"] >= 2.0 + 0.0417 + 0.0042 + DT_S]
    assert len(soft) >= 2 and (soft["r"] > 2.5).all()  # 3.3 c at 2.0 s, a little less just before
    assert len(sharp) >= 4 and sharp["hit"].all()
    # The lens stood still while AF-ON was up.
    idle = np.array([s.lens_D[0] for s in snaps if 1.05 < s.t_s < 2.0])
    assert np.ptp(idle) == 0 and 1 / idle[0] == pytest.approx(18.0, rel=0.01)


def test_the_recheck_presses_again_a_reaction_time_after_the_point_is_clear():
    """Riding the 1.4 m wall through with no burst running: lock-on gives the focus to the wall half a
    second after the point reached it, the photographer sees the wrong track a reaction time later,
    and lifts and presses AF-ON again only a reaction time after the point is clear on the runner
    (before, the moment it was clear: no eye is that fast)."""
    d = _wall_level(1.4).model_dump()
    d["bot"]["bursts_at_s"], d["bot"]["burst_s"] = [0.8], 0.4  # over before the wall
    level = Level.model_validate(d)
    af_on, covered, _, _ = _play(level, replace(STILL_HANDS, obstruction_let_go="never"))
    start, end = _crossing(covered)
    lifts = [t for t, p in af_on if not p]
    assert len(lifts) == 1
    assert end + RT_S - DT_S <= lifts[0] <= end + RT_S + 0.1
    assert [t for t, p in af_on if p][-1] == pytest.approx(lifts[0] + 0.1)  # REPRESS_S later
