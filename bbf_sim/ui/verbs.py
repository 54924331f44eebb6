"""One input vocabulary for every screen: the menu verbs, what presses them, and how controls are named.

Screens read `InputFrame.verbs` (what the player meant) and never a device's codes;
the keyboard, the mouse and a gamepad all map to the same verbs through `MENU_VERBS`,
which is plain data (binding strings, as `persistence.settings_file` stores them).
One physical input may serve several verbs (Q ends a level and quits the results);
each screen reads only the verbs it offers.

| verb | keyboard | mouse | gamepad |
|---|---|---|---|
| up / down / left / right | arrows, W S A D | wheel (up / down) | d-pad, left stick (repeats while held) |
| ok | Enter, Space | left click on a row (the screen's own) | A |
| back | Esc, Backspace | right click | B |
| again (restart, play again, read again) | R, F5 | | X |
| other (the other mapping) | M | | Y |
| next (next tab, another maker's body) | Tab | | RB |
| end (end the level, quit from results) | Q | | Back (View) |
| clear (remove a binding) | Delete | | X |
| menu (the camera's MENU button in the set-up drill) | M | | Start |

`binding_label` names a control the same way on every screen; `hints` writes a
screen's key hints with the keyboard's names, or the pad's when the pad was used last.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence


class Verb(enum.StrEnum):
    """What the player means on a screen, whatever device said it."""

    UP = "up"
    DOWN = "down"
    LEFT = "left"
    RIGHT = "right"
    OK = "ok"
    BACK = "back"
    AGAIN = "again"
    OTHER = "other"
    NEXT = "next"
    END = "end"
    CLEAR = "clear"
    MENU = "menu"


# What presses each verb, as binding strings; the first keyboard and first pad entry name it in hints.
MENU_VERBS: dict[Verb, tuple[str, ...]] = {
    Verb.UP: ("key:up", "key:w", "mouse:4", "pad:dpad_up", "joy:hat:up"),
    Verb.DOWN: ("key:down", "key:s", "mouse:5", "pad:dpad_down", "joy:hat:down"),
    Verb.LEFT: ("key:left", "key:a", "pad:dpad_left", "joy:hat:left"),
    Verb.RIGHT: ("key:right", "key:d", "pad:dpad_right", "joy:hat:right"),
    Verb.OK: ("key:return", "key:enter", "key:space", "pad:a", "joy:button:0"),
    Verb.BACK: ("key:escape", "key:backspace", "mouse:3", "pad:b", "joy:button:1"),
    Verb.AGAIN: ("key:r", "key:f5", "pad:x", "joy:button:2"),
    Verb.OTHER: ("key:m", "pad:y", "joy:button:3"),
    Verb.NEXT: ("key:tab", "pad:right_shoulder", "joy:button:5"),
    Verb.END: ("key:q", "pad:back", "joy:button:6"),
    Verb.CLEAR: ("key:delete", "pad:x", "joy:button:2"),
    Verb.MENU: ("key:m", "pad:start", "joy:button:7"),
}

VERBS_OF_INPUT: dict[str, tuple[Verb, ...]] = {}
for _verb, _inputs in MENU_VERBS.items():
    for _inp in _inputs:
        VERBS_OF_INPUT[_inp] = (*VERBS_OF_INPUT.get(_inp, ()), _verb)

# SDL's standard controller layout, named as the buttons are printed on an Xbox-style pad
# (SDL names every pad's buttons by their position on that layout).
PAD_LABELS: dict[str, str] = {
    "a": "A",
    "b": "B",
    "x": "X",
    "y": "Y",
    "back": "Back",
    "guide": "Guide",
    "start": "Start",
    "left_stick": "left stick press",
    "right_stick": "right stick press",
    "left_shoulder": "LB",
    "right_shoulder": "RB",
    "dpad_up": "d-pad up",
    "dpad_down": "d-pad down",
    "dpad_left": "d-pad left",
    "dpad_right": "d-pad right",
    "left_x": "left stick",
    "left_y": "left stick",
    "right_x": "right stick",
    "right_y": "right stick",
    "left_trigger": "LT",
    "right_trigger": "RT",
    "touchpad": "touchpad",
}
KEY_LABELS = {"return": "Enter", "enter": "keypad Enter", "escape": "Esc", "delete": "Del"}
MOUSE_LABELS = {
    "1": "left mouse",
    "2": "middle mouse",
    "3": "right mouse",
    "4": "wheel up",
    "5": "wheel down",
    "6": "mouse thumb",
    "7": "mouse thumb 2",
}
HAT_LABELS = {"up": "d-pad up", "down": "d-pad down", "left": "d-pad left", "right": "d-pad right"}
# A pair of verbs named at once in hints: keyboard words, pad words.
PAIRS = {
    (Verb.UP, Verb.DOWN): ("Up/Down", "d-pad"),
    (Verb.LEFT, Verb.RIGHT): ("Left/Right", "d-pad left/right"),
}


def binding_label(binding: str) -> str:
    """A binding as the player names the control: `F`, `Left Shift`, `left mouse`, `RT`, `joystick button 5`."""
    kind, _, rest = binding.partition(":")
    if kind == "key":
        if rest in KEY_LABELS:
            return KEY_LABELS[rest]
        return rest.title() if len(rest) > 1 else rest.upper()
    if kind == "mouse":
        return MOUSE_LABELS.get(rest, f"mouse {rest}")
    if kind == "pad":  # SDL's standard layout: the same control on every pad it knows
        return PAD_LABELS.get(rest, rest.replace("_", " "))
    what, _, n = rest.partition(":")
    if what == "hat":
        return HAT_LABELS.get(n, f"hat {n}")
    # A raw joystick (a device SDL has no controller mapping for): only its numbers are known.
    return f"joystick {what} {n}"


def is_pad(binding: str) -> bool:
    return binding.startswith(("pad:", "joy:"))


def verb_label(verb: Verb, pad: bool = False) -> str:
    """The control that says `verb`: the keyboard's first (`Enter`) or the pad's first (`A`)."""
    for binding in MENU_VERBS[verb]:
        if is_pad(binding) == pad and not binding.startswith("mouse:"):
            return binding_label(binding)
    return binding_label(MENU_VERBS[verb][0])


# One key hint: a verb, a pair of verbs named at once, or a control named as is; and what it does.
Hint = tuple[Verb | tuple[Verb, Verb] | str, str]


def hints(items: Sequence[Hint], pad: bool = False) -> str:
    """A screen's key hints: `[(Verb.OK, "open"), (Verb.BACK, "quit")]` → `Enter: open    Esc: quit`
    (`A: open    B: quit` when `pad`). A pair such as (UP, DOWN) is named at once; a plain
    string is a control named as is (`"mouse"`)."""
    parts = []
    for what, meaning in items:
        if isinstance(what, tuple):
            keys_words, pad_words = PAIRS.get(what, ("/".join(verb_label(v) for v in what), ""))
            name = (pad_words or "/".join(verb_label(v, True) for v in what)) if pad else keys_words
        elif isinstance(what, Verb):
            name = verb_label(what, pad)
        else:
            name = what
        parts.append(f"{name}: {meaning}")
    return "    ".join(parts)


def control_label(bindings: dict[str, list[str]], action: str, pad: bool = False) -> str:
    """The control that does `action` on the device in use: its first keyboard/mouse binding, or
    its first pad one (`pad`); a pad's half-press is the shutter trigger pulled part way."""
    inputs = bindings.get(action, [])
    mine = [b for b in inputs if is_pad(b) == pad]
    if mine:
        return binding_label(mine[0])
    if pad and action == "half":
        triggers = [b for b in bindings.get("full", []) if b.startswith("pad:") and b.endswith("_trigger")]
        if triggers:
            return f"{binding_label(triggers[0])} part way"
    return binding_label(inputs[0]) if inputs else "-"


def bindings_label(bindings: dict[str, list[str]], action: str, limit: int = 3) -> str:
    """Up to `limit` of an action's bindings, named: `F / mouse thumb / RB`; `unbound` when none."""
    labels = [binding_label(b) for b in bindings.get(action, [])][:limit]
    return " / ".join(labels) if labels else "unbound"
