"""Brand presets: how Canon, Nikon, Sony and Fujifilm bodies name the BBF controls.

| brand | rear AF button | single / continuous AF | where the AF-activation setting lives |
|---|---|---|---|
| Canon | AF-ON | One-Shot / AI Servo | Custom Functions |
| Nikon | AF-ON or AE-L/AF-L | AF-S / AF-C | Custom Settings menu (a Focus, f Controls) |
| Sony | AF-ON or a C button | AF-S / AF-C | Focus > AF/MF, Setup > Operation Customize |
| Fujifilm | AF-ON or AE-L/AF-L | S / C | SET UP > BUTTON/DIAL SETTING |

The game uses these to name controls the way the player's own body does
(`brand.control_label(Button.AF_ON)`, `brand.af_mode_label("af-c")`); the set-up
drill (`bbf_sim.setup_drill`) uses them for its menus. Pure data: no pygame.
"""

from __future__ import annotations

from dataclasses import dataclass

from bbf_sim.core.controls import Button

AF_MODES = ("af-s", "af-c")


@dataclass(frozen=True)
class Behaviour:
    """A brand-specific AF behaviour that changes how BBF feels on that body."""

    setting: str  # the body's own name for it, with its menu code where it has one
    summary: str


@dataclass(frozen=True)
class Brand:
    """One maker's vocabulary for the controls the game uses."""

    key: str  # lower-case id used on the command line: "canon"
    name: str
    body: str  # the body generation whose names and menus the preset follows
    rear_button: str  # the rear AF button the drill sets up
    rear_button_alternatives: tuple[str, ...]  # other rear buttons that can take AF
    af_single: str  # short names, as on the body's display
    af_continuous: str
    af_single_long: str  # long names, as in the menus and the manual
    af_continuous_long: str
    shutter_button: str
    joystick: str  # what moves the AF point (Button.POINT_*)
    menu_area: str  # where the AF-activation settings live, in the body's words
    behaviours: tuple[Behaviour, ...]

    def control_label(self, button: Button) -> str:
        """Name a semantic control the way this body does."""
        labels = {
            Button.HALF: f"{self.shutter_button} (half-press)",
            Button.FULL: f"{self.shutter_button} (full press)",
            Button.AF_ON: self.rear_button,
            Button.POINT_LEFT: f"{self.joystick} left",
            Button.POINT_RIGHT: f"{self.joystick} right",
            Button.POINT_UP: f"{self.joystick} up",
            Button.POINT_DOWN: f"{self.joystick} down",
            Button.POINT_CENTRE: f"{self.joystick} press (centre point)",
        }
        return labels[Button(button)]

    def af_mode_label(self, mode: str, long: bool = False) -> str:
        """Name single ("af-s") or continuous ("af-c") AF as this body does."""
        if mode == "af-s":
            return self.af_single_long if long else self.af_single
        if mode == "af-c":
            return self.af_continuous_long if long else self.af_continuous
        raise ValueError(f"unknown AF mode {mode!r}; expected one of {list(AF_MODES)}")


CANON = Brand(
    key="canon",
    name="Canon",
    body="EOS R5 / R6 (2020-era mirrorless menus)",
    rear_button="AF-ON",
    rear_button_alternatives=("AE lock (*)",),
    af_single="One-Shot",
    af_continuous="AI Servo",
    # The R-series menus say "Servo AF" where EOS DSLRs said "AI Servo AF".
    af_single_long="One-Shot AF",
    af_continuous_long="AI Servo AF (Servo AF on EOS R bodies)",
    shutter_button="Shutter button",
    joystick="Multi-controller",
    menu_area="Custom Functions > Customize buttons",
    behaviours=(
        Behaviour(
            "AI Servo AF characteristics (Case 1-4)",
            "Presets of tracking sensitivity, accel./decel. tracking and AF point "
            "auto switching for different kinds of motion.",
        ),
        Behaviour(
            "Tracking sensitivity",
            "How long AI Servo stays on the subject when something else crosses the AF "
            "point: the Locked on side waits before refocusing, Responsive switches at once.",
        ),
    ),
)

