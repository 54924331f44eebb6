"""Reading level files: TOML in, a validated `Level` out, or messages a person can act on.

Every problem names the file and the key path, in the form
`levels/bird.toml: objects[1].path.speed_mps: must be greater than 0, got -3`.
Nothing a file says can make loading raise anything but `LevelError`: a broken level
is a message, never a traceback (the level-select screen lists it as broken).
"""

from __future__ import annotations

import errno
import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bbf_sim.errors import UserError
from bbf_sim.levels.files import MAX_LEVEL_BYTES, default_level_id, shipped_levels_dir
from bbf_sim.levels.schema import NO_CONTROL_PATTERN, PROSE_PATTERN, Level
from bbf_sim.persistence.safe_files import FileRefused, check_regular_file, read_capped, strip_bom

# The schema's text rules, in words (the regular expressions mean nothing to a level's author).
TEXT_PATTERNS = {NO_CONTROL_PATTERN: "line breaks", PROSE_PATTERN: "form feeds"}
PATH_KINDS = {"still", "linear", "approaching", "weave", "flight", "erratic", "waypoints"}


class LevelError(UserError):
    """A level file that cannot be used; `problems` holds one line per problem."""

    def __init__(self, path: Path | str, problems: list[str]):
        self.path = str(path)
        # One problem, one line, whatever a message quotes (a key may hold a line break).
        self.problems = [" ".join(p.splitlines()) for p in problems]
        super().__init__("\n".join(f"{self.path}: {p}" for p in problems))


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")  # a key TOML can write unquoted


def _key_path(loc: tuple) -> str:
    out = ""
    prev = None
    for part in loc:
        if prev == "path" and part in PATH_KINDS:
            prev = part
            continue  # the discriminated union's tag: not a key the user wrote
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            part = str(part)
            if not _BARE_KEY.fullmatch(part):
                part = json.dumps(part)  # quoted as TOML quotes such a key, line breaks escaped
            out += f".{part}" if out else part
        prev = part
    return out or "(top level)"


def _describe(err: Mapping[str, Any]) -> str:
    kind = err.get("type", "")
    msg = err.get("msg", "invalid")
    if kind == "missing":
        return "missing required key"
    if kind == "extra_forbidden":
        return "unknown key"
    msg = re.sub(r"^(Input|String|List|Tuple|Dictionary|Value|Object) should ", "must ", msg)
    msg = msg.replace("Value error, ", "")
    if kind == "union_tag_invalid":
        tag = (err.get("ctx") or {}).get("tag", "?")
        return f"unknown kind {tag!r} (one of: " + ", ".join(sorted(PATH_KINDS)) + ")"
    if kind == "string_pattern_mismatch" and (err.get("ctx") or {}).get("pattern") in TEXT_PATTERNS:
        banned = TEXT_PATTERNS[err["ctx"]["pattern"]]
        return f"must not contain control characters (NUL, escape, {banned}), got {_short_repr(err.get('input'))}"
    if kind == "union_tag_not_found":
        return "missing required key 'kind' (one of: " + ", ".join(sorted(PATH_KINDS)) + ")"
    if "input" in err and kind not in ("union_tag_invalid",) and not kind.startswith("value_error"):
        value = err["input"]
        if not isinstance(value, dict):
            msg += f", got {_short_repr(value)}"
    return msg


def _short_repr(value, limit: int = 60) -> str:
    """A value as the user wrote it, cut short so one bad key cannot flood the terminal."""
    if isinstance(value, bool):
        return "true" if value else "false"  # as TOML spells them
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def format_validation_error(exc: ValidationError) -> list[str]:
    """One line per problem. Unknown keys come first: a misspelt key also reports the real key
    as missing, and the typo is the thing to fix (pydantic's own order varies by version)."""
    lines = []
    errors = sorted(exc.errors(), key=lambda e: e.get("type") != "extra_forbidden")
    for e in errors:
        key = _key_path(e["loc"])
        if e.get("type") == "union_tag_invalid":
            key += ".kind"
        lines.append(f"{key}: {_describe(e)}")
    return lines


