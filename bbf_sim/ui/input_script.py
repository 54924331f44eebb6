"""`--input-script`: a JSON-lines file of timed device events, played into the window as SDL events.

One object a line (blank lines and lines starting with `#` are skipped):

| `type` | fields | becomes |
|---|---|---|
| `key_down` / `key_up` | `key`: as `pygame.key.name()` names it (`"space"`, `"left shift"`) | KEYDOWN / UP |
| `mouse_down` / `mouse_up` | `button`: 1–9 (1 left, 3 right, 4/5 the wheel); `x`, `y` optional | MOUSEBUTTONDOWN / UP |
| `mouse_move` | `dx`, `dy` (pixels); or `x`, `y` (where the pointer goes) | MOUSEMOTION |
| `pad_down` / `pad_up` | `button`: an SDL GameController button (`"a"`, `"start"`, `"dpad_up"`) | CONTROLLERBUTTON* |
| `pad_axis` | `axis` (`"left_x"`, `"right_trigger"`, …), `value` −1…1 (triggers 0…1) | CONTROLLERAXISMOTION |
| `quit` | — | QUIT: the window's close button |

Every line has `t`, seconds from the start of the program. An event is posted to SDL's
queue when the virtual clock reaches its `t` and read at once by the same adapter that
reads real devices, so it is stamped with exactly its `t`. The run ends one frame after
the last event (so the screen reads it), as if the window were closed then.

The script is also the devices' state: what it holds down is what a re-read of the
keyboard, mouse or pad reports (`held_now`), as a real device would.
"""

from __future__ import annotations

import json
import math
import warnings
from dataclasses import dataclass
from pathlib import Path

import pygame

from bbf_sim.errors import UserError
from bbf_sim.persistence.settings_file import PAD_AXES, PAD_BUTTONS, PAD_TRIGGERS

EVENT_TYPES = (
    "key_down",
    "key_up",
    "mouse_down",
    "mouse_up",
    "mouse_move",
    "pad_down",
    "pad_up",
    "pad_axis",
    "quit",
)
PAD_AXIS_MAX = 32767  # SDL's axis value at full deflection
SCRIPT_PAD_ID = -7  # the instance id of the script's game controller (no real device has it)


@dataclass(frozen=True)
class ScriptEvent:
    """One line of a script, checked."""

    t_s: float  # seconds from the start of the program
    kind: str  # one of EVENT_TYPES
    line: int  # where it was in the file, for messages
    key: str = ""  # key_down / key_up: pygame's key name
    button: int | str = 0  # mouse: 1..9; pad: an SDL button name
    axis: str = ""
    value: float = 0.0
    dx: float = 0.0
    dy: float = 0.0
    at_px: tuple[int, int] | None = None  # mouse: the pointer's new (x, y) in the window; None: where it was


MAX_SCRIPT_BYTES = 16 * 1024 * 1024


def load_script(path: Path) -> list[ScriptEvent]:
    """The file's events in time order (stable for equal `t`); a bad line is a one-line UserError."""
    from bbf_sim.persistence.safe_files import read_capped

    try:
        # Capped and regular files only: a FIFO or /dev/zero as a script must not hang the run.
        text = read_capped(path, MAX_SCRIPT_BYTES).decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(f"--input-script {path}: cannot read it ({getattr(exc, 'strerror', None) or exc})") from None
    return parse_script(text, str(path))


def parse_script(text: str, name: str = "script") -> list[ScriptEvent]:
    events = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            events.append(_parse_line(line, n))
        except ValueError as exc:
            raise UserError(f"{name} line {n}: {exc}") from None
    return sorted(events, key=lambda e: e.t_s)


