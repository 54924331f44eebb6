"""`bbf-sim validate`: check level files and folders; every problem as `file: key.path: what is wrong`."""

from __future__ import annotations

import argparse
import json


def add_parser(sub) -> None:
    p = sub.add_parser(
        "validate",
        help="check level files (and folders of them): every problem with its file and key",
        description="Check level files, and every .toml file in the given folders (recursively). Each problem "
        "is one line: the file, the key path and what is wrong. Exit status 0 when every file is valid, 1 "
        "otherwise.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="level files or folders")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from bbf_sim.cli.levels_cmd import display_path
    from bbf_sim.levels.catalog import scan

    entries, path_problems = scan(args.paths)
    bad = [e for e in entries if not e.ok]
    all_ok = not bad and not path_problems
    if args.json:
        files = [{"path": str(e.path), "id": e.id, "ok": e.ok, "problems": list(e.problems)} for e in entries]
        print(json.dumps({"ok": all_ok, "files": files, "path_problems": path_problems}))
        return 0 if all_ok else 1
    for p in path_problems:
        print(p)
    for e in bad:
        for line in e.problems:
            print(line)
    n_problems = sum(len(e.problems) for e in bad) + len(path_problems)
    n_files = f"{len(entries)} level file{'s' if len(entries) != 1 else ''}"
    if all_ok:
        print(f"{n_files}, all valid" + (f": {display_path(entries[0].path)}" if len(entries) == 1 else ""))
    else:
        print(f"{n_files}: {len(entries) - len(bad)} valid, {len(bad)} with problems ({n_problems} in all)")
    return 0 if all_ok else 1
