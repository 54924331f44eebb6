"""The set-up drill: menu data, the input state machine, the bot, the score."""

from dataclasses import replace

import pytest

from bbf_sim.core.controls import MODES, Mapping
from bbf_sim.setup_drill import SPECS, SetupDrill, get_spec, mapping_of, plan, walk
from bbf_sim.setup_drill.menu import ROLE_REAR, ROLE_SHUTTER, plain_setting, transition

BRAND_IDS = sorted(SPECS)
STARTS = ["factory", "reassigned"]


@pytest.mark.parametrize("key", BRAND_IDS, ids=BRAND_IDS)
def test_spec_data_is_valid_and_sourced(key):
    spec = SPECS[key]
    spec.validate()  # every citation names a path the tree has; every back-button setting has one
    assert spec.body and all(c.source for c in spec.citations)
    with pytest.raises(ValueError, match="no citation"):
        replace(spec, citations=()).validate()
    roles = {s.role for s in spec.bbf_settings().values()}
    assert roles == {ROLE_SHUTTER, ROLE_REAR}
    # A new body focuses with both controls; the reassigned one only with the shutter.
    assert SetupDrill(spec, start="factory").resulting_mapping() == Mapping(True, True)
    assert SetupDrill(spec).resulting_mapping() == MODES["shutter"]


def test_a_menus_top_level_holds_tabs_only():
    spec = SPECS["canon"]
    assert spec.tabs == spec.root.children  # every shipped menu: tabs along the top or down the side
    loose = plain_setting("Beep", ("ON", "OFF"))
    with pytest.raises(ValueError, match="tabs"):
        replace(spec, root=replace(spec.root, children=(*spec.root.children, loose)))


@pytest.mark.parametrize("start", STARTS, ids=STARTS)
@pytest.mark.parametrize("key", BRAND_IDS, ids=BRAND_IDS)
def test_bot_reaches_bbf(key, start):
    result = walk(SPECS[key], start=start)
    score = result.score
    assert score.correct
    assert score.mapping == MODES["bbf"]
    assert result.drill.resulting_mapping() == MODES["bbf"]
    assert score.wrong_turns == ()
    assert score.steps == len(result.inputs) > 0
    assert not result.drill.view().menu_open
    assert score.feedback[0].startswith("Back-button focus is set")


@pytest.mark.parametrize("key", BRAND_IDS, ids=BRAND_IDS)
def test_the_bots_plan_pressed_by_hand_sets_bbf_and_is_what_it_walks(key):
    planned = plan(SPECS[key])
    # Pressed one by one into a fresh drill, without the bot's walk: BBF set, menu closed.
    drill = SetupDrill(SPECS[key])
    for i, name in enumerate(planned):
        drill.press(name, 0.5 * i)
    assert drill.resulting_mapping() == MODES["bbf"] and not drill.view().menu_open
    assert list(walk(SPECS[key]).inputs) == planned


def test_bot_path_is_the_hand_counted_shortest():
    # Canon, new body: open, wrap up to Custom Functions, into Customize buttons,
    # open Shutter button, pick Metering start, close. Nine presses, no fewer.
    # (The two-option list wraps, so up and down both reach Metering start.)
    steps = plan(get_spec("canon"), start="factory")
    assert len(steps) == 9
    assert steps[:6] == ["menu", "up", "right", "down", "right", "right"]
    assert steps[6] in ("up", "down") and steps[7:] == ["ok", "menu"]


@pytest.mark.parametrize("key", BRAND_IDS, ids=BRAND_IDS)
def test_trap_af_left_on_shutter(key):
    score = walk(SPECS[key], mistake="leave-af-on-shutter").score
    assert score.mapping == Mapping(True, True)
    assert not score.correct
    assert "AF is still on the shutter button" in score.feedback[0]
    assert "will refocus" in score.feedback[0]
    assert any("set " in line for line in score.feedback[1:])


@pytest.mark.parametrize("key", BRAND_IDS, ids=BRAND_IDS)
def test_rear_left_unassigned(key):
    score = walk(SPECS[key], mistake="leave-rear-unassigned").score
    assert score.mapping == Mapping(False, False)
    assert "nothing will focus" in score.feedback[0]


