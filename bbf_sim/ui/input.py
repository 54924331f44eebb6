"""Keys, mouse and gamepad → timestamped camera controls; the bindings are a data table.

A binding string names one physical input (the format `persistence.settings_file`
stores): `key:<pygame key name>`, `mouse:<n>`, `pad:<standard name>`, `joy:button:<n>`,
`joy:axis:<n>`. Actions are the lower-case names of `core.controls.Button` plus the
front end's own:

| action | default | notes |
|---|---|---|
| full | Space, left mouse, `pad:right_trigger` (raw: axis 5) | a trigger bound to `full` is a two-stage shutter |
| half | Left Shift, right mouse | keyboards have no half-press |
| af_on | F, the mouse thumb button (`mouse:6`), `pad:right_shoulder` (raw: button 5) | |
| point_* | arrow keys, C; `pad:dpad_*` (raw: hat 0, always) | moves the AF point like the body's joystick |
| pause | Escape, P, `pad:start` (raw: button 7) | |
| aim_x / aim_y | both sticks: `pad:left_x`, `pad:right_x`, … (raw: axes 0/1, 3/4) | rate control; the mouse pans |

Gamepads: a device SDL has a controller mapping for (`pygame._sdl2.controller.is_controller`:
Xbox, PlayStation, Switch Pro, 8BitDo, …) is opened as a game controller and read
from CONTROLLER* events, whose buttons and axes are SDL's standard layout whatever
the pad: `pad:` bindings. Its raw JOY* events (numbered differently on every pad and
OS) are ignored. Any other device is read raw, by `joy:` numbers, as a fallback.

pygame numbers the mouse wheel 4 and 5, so the first thumb (side) button is `mouse:6`.

Timing: pygame-ce 2.5.8 events carry no timestamp, so each is stamped with the
adapter's clock when read, and `poll()` is called several times a frame (between
render stages and while waiting for the next frame): a press is stamped within about
a millisecond of when it happened, whatever the frame rate. Several inputs bound to
one action count as one button: it is down while any of them is held.

A trigger's travel: a game controller's runs from 0 (rest) to 32767; a raw axis follows
SDL's joystick convention (rest at −1, fully pulled at +1). Past `TRIGGER_HALF` of its
travel it is a half-press, past `TRIGGER_FULL` a full press.

For screens, every press also becomes menu verbs (`ui.verbs`: the table of what presses
each, as data), a held left stick repeating; `pad_last` says whether the pad was used
last, so hints can name its buttons. F11 / Alt+Enter and a resized window are left for
the `App` (`fullscreen_toggles`, `resized_to`), never handed to a screen.

Held state is re-read from the devices (`resync`) after a pause, a new screen or a
lost focus (which lets go of everything): an input the events say is held but the
device reports up is let go then. `use_devices` swaps SDL for an input script's devices.
"""

from __future__ import annotations

import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pygame

from bbf_sim.core.controls import Button
from bbf_sim.persistence.settings_file import PAD_AXES, PAD_BUTTONS, PAD_TRIGGERS
from bbf_sim.ui.verbs import VERBS_OF_INPUT, Verb, is_pad

ACTION_BUTTONS: dict[str, Button] = {b.name.lower(): b for b in Button}
FRONT_END_DEFAULTS: dict[str, list[str]] = {
    "pause": ["key:escape", "key:p", "pad:start", "joy:button:7"],
    "aim_x": ["pad:left_x", "pad:right_x", "joy:axis:0", "joy:axis:3"],
    "aim_y": ["pad:left_y", "pad:right_y", "joy:axis:1", "joy:axis:4"],
}
STICK_ACTIONS = ("aim_x", "aim_y")
PAD_AXIS_MAX = 32767  # a game controller's axis value at full deflection
HAT_MOVES = {
    (-1, 0): Button.POINT_LEFT,
    (1, 0): Button.POINT_RIGHT,
    (0, 1): Button.POINT_UP,
    (0, -1): Button.POINT_DOWN,
}

