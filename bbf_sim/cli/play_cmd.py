"""`bbf-sim play [LEVEL]`: open the game's menu, or go straight to a level (or watch the bot play it).

Without LEVEL (and so `bbf-sim` with no arguments) the window opens on the menu:
level select, camera set-up, settings. `--levels DIR` adds the player's own level
folder to the level select (broken files there are listed as broken, the rest play).

`--demo` lets the technique bot play in the window (an attract loop: after review
and results it plays again in the other mapping); `--seconds S` stops by itself;
`--screenshot PATH` saves the last frame as PNG. Works under `SDL_VIDEODRIVER=dummy`.

`--input-script FILE` plays a JSON-lines file of timed device events into the game
(`ui.input_script`, docs/input-script.md), headless and on a virtual clock; `--json`
then prints the screens visited and the attempts played.
On Linux with no display server (and no SDL_VIDEODRIVER of the user's) a run without
`--seconds` is refused in one line: the window would be invisible and never end.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from bbf_sim.cli import arguments
from bbf_sim.errors import UserError


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "play",
        help="open the game, or play a level in the viewfinder (the default command)",
        description="Look through the viewfinder, focus with the half-press or AF-ON, and shoot. "
        "Without LEVEL, opens the menu (with --demo, the bot plays the first shipped level).",
    )
    p.add_argument("level", nargs="?", help="a shipped level's id or a .toml file")
    p.add_argument(
        "--levels",
        action="append",
        default=[],
        metavar="DIR",
        help="a folder of your own level files to list in the level select (may be given more than once)",
    )
    p.add_argument("--mode", choices=["shutter", "bbf"], help="AF on the shutter button, or back-button focus")
    p.add_argument("--demo", action="store_true", help="let the bot play the level in the window")
    p.add_argument(
        "--seconds", type=arguments.seconds, metavar="S", help="stop by itself after S seconds (0.01 to 86400)"
    )
    p.add_argument("--screenshot", type=arguments.png_file, metavar="PATH", help="save the last frame shown as a PNG")
    p.add_argument(
        "--seed", type=arguments.seed, default=None, help="the scene's random seed, 0 or more (default: new each time)"
    )
    p.add_argument(
        "--size", default=None, metavar="WxH", help="window size in pixels (default from settings, 1280x720)"
    )
    p.add_argument("--fullscreen", action="store_true")
    p.add_argument(
        "--input-script",
        metavar="FILE",
        help="play a JSON-lines file of timed key, mouse and pad events, headless (docs/input-script.md)",
    )
    p.add_argument(
        "--json",
        action="store_true",
        help="with --input-script: print the screens visited and the attempts played as JSON",
    )
    p.set_defaults(func=run)


def parse_size(text: str) -> tuple[int, int]:
    """`--size WxH`, at least the smallest window every screen is laid out for."""
    from bbf_sim.ui import MIN_WINDOW_PX

    try:
        w, h = (int(v) for v in text.lower().split("x"))
    except ValueError:
        raise UserError(f"--size must look like 1280x720, got {text!r}") from None
    min_w, min_h = MIN_WINDOW_PX
    if w < min_w or h < min_h:
        raise UserError(
            f"--size {w}x{h} is smaller than {min_w}x{min_h}, the smallest window the screens are laid out for"
        )
    if w > 16384 or h > 16384:
        raise UserError(f"--size {w}x{h} is larger than 16384x16384")
    return w, h


def window_size(size_arg: str | None, settings) -> tuple[int, int]:
    """`--size`, else the settings' window size raised to the smallest laid-out size (a file may hold less)."""
    from bbf_sim.ui import MIN_WINDOW_PX

    if size_arg:
        return parse_size(size_arg)
    w, h = settings.window_width_px, settings.window_height_px
    return max(w, MIN_WINDOW_PX[0]), max(h, MIN_WINDOW_PX[1])


def require_visible_or_timed(seconds: float | None, headless_way: str) -> None:
    """Refuse to open a window nobody can see and nothing ends (exit 2, one line).

    On Linux with no display server, importing `bbf_sim.ui` switches SDL to its dummy
    drivers and says so in `BBF_SIM_HEADLESS`; the window would then wait for input
    that can never come (or, in a demo, loop for ever). `--seconds` ends it, so a timed
    run is allowed; an SDL_VIDEODRIVER the user set (the tests set it) is their choice.
    """
    from bbf_sim.ui import HEADLESS_ENV

    if seconds is None and os.environ.get(HEADLESS_ENV) == "1":
        raise UserError(
            "no display (DISPLAY and WAYLAND_DISPLAY are unset): the window would be invisible and never end; "
            f"to run headless, use {headless_way}"
        )


