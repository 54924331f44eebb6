"""No display: `bbf-sim` / `bbf-sim play` / `bbf-sim setup` refuse a window nobody can see and
nothing ends (one line, exit 2), unless `--seconds` ends it or the user chose SDL_VIDEODRIVER."""

from __future__ import annotations

import pytest

import bbf_sim.ui as ui
from bbf_sim.cli import main


@pytest.fixture
def no_display(monkeypatch):
    """A Linux machine with no display server and no SDL choice of the user's."""
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER", ui.HEADLESS_ENV):
        monkeypatch.setenv(name, "")  # so monkeypatch restores each one, even those set by the code under test
        monkeypatch.delenv(name)
    monkeypatch.setattr(ui._sys, "platform", "linux")


def test_no_display_switches_to_dummy_drivers_and_says_so(no_display):
    ui._no_display_means_headless()
    assert ui._os.environ["SDL_VIDEODRIVER"] == "dummy"
    assert ui._os.environ[ui.HEADLESS_ENV] == "1"


def test_a_users_own_video_driver_is_not_marked(no_display, monkeypatch):
    monkeypatch.setenv("SDL_VIDEODRIVER", "dummy")
    ui._no_display_means_headless()
    assert ui.HEADLESS_ENV not in ui._os.environ


def test_a_display_is_not_marked(no_display, monkeypatch):
    monkeypatch.setenv("DISPLAY", ":0")
    ui._no_display_means_headless()
    assert ui.HEADLESS_ENV not in ui._os.environ and "SDL_VIDEODRIVER" not in ui._os.environ


@pytest.mark.parametrize(
    "argv",
    [[], ["play"], ["play", "control-static"], ["play", "--demo"], ["setup", "--brand", "nikon"]],
    ids=["bbf-sim", "play", "play-level", "play-demo-forever", "setup-window"],
)
def test_an_invisible_endless_window_is_a_one_line_error(argv, monkeypatch, tmp_path, capsys):
    """The mark as `bbf_sim.ui` leaves it on a machine with no display (it was imported long ago here)."""
    monkeypatch.setenv(ui.HEADLESS_ENV, "1")
    monkeypatch.setenv("BBF_SIM_DATA_DIR", str(tmp_path))
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no display" in err
    assert "--seconds S --screenshot PATH" in err
    assert "--demo" in err
    assert not any(tmp_path.iterdir()), "nothing was opened or written"


def test_a_timed_demo_still_runs_headless(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(ui.HEADLESS_ENV, "1")
    shot = tmp_path / "demo.png"
    argv = ["play", "control-static", "--demo", "--seconds", "0.3", "--screenshot", str(shot), "--size", "960x540"]
    assert main([*argv, "--data-dir", str(tmp_path / "data")]) == 0
    assert shot.is_file()


def test_the_bots_setup_walk_needs_no_window(monkeypatch, capsys):
    monkeypatch.setenv(ui.HEADLESS_ENV, "1")
    assert main(["setup", "--brand", "canon", "--demo", "--json"]) == 0


def test_argument_mistakes_are_reported_before_the_display(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv(ui.HEADLESS_ENV, "1")
    assert main(["play", "no-such-level", "--data-dir", str(tmp_path)]) != 0
    assert "no display" not in capsys.readouterr().err


def test_the_bench_uses_the_display_there_is():
    from bbf_sim.cli.bench_cmd import choose_driver

    assert choose_driver("auto", {"DISPLAY": ":99"}, "linux") == "x11"
    assert choose_driver("auto", {"WAYLAND_DISPLAY": "wayland-0"}, "linux") == "wayland"
    assert choose_driver("auto", {}, "linux") == "dummy"
    assert choose_driver("auto", {}, "darwin") is None  # SDL's own choice
    assert choose_driver("x11", {}, "linux") == "x11"  # asked for: an error if it cannot open


@pytest.mark.parametrize(
    ("driver", "display", "expected"),
    [("", ":0", "0"), ("x11", "", "0"), ("wayland", ":0", None), ("dummy", "", None)],
)
def test_x11_presents_through_shared_memory_unless_the_user_chose(no_display, monkeypatch, driver, display, expected):
    monkeypatch.setenv("SDL_FRAMEBUFFER_ACCELERATION", "")
    monkeypatch.delenv("SDL_FRAMEBUFFER_ACCELERATION")
    if driver:
        monkeypatch.setenv("SDL_VIDEODRIVER", driver)
    if display:
        monkeypatch.setenv("DISPLAY", display)
    ui._x11_presents_from_shared_memory()
    assert ui._os.environ.get("SDL_FRAMEBUFFER_ACCELERATION") == expected
    monkeypatch.setenv("SDL_FRAMEBUFFER_ACCELERATION", "1")  # the user's own choice stays
    ui._x11_presents_from_shared_memory()
    assert ui._os.environ["SDL_FRAMEBUFFER_ACCELERATION"] == "1"