TRIGGER_HALF = 0.25  # share of the trigger's travel that is a half-press
TRIGGER_FULL = 0.9
TRIGGER_HYSTERESIS = 0.05  # a trigger resting on a threshold must not chatter
STICK_DEADZONE = 0.15
ALT_KEYS = (pygame.K_LALT, pygame.K_RALT)
STICK_MENU_THRESHOLD = 0.6  # a stick pushed this far is a direction in menus
STICK_FIRST_REPEAT_S = 0.4  # held there, it repeats after this long, then every STICK_REPEAT_S
STICK_REPEAT_S = 0.13
MOUSE_GAIN = 1.0  # 1: what is under the cursor stays under it (the frame moves with the hand)


def default_bindings() -> dict[str, list[str]]:
    """The defaults, complete with the front end's own actions (the table lives with the settings)."""
    from bbf_sim.persistence.settings_file import default_bindings as saved_defaults

    return complete_bindings(saved_defaults())


def complete_bindings(bindings: dict[str, list[str]]) -> dict[str, list[str]]:
    """Bindings with the front end's own actions filled in where the table lacks them."""
    out = {k: list(v) for k, v in bindings.items()}
    for action, inputs in FRONT_END_DEFAULTS.items():
        out.setdefault(action, list(inputs))
    return out


# --- saved bindings ---------------------------------------------------------------------------


def known_key_name(name: str) -> bool:
    """Whether SDL knows a keyboard key by this name (`key:NAME` bindings); settings are checked with it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "pygame.init() has not been called": names need no init
            pygame.key.key_code(name)
    except (ValueError, pygame.error):
        return False
    return True


def load_bindings(data_dir: Path | None) -> tuple[dict[str, list[str]], list[str]]:
    """The player's saved bindings (or the defaults), and notices about a bad settings file."""
    if data_dir is None:
        return default_bindings(), []
    from bbf_sim.persistence.settings_file import load_settings

    settings, notices = load_settings(data_dir, key_known=known_key_name)
    return complete_bindings(dict(settings.key_bindings)), notices


def load_settings_or_default(data_dir: Path | None):
    """The whole settings object (brand, volume, window size), or None without a data folder."""
    if data_dir is None:
        return None
    from bbf_sim.persistence.settings_file import load_settings

    return load_settings(data_dir, key_known=known_key_name)[0]


def save_bindings(data_dir: Path, bindings: dict[str, list[str]]) -> Path | None:
    """Store bindings in the settings file, keeping the player's other settings (None: not
    stored, the file is a newer bbf-sim's)."""
    from bbf_sim.persistence.settings_file import load_settings, save_settings

    settings, _ = load_settings(data_dir, key_known=known_key_name)
    return save_settings(
        data_dir, settings.model_copy(update={"key_bindings": {k: list(v) for k, v in bindings.items()}})
    )


def remap(bindings: dict[str, list[str]], action: str, binding: str, replace: bool = True) -> dict[str, list[str]]:
    """A copy of `bindings` with `binding` given to `action` (and taken from any other action)."""
    out = {k: [b for b in v if b != binding] for k, v in bindings.items()}
    out[action] = [binding] if replace else out.get(action, []) + [binding]
    return out


# --- the adapter ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimedControl:
    """A camera button going down or up at `t_s` on the adapter's clock."""

    t_s: float
    button: Button
    pressed: bool


@dataclass
class InputFrame:
    """What the adapter read since the last `take()`."""

    controls: list[TimedControl] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # front-end actions pressed (pause, ...)
    keys: list[int] = field(default_factory=list)  # every key pressed, for menus
    clicks: list[tuple[int, tuple[int, int]]] = field(default_factory=list)  # (button, position)
    mouse_rel: list[tuple[float, float, float]] = field(default_factory=list)  # (t_s, dx_px, dy_px)
    # Every physical input that went down, as a binding string (`key:space`, `mouse:3`,
    # `pad:a`, `pad:right_trigger` or `joy:axis:5` pulled past TRIGGER_FULL, `joy:button:0`)
    # or `joy:hat:<dir>`: what menus navigate with and what the settings screen's remap flow binds.
    pressed: list[str] = field(default_factory=list)
    verbs: list[Verb] = field(default_factory=list)  # what the presses mean on a screen (`ui.verbs`)
    quit: bool = False
    focus_lost: bool = False  # the window lost the keyboard focus (everything held was let go)
    toggle_fullscreen: bool = False  # F11 or Alt+Enter


