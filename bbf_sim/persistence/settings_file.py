"""The user's settings: `settings.json` in the data folder, validated by `Settings`.

A missing file means defaults. A file that cannot be parsed or fails validation
(truncated, hand-edited wrongly, an unknown key) is set aside with a notice and
defaults are used; the next `save_settings` writes a fresh file, atomically.

Binding strings, one input each:

| form | meaning |
|---|---|
| `key:<name>` | a keyboard key by its pygame name (`key:space`, `key:left shift`) |
| `mouse:<n>` | mouse button n (1 left, 2 middle, 3 right, …) |
| `joy:button:<n>` | gamepad button n |
| `joy:axis:<n>` | gamepad axis n (e.g. an analog trigger: the two-stage shutter) |
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from bbf_sim.persistence.safe_files import atomic_write_text, set_aside, set_aside_notice

SETTINGS_FILE = "settings.json"
SETTINGS_VERSION = 1

BINDING_PATTERN = r"^(key:\S(.*\S)?|mouse:[1-9][0-9]?|joy:button:[0-9]{1,3}|joy:axis:[0-9]{1,3})$"
Binding = Annotated[str, StringConstraints(pattern=BINDING_PATTERN)]
# Action names are the lower-case names of `bbf_sim.core.controls.Button` (a test
# checks the defaults), plus whatever the front end adds (pause, menu, ...).
ActionName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]{0,39}$")]
# A level's id, as `levels.schema.Level.id` allows it.
LevelId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]


def default_bindings() -> dict[str, list[str]]:
    """Keyboard, mouse and gamepad defaults; the right mouse button is the half-press."""
    return {
        "half": ["key:left shift", "mouse:3"],
        "full": ["key:space", "mouse:1", "joy:axis:5"],
        "af_on": ["key:f", "mouse:6", "joy:button:5"],  # mouse 6: the thumb button ("mouse button 4", X1)
        "point_left": ["key:left"],
        "point_right": ["key:right"],
        "point_up": ["key:up"],
        "point_down": ["key:down"],
        "point_centre": ["key:c"],
    }


class Settings(BaseModel):
    """Everything the player sets once and expects to find next time."""

    # strict: "yes" is not a bool and "0.5" is not a volume; a hand edit that
    # pydantic would quietly reinterpret is better reported.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    version: Literal[1] = SETTINGS_VERSION
    key_bindings: dict[ActionName, list[Binding]] = Field(default_factory=default_bindings)
    window_width_px: int = Field(default=1280, ge=320, le=16384)
    window_height_px: int = Field(default=720, ge=240, le=16384)
    fullscreen: bool = False
    volume: float = Field(default=0.8, ge=0.0, le=1.0)
    brand: Literal["canon", "nikon", "sony", "fujifilm"] = "canon"
    # Every body ships with AF on the shutter, so that is where a newcomer starts.
    last_mode: Literal["shutter", "bbf"] = "shutter"
    # The AF mode chosen on the camera set-up screen, per level id, only where it differs
    # from the level's own: a choice made for one level must not follow the player into
    # the next (each level comes with the AF mode its subject calls for). Optional, so a
    # file written before it existed still loads.
    level_af_modes: dict[LevelId, Literal["af-s", "af-c"]] = Field(default_factory=dict)


def settings_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / SETTINGS_FILE


def load_settings(data_dir: str | Path) -> tuple[Settings, list[str]]:
    """The saved settings, or defaults; notices say what happened to a bad file."""
    path = settings_path(data_dir)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Settings(), []
    except OSError as exc:
        return Settings(), [f"{path} could not be read ({exc.strerror or exc}); using default settings"]
    try:
        return Settings.model_validate_json(raw), []
    except ValidationError as exc:
        reason = _reason(exc)
    try:
        moved = set_aside(path, reason)
    except OSError as exc:
        return Settings(), [
            f"{path} was unreadable ({reason}) and could not be moved aside "
            f"({exc.strerror or exc}); using default settings"
        ]
    return Settings(), [set_aside_notice(path, moved, reason, fresh="using default settings")]


def save_settings(data_dir: str | Path, settings: Settings) -> Path:
    """Write the settings atomically; returns the file's path."""
    path = settings_path(data_dir)
    atomic_write_text(path, settings.model_dump_json(indent=2) + "\n")
    return path


def _reason(exc: ValidationError) -> str:
    """The first problem, in one line: `volume: Input should be less than or equal to 1`."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "json_invalid":
        text = f"not valid JSON: {first['msg'].removeprefix('Invalid JSON: ')}"
    elif first["type"] == "string_pattern_mismatch" and where.startswith("key_bindings"):
        text = f"{where}: {first['input']!r} is not a binding (key:NAME, mouse:N, joy:button:N or joy:axis:N)"
    else:
        text = f"{where}: {first['msg']}" if where else first["msg"]
    more = len(errors) - 1
    return text + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")
