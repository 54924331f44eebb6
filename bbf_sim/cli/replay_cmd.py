"""`bbf-sim replay FILE`: re-run a recorded attempt and check it scores as it did.

Without `--json` the attempt plays back in the viewfinder (`ui.scenes.replay`), then
its photo review and results; `--speed`, `--seconds`, `--screenshot` and `--size` as
for `play`, so it runs headless too. `--json` re-runs the replay headless and prints
the re-scored summary, which must be identical to the one recorded with it. Both run
the level with the settings it was played with (an AF mode chosen on the camera
set-up screen). A replay whose level file has changed since (its hash differs) is
refused with exit status 3, since playing it would show a result that never happened.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bbf_sim.cli import arguments
from bbf_sim.cli.arguments import finite_float
from bbf_sim.errors import UserError

# A changed level exits with `practice.replays.LEVEL_CHANGED_STATUS` (3), raised there.
MISMATCH_STATUS = 1


def add_parser(sub) -> None:
    p = sub.add_parser(
        "replay",
        help="play back a recorded attempt (--json: re-score it headless)",
        description="Re-run a replay file (saved for every attempt under the data folder's replays/). "
        "A replay of a shipped level finds it by its id; for any other level, give the file with --level "
        "(its content must be the one recorded). Exit status 3 if the level file has changed since the replay "
        "was recorded.",
    )
    p.add_argument("file", metavar="FILE", help="a .bbf-replay.gz file")
    p.add_argument("--json", action="store_true", help="re-run headless and print the re-scored summary as JSON")
    p.add_argument("--level", metavar="PATH", help="the level file, if it is not a shipped level")
    p.add_argument(
        "--speed",
        type=finite_float(0.25, 8.0),
        default=1.0,
        metavar="X",
        help="playback speed in the window, 0.25 to 8",
    )
    p.add_argument(
        "--seconds",
        type=arguments.seconds,
        metavar="S",
        help="close the window by itself after S seconds (at most 86400)",
    )
    p.add_argument("--screenshot", type=arguments.png_file, metavar="PATH", help="save the last frame shown as a PNG")
    p.add_argument("--size", default=None, metavar="WxH", help="window size in pixels (default from settings)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bbf_sim.levels.loader import resolve_level_path
    from bbf_sim.practice.attempts import rescore
    from bbf_sim.practice.replays import open_replay

    # The user names the level file with --level; otherwise only a shipped level, by its id.
    replay, level, path = open_replay(Path(args.file), resolve_level_path(args.level) if args.level else None)
    try:
        result = rescore(replay, level)
    except ValueError as exc:
        raise UserError(f"replay {args.file}: {exc}") from None
    if args.json:
        print(
            json.dumps(
                {
                    "replay": str(Path(args.file)),
                    "level_id": replay.level_id,
                    "level_hash": replay.level_hash,
                    "mode": replay.mode,
                    "seed": replay.seed,
                    "ticks": len(replay.aim),
                    "matches_recorded": result.matches_recorded,
                    "summary": result.summary,
                },
                allow_nan=False,
            )
        )
    else:
        s = result.summary
        print(
            f"{replay.level_id} in {replay.mode} mode, seed {replay.seed}: {s['hits']} of {s['frames']} frames sharp"
            + (f", first sharp after {s['first_sharp_s']:.2f} s" if s["first_sharp_s"] is not None else "")
            + ("" if not result.matches_recorded else " (as recorded)")
        )
        if result.matches_recorded:
            _play_in_window(args, replay, level, path)
    if not result.matches_recorded:
        print(
            f"bbf-sim replay: the re-scored summary differs from the one recorded in {args.file}",
            file=sys.stderr,
        )
        return MISMATCH_STATUS
    return 0


def _play_in_window(args: argparse.Namespace, replay, level, path: Path) -> None:
    """Play the replay back in the viewfinder, then its review and results, until closed."""
    import os

    from bbf_sim.cli.play_cmd import require_visible_or_timed, window_size
    from bbf_sim.persistence.data_dir import resolve_data_dir

    data_dir = resolve_data_dir(args.data_dir)
    require_visible_or_timed(args.seconds, "--seconds S --screenshot PATH, or --json")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from bbf_sim.brands import get_brand
    from bbf_sim.ui.app import App, AppOptions
    from bbf_sim.ui.input import load_bindings, load_settings_or_default
    from bbf_sim.ui.router import Router
    from bbf_sim.ui.scenes.replay import ReplayScene, replay_setup

    bindings, notices = load_bindings(data_dir)
    for n in notices:
        print(f"bbf-sim replay: {n}", file=sys.stderr)
    settings = load_settings_or_default(data_dir)
    size = window_size(args.size, settings)
    # The buttons are named as on the body the attempt was played with, if it was stored.
    try:
        brand = get_brand(str(replay.settings.get("brand") or settings.brand))
    except ValueError:
        brand = get_brand(settings.brand)
    options = AppOptions(
        size_px=size,
        stop_after_s=args.seconds,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        volume=settings.volume,
        palette=settings.palette,
        text_size=settings.text_size,
        focus_outline=settings.focus_outline,
        data_dir=data_dir,
        title=f"bbf-sim replay: {level.title}",
    )
    app = App(options, bindings, brand=brand, router=Router())
    try:
        app.run(ReplayScene(replay_setup(level, replay, path), replay, args.speed))
    finally:
        app.close()
    if args.screenshot:
        print(f"saved {args.screenshot}")
