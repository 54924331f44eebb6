"""How the game names a mapping and the camera's buttons, in the words of the player's brand.

| function | example (Canon) |
|---|---|
| `rear_button(brand)` | `AF-ON` |
| `mapping_short(mode, brand)` | `BBF (AF-ON)`, `SHUTTER AF`, `SHUTTER+AF-ON AF`, `NO AF` (the HUD's info line) |
| `mapping_long(mode, brand)` | `back-button focus: AF-ON focuses, the shutter button only fires` |

`mode` is what `PlaySetup.mode` holds: "shutter", "bbf", or a `core.controls.Mapping`
(the set-up drill's result, which may be a wrong set-up such as AF on both buttons).
`brand` is a `bbf_sim.brands.Brand` or None (then the generic names). Pure: no pygame.
"""

from __future__ import annotations

from bbf_sim.core.controls import MODES, Button, ModeLike, mapping_for


def rear_button(brand) -> str:
    return brand.control_label(Button.AF_ON) if brand is not None else "AF-ON"


def shutter_button(brand) -> str:
    return brand.shutter_button.lower() if brand is not None else "shutter button"


def is_bbf(mode: ModeLike) -> bool:
    return mapping_for(mode) == MODES["bbf"]


def mapping_short(mode: ModeLike, brand=None) -> str:
    """A few capitals for the viewfinder's info line."""
    m = mapping_for(mode)
    rear = rear_button(brand)
    if m.af_on_half_press and m.af_on_rear_button:
        return f"SHUTTER+{rear} AF"
    if m.af_on_half_press:
        return "SHUTTER AF"
    if m.af_on_rear_button:
        return f"BBF ({rear})"
    return "NO AF"


def mapping_long(mode: ModeLike, brand=None) -> str:
    """One line for briefings and the review: which button focuses, in the body's words."""
    m = mapping_for(mode)
    rear, shutter = rear_button(brand), shutter_button(brand)
    if m.af_on_half_press and m.af_on_rear_button:
        return f"AF on the {shutter} and on {rear}: every press of the {shutter} refocuses"
    if m.af_on_half_press:
        return f"shutter-button AF: a half-press of the {shutter} focuses"
    if m.af_on_rear_button:
        return f"back-button focus (BBF): {rear} focuses, the {shutter} only fires"
    return f"no button starts AF: neither {rear} nor the {shutter} focuses"
