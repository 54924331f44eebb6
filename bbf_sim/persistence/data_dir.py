"""Where the user's files live: history, settings and replays.

Order of precedence: the `--data-dir` command-line value, then the environment
variable `BBF_SIM_DATA_DIR`, then the platform's conventional user data folder
(`platformdirs.user_data_dir("bbf-sim")`, e.g. `~/.local/share/bbf-sim` on Linux).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

from bbf_sim.errors import UserError

APP_NAME = "bbf-sim"
ENV_VAR = "BBF_SIM_DATA_DIR"


def resolve_data_dir(cli_value: str | None = None) -> Path:
    """The data folder to use, created if missing; a `UserError` if it cannot be."""
    if cli_value is not None:
        if not cli_value.strip():
            raise UserError("--data-dir is empty; give a folder or leave the option out")
        source, raw = "--data-dir", cli_value
    elif os.environ.get(ENV_VAR, "").strip():
        # An empty variable counts as unset, as shells make it easy to export one by accident.
        source, raw = ENV_VAR, os.environ[ENV_VAR]
    else:
        # appauthor=False: no "bbf-sim/bbf-sim" nesting on Windows.
        source, raw = "the platform default", platformdirs.user_data_dir(APP_NAME, appauthor=False)
    try:
        path = Path(raw).expanduser().absolute()
    except FileNotFoundError:  # a relative folder, and the working folder was deleted
        raise UserError(
            f"cannot use data folder {raw} (from {source}): the working folder no longer exists; "
            "give an absolute path, or change to a folder that exists"
        ) from None
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"cannot use data folder {path} (from {source}): {exc.strerror or exc}") from None
    return path
