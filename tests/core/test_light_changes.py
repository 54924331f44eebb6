"""Light that changes during a round: the schedule, the AF sensor fed per tick, the level format.

The AF's behaviour at the changed light is worked out by hand from the signal model
(docs/camera-model.md): a card of contrast 0.8 with the AF rated to -3 EV and a least
contrast of 0.2 is read in focus from -3 + 4·0.2/0.8 = -2 EV up; its margin is the light
less -2 EV, and each reading takes 0.4 s · 2^(-margin).
"""

import pytest

from bbf_sim.core.autofocus import FAILED, HUNT, LOCKED
from bbf_sim.core.controls import Button
from bbf_sim.core.light import LightSchedule
from bbf_sim.core.simulator import DT_S, Simulator
from bbf_sim.levels.loader import LevelError, parse_level, shipped_levels_dir

from .scenes import card_level, confirm_time, play, press

A = Button.AF_ON


def test_the_schedule_ramps_evenly_in_ev_and_holds_between_changes():
    # Sun at 14 EV; a cloud from 3.2 s takes it to 12 EV over 0.6 s; the sun is back at 6 s at once.
    light = LightSchedule(14.0, ((3.2, 12.0, 0.6), (6.0, 14.5, 0.0)))
    assert light.ev_at(0.0) == 14.0
    assert light.ev_at(3.2) == 14.0  # the ramp starts from the light it finds
    assert light.ev_at(3.5) == pytest.approx(13.0)  # half way: 14 + (12 - 14) · 0.3/0.6
    assert light.ev_at(3.8) == pytest.approx(12.0)
    assert light.ev_at(3.9) == 12.0
    assert light.ev_at(5.99) == 12.0
    assert light.ev_at(6.0) == 14.5
    assert LightSchedule(12.0).ev_at(100.0) == 12.0 and LightSchedule(12.0).constant


def test_af_s_is_as_slow_after_the_light_drops_as_in_a_level_that_dark():
    """Daylight (12 EV) drops at once to -1 EV at 0.3 s; AF-ON at 0.5 s.

    At -1 EV the card's margin is -1 - (-2) = 1 stop: a reading takes 0.4 · 2^-1 = 0.2 s and
    AF-S needs two (acquire, confirm): confirmation at 0.5 + 0.04 + 2 · 0.2 = 0.94 s, where
    in the daylight it stays in it would be at 0.5 + 0.04 + 2 · 0.4/2^14 ≈ 0.54 s.
    """
    _, dark = play(card_level(12.0, [{"at_s": 0.3, "light_ev": -1.0}]), "bbf", [press(0.5, A)])
    expected = 0.5 + 0.04 + 2 * 0.2
    # A reading lands up to a tick late and a snapshot shows the state at its tick's end: 3 ticks.
    assert expected - 1e-9 <= confirm_time(dark) <= expected + 3 * DT_S + 1e-9
    _, day = play(card_level(12.0, []), "bbf", [press(0.5, A)])
    assert confirm_time(day) <= 0.5 + 0.04 + 3 * DT_S + 1e-9
    assert dark[-1].light_ev == -1.0 and day[-1].light_ev == 12.0


def test_a_ramp_ends_in_the_same_af_as_its_end_light():
    """12 EV down to 0 EV over 1 s from 0.2 s; AF-ON at 1.5 s, after the ramp.

    Margin 0 - (-2) = 2 stops: each reading 0.4/4 = 0.1 s; confirmation at 1.5 + 0.04 + 0.2 = 1.74 s.
    """
    _, snaps = play(card_level(12.0, [{"at_s": 0.2, "light_ev": 0.0, "ramp_s": 1.0}]), "bbf", [press(1.5, A)])
    expected = 1.5 + 0.04 + 2 * 0.1
    assert expected - 1e-9 <= confirm_time(snaps) <= expected + 3 * DT_S + 1e-9
    # Half way down the ramp (0.7 s) the finder is told 12 + (0 - 12) · 0.5 = 6 EV.
    assert next(s for s in snaps if abs(s.t_s - 0.7) < 1e-9).light_ev == pytest.approx(6.0)


def test_when_the_light_fails_below_the_limit_af_hunts_and_gives_up():
    """-2.5 EV from 0.3 s is half a stop below the card's -2 EV: no reading in any lens position."""
    _, snaps = play(card_level(12.0, [{"at_s": 0.3, "light_ev": -2.5}]), "bbf", [press(0.5, A)])
    phases = {int(s.af_phase[0]) for s in snaps}
    assert HUNT in phases and FAILED in phases and LOCKED not in phases