def _json_value(value):
    """TOML dates and times (which JSON lacks) become their ISO text; the schema then refuses them."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"unexpected value {value!r}")


def parse_level(
    text: str, source: Path | str, default_id: str | None = None, level_dir: Path | str | None = None
) -> Level:
    """Validate a level's TOML text; `source` names the file in every message.

    `level_dir` is the folder asset paths are relative to (and must stay inside); without
    it, assets are checked for their form only.
    """
    text = strip_bom(text)  # Windows Notepad starts UTF-8 files with one; TOML does not allow it
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LevelError(source, [f"not valid TOML: {exc}"]) from None
    except (RecursionError, MemoryError):  # absurdly deep nesting: tomllib recurses
        raise LevelError(source, ["not valid TOML: nested too deeply"]) from None
    except ValueError as exc:
        # Python refuses to convert integer literals of more than 4300 digits (a guard against
        # quadratic-time parsing); no level needs a number of even 20.
        raise LevelError(source, [f"not valid TOML: a number too long to be read ({_first_line(exc)})"]) from None
    if default_id is not None and "id" not in data:
        data["id"] = default_id
    context = {"level_dir": Path(level_dir)} if level_dir is not None else None
    try:
        # Validated as JSON in strict mode: a TOML array fills a tuple, an integer fills a float,
        # but `true` or "50" is not a number and 400.0 is not an integer (lax mode would take them).
        as_json = json.dumps(data, default=_json_value, allow_nan=True)
        return Level.model_validate_json(as_json, strict=True, context=context)
    except ValidationError as exc:
        raise LevelError(source, format_validation_error(exc)) from None
    except (ValueError, TypeError, ArithmeticError, RecursionError, OSError) as exc:
        # A validator tripped over a value its field's type let through: still the file's fault.
        raise LevelError(source, [f"cannot be read as a level: {exc}"]) from None


def load_level(path: Path | str) -> Level:
    path = Path(path)
    raw = _read_level_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise LevelError(path, [f"not UTF-8 text: {exc}"]) from None
    return parse_level(text, path, default_id=default_level_id(path), level_dir=path.parent)


def _read_level_bytes(path: Path) -> bytes:
    """A level file's bytes, as capped and checked for every reader; `LevelError` if refused."""
    try:
        return read_capped(path, MAX_LEVEL_BYTES)
    except FileRefused as exc:
        raise LevelError(path, [_refused_reason(exc)]) from None
    except OSError as exc:
        raise LevelError(path, [f"cannot read: {exc.strerror or exc}"]) from None


def _refused_reason(exc: FileRefused) -> str:
    if exc.errno == errno.EISDIR:
        return "is a folder, not a level file"
    if exc.errno == errno.EFBIG:
        return f"too big for a level file {(exc.strerror or '').removeprefix('is too big ')}"
    return f"{exc.strerror}: not a level file"


def _first_line(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0]


def level_hash(path: Path | str) -> str:
    """A short content hash: replays and history use it to notice a level that changed.

    Read as `load_level` reads (`LevelError` for anything it would refuse), so a path that
    is not a level file is never read in full.
    """
    return hashlib.sha256(_read_level_bytes(Path(path))).hexdigest()[:16]


_LEVEL_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,59}")  # as `Level.id` allows it


def shipped_level_path(level_id: str) -> Path | None:
    """The shipped level file with this id, or None; never a path the id spells out.

    For ids that come from files (replays, history), which must not choose what is read.
    """
    if not isinstance(level_id, str) or not _LEVEL_ID.fullmatch(level_id):
        return None
    candidate = shipped_levels_dir() / f"{level_id}.toml"
    return candidate if candidate.is_file() else None


def resolve_level_path(name: str) -> Path:
    """A level argument is a file path or the id of a shipped level."""
    p = Path(name)
    if p.suffix == ".toml" or p.exists():
        try:
            check_regular_file(p)
        except FileRefused as exc:
            raise UserError(f"{name} {exc.strerror}: not a level file") from None
        except OSError:
            raise UserError(f"no level file at {name}") from None
        return p
    candidate = shipped_levels_dir() / f"{name}.toml"
    if candidate.is_file():
        return candidate
    known = sorted(f.stem for f in shipped_levels_dir().glob("*.toml"))
    raise UserError(f"unknown level {name!r}; shipped levels: {', '.join(known) or 'none'}")
