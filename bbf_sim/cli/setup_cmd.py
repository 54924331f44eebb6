"""`bbf-sim setup`: the AF-ON set-up drill for a brand's body.

`bbf-sim setup --brand NAME` opens the game window on the drill: the brand's menu on a
simulated body, its score, then a test shot with the configuration the player made.
`--seconds S` stops by itself and `--screenshot PATH` saves the last frame, as `play` does.
A drill that ends in back-button focus saves the brand in the settings, as from the menu.

`bbf-sim setup --brand NAME --demo [--json] [--mistake M]` lets the bot walk the
drill headless and prints each step (where it was, which input) and the final
configuration in the brand's words; `--json` prints one JSON object instead.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TypedDict

from bbf_sim.cli import arguments
from bbf_sim.errors import UserError

if TYPE_CHECKING:
    from bbf_sim.setup_drill.bot import BotRun
    from bbf_sim.setup_drill.menu import Event


def add_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "setup",
        help="practise setting up back-button focus in a simulated camera menu",
        description="Practise the menu walk that sets up back-button focus on your "
        "brand's body: take AF off the shutter button and give it to the rear button.",
    )
    # No argparse `choices`: an unknown brand must be a one-line error listing them.
    p.add_argument("--brand", required=True, help="canon, nikon, sony or fujifilm")
    p.add_argument("--demo", action="store_true", help="let the bot walk the drill headless")
    p.add_argument("--json", action="store_true", help="print one JSON object (with --demo)")
    p.add_argument(
        "--start",
        choices=["reassigned", "factory"],
        default="reassigned",
        help="the body as found: its rear button given another job (default), or new from the factory",
    )
    p.add_argument(
        "--seconds", type=arguments.seconds, metavar="S", help="(window) stop by itself after S seconds (0.01 to 86400)"
    )
    p.add_argument(
        "--screenshot", type=arguments.png_file, metavar="PATH", help="(window) save the last frame shown as a PNG"
    )
    p.add_argument("--size", default=None, metavar="WxH", help="(window) size in pixels (default from settings)")
    p.add_argument(
        "--mistake",
        metavar="M",
        help="make the bot make a mistake: leave-af-on-shutter or leave-rear-unassigned",
    )
    p.set_defaults(func=run)


_VERBS = {"enter": "entered", "edit": "opened", "leave": "back from", "move": "cursor on"}


class _StepRow(TypedDict):
    """One step of the bot's walk, as printed and as `--json` gives it."""

    step: int  # 1-based
    t_s: float  # the input's timestamp [s]
    at: str  # where the cursor was, as "A > B > C"
    input: str
    result: str


def _describe(event: Event) -> str:
    """One step's outcome in words, marking a wrong turn."""
    verb = _VERBS.get(event.kind)
    text = f"{verb} {event.detail}" if verb else (event.detail or event.kind)
    if event.wrong_turn:
        text += f"  [wrong turn: {event.wrong_turn.replace('_', ' ')}]"
    return text


def _final_lines(run: BotRun) -> list[str]:
    """The BBF settings and the mapping, in the brand's words."""
    from bbf_sim.core.controls import Button

    drill = run.drill
    brand = drill.spec.brand
    mapping = run.score.mapping
    lines = [f"  {' > '.join(path)} = {drill.values[path]}" for path in drill.spec.bbf_settings()]
    lines.append(f"  AF on {brand.control_label(Button.HALF)}: {'yes' if mapping.af_on_half_press else 'no'}")
    lines.append(f"  AF on {brand.control_label(Button.AF_ON)} button: {'yes' if mapping.af_on_rear_button else 'no'}")
    return lines


