"""`bbf-sim levels`: the curriculum (or a folder of your own levels) with id, title, scenario, tier and path."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing
if TYPE_CHECKING:
    from bbf_sim.levels.listing import ListedLevel


def add_parser(sub) -> None:
    p = sub.add_parser(
        "levels",
        help="list the levels: id, title, scenario, difficulty tier, file",
        description="List the shipped levels, or the level files in the given files and folders, in the "
        "curriculum's order (by difficulty tier). Broken files are listed with what is wrong with them.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="level files or folders (default: the shipped levels)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def display_path(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder when it is inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    except FileNotFoundError:  # the working folder was deleted: nothing to be relative to
        return str(path)
    return rel if not rel.startswith("..") else str(path)


def run(args: argparse.Namespace) -> int:
    from bbf_sim.levels.files import level_files, shipped_levels_dir
    from bbf_sim.levels.listing import from_manifest

    paths = args.paths or [shipped_levels_dir()]
    files, path_problems = level_files(paths)
    # The shipped levels' rows come with bbf-sim's source: a listing of those alone needs
    # no schema, and nothing is kept for it.
    known = from_manifest(files)
    if len(known) == len(files):
        return _list(args, files, known, path_problems)
    from bbf_sim.cli.output_memo import fingerprint, run_memoized

    # The same files, code and command line print the same listing: kept, it spares
    # loading the schema (most of the command's time) on the next run.
    def key() -> str | None:
        return fingerprint(["levels", *map(str, paths), f"json={args.json}"], files, path_problems)

    # The rows are read again after the key: a file changed since the first read is then
    # listed as the key's bytes say, never kept under a key its listing does not match.
    return run_memoized(key, lambda: _list(args, files, from_manifest(files), path_problems))


def validated(path: Path) -> ListedLevel:
    """A file without a row, loaded and validated by the schema as every other command loads it."""
    from bbf_sim.levels.catalog import load_entry

    return load_entry(path).listed()


def _list(args: argparse.Namespace, files: list, known: dict, path_problems: list[str]) -> int:
    from bbf_sim.levels.listing import in_order

    entries = in_order(files, known, validated)
    if args.json:
        import json

        print(json.dumps({"levels": [e.summary() for e in entries], "path_problems": path_problems}))
        return 1 if path_problems else 0
    rows = [(str(e.difficulty), e.id, str(e.scenario), str(e.title), display_path(e.path)) for e in entries if e.ok]
    header = ("tier", "id", "scenario", "title", "path")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for r in [header, *rows]:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    broken = [e for e in entries if not e.ok]
    if broken:
        print(f"\n{len(broken)} broken level file{'s' if len(broken) != 1 else ''} (see `bbf-sim validate`):")
        for e in broken:
            print(
                f"  {display_path(e.path)}: {len(e.problems)} problem{'s' if len(e.problems) != 1 else ''}, "
                f"first: {e.problems[0].split(': ', 1)[-1]}"
            )
    for p in path_problems:
        print(p)
    return 1 if path_problems else 0