def _parse_line(line: str, n: int) -> ScriptEvent:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise ValueError('expected an object like {"t": 0.5, "type": "key_down", "key": "f"}')
    kind = obj.get("type")
    if kind not in EVENT_TYPES:
        raise ValueError(f"type {kind!r} is not one of {', '.join(EVENT_TYPES)}")
    t = _number(obj, "t")
    if t < 0:
        raise ValueError(f"t must be 0 or more seconds, got {t}")
    allowed = {"t", "type"}
    fields: dict = {}
    if kind in ("key_down", "key_up"):
        allowed |= {"key"}
        fields["key"] = _key_name(obj)
    elif kind in ("mouse_down", "mouse_up", "mouse_move"):
        allowed |= {"x", "y"} | ({"dx", "dy"} if kind == "mouse_move" else {"button"})
        if kind == "mouse_move":
            fields["dx"], fields["dy"] = _number(obj, "dx", 0.0), _number(obj, "dy", 0.0)
        else:
            button = obj.get("button")
            if not isinstance(button, int) or isinstance(button, bool) or not 1 <= button <= 9:
                raise ValueError(f"mouse button must be a number 1 to 9 (1 left, 3 right), got {button!r}")
            fields["button"] = button
        if ("x" in obj) != ("y" in obj):
            raise ValueError("give both x and y, or neither")
        if "x" in obj:
            fields["at_px"] = (round(_number(obj, "x")), round(_number(obj, "y")))
    elif kind in ("pad_down", "pad_up"):
        allowed |= {"button"}
        button = obj.get("button")
        if button not in PAD_BUTTONS:
            raise ValueError(f"pad button {button!r} is not an SDL GameController button ({', '.join(PAD_BUTTONS)})")
        fields["button"] = button
    elif kind == "pad_axis":
        allowed |= {"axis", "value"}
        axis = obj.get("axis")
        if axis not in PAD_AXES:
            raise ValueError(f"pad axis {axis!r} is not one of {', '.join(PAD_AXES)}")
        value = _number(obj, "value")
        low = 0.0 if axis in PAD_TRIGGERS else -1.0
        if not low <= value <= 1.0:
            raise ValueError(f"{axis} value must be {low:g} to 1, got {value}")
        fields["axis"], fields["value"] = axis, value
    unknown = sorted(set(obj) - allowed)
    if unknown:
        raise ValueError(f"{kind} takes no {', '.join(repr(k) for k in unknown)}")
    return ScriptEvent(t_s=t, kind=kind, line=n, **fields)


def _number(obj: dict, name: str, default: float | None = None) -> float:
    value = obj.get(name, default)
    if value is None:
        raise ValueError(f"missing {name!r}")
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise ValueError(f"{name} must be a number, got {value!r}")
    return float(value)


def _key_name(obj: dict) -> str:
    name = obj.get("key")
    if not isinstance(name, str) or not name:
        raise ValueError('missing \'key\' (a name as pygame.key.name() gives it: "f", "space", "left shift")')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # key_code works before pygame.init(); it only warns
        try:
            pygame.key.key_code(name)
        except ValueError:
            hint = 'names as pygame.key.name() gives them: "space", "left shift"'
            raise ValueError(f"unknown key {name!r} ({hint})") from None
    return name