def run(args: argparse.Namespace) -> int:
    from bbf_sim.brands import get_brand
    from bbf_sim.setup_drill import MISTAKES, get_spec, walk

    try:
        brand = get_brand(args.brand)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if args.mistake is not None and args.mistake not in MISTAKES:
        raise UserError(f"unknown mistake {args.mistake!r}; choose one of: {', '.join(MISTAKES)}")
    if not args.demo:
        if args.json or args.mistake:
            raise UserError("--json and --mistake go with --demo (the bot's walk)")
        return _run_window(args, brand)

    spec = get_spec(brand.key)
    result = walk(spec, start=args.start, mistake=args.mistake)
    score = result.score
    steps: list[_StepRow] = [
        {
            "step": s.index,
            "t_s": round(s.t_s, 3),
            "at": " > ".join(s.at),
            "input": s.key,
            "result": _describe(s.event),
        }
        for s in result.drill.history
    ]
    if args.json:
        print(
            json.dumps(
                {
                    "brand": brand.name,
                    "body": spec.body,
                    "steps": steps,
                    "wrong_turns": len(score.wrong_turns),
                    "elapsed_s": round(score.elapsed_s, 3),
                    "final": {
                        "af_on_half_press": score.mapping.af_on_half_press,
                        "af_on_rear_button": score.mapping.af_on_rear_button,
                    },
                    "correct": score.correct,
                    "feedback": list(score.feedback),
                },
                ensure_ascii=False,
            )
        )
        return 0

    print(f"{brand.name} set-up drill on {spec.body}: the bot's walk")
    width = max((len(s["at"]) for s in steps), default=0)
    width = min(max(width, len("[shooting screen]")), 72)
    for s in steps:
        at = s["at"] or "[shooting screen]"
        print(f"  {s['step']:>3}  {at:<{width}}  {s['input']:<5}  {s['result']}")
    print(f"{score.steps} steps, {len(score.wrong_turns)} wrong turns, {score.elapsed_s:.1f} s")
    print("Final configuration:")
    for line in _final_lines(result):
        print(line)
    print(("Correct: " if score.correct else "Not back-button focus: ") + " ".join(score.feedback))
    return 0


def _run_window(args: argparse.Namespace, brand) -> int:
    """The interactive drill in the game window, named and bound as the player's settings say."""
    import os
    from pathlib import Path

    from bbf_sim.cli.play_cmd import require_visible_or_timed, window_size
    from bbf_sim.persistence.data_dir import resolve_data_dir

    if args.seconds is not None and args.seconds <= 0:
        raise UserError("--seconds must be more than 0")
    require_visible_or_timed(args.seconds, "--demo (the bot walks the menus) or --seconds S --screenshot PATH")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    from bbf_sim.ui.app import App, AppOptions
    from bbf_sim.ui.input import load_bindings, load_settings_or_default
    from bbf_sim.ui.router import Router
    from bbf_sim.ui.scenes.setup_drill import SetupDrillScene

    data_dir = resolve_data_dir(getattr(args, "data_dir", None))
    bindings, notices = load_bindings(data_dir)
    for n in notices:
        print(f"bbf-sim setup: {n}", file=sys.stderr)
    settings = load_settings_or_default(data_dir)
    size = window_size(args.size, settings) if args.size or settings is not None else (1280, 720)
    options = AppOptions(
        size_px=size,
        fullscreen=bool(settings and settings.fullscreen),
        stop_after_s=args.seconds,
        screenshot=Path(args.screenshot) if args.screenshot else None,
        volume=settings.volume if settings is not None else 0.8,
        palette=settings.palette if settings is not None else "standard",
        text_size=settings.text_size if settings is not None else "normal",
        mouse_sensitivity=settings.mouse_sensitivity if settings is not None else 1.0,
        data_dir=data_dir,
        title=f"bbf-sim: set up back-button focus ({brand.name})",
    )
    # The drill's brand names every control, here and in its test shot, whatever the settings say;
    # a drill that ends in back-button focus saves it as the player's camera (through the context).
    app = App(options, bindings, brand=brand, router=Router())
    try:
        from bbf_sim.practice.session import GameContext

        app.run(SetupDrillScene(brand.key, start=args.start, ctx=GameContext(data_dir=data_dir)))
    finally:
        app.close()
    if args.screenshot:
        print(f"saved {args.screenshot}")
    return 0