def test_wrong_turns_counted():
    spec = get_spec("canon")
    drill = SetupDrill(spec, t0_s=10.0)
    t = iter(10.0 + 0.5 * i for i in range(1, 100))
    drill.press("menu", next(t))  # Shooting
    drill.press("right", next(t))  # into Shooting: off the path
    drill.press("right", next(t))  # open Image quality: an unrelated setting
    drill.press("down", next(t))
    drill.press("ok", next(t))  # change it: another wrong turn
    drill.press("back", next(t))  # back to the tabs
    kinds = [w.kind for w in drill.wrong_turns]
    assert kinds == ["off_path_submenu", "off_path_setting", "changed_unrelated"]
    assert drill.wrong_turns[0].at == ("Shooting",)
    assert drill.score().steps == 6
    assert drill.elapsed_s == pytest.approx(3.0)


def test_wrong_value_on_a_bbf_setting():
    spec = get_spec("nikon")
    drill = SetupDrill(spec, start="factory")
    path = ("Custom settings menu", "f Controls", "f2 Custom controls (shooting)", "AF-ON button")
    keys = ["menu", "down", "right", "up", "right", "right", "right", "down", "ok"]
    for i, k in enumerate(keys):
        drill.press(k, i * 0.3)
    assert drill.view().breadcrumbs == path
    assert drill.values[path] == "AF lock only"
    assert [w.kind for w in drill.wrong_turns] == ["wrong_value"]
    assert drill.resulting_mapping() == Mapping(True, False)


def test_view_is_plain_data():
    drill = SetupDrill(get_spec("sony"))
    closed = drill.view()
    assert not closed.menu_open and closed.items == ()
    drill.press("menu", 0.1)
    v = drill.view()
    assert v.title == "MENU" and v.cursor == 0 and v.breadcrumbs == ("Shooting",)
    assert [i.kind for i in v.items] == ["submenu"] * 5
    for k in ("up", "right", "right", "right", "right"):
        drill.press(k, 0.2)
    v = drill.view()
    assert v.editing == "AF-ON Button"
    assert v.options[v.option_cursor] == "AEL hold"  # the option list opens on the value
    assert v.brand == "Sony" and "α7 IV" in v.body


def test_inputs_carry_their_own_time():
    drill = SetupDrill(get_spec("fujifilm"), t0_s=5.0)
    drill.press("menu", 6.0)
    with pytest.raises(ValueError, match="earlier"):
        drill.press("down", 5.5)
    with pytest.raises(ValueError, match="unknown input"):
        drill.press("shutter", 7.0)
    assert drill.history[0].t_s == 6.0


def test_closed_menu_ignores_navigation_and_back_closes_at_top():
    spec = get_spec("canon")
    drill = SetupDrill(spec)
    assert drill.press("down", 0.1).kind == "none"
    drill.press("menu", 0.2)
    assert drill.press("left", 0.3).kind == "none"
    assert drill.press("back", 0.4).kind == "close"
    assert not drill.view().menu_open


def test_transition_is_pure():
    spec = get_spec("canon")
    values = spec.start_values()
    snapshot = dict(values)
    nav = SetupDrill(spec).nav
    for key in ("menu", "down"):
        nav, new_values, _ = transition(spec, nav, values, key)
    assert values == snapshot and new_values is values


def test_fujifilm_needs_both_shutter_af_switches_off():
    spec = get_spec("fujifilm")
    values = spec.start_values()
    base = ("SET UP", "BUTTON/DIAL SETTING")
    values[(*base, "FUNCTION (Fn) SETTING", "AF-ON")] = "AF-ON"
    values[(*base, "SHUTTER AF", "AF-S")] = "OFF"
    assert mapping_of(spec, values) == Mapping(True, True)  # AF-C still refocuses
    values[(*base, "SHUTTER AF", "AF-C")] = "OFF"
    assert mapping_of(spec, values) == MODES["bbf"]


def test_no_pygame_import():
    import subprocess
    import sys

    code = "import sys, bbf_sim.brands, bbf_sim.setup_drill, bbf_sim.cli.setup_cmd; sys.exit('pygame' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
