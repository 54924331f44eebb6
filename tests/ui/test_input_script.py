"""`bbf-sim play --input-script FILE [--json]`: scripted device events through the real input path."""

from __future__ import annotations

import json

import pygame
import pytest

from bbf_sim.cli import main
from bbf_sim.errors import UserError
from bbf_sim.ui.app import App, AppOptions
from bbf_sim.ui.input_script import parse_script

START = [  # close the Ready card with Enter
    {"t": 0.2, "type": "key_down", "key": "return"},
    {"t": 0.25, "type": "key_up", "key": "return"},
]


def write(tmp_path, lines, name="s.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    return path


def run_script(tmp_path, capsys, lines, *extra, level="control-static"):
    path = write(tmp_path, lines)
    args = ["play", level, "--seed", "1", "--input-script", str(path), "--json", "--data-dir", str(tmp_path / "d")]
    assert main(args + list(extra)) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("line", "words"),
    [
        ('{"t": 1, "type": "key_down", "key": "shfit"}', "unknown key 'shfit'"),
        ('{"t": 1, "type": "press", "key": "f"}', "type 'press' is not one of"),
        ('{"type": "key_down", "key": "f"}', "missing 't'"),
        ('{"t": -1, "type": "quit"}', "t must be 0 or more"),
        ('{"t": 1, "type": "pad_down", "button": "cross"}', "not an SDL GameController button"),
        ('{"t": 1, "type": "pad_axis", "axis": "right_trigger", "value": -0.5}', "right_trigger value must be 0 to 1"),
        ('{"t": 1, "type": "mouse_down", "button": 0}', "mouse button must be a number 1 to 9"),
        ('{"t": 1, "type": "key_down", "key": "f", "button": 1}', "key_down takes no 'button'"),
        ("{t: 1}", "not JSON"),
        ("[1, 2]", "expected an object"),
    ],
    ids=["key-name", "type", "no-t", "negative-t", "pad-button", "trigger-range"]
    + ["mouse-button", "extra-field", "json", "array"],
)
def test_a_bad_line_is_one_line_naming_its_number(line, words):
    text = '# a comment\n{"t": 0, "type": "quit"}\n\n' + line + "\n"
    with pytest.raises(UserError) as err:
        parse_script(text, "s.jsonl")
    message = str(err.value)
    assert message.startswith("s.jsonl line 4: ")
    assert words in message
    assert "\n" not in message