class InputAdapter:
    """Reads pygame events, stamps them, and turns them into semantic controls."""

    def __init__(self, bindings: dict[str, list[str]], clock: Callable[[], float] = time.perf_counter):
        self.clock = clock
        self.set_bindings(bindings)
        self._frame = InputFrame()
        self._held: dict[str, set[str]] = {}  # action → inputs holding it down
        self.stick: dict[str, float] = {"aim_x": 0.0, "aim_y": 0.0}
        self._stick_src: dict[tuple[str, str], float] = {}
        self._axes_pulled: set[str] = set()
        self.joysticks: list = []  # raw devices (no controller mapping)
        self.controllers: list = []  # devices SDL maps to its standard layout
        self._controller_ids: set[int] = set()  # their joystick instance ids: raw events from them are ignored
        self.poll_count = 0
        self.quit_seen = False  # the window's close button was pressed (sticky: the program is ending)
        self.pointer_px: tuple[int, int] = (0, 0)  # where the mouse pointer was last seen in the window
        self._device_state: Callable[[str], bool | float | None] = self._sdl_state
        self._read_gamepads = True
        self._alts_down: set[int] = set()  # Alt keys held (Alt+Enter: fullscreen)
        self.fullscreen_toggles = 0  # F11 / Alt+Enter presses the window has not acted on yet
        self.resized_to: tuple[int, int] | None = None  # the window's new size, not yet acted on
        self.exposed = False  # the window was uncovered or shown again: present all of it (`App.present`)
        self.pad_last = False  # the last press came from a gamepad: hints name the pad's buttons
        self._stick_dir: Verb | None = None  # the left stick as menu verbs: held direction, next repeat
        self._stick_next_s = 0.0

    def use_devices(self, device_state: Callable[[str], bool | float | None]) -> None:
        """Read held state from `device_state` (an input script's devices) instead of SDL's, and
        open no real gamepad: the script is the only device."""
        self._device_state = device_state
        self._read_gamepads = False

    def set_bindings(self, bindings: dict[str, list[str]]) -> None:
        self.bindings = complete_bindings(bindings)
        self._by_input: dict[str, list[str]] = {}
        for action, inputs in self.bindings.items():
            for inp in inputs:
                self._by_input.setdefault(self._normalise(inp), []).append(action)

    @staticmethod
    def _normalise(binding: str) -> str:
        if binding.startswith("key:"):
            if not known_key_name(binding[4:]):
                return binding  # matches no key event: the binding does nothing, and nothing crashes
            code = pygame.key.key_code(binding[4:])
            return f"key:{code}"
        return binding

    def open_gamepads(self) -> None:
        """Start every connected gamepad: as a game controller if SDL knows it, else raw.

        A later-connected one arrives as JOYDEVICEADDED / CONTROLLERDEVICEADDED. A device
        that will not open is skipped: a gamepad must never stop the game.
        """
        if not self._read_gamepads:
            return
        if not pygame.joystick.get_init():
            pygame.joystick.init()
        controller = _controller_module()
        self.joysticks, self.controllers, self._controller_ids = [], [], set()
        for i in range(pygame.joystick.get_count()):
            try:
                joystick = pygame.joystick.Joystick(i)
                if controller is not None and controller.is_controller(i):
                    self.controllers.append(controller.Controller(i))
                    self._controller_ids.add(joystick.get_instance_id())
                else:
                    self.joysticks.append(joystick)
            except pygame.error:
                continue

    # --- reading ---------------------------------------------------------------------------

    def poll(self) -> None:
        """Read every waiting event, stamping each with the clock now."""
        events = pygame.event.get()
        self.poll_count += 1
        if not events:
            return
        now = self.clock()
        for ev in events:
            self._handle(ev, now)

    def take(self) -> InputFrame:
        """What was read since the last take, with the menu verbs of a held stick added."""
        out, self._frame = self._frame, InputFrame()
        out.verbs += self._stick_verbs()
        return out

    def _press(self, src: str) -> None:
        """A physical input went down: a press for menus and the remap flow, and its verbs."""
        self._frame.pressed.append(src)
        self._frame.verbs.extend(VERBS_OF_INPUT.get(src, ()))
        self.pad_last = is_pad(src)

    def _stick_verbs(self) -> list[Verb]:
        """The stick pushed past STICK_MENU_THRESHOLD is a direction: once, then repeating while held."""
        x, y = self.stick["aim_x"], self.stick["aim_y"]
        d = None
        if abs(y) >= STICK_MENU_THRESHOLD and abs(y) >= abs(x):
            d = Verb.DOWN if y > 0 else Verb.UP
        elif abs(x) >= STICK_MENU_THRESHOLD:
            d = Verb.RIGHT if x > 0 else Verb.LEFT
        now = self.clock()
        if d is None:
            self._stick_dir = None
            return []
        self.pad_last = True
        if d != self._stick_dir:
            self._stick_dir, self._stick_next_s = d, now + STICK_FIRST_REPEAT_S
            return [d]
        if now >= self._stick_next_s:
            self._stick_next_s = now + STICK_REPEAT_S
            return [d]
        return []

    def _handle(self, ev, now: float) -> None:
        t = ev.type
        fr = self._frame
        if t == pygame.QUIT:
            fr.quit = True
            self.quit_seen = True
        elif t == pygame.VIDEORESIZE:
            self.resized_to = (int(ev.w), int(ev.h))
            self.exposed = True
        elif t in (pygame.VIDEOEXPOSE, pygame.WINDOWEXPOSED, pygame.WINDOWSHOWN, pygame.WINDOWRESTORED):
            self.exposed = True
        elif t == pygame.WINDOWFOCUSLOST:
            # What is let go while another window has the focus never reaches us: let go of it all now.
            fr.focus_lost = True
            self.release_all(now)
        elif t == pygame.KEYDOWN:
            fr.keys.append(ev.key)
            alt = bool(getattr(ev, "mod", 0) & pygame.KMOD_ALT) or bool(self._alts_down)
            if ev.key in ALT_KEYS:
                self._alts_down.add(ev.key)
            if ev.key == pygame.K_F11 or (ev.key in (pygame.K_RETURN, pygame.K_KP_ENTER) and alt):
                fr.toggle_fullscreen = True  # the window's, on every screen: not a press for the screen
                self.fullscreen_toggles += 1
                return
            self._press(f"key:{pygame.key.name(ev.key)}")
            self._source(f"key:{ev.key}", True, now)
        elif t == pygame.KEYUP:
            self._alts_down.discard(ev.key)
            self._source(f"key:{ev.key}", False, now)
        elif t == pygame.MOUSEBUTTONDOWN:
            self.pointer_px = tuple(ev.pos)
            fr.clicks.append((ev.button, tuple(ev.pos)))
            self._press(f"mouse:{ev.button}")
            self._source(f"mouse:{ev.button}", True, now)
        elif t == pygame.MOUSEBUTTONUP:
            self._source(f"mouse:{ev.button}", False, now)
        elif t == pygame.MOUSEMOTION:
            self.pointer_px = tuple(ev.pos)
            dx, dy = ev.rel
            if dx or dy:
                fr.mouse_rel.append((now, float(dx), float(dy)))
        elif t in (pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP):
            if 0 <= ev.button < len(PAD_BUTTONS):
                src = f"pad:{PAD_BUTTONS[ev.button]}"
                if t == pygame.CONTROLLERBUTTONDOWN:
                    self._press(src)
                self._source(src, t == pygame.CONTROLLERBUTTONDOWN, now)
        elif t == pygame.CONTROLLERAXISMOTION:
            if 0 <= ev.axis < len(PAD_AXES):
                name = PAD_AXES[ev.axis]
                value = max(-1.0, min(1.0, ev.value / PAD_AXIS_MAX))
                # A trigger rests at 0; a stick is never a button (drift must not bind it).
                self._axis(f"pad:{name}", value, value if name in PAD_TRIGGERS else None, now)
        elif t in (pygame.CONTROLLERDEVICEADDED, pygame.JOYDEVICEADDED):
            self.open_gamepads()
        elif t in (pygame.CONTROLLERDEVICEREMOVED, pygame.JOYDEVICEREMOVED):
            self._gamepad_gone(now)
        elif getattr(ev, "instance_id", None) in self._controller_ids:
            return  # a game controller's raw event: its CONTROLLER* twin is the one read
        elif t == pygame.JOYBUTTONDOWN:
            self._press(f"joy:button:{ev.button}")
            self._source(f"joy:button:{ev.button}", True, now)
        elif t == pygame.JOYBUTTONUP:
            self._source(f"joy:button:{ev.button}", False, now)
        elif t == pygame.JOYAXISMOTION:
            value = float(ev.value)
            self._axis(f"joy:axis:{ev.axis}", value, (value + 1.0) / 2.0, now)
        elif t == pygame.JOYHATMOTION:
            button = HAT_MOVES.get(tuple(ev.value))
            if button is not None:
                self._press(f"joy:hat:{button.name.removeprefix('POINT_').lower()}")
                fr.controls.append(TimedControl(now, button, True))
                fr.controls.append(TimedControl(now, button, False))

    def _source(self, src: str, down: bool, now: float) -> None:
        """One physical input changed: update every action bound to it."""
        for action in self._by_input.get(src, ()):
            self._set(action, src, down, now)

    def _set(self, action: str, src: str, down: bool, now: float) -> None:
        held = self._held.setdefault(action, set())
        was = bool(held)
        if down:
            held.add(src)
        else:
            held.discard(src)
        is_ = bool(held)
        if is_ == was:
            return
        button = ACTION_BUTTONS.get(action)
        if button is not None:
            self._frame.controls.append(TimedControl(now, button, is_))
        elif is_ and action in ("pause",):
            self._frame.actions.append(action)

    def _axis(self, src: str, value: float, pull: float | None, now: float) -> None:
        """An axis moved: `value` in −1…1 for the sticks, `pull` its travel 0…1 as a trigger (None: not one)."""
        pulled = pull is not None and pull >= TRIGGER_FULL
        if pulled and src not in self._axes_pulled:
            self._press(src)
        (self._axes_pulled.add if pulled else self._axes_pulled.discard)(src)
        for action in self._by_input.get(src, ()):
            if action in STICK_ACTIONS:
                self._stick_src[(action, src)] = 0.0 if abs(value) < STICK_DEADZONE else value
                self.stick[action] = sum(v for (a, _), v in self._stick_src.items() if a == action)
                continue
            if pull is None:
                continue
            # A trigger bound to the full press is the two-stage shutter: the first stage is a half-press.
            stages = [("half", TRIGGER_HALF), ("full", TRIGGER_FULL)] if action == "full" else [(action, TRIGGER_HALF)]
            for stage_action, threshold in stages:
                tag = f"{src}:{stage_action}"
                held = tag in self._held.get(stage_action, set())
                down = pull >= threshold - (TRIGGER_HYSTERESIS if held else 0.0)
                self._set(stage_action, tag, down, now)

    def _gamepad_gone(self, now: float) -> None:
        """A gamepad was unplugged: let go of whatever gamepad input was holding a button down."""
        for action, held in list(self._held.items()):
            for src in [s for s in held if s.startswith(("pad:", "joy:"))]:
                self._set(action, src, False, now)
        self._stick_src.clear()
        for action in self.stick:
            self.stick[action] = 0.0
        self._axes_pulled.clear()
        self.open_gamepads()

    def held(self, action: str) -> bool:
        return bool(self._held.get(action))

    def release_all(self, now: float | None = None) -> None:
        """Let go of every input held (the window lost the focus)."""
        now = self.clock() if now is None else now
        for action, held in list(self._held.items()):
            for src in list(held):
                self._set(action, src, False, now)
        self._stick_src.clear()
        for action in self.stick:
            self.stick[action] = 0.0
        self._axes_pulled.clear()

    def _sdl_state(self, src: str) -> bool | float | None:
        """What SDL says about one binding source now: held or not (keys, buttons), an axis's
        value (−1…1; a game controller's trigger 0…1); None where there is no such device."""
        kind, _, rest = src.partition(":")
        try:
            if kind == "key":
                return bool(pygame.key.get_pressed()[int(rest)])
            if kind == "mouse":
                # get_pressed's five are left, middle, right and the two thumb buttons; 4 and 5 are the wheel.
                index = {1: 0, 2: 1, 3: 2, 6: 3, 7: 4}.get(int(rest))
                return None if index is None else bool(pygame.mouse.get_pressed(num_buttons=5)[index])
            if kind == "pad" and rest in PAD_AXES:
                values = [pad.get_axis(PAD_AXES.index(rest)) / PAD_AXIS_MAX for pad in self.controllers]
                return max(values, key=abs) if values else 0.0
            if kind == "pad" and rest in PAD_BUTTONS:
                return any(pad.get_button(PAD_BUTTONS.index(rest)) for pad in self.controllers)
            what, _, n = rest.partition(":")
            if kind == "joy" and what == "button":
                return any(j.get_button(int(n)) for j in self.joysticks if int(n) < j.get_numbuttons())
            if kind == "joy" and what == "axis":
                values = [j.get_axis(int(n)) for j in self.joysticks if int(n) < j.get_numaxes()]
                return max(values, key=abs) if values else -1.0
        except (pygame.error, ValueError, IndexError):
            return None
        return None

    def resync(self, now: float | None = None) -> None:
        """Re-read what is held from the devices: after a pause, a focus change or a new screen.

        An input the events say is held but the device says is up is let go now (its
        release happened while nobody was listening: a paused level, another window).
        Nothing is pressed by a re-read: a press needs its edge, so a key still held from
        the last screen does not fire the shutter on this one.
        """
        now = self.clock() if now is None else now
        for action, held in list(self._held.items()):
            for src in list(held):
                if self._released_on_device(src):
                    self._set(action, src, False, now)
        for (action, src), value in list(self._stick_src.items()):
            current = self._device_state(src)
            if isinstance(current, float) and abs(current) < STICK_DEADZONE and value:
                self._stick_src[(action, src)] = 0.0
                self.stick[action] = sum(v for (a, _), v in self._stick_src.items() if a == action)

    def _released_on_device(self, src: str) -> bool:
        """True if the device reports `src` (a binding source, or a trigger's stage tag) as let go."""
        for stage, threshold in (("half", TRIGGER_HALF), ("full", TRIGGER_FULL)):
            if src.endswith(f":{stage}") and src.startswith(("pad:", "joy:axis:")):
                value = self._device_state(src.removesuffix(f":{stage}"))
                if value is None or isinstance(value, bool):
                    return False
                pull = value if src.startswith("pad:") else (value + 1.0) / 2.0
                return pull < threshold - TRIGGER_HYSTERESIS
        down = self._device_state(src)
        return down is False


def _controller_module():
    """pygame's game-controller module, started; None where this pygame build has none."""
    try:
        from pygame._sdl2 import controller
    except ImportError:
        return None
    try:
        if not controller.get_init():
            controller.init()
    except pygame.error:
        return None
    return controller
