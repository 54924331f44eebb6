"""Paths against their closed forms: where each kind of object is at a given time."""

import math

import numpy as np
import pytest

from bbf_sim.core.subjects import Motion
from bbf_sim.levels.schema import SceneObject


def obj(path: dict, **kw) -> SceneObject:
    return SceneObject.model_validate({"name": "o", "width_m": 1, "height_m": 1, "path": path, **kw})


def at(o: SceneObject, t_s: float, rows: int = 1, seed: int = 0) -> np.ndarray:
    m = Motion([o], np.arange(rows), rows, np.random.default_rng(seed))
    return m.positions(np.full(rows, t_s))[:, :, 0].T  # (rows, 3)


def test_still_and_linear():
    assert at(obj({"kind": "still", "at_m": [1, 2, 3]}), 5.0)[0] == pytest.approx([1, 2, 3])
    lin = obj({"kind": "linear", "from_m": [-10, 0, 20], "velocity_mps": [4, 0, -1]})
    assert at(lin, 2.5)[0] == pytest.approx([0, 0, 17.5])


def test_approaching_stops_at_its_stop_distance():
    o = obj({"kind": "approaching", "from_m": [0, 0, 30], "speed_mps": 5, "stop_m": 4})
    assert at(o, 2.0)[0] == pytest.approx([0, 0, 20])
    assert at(o, 100.0)[0] == pytest.approx([0, 0, 4])


def test_weave_and_flight_are_sines_on_top_of_steady_motion():
    w = obj({"kind": "weave", "from_m": [0, 0, 10], "velocity_mps": [1, 0, 0], "amplitude_m": [0, 0, 2], "period_s": 4})
    assert at(w, 1.0)[0] == pytest.approx([1, 0, 12])  # quarter period: full amplitude
    assert at(w, 2.0)[0] == pytest.approx([2, 0, 10], abs=1e-12)
    f = obj({"kind": "flight", "from_m": [0, 5, 40], "velocity_mps": [8, 0, 0], "bob_m": 0.5, "bob_period_s": 1})
    ys = np.array([at(f, t)[0][1] for t in np.linspace(0, 1, 50)])
    assert ys.max() - ys.min() == pytest.approx(1.0, abs=0.01)


def test_waypoints_interpolate_and_hold():
    o = obj({"kind": "waypoints", "points": [[0, 0, 0, 10], [2, 4, 0, 10], [3, 4, 0, 5]]})
    assert at(o, 1.0)[0] == pytest.approx([2, 0, 10])
    assert at(o, 2.5)[0] == pytest.approx([4, 0, 7.5])
    assert at(o, 9.0)[0] == pytest.approx([4, 0, 5])


def test_erratic_stays_in_range_differs_per_trial_and_moves_at_about_its_speed():
    o = obj({"kind": "erratic", "centre_m": [0, 0, 6], "range_m": [2, 0, 1], "speed_mps": 1.5})
    m = Motion([o], np.arange(50), 50, np.random.default_rng(1))
    t = np.linspace(0, 20, 2001)
    track = np.stack([m.positions(np.full(50, ti))[:, :, 0] for ti in t])  # (T, 3, 50)
    off = track - np.array([0, 0, 6])[None, :, None]
    assert np.abs(off[:, 0]).max() <= 2 * 1.1 + 1e-9 and np.abs(off[:, 2]).max() <= 1 * 1.1 + 1e-9
    assert not np.allclose(track[:, :, 0], track[:, :, 1])  # two trials, two children
    speed = np.linalg.norm(np.diff(track, axis=0), axis=1) / (t[1] - t[0])
    assert 0.5 < np.median(speed) < 3.0


def test_erratic_range_too_small_to_see_stays_at_the_centre_not_nan():
    # speed / range = 1.5 / 2.2e-308 overflows to infinity, and sin(inf) is NaN: a level that
    # validates crashed the window. A range under a micrometre is no wandering on that axis.
    o = obj({"kind": "erratic", "centre_m": [1, 2, 6], "range_m": [2.2e-308, 5e-7, 0.5], "speed_mps": 1.5})
    m = Motion([o], np.arange(4), 4, np.random.default_rng(3))
    for t_s in (0.0, 1.0, 3599.0):
        pos = m.positions(np.full(4, t_s))[:, :, 0]  # (3, rows)
        assert np.isfinite(pos).all()
        assert (pos[0] == 1.0).all() and (pos[1] == 2.0).all()
        assert np.abs(pos[2] - 6.0).max() <= 0.5 * 1.1 + 1e-9
    # Its random rates and phases are still drawn: the next object wanders as the seed says.
    child = obj({"kind": "erratic", "centre_m": [0, 0, 4], "range_m": [1, 0.2, 0.5], "speed_mps": 2})
    tracks = []
    for first_range_x in (2.2e-308, 0.5):
        first = obj({"kind": "erratic", "centre_m": [1, 2, 6], "range_m": [first_range_x, 0, 0], "speed_mps": 1.5})
        m = Motion([first, child], np.arange(4), 4, np.random.default_rng(3))
        tracks.append(np.stack([m.positions(np.full(4, t_s))[:, :, 1] for t_s in (0.5, 2.0, 7.0)]))
    assert tracks[0].tobytes() == tracks[1].tobytes()


def test_jitter_delays_the_whole_timeline_per_trial():
    o = obj({"kind": "linear", "from_m": [0, 0, 10], "velocity_mps": [1, 0, 0]}, appear_s=1.0, jitter_s=2.0)
    m = Motion([o], np.arange(200), 200, np.random.default_rng(3))
    delays = m.jitter_s[:, 0]
    assert delays.min() >= 0 and delays.max() <= 2.0 and np.ptp(delays) > 1.0
    x = m.positions(np.full(200, 5.0))[0, :, 0]
    assert x == pytest.approx(5.0 - delays)
    present = m.present(np.full(200, 2.0))[:, 0]
    assert np.array_equal(present, 2.0 - delays >= 1.0)


def test_appear_and_leave_window():
    o = obj({"kind": "still", "at_m": [0, 0, 5]}, appear_s=1.0, leave_s=2.0)
    m = Motion([o], np.arange(1), 1, np.random.default_rng(0))
    assert [bool(m.present(np.array([t]))[0, 0]) for t in (0.5, 1.0, 1.5, 2.0)] == [False, True, True, False]


def test_axial_depth_drops_by_the_cosine_of_the_turn():
    from bbf_sim.core.camera import project

    world = np.array([0.0, 0.0, 2.5]).reshape(3, 1, 1)
    turn = math.radians(10)
    _, _, depth = project(world, np.array([turn]), np.array([0.0]), 85.0)
    assert depth[0, 0] == pytest.approx(2.5 * math.cos(turn))
