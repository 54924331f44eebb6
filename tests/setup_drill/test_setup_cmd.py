"""`bbf-sim setup`: the headless demo, its JSON, and its one-line errors."""

import argparse
import json

import pytest

from bbf_sim.cli import setup_cmd
from bbf_sim.errors import UserError
from bbf_sim.setup_drill import SPECS

BRAND_IDS = sorted(SPECS)


def run_setup(argv):
    """Parse and run only the setup subcommand (other commands may not exist yet)."""
    parser = argparse.ArgumentParser(prog="bbf-sim")
    setup_cmd.add_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["setup", *argv])
    return args.func(args)


@pytest.mark.parametrize("key", BRAND_IDS, ids=BRAND_IDS)
def test_demo_json(key, capsys):
    assert run_setup(["--brand", key, "--demo", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["brand"].lower() == key
    assert out["body"] == SPECS[key].body
    assert out["correct"] is True
    assert out["wrong_turns"] == 0
    assert out["final"] == {"af_on_half_press": False, "af_on_rear_button": True}
    assert out["steps"][0]["input"] == "menu" and out["steps"][-1]["input"] == "menu"
    assert all(set(s) >= {"at", "input"} for s in out["steps"])


def test_demo_json_trap(capsys):
    assert run_setup(["--brand", "canon", "--demo", "--json", "--mistake", "leave-af-on-shutter"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["final"] == {"af_on_half_press": True, "af_on_rear_button": True}
    assert out["correct"] is False
    assert "AF is still on the shutter button" in out["feedback"][0]


def test_demo_text_names_things_the_brands_way(capsys):
    assert run_setup(["--brand", "Nikon", "--demo"]) == 0
    out = capsys.readouterr().out
    assert "a6 AF activation = AF-ON only" in out
    assert "AF on Shutter-release button (half-press): no" in out
    assert "Correct:" in out


def test_without_demo_opens_the_window_on_the_drill(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("BBF_SIM_DATA_DIR", str(tmp_path / "data"))
    shot = tmp_path / "drill.png"
    assert run_setup(["--brand", "sony", "--seconds", "0.2", "--screenshot", str(shot), "--size", "960x540"]) == 0
    assert shot.is_file() and shot.stat().st_size > 1000
    assert "saved" in capsys.readouterr().out


@pytest.mark.parametrize("extra", [["--json"], ["--mistake", "leave-af-on-shutter"]], ids=["json", "mistake"])
def test_bot_options_without_demo_are_one_line_errors(extra):
    with pytest.raises(UserError, match="--demo") as exc:
        run_setup(["--brand", "sony", *extra])
    assert exc.value.exit_status == 2
    assert "\n" not in str(exc.value)


def test_demo_from_a_factory_body(capsys):
    assert run_setup(["--brand", "canon", "--demo", "--json", "--start", "factory"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["correct"] is True
    assert len(out["steps"]) == 9  # the hand-counted shortest walk on a new Canon body


def test_unknown_brand_is_one_line_listing_choices():
    with pytest.raises(UserError, match="canon, fujifilm, nikon, sony") as exc:
        run_setup(["--brand", "pentax", "--demo"])
    assert exc.value.exit_status == 2
    assert "\n" not in str(exc.value)


def test_registered_in_the_cli(capsys):
    import bbf_sim.cli as cli

    assert "bbf_sim.cli.setup_cmd" in cli.COMMAND_MODULES
    try:
        cli.build_parser()
    except ModuleNotFoundError as exc:  # another command of the list is not written yet
        pytest.skip(f"full CLI not buildable yet: {exc}")
    assert cli.main(["setup", "--brand", "pentax", "--demo"]) == 2
    assert "unknown brand" in capsys.readouterr().err
