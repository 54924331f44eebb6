"""The endless drill: harder after a clean round, easier after a poor one, the same in between; deterministic."""

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from bbf_sim.levels.adaptive import aperture_at_step, first_round, level_at_step, next_round, next_step
from bbf_sim.levels.catalog import shipped_levels
from bbf_sim.levels.schema import Level

from ..core.scenes import BASE, _merge
from .test_fuzz_levels import accepted_levels

ENDLESS = next(e.level for e in shipped_levels() if e.ok and e.level.endless is not None)


def _all_paths_level() -> Level:
    objects = [
        {"name": "still", "width_m": 0.2, "height_m": 0.2, "path": {"kind": "still", "at_m": [0, 0, 3]}},
        {"name": "lin", "role": "target", "width_m": 0.2, "height_m": 0.2,
         "path": {"kind": "linear", "from_m": [0, 0, 3], "velocity_mps": [1, 0, 0]}},
        {"name": "app", "width_m": 0.2, "height_m": 0.2,
         "path": {"kind": "approaching", "from_m": [0, 0, 9], "speed_mps": 90}},
        {"name": "weave", "width_m": 0.2, "height_m": 0.2,
         "path": {"kind": "weave", "from_m": [0, 0, 3], "amplitude_m": [1, 0, 0], "period_s": 2}},
        {"name": "fly", "width_m": 0.2, "height_m": 0.2,
         "path": {"kind": "flight", "from_m": [0, 5, 30], "velocity_mps": [5, 0, 0]}},
        {"name": "kid", "width_m": 0.2, "height_m": 0.2,
         "path": {"kind": "erratic", "centre_m": [0, 0, 5], "range_m": [1, 0, 1], "speed_mps": 2}},
        {"name": "wp", "width_m": 0.2, "height_m": 0.2,
         "path": {"kind": "waypoints", "points": [[0, 0, 0, 4], [2, 1, 0, 4]]}},
    ]  # fmt: skip
    return Level.model_validate(_merge(BASE, {"objects": objects, "endless": {"speed_step": 1.25}}))


@pytest.mark.parametrize(
    ("hit_rate", "expected"),
    [
        pytest.param(1.0, 1, id="clean"),
        pytest.param(0.9, 1, id="clean-at-the-mark"),
        pytest.param(0.7, 0, id="in-between"),
        pytest.param(0.5, 0, id="miss-mark-is-not-a-miss"),
        pytest.param(0.2, -1, id="poor"),
    ],
)
def test_next_step_follows_the_last_hit_rate(hit_rate, expected):
    assert next_step(ENDLESS.endless, 0, hit_rate) == expected


def test_steps_stay_within_their_bounds():
    e = ENDLESS.endless
    assert next_step(e, e.max_step, 1.0) == e.max_step
    assert next_step(e, e.min_step, 0.0) == e.min_step


def test_a_clean_round_makes_the_subject_faster_and_the_depth_of_field_thinner():
    start = first_round(ENDLESS)
    assert start.step == 0 and start.level == ENDLESS
    harder = next_round(ENDLESS, 0, 1.0)
    easier = next_round(ENDLESS, 0, 0.0)
    base_speed = ENDLESS.objects[0].path.speed_mps
    assert harder.level.objects[0].path.speed_mps == pytest.approx(base_speed * ENDLESS.endless.speed_step)
    assert harder.level.camera.aperture < ENDLESS.camera.aperture < easier.level.camera.aperture
    assert easier.level.objects[0].path.speed_mps < base_speed
    # A third of a stop: the f-number changes by 2^(1/6).
    assert ENDLESS.camera.aperture / harder.level.camera.aperture == pytest.approx(2 ** (1 / 6), rel=1e-3)


