"""`python -m bbf_sim.levels.make_listing`: write the shipped levels' listing (`levels.listing`).

Each shipped level file is loaded and validated by the schema, as every command loads it,
and its row records the file's hash and what `bbf-sim levels` shows of it. Run it after
changing a shipped level or the code that validates levels (`listing.VALIDATION_CODE`);
until then `tests/levels/test_listing.py` fails, and an editable install validates every
file at run time (correct, only slower).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from bbf_sim.levels.files import shipped_levels_dir, source_fingerprint
from bbf_sim.levels.listing import MANIFEST, REGENERATE, VALIDATION_CODE


def manifest(folder: Path) -> dict:
    """The rows of the valid level files directly in `folder` (a broken one is validated, and
    named, at run time), under the hash of the code that validated them."""
    from bbf_sim.levels.catalog import load_entry

    rows = {}
    for path in sorted(folder.glob("*.toml")):
        entry = load_entry(path)
        if entry.level is None or not entry.ok:
            continue
        listed = entry.listed()
        rows[path.name] = {
            "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
            "id": listed.id,
            "title": listed.title,
            "scenario": listed.scenario,
            "difficulty": listed.difficulty,
            "endless": listed.endless,
            "background_image": entry.level.scene.background_image,
        }
    return {
        "about": f"bbf-sim levels' rows of the shipped levels, written by `{REGENERATE}`: do not edit",
        "code": source_fingerprint(VALIDATION_CODE),
        "levels": rows,
    }


def render(rows: dict) -> str:
    """The file's text: one key a line, sorted, so a change reads as a small diff."""
    return json.dumps(rows, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def main() -> int:
    text = render(manifest(shipped_levels_dir()))
    MANIFEST.write_bytes(text.encode("utf-8"))  # the same bytes on every system
    print(f"wrote {MANIFEST} ({len(json.loads(text)['levels'])} levels)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