def test_when_the_lights_come_on_a_hunt_finds_the_card():
    """Dark (-2.5 EV) until 1.0 s, then 2 EV (a 4-stop margin: readings of 0.4/16 = 25 ms).

    AF-ON at 0.5 s hunts (no reading); the hunt gives up after 2.5 · 0.5 s of lens travel at
    the earliest (1.79 s), so at 1.0 s it is still sweeping. From then on the card reads
    wherever the lens is (at 2 EV the widest blur costs log2(1 + blur/0.12) < 4 stops:
    0.907 mm at most from 20 m, 3.1 stops), so AF locks on the card, never before the light.
    """
    _, snaps = play(card_level(-2.5, [{"at_s": 1.0, "light_ev": 2.0}], 20.0), "bbf", [press(0.5, A)])
    assert any(s.af_phase[0] == HUNT and s.t_s < 1.0 for s in snaps)
    locked = [s for s in snaps if s.af_phase[0] == LOCKED]
    assert locked and locked[0].t_s > 1.0 and abs(locked[0].lens_D[0] - 0.4) < 1e-3
    assert FAILED not in {int(s.af_phase[0]) for s in snaps}


def test_a_constant_level_has_the_light_it_always_had():
    _, snaps = play(card_level(3.0, []), "bbf", [press(0.5, A)])
    assert {s.light_ev for s in snaps} == {3.0}


CONTROL = (shipped_levels_dir() / "control-static.toml").read_text(encoding="utf-8")
SKY = 'sky_colour = "#d9cbb5"'


def _problems(extra: str) -> list[str]:
    with pytest.raises(LevelError) as info:
        parse_level(CONTROL.replace(SKY, SKY + "\n" + extra, 1), "level.toml", "level")
    return [line.removeprefix("level.toml: ") for line in str(info.value).splitlines()]


@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (
            "light_changes = [{ at_s = 1.0, light_ev = 30 }]",
            "scene.light_changes[0].light_ev: must be less than or equal to 20",
        ),
        (
            "light_changes = [{ at_s = -1, light_ev = 5 }]",
            "scene.light_changes[0].at_s: must be greater than or equal to 0",
        ),
        ("light_changes = [{ at_s = 1, light_ev = 5, ramp_s = -0.5 }]", "scene.light_changes[0].ramp_s:"),
        ("light_changes = [{ at_s = 1, ev = 5 }]", "scene.light_changes[0].ev: unknown key"),
        (
            "light_changes = [{ at_s = 9.0, light_ev = 5 }]",
            "scene.light_changes[0].at_s: 9.0 is not before the level ends",
        ),
        (
            "light_changes = [{ at_s = 2, light_ev = 5, ramp_s = 1 }, { at_s = 2.5, light_ev = 8 }]",
            "scene.light_changes: change 1 starts at 2.5 s, before change 0 has finished (2.0 s + ramp 1.0 s = 3 s)",
        ),
    ],
)
def test_bad_light_changes_get_a_clear_line(extra, expected):
    problems = _problems(extra)
    assert any(expected in p for p in problems), problems


def test_light_changes_in_a_level_file_are_read_in_order():
    text = CONTROL.replace(
        SKY, SKY + "\nlight_changes = [{ at_s = 2, light_ev = 5, ramp_s = 1 }, { at_s = 3, light_ev = 8 }]"
    )
    level = parse_level(text, "level.toml", "level")
    assert [(c.at_s, c.light_ev, c.ramp_s) for c in level.scene.light_changes] == [(2, 5, 1), (3, 8, 0)]
    assert LightSchedule.of_level(level).ev_at(2.5) == pytest.approx(
        level.scene.light_ev + (5 - level.scene.light_ev) / 2
    )


def test_the_low_light_levels_ballad_slows_af_on_the_stand_as_its_briefing_says():
    """lowlight-hunt: AF rated to -2 EV, least contrast 0.2; the stand (contrast 0.9) reads from
    -2 + 4·0.2/0.9 = -1.111 EV. At the bar's 2 EV: 3.111 stops, a reading of 0.4·2^-3.111 = 0.0463 s;
    after the ballad's dim (0.5 EV from 7 s): 1.611 stops, 0.4·2^-1.611 = 0.131 s. AF-S confirms
    after two readings: 0.093 s before, 0.262 s after ("nearly three times as long")."""
    from bbf_sim.levels.loader import load_level

    level = load_level(shipped_levels_dir() / "lowlight-hunt.toml")
    stand = [o.name for o in level.objects].index("mic stand")
    sim = Simulator()
    sim.reset(level, 1, "bbf")
    assert sim.af_sensor.focus_read_s[stand] == pytest.approx(0.0463, abs=1e-4)
    while sim.t_s < 7.1:
        sim.step()
    assert sim.light_ev == 0.5
    assert sim.af_sensor.focus_read_s[stand] == pytest.approx(0.131, abs=1e-3)
    assert 2 * sim.af_sensor.focus_read_s[stand] == pytest.approx(0.262, abs=2e-3)
    singer = [o.name for o in level.objects].index("singer")
    assert not sim.af_sensor.readable_in_focus[singer]  # contrast 0.15 < 0.2: in no light