def test_a_session_follows_the_table_and_replays_from_the_base_level_and_hit_rates():
    e = ENDLESS.endless
    assert (e.clean_hit_rate, e.miss_hit_rate, ENDLESS.camera.aperture) == (0.9, 0.5, 5.6)  # the file's table
    hit_rates = (1.0, 0.95, 0.6, 0.1, 1.0, 1.0)
    # By the table from step 0: ≥ 0.9 one step up, < 0.5 one down, else the same.
    # 1.0 → 1, 0.95 → 2, 0.6 → 2, 0.1 → 1, 1.0 → 2, 1.0 → 3
    expected_steps = [1, 2, 2, 1, 2, 3]
    # f/5.6 opened 0.3333 stop per step, a stop being a factor √2: 5.6 / 2 ** (0.3333 × step / 2)
    # step 1: 5.6 / 1.1225 = 4.989; step 2: 5.6 / 1.2599 = 4.445; step 3: 5.6 / 1.4142 = 3.960
    expected_f = {1: 4.989, 2: 4.445, 3: 3.960}
    base_speed = ENDLESS.objects[0].path.speed_mps

    def session(base: Level) -> list[tuple[int, str]]:
        r, out = first_round(base), []
        for hit_rate in hit_rates:
            r = next_round(base, r.step, hit_rate)
            assert r.level.camera.aperture == pytest.approx(expected_f[r.step], abs=1e-3)
            assert r.level.objects[0].path.speed_mps == pytest.approx(base_speed * 1.15**r.step)
            out.append((r.step, r.level.model_dump_json()))
        return out

    played = session(ENDLESS)
    assert [step for step, _ in played] == expected_steps
    # A replay needs only the base level and the hit rates: a copy read afresh from the file
    # (another object, nothing cached) gives the very same rounds.
    from bbf_sim.levels.loader import load_level, shipped_levels_dir

    assert session(load_level(shipped_levels_dir() / "endless-dragonfly.toml")) == played


def test_the_aperture_never_opens_past_the_widest():
    e = ENDLESS.endless
    assert aperture_at_step(e, ENDLESS.camera.aperture, 100) == e.widest_aperture
    assert level_at_step(ENDLESS, e.max_step).camera.aperture >= e.widest_aperture


def test_every_path_kind_speeds_up_and_stays_valid():
    base = _all_paths_level()
    lv = level_at_step(base, 2)
    f = 1.25**2
    p = {o.name: o.path for o in lv.objects}
    assert p["still"].at_m == (0, 0, 3)
    assert p["lin"].velocity_mps[0] == pytest.approx(f)
    assert p["app"].speed_mps == 100  # capped at the schema's limit
    assert p["weave"].period_s == pytest.approx(2 / f)
    assert p["fly"].velocity_mps[0] == pytest.approx(5 * f) and p["fly"].bob_period_s == pytest.approx(0.8 / f)
    assert p["kid"].speed_mps == pytest.approx(2 * f)
    assert p["wp"].points[1][0] == pytest.approx(2 / f)
    assert math.isinf(lv.objects[0].leave_s)


def test_a_level_without_an_endless_table_is_refused():
    plain = Level.model_validate(BASE)
    with pytest.raises(ValueError, match="not an endless drill"):
        next_round(plain, 0, 1.0)


def test_a_round_keeps_the_background_image_the_loader_found(tmp_path):
    from bbf_sim.levels.loader import load_level, shipped_levels_dir

    text = (shipped_levels_dir() / "endless-dragonfly.toml").read_text(encoding="utf-8")
    path = tmp_path / "endless.toml"
    path.write_text(text.replace("[scene]\n", '[scene]\nbackground_image = "reeds.png"\n', 1), encoding="utf-8")
    (tmp_path / "reeds.png").write_bytes(b"\x89PNG")
    base = load_level(path)
    harder = level_at_step(base, 2)
    assert harder.scene.background_image_path == (tmp_path / "reeds.png").resolve()
    assert harder.camera.aperture < base.camera.aperture


def _waypoints_level(points) -> Level:
    path = {"kind": "waypoints", "points": points}
    objects = [{"name": "wp", "role": "target", "width_m": 0.2, "height_m": 0.2, "path": path}]
    return Level.model_validate(_merge(BASE, {"objects": objects, "endless": {"speed_step": 2.0, "min_step": -1}}))


