"""`bbf-sim replay FILE`: re-run a recorded attempt and check it scores as it did.

`--json` re-runs the replay headless and prints the re-scored summary, which must be
identical to the one recorded with it. A replay whose level file has changed since
(its hash differs) is refused with exit status 3, since re-scoring it would show a
result that never happened. Playback in the window needs the game's replay screen;
until there is one, the command says so and shows the re-scored summary.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bbf_sim.errors import UserError

LEVEL_CHANGED_STATUS = 3
MISMATCH_STATUS = 1


def add_parser(sub) -> None:
    p = sub.add_parser(
        "replay",
        help="play back a recorded attempt (--json: re-score it headless)",
        description="Re-run a replay file (saved for every attempt under the data folder's replays/). "
        "Exit status 3 if the level file has changed since the replay was recorded.",
    )
    p.add_argument("file", metavar="FILE", help="a .bbf-replay.gz file")
    p.add_argument("--json", action="store_true", help="re-run headless and print the re-scored summary as JSON")
    p.add_argument("--level", metavar="PATH", help="the level file, if it is not a shipped level")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bbf_sim.core.controls import Button
    from bbf_sim.core.simulator import TICK_HZ
    from bbf_sim.levels.loader import level_hash, load_level, resolve_level_path
    from bbf_sim.persistence.replay_file import load_replay
    from bbf_sim.practice.attempts import rescore

    replay = load_replay(args.file)
    if replay.tick_hz != TICK_HZ:
        raise UserError(f"replay {args.file} was recorded at {replay.tick_hz:g} Hz; this bbf-sim runs at {TICK_HZ} Hz")
    unknown = sorted({name for _, name, _ in replay.events if name not in Button.__members__})
    if unknown:
        raise UserError(f"replay {args.file}: unknown button {unknown[0]!r}")
    if args.level:
        path = resolve_level_path(args.level)
    else:
        try:
            path = resolve_level_path(replay.level_id)
        except UserError:
            raise UserError(
                f"replay {args.file} is of level {replay.level_id!r}, which is not a shipped level; "
                "give its file with --level PATH"
            ) from None
    now_hash = level_hash(path)
    if now_hash != replay.level_hash:
        raise UserError(
            f"level {replay.level_id!r} has changed since replay {args.file} was recorded "
            f"({path} is now {now_hash}, the replay was recorded on {replay.level_hash}); "
            "re-scoring it would show a result that never happened",
            exit_status=LEVEL_CHANGED_STATUS,
        )
    level = load_level(path)
    result = rescore(replay, level)
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
        print("playback in the window is not available yet (the game has no replay screen); --json re-scores headless")
    if not result.matches_recorded:
        print(
            f"bbf-sim replay: the re-scored summary differs from the one recorded in {args.file}",
            file=sys.stderr,
        )
        return MISMATCH_STATUS
    return 0