def test_a_bad_script_is_refused_by_the_cli_before_any_window(tmp_path, capsys):
    path = tmp_path / "bad.jsonl"
    path.write_text('{"t": 0.5, "type": "key_down", "key": "return"}\n{"t": 1, "type": "pad_up"}\n')
    assert main(["play", "--input-script", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"bbf-sim play: {path} line 2: pad button None is not an SDL GameController button")


def test_events_are_read_at_their_own_time_not_the_frames():
    """A key at t = 1.2345 s is stamped 1.2345 s, though frames come every 1/60 s."""
    events = parse_script('{"t": 1.2345, "type": "key_down", "key": "f"}\n{"t": 1.5, "type": "key_up", "key": "f"}')
    app = App(AppOptions(size_px=(320, 240), fps_cap=60.0, input_script=events))
    try:
        stamps = []
        due = 0.0
        for _ in range(120):
            due = app._wait_for(due + app.frame_s)
            stamps += [(c.t_s, c.button.name, c.pressed) for c in app.input.take().controls]
        assert stamps == [
            (pytest.approx(1.2345, abs=1e-12), "AF_ON", True),
            (pytest.approx(1.5, abs=1e-12), "AF_ON", False),
        ]
    finally:
        app.close()


def test_a_level_played_to_its_end_and_its_review_and_results(tmp_path, capsys):
    # Half-press from 1 s, the shutter held 1.6–2.1 s (continuous drive), everything let go;
    # control-static lasts 8 s of level time, so by t = 10 s it has ended and review shows.
    lines = START + [
        {"t": 1.0, "type": "key_down", "key": "left shift"},
        {"t": 1.6, "type": "key_down", "key": "space"},
        {"t": 2.1, "type": "key_up", "key": "space"},
        {"t": 2.2, "type": "key_up", "key": "left shift"},
        {"t": 10.0, "type": "key_down", "key": "return"},  # review → results
        {"t": 10.5, "type": "quit"},
    ]
    out = run_script(tmp_path, capsys, lines)
    assert out["screens"] == ["play", "review", "results"]
    [attempt] = out["attempts"]
    assert attempt["level"] == "control-static" and attempt["mode"] == "shutter"
    assert attempt["abandoned"] is False
    assert attempt["frames"] >= 1 and 0 <= attempt["hits"] <= attempt["frames"]
    # The same file, the same seed: the same run, to the frame.
    assert run_script(tmp_path, capsys, lines) == out


def test_ending_from_the_pause_screen_is_an_abandoned_attempt(tmp_path, capsys):
    lines = START + [
        {"t": 1.0, "type": "key_down", "key": "escape"},
        {"t": 1.2, "type": "key_down", "key": "q"},
    ]
    out = run_script(tmp_path, capsys, lines)
    assert out["screens"] == ["play", "review"]
    assert [a["abandoned"] for a in out["attempts"]] == [True]


def test_the_menu_by_gamepad_alone_reaches_a_level(tmp_path, capsys):
    lines = [
        {"t": 0.3, "type": "pad_down", "button": "a"},  # Play
        {"t": 0.35, "type": "pad_up", "button": "a"},
        {"t": 0.8, "type": "pad_down", "button": "a"},  # the first level
        {"t": 0.85, "type": "pad_up", "button": "a"},
        {"t": 1.3, "type": "pad_down", "button": "a"},  # camera set-up: play
        {"t": 1.35, "type": "pad_up", "button": "a"},
        {"t": 1.8, "type": "pad_down", "button": "a"},  # the Ready card: start
        {"t": 1.85, "type": "pad_up", "button": "a"},
        {"t": 2.5, "type": "pad_axis", "axis": "right_trigger", "value": 1.0},
        {"t": 3.0, "type": "pad_axis", "axis": "right_trigger", "value": 0.0},
    ]
    path = write(tmp_path, lines)
    assert main(["play", "--seed", "1", "--input-script", str(path), "--json", "--data-dir", str(tmp_path / "d")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["screens"] == ["menu", "level_select", "camera_setup", "play"]
    [attempt] = out["attempts"]
    assert attempt["abandoned"] is True  # the script ended mid-level: the window closed
    assert attempt["frames"] >= 1


def test_json_needs_a_script(capsys):
    assert main(["play", "--json"]) == 2
    assert "--input-script" in capsys.readouterr().err


@pytest.mark.filterwarnings("ignore:pygame.init")
def test_keys_are_named_as_pygame_names_them():
    for name in ("f", "space", "escape", "return", "left shift", "f11"):
        [ev] = parse_script(json.dumps({"t": 0, "type": "key_down", "key": name}))
        assert pygame.key.name(pygame.key.key_code(ev.key)) == name


def pad_taps(start_s: float, buttons: list[str], gap_s: float = 0.4) -> list[dict]:
    """Each button pressed and let go, `gap_s` apart."""
    lines = []
    for i, b in enumerate(buttons):
        t = start_s + i * gap_s
        lines += [{"t": t, "type": "pad_down", "button": b}, {"t": t + 0.05, "type": "pad_up", "button": b}]
    return lines


def test_every_screen_is_left_with_a_pad_alone(tmp_path, capsys):
    """Menu, level select, camera set-up, Ready card, pause, review, results, settings, stats,
    the set-up drill and the quit question: each entered and left with pad buttons only."""
    taps = [
        "a",  # menu: Play
        "a",  # level select: the first level
        "a",  # camera set-up: start
        "a",  # Ready card: start
        "start",  # pause
        "back",  # end and review
        "a",  # review → results
        "b",  # results → level select
        "b",  # level select → menu
        "dpad_down",
        "dpad_down",  # Stats
        "a",
        "b",  # stats → menu
        "dpad_down",
        "a",  # Set up your camera
        "back",  # the drill, menu closed: leave
        "dpad_down",  # Settings
        "a",
        "b",  # settings → menu
        "b",  # menu: asks before quitting
        "b",  # stay
        "b",  # asks again
        "a",  # quit
    ]
    path = write(tmp_path, pad_taps(0.3, taps) + [{"t": 30, "type": "quit"}])
    assert main(["play", "--seed", "1", "--input-script", str(path), "--json", "--data-dir", str(tmp_path / "d")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["screens"] == [
        "menu",
        "level_select",
        "camera_setup",
        "play",
        "review",
        "results",
        "level_select",
        "menu",
        "stats",
        "menu",
        "setup_drill",
        "menu",
        "settings",
        "menu",
    ]
    assert [a["abandoned"] for a in out["attempts"]] == [True]