@pytest.mark.parametrize(
    ("points", "expected"),
    [
        # Half speed: times 0, 2000, 6000 s; the last segment (x 100 → 300 m over 2000 → 6000 s) is
        # cut at 3600 s, 1600/4000 of the way: x = 100 + 0.4 × 200 = 180 m.
        (
            [[0, 0, 0, 10], [1000, 100, 0, 10], [3000, 300, 0, 10]],
            [(0, 0, 0, 10), (2000, 100, 0, 10), (3600, 180, 0, 10)],
        ),
        # Two points past 3600 s once slowed: they used to become two points at 3600 s (refused).
        ([[0, 0, 0, 10], [1800, 0, 0, 10], [1900, 50, 0, 10], [2000, 60, 0, 10]], [(0, 0, 0, 10), (3600, 0, 0, 10)]),
        # Every point past 3600 s: the subject stays at the first one, as it did before its first time.
        ([[1900, 5, 1, 10], [2000, 6, 1, 10]], [(0, 5, 1, 10), (3600, 5, 1, 10)]),
        # The first point lands exactly on 3600 s.
        ([[1800, 5, 1, 10], [2000, 6, 1, 10]], [(0, 5, 1, 10), (3600, 5, 1, 10)]),
    ],  # fmt: skip
    ids=["cut-on-the-line", "two-past-the-end", "all-past-the-end", "first-on-the-end"],
)
def test_an_easier_step_cuts_a_slowed_waypoint_path_at_the_last_time(points, expected):
    level = level_at_step(_waypoints_level(points), -1)  # speed_step 2: half as fast
    got = [value for point in level.objects[0].path.points for value in point]
    assert got == pytest.approx([value for point in expected for value in point])


def test_every_step_of_the_widest_drill_the_schema_allows_is_a_valid_level():
    # speed_step 2 from step −20 to 40 scales speeds by 2^−20 to 2^40: without bounds, periods
    # pass 3600 s or fall under 0.01 s and velocities pass 1e6 m/s, and the round is refused.
    data = _all_paths_level().model_dump()
    data["endless"].update({"speed_step": 2.0, "min_step": -20, "max_step": 40})
    data["objects"][4]["path"]["velocity_mps"] = (3.0, 0.0, -4.0)  # the flight, 5 m/s
    data["objects"][2]["path"]["speed_mps"] = 5e-324  # an approach barely moving: slowed, it must not be 0
    base = Level.model_validate(data)
    for step in range(-20, 41):
        level_at_step(base, step)  # raises if the round is not a valid level
    fastest = level_at_step(base, 40).objects[4].path
    # 5 m/s × 2^40 is far past 1e6 m/s: capped so its largest component is 1e6, same heading.
    assert fastest.velocity_mps == pytest.approx((0.75e6, 0.0, -1e6))
    assert level_at_step(base, 40).objects[3].path.period_s == 0.01
    assert level_at_step(base, -20).objects[3].path.period_s == 3600.0


def test_slowed_or_hastened_waypoint_times_still_rise():
    # Harder: 1e-320 s × 2^-40 underflows to 0, the time before it. Easier: a cut whose weight
    # rounds to 1 (the second time one ulp past 1800 s, doubled just past 3600 s) must not give
    # the tiny z of 1e-300 + 1 × (1e6 − 1e-300) rounding's way to 0 or below.
    tiny = _waypoints_level([[0, 0, 0, 4], [1e-320, 1, 0, 4]])
    times = [point[0] for point in level_at_step(tiny, 40).objects[0].path.points]
    assert times == [0.0, 5e-324]
    edge = _waypoints_level([[539.612552283039, 0, 0, 1e6], [math.nextafter(1800.0, 4000.0), 0, 0, 1e-300]])
    points = level_at_step(edge, -1).objects[0].path.points
    assert points[-1][0] == 3600.0 and 0 < points[-1][3] <= 1e6


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow])
@given(
    data=accepted_levels(),
    speed_step=st.floats(min_value=1.0, max_value=2.0, exclude_min=True),
    steps=st.lists(st.integers(min_value=-20, max_value=40), min_size=1, max_size=4),
)
def test_any_valid_level_made_endless_gives_a_valid_level_at_any_step(data, speed_step, steps):
    """Whatever a level file holds within its limits, each round of it as an endless drill is a
    level too (the results screen makes the next one as the last ends)."""
    data = {"id": "drill", **data, "endless": {"speed_step": speed_step, "min_step": -20, "max_step": 40}}
    try:
        base = Level.model_validate(data)
    except ValidationError:
        assume(False)
    for step in [-20, 40, *steps]:
        level_at_step(base, step)  # a ValidationError here is the failure