NIKON = Brand(
    key="nikon",
    name="Nikon",
    body="Z8 / Z9 (Z6 II / Z7 II menus use other item numbers)",
    rear_button="AF-ON",
    rear_button_alternatives=("AE-L/AF-L",),
    af_single="AF-S",
    af_continuous="AF-C",
    af_single_long="Single AF",
    af_continuous_long="Continuous AF",
    shutter_button="Shutter-release button",
    joystick="Sub-selector",
    menu_area="Custom Settings menu > a Focus / f Controls (Custom Controls)",
    behaviours=(
        Behaviour(
            "a1 AF-C priority selection",
            "Release (the default) fires whether or not the subject is in focus; "
            "Focus holds the shutter until focus is achieved.",
        ),
        Behaviour(
            "a2 AF-S priority selection",
            "Focus (the default) holds the shutter until focus is confirmed.",
        ),
        Behaviour(
            "a3 Focus tracking with lock-on",
            "How long AF-C waits before switching to something that crosses the focus point.",
        ),
        Behaviour(
            "a6 AF activation",
            "Shutter/AF-ON (the default) focuses with either control; AF-ON only takes AF "
            "off the shutter-release button.",
        ),
    ),
)

SONY = Brand(
    key="sony",
    name="Sony",
    body="α7 IV (2021-era menu system)",
    rear_button="AF-ON",
    rear_button_alternatives=("C1", "C2", "C3"),
    af_single="AF-S",
    af_continuous="AF-C",
    af_single_long="Single-shot AF",
    af_continuous_long="Continuous AF",
    shutter_button="Shutter button",
    joystick="Multi-selector",
    menu_area="Focus > AF/MF (AF w/ Shutter) and Setup > Operation Customize",
    behaviours=(
        Behaviour(
            "AF w/ Shutter",
            "On (the default) focuses on a half-press; Off leaves AF to the AF On button.",
        ),
        Behaviour(
            "Priority Set in AF-S / AF-C",
            "Whether the shutter waits for focus (AF) or fires at once (Release).",
        ),
        Behaviour(
            "Custom Key/Dial Set.",
            "Any custom key (AF-ON, C1, C2...) can be given AF On, so BBF works on bodies "
            "without a dedicated AF-ON button too.",
        ),
    ),
)

FUJIFILM = Brand(
    key="fujifilm",
    name="Fujifilm",
    body="X-T4 / X-T5 / X-H2 (2020-2022 X-series menus)",
    rear_button="AF-ON",
    rear_button_alternatives=("AE-L/AF-L",),
    af_single="S",
    af_continuous="C",
    af_single_long="AF-S (single AF)",
    af_continuous_long="AF-C (continuous AF)",
    shutter_button="Shutter button",
    joystick="Focus lever",
    menu_area="SET UP > BUTTON/DIAL SETTING",
    behaviours=(
        Behaviour(
            "AF-C CUSTOM SETTINGS (SET 1-6)",
            "Five presets and one custom set of tracking sensitivity (0-4: 0 switches at "
            "once, 4 keeps predicting for about 1.3 s), speed tracking sensitivity (0-2) "
            "and zone area switching.",
        ),
        Behaviour(
            "SHUTTER AF",
            "AF-S and AF-C each ON or OFF: both OFF takes AF off the shutter button.",
        ),
        Behaviour(
            "FUNCTION (Fn) SETTING",
            "The AF-ON button (or AE-L/AF-L on older bodies) is assigned AF-ON; older "
            "bodies also have an AE-L/AF-L BUTTON SETTING.",
        ),
    ),
)

BRANDS: dict[str, Brand] = {b.key: b for b in (CANON, NIKON, SONY, FUJIFILM)}

# Spellings people type for the same maker.
_ALIASES = {"fuji": "fujifilm"}


def get_brand(name: str) -> Brand:
    """The preset for a brand name, case-insensitive; ValueError lists the choices."""
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    try:
        return BRANDS[key]
    except KeyError:
        raise ValueError(f"unknown brand {name!r}; choose one of: {', '.join(sorted(BRANDS))}") from None
