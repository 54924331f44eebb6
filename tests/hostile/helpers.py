"""Running bbf-sim as a user's shell does, with a time limit: a hang is a failure, not a stuck suite."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

from bbf_sim.levels.loader import level_hash, shipped_levels_dir

# Each hostile input must end in seconds; the limit is generous for a busy 2-core machine.
LIMIT_S = 60


def run_cli(*args: str, data_dir: Path | None = None, timeout: float = LIMIT_S, **kwargs):
    env = {**os.environ, **kwargs.pop("env", {})}
    env.setdefault("SDL_VIDEODRIVER", "dummy")
    env.setdefault("SDL_AUDIODRIVER", "dummy")
    env.pop("BBF_SIM_DEBUG", None)
    if data_dir is not None:
        env["BBF_SIM_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "bbf_sim", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        timeout=timeout,
        **kwargs,
    )


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