class ScriptFeed:
    """Posts a script's events to SDL's queue as the virtual clock reaches them; the devices' state.

    `feed_until(due_s, clock, poll)` moves the clock to each due event's time, posts it
    and has the adapter read it (`poll`), then leaves the clock where it was asked to be.
    """

    def __init__(self, events: list[ScriptEvent], window_px: tuple[int, int]):
        self.events = list(events)
        self.next = 0
        self.window_px = window_px
        self.pointer = (window_px[0] // 2, window_px[1] // 2)
        self.keys_down: set[str] = set()  # key names
        self.mouse_down: set[int] = set()
        self.pad_down: set[str] = set()
        self.pad_axes: dict[str, float] = {}
        self._quit_posted = False
        self._ended_at_frame = False  # the last event went out: quit on the next call

    @property
    def exhausted(self) -> bool:
        return self.next >= len(self.events)

    def feed_until(self, due_s: float, clock, poll) -> None:
        if self._quit_posted:
            return
        if self.exhausted:
            if self._ended_at_frame or not self.events:
                # One frame after the last event: the window closes, as its close button would.
                pygame.event.post(pygame.event.Event(pygame.QUIT))
                self._quit_posted = True
                poll()
            return
        while not self.exhausted and self.events[self.next].t_s <= due_s:
            ev = self.events[self.next]
            self.next += 1
            if ev.t_s > clock():
                clock.advance(ev.t_s - clock())
            pygame.event.post(self._sdl_event(ev))
            poll()
            if ev.kind == "quit":
                self._quit_posted = True
                return
        if self.exhausted:
            self._ended_at_frame = True

    def _sdl_event(self, ev: ScriptEvent) -> pygame.event.Event:
        """The SDL event a real device would have sent, and the devices' state updated to match."""
        k = ev.kind
        if k == "quit":
            return pygame.event.Event(pygame.QUIT)
        if k in ("key_down", "key_up"):
            code = pygame.key.key_code(ev.key)
            (self.keys_down.add if k == "key_down" else self.keys_down.discard)(pygame.key.name(code))
            kind = pygame.KEYDOWN if k == "key_down" else pygame.KEYUP
            return pygame.event.Event(kind, key=code, mod=0, unicode="", scancode=0, window=None)
        if k.startswith("mouse_"):
            old = self.pointer
            if ev.at_px is not None:
                self.pointer = ev.at_px
            elif k == "mouse_move":
                self.pointer = (round(old[0] + ev.dx), round(old[1] + ev.dy))
            self.pointer = (
                min(max(self.pointer[0], 0), self.window_px[0] - 1),
                min(max(self.pointer[1], 0), self.window_px[1] - 1),
            )
            if k == "mouse_move":
                # A locked (relative-mode) mouse reports the hand's motion, not the pointer's.
                rel = (ev.dx, ev.dy) if ev.at_px is None else (self.pointer[0] - old[0], self.pointer[1] - old[1])
                buttons = tuple(b in self.mouse_down for b in (1, 2, 3))
                return pygame.event.Event(
                    pygame.MOUSEMOTION, pos=self.pointer, rel=rel, buttons=buttons, touch=False, window=None
                )
            (self.mouse_down.add if k == "mouse_down" else self.mouse_down.discard)(int(ev.button))
            kind = pygame.MOUSEBUTTONDOWN if k == "mouse_down" else pygame.MOUSEBUTTONUP
            return pygame.event.Event(kind, button=ev.button, pos=self.pointer, touch=False, window=None)
        if k in ("pad_down", "pad_up"):
            (self.pad_down.add if k == "pad_down" else self.pad_down.discard)(str(ev.button))
            kind = pygame.CONTROLLERBUTTONDOWN if k == "pad_down" else pygame.CONTROLLERBUTTONUP
            return pygame.event.Event(kind, instance_id=SCRIPT_PAD_ID, button=PAD_BUTTONS.index(str(ev.button)))
        self.pad_axes[ev.axis] = ev.value
        return pygame.event.Event(
            pygame.CONTROLLERAXISMOTION,
            instance_id=SCRIPT_PAD_ID,
            axis=PAD_AXES.index(ev.axis),
            value=round(ev.value * PAD_AXIS_MAX),
        )

    def held_now(self, src: str) -> bool | float | None:
        """What the script's devices say about one binding source (`key:<code>`, `mouse:n`,
        `pad:<button>`, `pad:<axis>`): down or not, an axis's value; None for what it has no device for."""
        kind, _, rest = src.partition(":")
        if kind == "key":
            name = pygame.key.name(int(rest)) if rest.lstrip("-").isdigit() else rest
            return name in self.keys_down
        if kind == "mouse":
            return int(rest) in self.mouse_down
        if kind == "pad":
            if rest in PAD_AXES:
                return self.pad_axes.get(rest, 0.0)
            return rest in self.pad_down
        return None
