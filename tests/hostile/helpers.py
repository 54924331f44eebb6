"""Running bbf-sim as a user's shell does, with a time limit: a hang is a failure, not a stuck suite."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from bbf_sim.levels.loader import level_hash, shipped_levels_dir
from tests.commands import LIMIT_S, run_as_process, run_in_process


def run_cli(*args: str, data_dir: Path | None = None, timeout: float = LIMIT_S, **kwargs):
    """`bbf-sim ARGS` in this test's process, or in a new one when `kwargs` (say a `preexec_fn`
    setting a resource limit) are for `subprocess.run`: what a user's shell gets, within `timeout`."""
    if kwargs:
        return run_as_process(*args, data_dir=data_dir, timeout=timeout, **kwargs)
    return run_in_process(*args, data_dir=data_dir, timeout=timeout)


def one_line_error(out, command: str, status: int = 2) -> str:
    """The run ended with `status` and a last stderr line from `command`, and no traceback."""
    assert out.returncode == status, (out.returncode, out.stdout[-2000:], out.stderr[-2000:])
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr[-2000:]
    last = out.stderr.strip().splitlines()[-1]
    assert last.startswith(f"bbf-sim {command}"), out.stderr[-2000:]
    return last


def replay_body(level_id: str = "control-static", **over) -> dict:
    """A replay file's body for a shipped level, as the writer makes it (summary left empty)."""
    body = {
        "format": "bbf-sim-replay",
        "version": 1,
        "level_id": level_id,
        "level_hash": level_hash(shipped_levels_dir() / "control-static.toml"),
        "mode": "bbf",
        "settings": {},
        "seed": 1,
        "tick_hz": 120.0,
        "events": [],
        "aim": [[0.0, 0.0]] * 10,
        "summary": {},
    }
    body.update(over)
    return body


def write_replay(path: Path, body: dict | str) -> Path:
    text = body if isinstance(body, str) else json.dumps(body)
    path.write_bytes(gzip.compress(text.encode()))
    return path
