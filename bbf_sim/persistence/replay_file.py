"""The replay file format: everything needed to play an attempt again, gzip-compressed JSON.

    {"format": "bbf-sim-replay", "version": 1,
     "level_id": str, "level_hash": str, "mode": "shutter" | "bbf",
     "settings": {...}, "seed": int ≥ 0, "tick_hz": number > 0,
     "events": [[t_s, button_name, pressed], ...],   # time order, t_s ≥ 0 since level start
     "aim": [[yaw_rad, pitch_rad], ...],            # camera aim at the end of each tick
     "summary": {...}}

The simulator is deterministic given seed, level, mode, settings and the timed
inputs, so those are the replay; `aim` and `summary` let a viewer draw and check
it without re-simulating. Button names are `bbf_sim.core.controls.Button` names
(not checked here: playback owns that). Non-finite floats in `settings` and
`summary` are written as null. A file the code cannot read is a `UserError`
naming the file; a file from a newer version is refused, not guessed at.

`level_id` is a level id (`Level.id`'s pattern), never a path: a replay does not choose
which file is read (`levels.loader.shipped_level_path`). The file is read capped on disk
and uncompressed, and its aim and event lists are bounded by the longest level before
they are validated; `practice.attempts.check_replay_length` bounds them by the level's own
duration before re-scoring.
"""

from __future__ import annotations

import gzip
import io
import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bbf_sim.errors import UserError
from bbf_sim.persistence.json_values import to_json_value
from bbf_sim.persistence.safe_files import atomic_write_bytes, read_capped

REPLAY_FORMAT = "bbf-sim-replay"
REPLAY_VERSION = 1
REPLAY_SUFFIX = ".bbf-replay.gz"
# A replay of the longest level (600 s at 120 ticks a second) is about 3 MB of JSON and a
# fifth of that compressed; the caps stop a hostile or broken file (a "gzip bomb", a
# sparse file of gigabytes) from eating memory.
MAX_REPLAY_BYTES = 16 * 1024 * 1024  # uncompressed
MAX_REPLAY_FILE_BYTES = 8 * 1024 * 1024  # on disk
# The most ticks any level can have (`Level.duration_s` ≤ 600 s at `TICK_HZ` 120) and events
# (every control pressed and released on every tick): a longer list is refused before it is
# validated. `practice.attempts.rescore` checks the level's own, tighter bound.
MAX_TICKS = 600 * 120 + 2
BUTTON_COUNT = 8  # `bbf_sim.core.controls.Button`, without importing numpy here
MAX_EVENTS = MAX_TICKS * 2 * BUTTON_COUNT


@dataclass(frozen=True)
class Replay:
    """One attempt's inputs and what it needs to be played back."""

    level_id: str
    level_hash: str
    mode: str
    settings: dict[str, Any]
    seed: int
    tick_hz: float
    events: list[tuple[float, str, bool]] = field(default_factory=list)
    aim: list[tuple[float, float]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)


_Time = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
_Angle = Annotated[float, Field(allow_inf_nan=False)]


