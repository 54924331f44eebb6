"""The user's settings: `settings.json` in the data folder, validated by `Settings`.

A missing file means defaults. A file that cannot be parsed or fails validation
(truncated, hand-edited wrongly, an unknown key, JSON nested too deeply, a binding to a
key name the window does not know, anything but a regular file, more than 1 MB) is set
aside with a notice naming the key path, and defaults are used; the next
`save_settings` writes a fresh file, atomically. A UTF-8 byte-order mark is accepted.

Binding strings, one input each:

| form | meaning |
|---|---|
| `key:<name>` | a keyboard key by its pygame name (`key:space`, `key:left shift`) |
| `mouse:<n>` | mouse button n (1 left, 2 middle, 3 right, …) |
| `pad:<name>` | a gamepad control on SDL's standard layout (`PAD_BUTTONS`, `PAD_AXES`): `pad:right_trigger`, `pad:a` |
| `joy:button:<n>` | raw joystick button n, for a device SDL has no controller mapping for |
| `joy:axis:<n>` | raw joystick axis n (e.g. an analog trigger: the two-stage shutter), the same |

`pad:` names the same physical control on every pad SDL knows (Xbox, PlayStation,
Switch Pro, 8BitDo, …); `joy:` numbers differ from one device to the next, so they
only serve devices SDL does not know.

Version 1 files (before `pad:` existed) are migrated when read: each `joy:` binding
gains the `pad:` control it stood for on the layout version 1 assumed (an Xbox pad's
raw numbering: `joy:axis:5` the right trigger, `joy:button:5` the right shoulder, see
`LEGACY_JOY_LAYOUT`), unless another action already has that control, and the
AF-point moves gain the d-pad (hard-wired in version 1). The `joy:` bindings stay, for
raw devices. The file on disk is rewritten as version 2 by the next save.

A file written by a newer bbf-sim (a higher `version`) is never set aside nor
overwritten: going back to the newer version must find the player's settings where
they were. This version uses the settings it understands from it and saves nothing.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from bbf_sim.persistence.safe_files import FileRefused, atomic_write_text, read_capped, set_aside, set_aside_notice

SETTINGS_FILE = "settings.json"
UTF8_BOM_BYTES = b"\xef\xbb\xbf"
SETTINGS_VERSION: Final = 2

# SDL's standard controller layout, in the order of SDL_GameControllerButton and
# SDL_GameControllerAxis (the index an event carries is the position here).
PAD_BUTTONS = (
    "a",
    "b",
    "x",
    "y",
    "back",
    "guide",
    "start",
    "left_stick",
    "right_stick",
    "left_shoulder",
    "right_shoulder",
    "dpad_up",
    "dpad_down",
    "dpad_left",
    "dpad_right",
    "misc1",
    "paddle1",
    "paddle2",
    "paddle3",
    "paddle4",
    "touchpad",
)
PAD_AXES = ("left_x", "left_y", "right_x", "right_y", "left_trigger", "right_trigger")
PAD_TRIGGERS = ("left_trigger", "right_trigger")

BINDING_PATTERN = (
    r"^(key:\S(.*\S)?|mouse:[1-9][0-9]?|joy:button:[0-9]{1,3}|joy:axis:[0-9]{1,3}"
    rf"|pad:({'|'.join(PAD_BUTTONS + PAD_AXES)}))$"
)
# What version 1's raw numbers stood for: the layout its defaults assumed (an Xbox pad
# as Linux numbers it; the hat was the d-pad).
_XPAD_BUTTONS: tuple[str, ...] = ("a", "b", "x", "y", "left_shoulder", "right_shoulder", "back", "start", "guide")
_XPAD_BUTTONS += ("left_stick", "right_stick")
_XPAD_AXES = ("left_x", "left_y", "left_trigger", "right_x", "right_y", "right_trigger")
LEGACY_JOY_LAYOUT = {
    **{f"joy:button:{n}": f"pad:{name}" for n, name in enumerate(_XPAD_BUTTONS)},
    **{f"joy:axis:{n}": f"pad:{name}" for n, name in enumerate(_XPAD_AXES)},
}
DPAD_MOVES = {f"point_{d}": f"pad:dpad_{d}" for d in ("left", "right", "up", "down")}

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
        # A gamepad SDL knows by its standard layout (`pad:`), any other by raw numbers (`joy:`).
        "full": ["key:space", "mouse:1", "pad:right_trigger", "joy:axis:5"],
        # mouse 6: the thumb button ("mouse button 4", X1)
        "af_on": ["key:f", "mouse:6", "pad:right_shoulder", "joy:button:5"],
        "point_left": ["key:left", "pad:dpad_left"],
        "point_right": ["key:right", "pad:dpad_right"],
        "point_up": ["key:up", "pad:dpad_up"],
        "point_down": ["key:down", "pad:dpad_down"],
        "point_centre": ["key:c"],
    }


class Settings(BaseModel):
    """Everything the player sets once and expects to find next time."""

    # strict: "yes" is not a bool and "0.5" is not a volume; a hand edit that
    # pydantic would quietly reinterpret is better reported.
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    version: Literal[2] = SETTINGS_VERSION
    key_bindings: dict[ActionName, list[Binding]] = Field(default_factory=default_bindings)
    window_width_px: int = Field(default=1280, ge=320, le=16384)
    window_height_px: int = Field(default=720, ge=240, le=16384)
    fullscreen: bool = False
    volume: float = Field(default=0.8, ge=0.0, le=1.0)
    # How far the camera turns for the hand's motion: 1 keeps what is under the mouse under
    # it; a fully pushed stick pans 0.8 frame widths a second at 1. Optional, as above.
    mouse_sensitivity: float = Field(default=1.0, ge=0.1, le=5.0)
    stick_sensitivity: float = Field(default=1.0, ge=0.1, le=5.0)
    brand: Literal["canon", "nikon", "sony", "fujifilm"] = "canon"
    # Every body ships with AF on the shutter, so that is where a newcomer starts.
    last_mode: Literal["shutter", "bbf"] = "shutter"
    # The AF mode chosen on the camera set-up screen, per level id, only where it differs
    # from the level's own: a choice made for one level must not follow the player into
    # the next (each level comes with the AF mode its subject calls for). Optional, so a
    # file written before it existed still loads.
    level_af_modes: dict[LevelId, Literal["af-s", "af-c"]] = Field(default_factory=dict)
    # How the screens look (`bbf_sim.ui.palette`): colour-blind safe colours for the
    # mappings and grades, and the text a step larger or smaller than the window's rule.
    palette: Literal["standard", "colour-blind"] = "standard"
    text_size: Literal["small", "normal", "large", "larger"] = "normal"
    # The practice aid: the object focus landed on outlined in the finder. None: the
    # default of the level's tier (on below the highest tier, off in it).
    focus_outline: bool | None = None
    # The first-run lesson was played or skipped: the menu stops offering it first.
    first_lesson_done: bool = False


def settings_path(data_dir: str | Path) -> Path:
    return Path(data_dir) / SETTINGS_FILE


MAX_SETTINGS_BYTES = 1_000_000  # a settings file is a few hundred bytes


def load_settings(data_dir: str | Path, key_known: Callable[[str], bool] | None = None) -> tuple[Settings, list[str]]:
    """The saved settings, or defaults; notices say what happened to a bad file.

    `key_known` says whether a keyboard key's name (`key:NAME`'s NAME) is one the front end
    can bind (the window passes pygame's check); a binding to any other name makes the file
    unusable, like any other invalid value: set aside, with the key path named.
    """
    path = settings_path(data_dir)
    try:
        raw = read_capped(path, MAX_SETTINGS_BYTES)
    except FileNotFoundError:
        return Settings(), []
    except FileRefused as exc:
        reason = f"it {exc.strerror}"
        return _set_aside(path, reason)
    except OSError as exc:
        return Settings(), [f"{path} could not be read ({exc.strerror or exc}); using default settings"]
    raw = raw.removeprefix(UTF8_BOM_BYTES)  # Windows Notepad's byte-order mark
    newer = newer_version(raw)
    if newer is not None:
        return _understood(raw), [
            f"{path} was written by a newer bbf-sim (settings version {newer}; this one knows up to "
            f"{SETTINGS_VERSION}). This version uses the settings it understands and will not change "
            "the file: changes made here are not saved. Update bbf-sim to change settings."
        ]
    try:
        settings = Settings.model_validate_json(_migrated(raw))
    except ValidationError as exc:
        return _set_aside(path, _reason(exc))
    unknown = _unknown_key(settings, key_known)
    if unknown:
        return _set_aside(path, unknown)
    return settings, []


def _set_aside(path: Path, reason: str) -> tuple[Settings, list[str]]:
    try:
        moved = set_aside(path)
    except OSError as exc:
        return Settings(), [
            f"{path} was unreadable ({reason}) and could not be moved aside "
            f"({exc.strerror or exc}); using default settings"
        ]
    return Settings(), [set_aside_notice(path, moved, reason, fresh="using default settings")]


def _unknown_key(settings: Settings, key_known: Callable[[str], bool] | None) -> str:
    """The first binding to a key name `key_known` refuses, as `key_bindings.af_on[0]: ...` ('' if none)."""
    if key_known is None:
        return ""
    for action, inputs in settings.key_bindings.items():
        for i, binding in enumerate(inputs):
            if binding.startswith("key:") and not key_known(binding[4:]):
                return f"key_bindings.{action}[{i}]: {binding!r} is not the name of a key"
    return ""


def save_settings(data_dir: str | Path, settings: Settings) -> Path | None:
    """Write the settings atomically; returns the file's path, or None if a newer bbf-sim's
    file is there (left as it is: see the module's docstring)."""
    path = settings_path(data_dir)
    try:
        if newer_version(read_capped(path, MAX_SETTINGS_BYTES)) is not None:
            return None
    except OSError:
        pass  # missing, unreadable or not a regular file: written afresh, as before
    atomic_write_text(path, settings.model_dump_json(indent=2) + "\n")
    return path


def newer_version(raw: bytes) -> int | None:
    """The file's settings version if it is newer than this bbf-sim knows, else None."""
    try:
        data = json.loads(raw.removeprefix(UTF8_BOM_BYTES))
    except (ValueError, RecursionError):  # not JSON, or nested too deeply: validation says so
        return None
    version = data.get("version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > SETTINGS_VERSION:
        return version
    return None


def _understood(raw: bytes) -> Settings:
    """What this version understands of a newer file: each known setting that still
    validates on its own, defaults for the rest."""
    data = json.loads(raw)
    out = Settings()
    for name in Settings.model_fields:
        if name == "version" or name not in data:
            continue
        try:
            out = Settings.model_validate_json(json.dumps({**json.loads(out.model_dump_json()), name: data[name]}))
        except (ValidationError, TypeError, ValueError):
            continue
    return out


def _migrated(raw: bytes) -> bytes:
    """A version 1 file's bytes as version 2 (see the module's docstring); anything else as it is.

    Only well-formed parts are touched: whatever is wrong with the file is left for
    validation to report.
    """
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return raw
    if not isinstance(data, dict) or data.get("version", 1) != 1:
        return raw
    data["version"] = SETTINGS_VERSION
    bindings = data.get("key_bindings")
    if isinstance(bindings, dict) and all(isinstance(v, list) for v in bindings.values()):
        data["key_bindings"] = migrate_bindings(bindings)
    return json.dumps(data).encode()


def migrate_bindings(bindings: dict[str, list]) -> dict[str, list]:
    """Version 1 bindings with the `pad:` controls their `joy:` numbers stood for, and the d-pad."""
    taken = {b for inputs in bindings.values() for b in inputs}
    out: dict[str, list] = {}

    def claim(pad: str | None, into: list) -> None:
        if pad is not None and pad not in taken:
            taken.add(pad)
            into.append(pad)

    for action, inputs in bindings.items():
        out[action] = []
        for b in inputs:
            claim(LEGACY_JOY_LAYOUT.get(b) if isinstance(b, str) else None, out[action])
            out[action].append(b)
    for action, pad in DPAD_MOVES.items():
        claim(pad, out.setdefault(action, []))
    return out


def _reason(exc: ValidationError) -> str:
    """The first problem, in one line: `volume: Input should be less than or equal to 1`."""
    errors = exc.errors(include_url=False)
    first = errors[0]
    where = ".".join(str(p) for p in first["loc"])
    if first["type"] == "json_invalid":
        text = f"not valid JSON: {first['msg'].removeprefix('Invalid JSON: ')}"
    elif first["type"] == "string_pattern_mismatch" and where.startswith("key_bindings"):
        forms = "key:NAME, mouse:N, pad:NAME, joy:button:N or joy:axis:N"
        text = f"{where}: {first['input']!r} is not a binding ({forms})"
    else:
        text = f"{where}: {first['msg']}" if where else first["msg"]
    more = len(errors) - 1
    return text + (f" (and {more} more problem{'s' * (more > 1)})" if more else "")