def first_level_path() -> Path:
    from bbf_sim.levels.loader import load_level, shipped_levels_dir

    paths = sorted(shipped_levels_dir().glob("*.toml"))
    if not paths:
        raise UserError(f"no levels in {shipped_levels_dir()}")
    # Easiest first; the menu will replace this choice.
    return min(paths, key=lambda p: (load_level(p).difficulty, p.stem))


def _tidy(data_dir: Path) -> None:
    """Remove a crash's leftovers (temporary files, replays no attempt names) as the game starts."""
    from bbf_sim.practice.attempts import tidy_data_dir
    from bbf_sim.practice.habit_recount import open_history

    try:
        with open_history(data_dir) as history:
            for notice in history.notices:
                print(f"bbf-sim play: {notice}", file=sys.stderr)
            tidy_data_dir(data_dir, history)
    except UserError:
        pass  # the game says so itself when it opens the history


def run(args: argparse.Namespace) -> int:
    if args.json and not args.input_script:
        raise UserError("--json reports an --input-script run: give --input-script FILE")
    from bbf_sim.levels.loader import load_level, resolve_level_path
    from bbf_sim.persistence.data_dir import resolve_data_dir

    level_dirs = [Path(d).expanduser() for d in args.levels]
    for d in level_dirs:
        if not d.is_dir():
            raise UserError(f"--levels {d}: not a folder")
    # No level and no demo: the menu chooses (level stays None).
    path = level = None
    if args.level is not None or args.demo:
        path = resolve_level_path(args.level) if args.level else first_level_path()
        level = load_level(path)
    data_dir = resolve_data_dir(args.data_dir)
    script = None
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    if args.input_script:
        # Headless: the script is the only device, and its run ends by itself.
        os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
        os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
        from bbf_sim.ui.input_script import load_script

        script = load_script(Path(args.input_script))
    else:
        # After the arguments are checked: a mistyped level is worth hearing about first.
        require_visible_or_timed(args.seconds, "--demo --seconds S --screenshot PATH")
    _tidy(data_dir)
    from bbf_sim.brands import get_brand
    from bbf_sim.ui.app import App, AppOptions
    from bbf_sim.ui.input import known_key_name, load_bindings, load_settings_or_default
    from bbf_sim.ui.router import Router
    from bbf_sim.ui.scenes.play import PlayScene, PlaySetup

    bindings, notices = load_bindings(data_dir)
    say = sys.stderr if args.json else sys.stdout  # --json keeps stdout for the JSON
    for n in notices:  # notices go to stderr, as every command's do
        print(f"bbf-sim play: {n}", file=sys.stderr)
    settings = load_settings_or_default(data_dir)
    size = window_size(args.size, settings)
    mode = args.mode or settings.last_mode
    seed = args.seed if args.seed is not None else int.from_bytes(os.urandom(4), "little")
    options = AppOptions(
        size_px=size,
        fullscreen=args.fullscreen or settings.fullscreen,
        stop_after_s=args.seconds,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        volume=settings.volume,
        palette=settings.palette,
        text_size=settings.text_size,
        focus_outline=settings.focus_outline,
        mouse_sensitivity=settings.mouse_sensitivity,
        stick_sensitivity=settings.stick_sensitivity,
        data_dir=data_dir,
        title="bbf-sim" if level is None else f"bbf-sim: {level.title}",
        input_script=script,
        # A script's frames come at a steady 60 a second of virtual time: the same steps for the same file.
        fps_cap=60.0 if script is not None else AppOptions.fps_cap,
    )
    from bbf_sim.practice.session import GameContext

    ctx = GameContext(
        data_dir=data_dir, level_dirs=level_dirs, seed=args.seed, notices=list(notices), key_known=known_key_name
    )
    app = App(options, bindings, brand=get_brand(settings.brand), practice=ctx, router=Router())
    try:
        if level is None:
            from bbf_sim.ui.scenes.menu import MenuScene

            app.run(MenuScene(ctx))
        else:
            setup = PlaySetup(level=level, mode=mode, seed=seed, demo=args.demo, level_path=path, attract=args.demo)
            app.run(PlayScene(setup))
    finally:
        app.close()
    if args.screenshot:
        print(f"saved {args.screenshot}", file=say)
    if args.json:
        from dataclasses import asdict  # here, not at the top: `dof` starts without dataclasses' import

        report = {"screens": app.screens_visited, "attempts": [asdict(a) for a in app.attempts]}
        print(json.dumps(report))
    return 0