class _ReplayV1(BaseModel):
    """The version 1 file body, checked strictly (a JSON string is not a number)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    format: Literal["bbf-sim-replay"]
    version: Literal[1]
    # A level id as `levels.schema.Level.id` allows it: never a path.
    level_id: Annotated[str, Field(min_length=1, max_length=60, pattern=r"^[a-z0-9][a-z0-9-]*$")]
    level_hash: Annotated[str, Field(max_length=64)]
    mode: Literal["shutter", "bbf"]
    settings: dict[str, Any]
    seed: Annotated[int, Field(ge=0)]
    tick_hz: Annotated[float, Field(gt=0.0, allow_inf_nan=False)]
    events: Annotated[
        list[tuple[_Time, Annotated[str, Field(min_length=1, max_length=40)], bool]], Field(max_length=MAX_EVENTS)
    ]
    aim: Annotated[list[tuple[_Angle, _Angle]], Field(max_length=MAX_TICKS)]
    summary: dict[str, Any]


def save_replay(path: str | Path, replay: Replay) -> Path:
    """Write `replay` to `path` atomically; ValueError if it would not load back."""
    path = Path(path)
    body = {
        "format": REPLAY_FORMAT,
        "version": REPLAY_VERSION,
        "level_id": replay.level_id,
        "level_hash": replay.level_hash,
        "mode": replay.mode,
        "settings": to_json_value(replay.settings, "settings"),
        "seed": replay.seed,
        "tick_hz": replay.tick_hz,
        "events": to_json_value(list(replay.events), "events"),
        "aim": to_json_value(list(replay.aim), "aim"),
        "summary": to_json_value(replay.summary, "summary"),
    }
    try:
        text = json.dumps(body, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError) as exc:
        raise ValueError(f"replay for {path} is not writable as JSON: {exc}") from None
    # Check with the loader's own rules, so every file written here loads back.
    try:
        _ReplayV1.model_validate_json(text)
    except ValidationError as exc:
        raise ValueError(f"replay for {path} would not load back: {_first_problem(exc)}") from None
    _check_event_order(body["events"], lambda msg: ValueError(f"replay for {path}: {msg}"))
    # mtime=0: the same replay gives the same bytes, whenever it was saved.
    atomic_write_bytes(path, gzip.compress(text.encode("utf-8"), mtime=0))
    return path


def load_replay(path: str | Path) -> Replay:
    """Read a replay; `UserError` naming the file if it is not a replay this code can use."""
    path = Path(path)

    def bad(msg: str) -> UserError:
        return UserError(f"replay {path}: {msg}")

    try:
        packed = read_capped(path, MAX_REPLAY_FILE_BYTES)
    except FileNotFoundError:
        raise bad("no such file") from None
    except OSError as exc:
        raise bad(f"cannot read it: {exc.strerror or exc}") from None
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(packed), mode="rb") as f:
            data = f.read(MAX_REPLAY_BYTES + 1)
    except (gzip.BadGzipFile, EOFError, zlib.error, OSError):
        raise bad("not a gzip-compressed replay (damaged or not a replay file)") from None
    if len(data) > MAX_REPLAY_BYTES:
        raise bad(f"larger than {MAX_REPLAY_BYTES // (1024 * 1024)} MB uncompressed; refusing it")
    try:
        text = data.decode("utf-8")
        raw = json.loads(text, parse_constant=_refuse_constant)
    except (UnicodeDecodeError, ValueError) as exc:
        raise bad(f"not valid JSON inside the gzip ({_first_line(exc)})") from None
    except RecursionError:
        raise bad("not a replay: its JSON is nested too deeply") from None

    if not isinstance(raw, dict) or raw.get("format") != REPLAY_FORMAT:
        tag = raw.get("format") if isinstance(raw, dict) else None
        raise bad(f"not a bbf-sim replay (format tag {tag!r}, expected {REPLAY_FORMAT!r})")
    version = raw.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > REPLAY_VERSION:
        raise bad(
            f"replay format version {version} is from a newer bbf-sim; this one reads up to version {REPLAY_VERSION}"
        )
    for key, limit in (("aim", MAX_TICKS), ("events", MAX_EVENTS)):
        if isinstance(raw.get(key), list) and len(raw[key]) > limit:
            raise bad(f"{len(raw[key])} {key} entries, more than the longest level can have ({limit})")
    try:
        # Validated from the JSON text: strict JSON mode takes arrays for tuples.
        body = _ReplayV1.model_validate_json(text)
    except ValidationError as exc:
        raise bad(_first_problem(exc)) from None
    _check_event_order(raw["events"], bad)
    return Replay(
        level_id=body.level_id,
        level_hash=body.level_hash,
        mode=body.mode,
        settings=body.settings,
        seed=body.seed,
        tick_hz=body.tick_hz,
        events=[(float(t), b, p) for t, b, p in body.events],
        aim=[(float(y), float(p)) for y, p in body.aim],
        summary=body.summary,
    )


def _check_event_order(events: list[list[Any]], error: Any) -> None:
    # Playback applies events in file order; out-of-order times mean a broken writer.
    for i in range(1, len(events)):
        if events[i][0] < events[i - 1][0]:
            raise error(f"events are not in time order at index {i}")


def _refuse_constant(name: str) -> Any:
    # NaN and Infinity are Python's extension, not JSON; this writer never makes them.
    raise ValueError(f"{name} is not a JSON value")


def _first_line(exc: Exception) -> str:
    return str(exc).splitlines()[0] if str(exc) else type(exc).__name__


def _first_problem(exc: ValidationError) -> str:
    err = exc.errors(include_url=False)[0]
    where = ".".join(str(p) for p in err["loc"]) or "(top level)"
    return f"key {where}: {err['msg']}"
