"""The command line's shared parts: options before the subcommand, --version, --data-dir only where it is used,
notices once on stderr, and the pygame-ce check."""

from __future__ import annotations

import os
import sys
import types
from importlib import metadata

import pytest

from bbf_sim.cli import DATA_DIR_COMMANDS, build_parser, main
from bbf_sim.errors import UserError


def test_version_prints_the_installed_distributions_version(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--version"])
    assert stop.value.code == 0
    assert capsys.readouterr().out == f"bbf-sim {metadata.version('bbf-sim')}\n"


def test_data_dir_before_the_subcommand_is_the_same_as_after(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "stats", "--json"]) == 0
    before = capsys.readouterr().out
    assert main(["stats", "--json", "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out == before
    assert f'"data_dir": "{data}"' in before
    # Given after the subcommand, it wins over one given before.
    args = build_parser().parse_args(["--data-dir", "a", "stats", "--data-dir", "b"])
    assert args.data_dir == "b"
    assert build_parser().parse_args(["--data-dir", "a", "stats"]).data_dir == "a"


@pytest.mark.parametrize("command", ["dof", "levels", "validate", "compare", "bench"], ids=str)
def test_commands_that_never_use_the_data_folder_refuse_data_dir(command, tmp_path, capsys):
    assert command not in DATA_DIR_COMMANDS
    args = {"dof": ["--focal", "50", "--aperture", "2", "--distance", "3"], "validate": ["x.toml"]}.get(command, [])
    assert main(["--data-dir", str(tmp_path), command, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "does not use the data folder" in err
    assert main([command, *args, "--data-dir", str(tmp_path)]) == 2
    assert "does not use the data folder" in capsys.readouterr().err
    assert not any(tmp_path.iterdir()), "nothing was written"


def test_a_set_aside_file_is_told_once_on_stderr(tmp_path, capsys):
    (tmp_path / "history.sqlite3").write_bytes(b"not a database, not at all" * 10)
    assert main(["--data-dir", str(tmp_path), "stats"]) == 0
    captured = capsys.readouterr()
    assert captured.err.count("history.sqlite3") >= 1 and captured.err.count("\n") == 1, captured.err
    assert "moved to" not in captured.out


def test_logging_is_configured_once_however_often_main_runs(tmp_path):
    import logging

    for _ in range(3):
        assert main(["levels"]) == 0
    own = [h for h in logging.getLogger("bbf_sim").handlers if type(h).__name__ == "_StderrHandler"]
    assert len(own) == 1


def test_plain_pygame_in_place_of_pygame_ce_is_refused_with_the_fix(monkeypatch):
    from bbf_sim import ui

    plain = types.ModuleType("pygame")
    plain.version = types.SimpleNamespace(ver="2.6.1")  # plain pygame has no IS_CE
    monkeypatch.setitem(sys.modules, "pygame", plain)
    with pytest.raises(UserError, match=r"plain pygame 2\.6\.1.*pip uninstall -y pygame pygame-ce"):
        ui.require_pygame_ce()
    monkeypatch.setitem(sys.modules, "pygame", None)  # import pygame raises ImportError
    with pytest.raises(UserError, match="cannot be imported.*pip install pygame-ce"):
        ui.require_pygame_ce()


def test_shared_options_alone_open_the_game_with_them(tmp_path, monkeypatch):
    from bbf_sim.cli import play_cmd

    seen = []
    monkeypatch.setattr(play_cmd, "run", lambda args: seen.append((args.command, args.data_dir)) or 0)
    assert main(["--data-dir", str(tmp_path)]) == 0
    assert main([]) == 0
    assert seen == [("play", str(tmp_path)), ("play", None)]


@pytest.mark.parametrize(
    ("argv", "chosen"),
    [
        (["levels"], "levels"),
        (["--data-dir", "d", "stats", "--json"], "stats"),
        (["--data-dir=d", "practice-history"], "practice-history"),
        (["--data-dir", "levels"], None),  # the folder's name, not the command
        (["--help", "levels"], None),  # the whole help lists every command
        (["--version"], None),
        (["--data", "d", "levels"], None),  # argparse's abbreviation: the whole parser reads it
        (["no-such-command"], None),  # refused with every choice named
        ([], None),  # the default command
    ],
)
def test_only_the_chosen_commands_parser_is_built_when_nothing_before_it_needs_all(argv, chosen):
    from bbf_sim.cli import COMMANDS, chosen_command

    assert chosen_command(argv) == chosen
    if chosen is not None:
        assert list(build_parser(chosen)._subparsers._group_actions[0].choices) == [chosen]
    assert list(build_parser()._subparsers._group_actions[0].choices) == list(COMMANDS)


def test_the_whole_help_and_an_unknown_command_name_every_command(capsys):
    from bbf_sim.cli import COMMANDS

    with pytest.raises(SystemExit):
        main(["--data-dir", "d", "--help"])
    out = capsys.readouterr().out
    listed = [name for name in COMMANDS if f"\n    {name} " in out]
    assert listed == [name for name in COMMANDS if name != "practice-history"]  # that one is unlisted
    with pytest.raises(SystemExit) as stop:
        main(["--data-dir", "d", "lvels"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'lvels'" in err and all(name in err for name in COMMANDS)


def test_levels_imports_no_other_commands_module():
    """Start-up: `bbf-sim levels` builds and imports only its own subcommand."""
    import subprocess

    code = (
        "import sys, io, contextlib\n"
        "from bbf_sim.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['levels'])\n"
        "print(sorted(m for m in sys.modules if m.startswith('bbf_sim.cli.')))\n"
    )
    env = {**os.environ, "BBF_SIM_CACHE_DIR": ""}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, env=env, check=True)
    # The shipped levels alone are listed from their rows: nothing to keep, no kept listing loaded.
    assert out.stdout.strip() == "['bbf_sim.cli.levels_cmd']"
