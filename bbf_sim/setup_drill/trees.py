"""Menu trees of the set-up drill, one per brand, with the bodies' own names.

Back-button set-up paths, by body:

- Canon EOS R5 / R6: Custom Functions > Customize buttons > Shutter button =
  Metering start; Customize buttons > AF-ON button = Metering and AF start.
- Nikon Z8 / Z9: Custom settings menu > a Focus > a6 AF activation = AF-ON only;
  f Controls > f2 Custom controls (shooting) > AF-ON button = AF-ON.
- Sony α7 IV: Focus > AF/MF > AF w/ Shutter = Off; Setup > Operation Customize >
  Custom Key/Dial Set. > AF-ON Button = AF On.
- Fujifilm X-T4 / X-T5: SET UP > BUTTON/DIAL SETTING > SHUTTER AF > AF-S and AF-C =
  OFF; BUTTON/DIAL SETTING > FUNCTION (Fn) SETTING > AF-ON = AF-ON.

Each spec's `citations` give, per menu path, a short source and its status
(`menu.STATUSES`). None of the eight back-button paths is yet confirmed by the maker's
manual for the body it follows. Neighbouring items are there so the player can take
wrong turns; a tab's pages are flattened into one list. Only the data: the state
machine is in `menu.py`; Sony's and Fujifilm's trees are in `trees_sony_fujifilm.py`.
"""

from __future__ import annotations

from bbf_sim.brands import CANON, NIKON, get_brand
from bbf_sim.setup_drill.menu import (
    MAKER_MANUAL,
    MAKER_OTHER_BODY,
    ROLE_REAR,
    ROLE_SHUTTER,
    THIRD_PARTY,
    Citation,
    DrillSpec,
    Setting,
    Submenu,
    plain_setting,
)
from bbf_sim.setup_drill.trees_sony_fujifilm import FUJIFILM_SPEC, SONY_SPEC

_s = plain_setting


# --- Canon EOS R5 / R6 ---------------------------------------------------------------

_CANON_SHUTTER = Setting(
    "Shutter button",
    ("Metering and AF start", "Metering start"),
    "Metering and AF start",
    role=ROLE_SHUTTER,
    af_values=frozenset({"Metering and AF start"}),
    target="Metering start",
    note="Half-press function. Entry-level bodies (EOS R50) call it 'Shutter butt. half-press'.",
)
_CANON_AF_ON = Setting(
    "AF-ON button",
    ("Metering and AF start", "AE lock", "AF stop", "Metering start"),
    "Metering and AF start",
    role=ROLE_REAR,
    af_values=frozenset({"Metering and AF start"}),
    target="Metering and AF start",
)

CANON_SPEC = DrillSpec(
    brand=CANON,
    body="Canon EOS R5 / R6 (2020 menus)",
    citations=(
        Citation(
            ("Custom Functions", "Customize buttons", "Shutter button"),
            "EOS R6 back-button walk-through, learn.contentfactoryracing.com/dual-back-button-focus-on-the-r6",
            THIRD_PARTY,
        ),
        Citation(
            ("Custom Functions", "Customize buttons", "AF-ON button"),
            "the same R6 walk-through",
            THIRD_PARTY,
        ),
        Citation(
            ("Shooting",),
            "an owner's EOS R5 menu listing, firmware 1.9.0, gist.github.com/pedz/10f0511924316701073ab3a27322d6ef",
            THIRD_PARTY,
        ),
        Citation(
            ("AF", "Servo AF characteristics"),
            "Canon EOS-1D X manual, AI Servo AF characteristics (Case 1-4, Tracking sensitivity)",
            MAKER_OTHER_BODY,
        ),
    ),
    root=Submenu(
        "MENU",
        (
            Submenu(
                "Shooting",
                (
                    _s("Image quality", ("RAW", "C-RAW", "L (JPEG fine)")),
                    _s("Expo.comp./AEB", ("-1", "0", "+1"), "0"),
                    Submenu(
                        "ISO speed settings",
                        (
                            _s("ISO speed", ("AUTO", "100", "400", "1600", "6400")),
                            _s("ISO speed range", ("100-51200", "50-102400")),
                        ),
                    ),
                    _s("White balance", ("AWB", "Daylight", "Shade", "Cloudy", "Tungsten light")),
                ),
            ),
            Submenu(
                "AF",
                (
                    _s("AF operation", ("One-Shot AF", "Servo AF")),
                    _s("AF method", ("Face+Tracking", "Spot AF", "1-point AF", "Zone AF")),
                    Submenu(
                        "Servo AF characteristics",
                        (
                            _s("Case", ("Case 1", "Case 2", "Case 3", "Case 4")),
                            _s(
                                "Tracking sensitivity",
                                ("-2 (Locked on)", "-1", "0", "+1", "+2 (Responsive)"),
                                "0",
                            ),
                        ),
                    ),
                ),
            ),
            Submenu(
                "Playback",
                (
                    _s("Highlight alert", ("Disable", "Enable")),
                    _s("AF point disp.", ("Disable", "Enable")),
                ),
            ),
            Submenu(
                "Set-up",
                (
                    _s("Auto power off", ("1 min", "2 min", "5 min", "Disable")),
                    _s("Beep", ("Enable", "Disable")),
                ),
            ),
            Submenu(
                "Custom Functions",
                (
                    _s("Exposure level increments", ("1/3-stop", "1/2-stop")),
                    Submenu(
                        "Customize buttons",
                        (
                            _CANON_SHUTTER,
                            _CANON_AF_ON,
                            _s(
                                "AE lock button",
                                ("AE lock", "Metering and AF start", "AF stop", "Metering start"),
                            ),
                        ),
                    ),
                    _s("Dial direction during Tv/Av", ("Normal", "Reverse direction")),
                ),
            ),
        ),
    ),
    starts={
        "factory": {},
        "reassigned": {("Custom Functions", "Customize buttons", "AF-ON button"): "AE lock"},
    },
)

# --- Nikon Z8 / Z9 -------------------------------------------------------------------

_NIKON_A6 = Setting(
    "a6 AF activation",
    ("Shutter/AF-ON", "AF-ON only"),
    "Shutter/AF-ON",
    role=ROLE_SHUTTER,
    af_values=frozenset({"Shutter/AF-ON"}),
    target="AF-ON only",
    note="With AF-ON only the body also offers Out-of-focus release (Enable/Disable).",
)
_NIKON_AF_ON = Setting(
    "AF-ON button",
    ("AF-ON", "AF lock only", "AE lock (Hold)", "AE/AF lock", "None"),
    "AF-ON",
    role=ROLE_REAR,
    af_values=frozenset({"AF-ON"}),
    target="AF-ON",
)

NIKON_SPEC = DrillSpec(
    brand=NIKON,
    body="Nikon Z8 / Z9",
    citations=(
        Citation(
            ("Custom settings menu", "a Focus", "a6 AF activation"),
            "Z8 back-button guide, havecamerawilltravel.com/nikon-z8-back-button-focus; the options "
            "Shutter/AF-ON and AF-ON only as Nikon's D300S User's Manual p. 266 names them (a5 there)",
            THIRD_PARTY,
        ),
        Citation(
            ("Custom settings menu", "f Controls", "f2 Custom controls (shooting)", "AF-ON button"),
            "Z8 custom-button guide, pastebin.com/Vfhwg9ZN; a bcgforums.com Z9 thread",
            THIRD_PARTY,
        ),
        Citation(
            ("Photo shooting menu", "Focus mode"),
            "Nikon Z8 Online Manual, 'Focus', onlinemanual.nikonimglib.com/z8/en/focus_31.html",
            MAKER_MANUAL,
        ),
        Citation(
            ("Photo shooting menu", "AF-area mode"),
            "the same Z8 Online Manual page",
            MAKER_MANUAL,
        ),
        Citation(
            ("Custom settings menu", "a Focus", "a1 AF-C priority selection"),
            "Nikon D200 / D300S manuals (a1, a2, focus tracking with lock-on)",
            MAKER_OTHER_BODY,
        ),
    ),
    root=Submenu(
        "MENU",
        (
            Submenu(
                "Photo shooting menu",
                (
                    _s("Focus mode", ("Single AF", "Continuous AF", "Manual focus")),
                    _s(
                        "AF-area mode",
                        (
                            "Pinpoint AF",
                            "Single-point AF",
                            "Dynamic-area AF (S)",
                            "Wide-area AF (L)",
                            "3D-tracking",
                            "Auto-area AF",
                        ),
                        "Auto-area AF",
                    ),
                    Submenu(
                        "ISO sensitivity settings",
                        (
                            _s("ISO sensitivity", ("64", "100", "400", "1600", "6400"), "64"),
                            _s("Auto ISO sensitivity control", ("OFF", "ON")),
                        ),
                    ),
                ),
            ),
            Submenu(
                "Custom settings menu",
                (
                    Submenu(
                        "a Focus",
                        (
                            _s("a1 AF-C priority selection", ("Release", "Focus")),
                            _s("a2 AF-S priority selection", ("Release", "Focus"), "Focus"),
                            _s(
                                "a3 Focus tracking with lock-on",
                                ("1 (Quick)", "2", "3 (Normal)", "4", "5 (Delayed)"),
                                "3 (Normal)",
                                note="Shown as Blocked shot AF response on the Z8/Z9.",
                            ),
                            _NIKON_A6,
                        ),
                    ),
                    Submenu(
                        "b Metering/exposure",
                        (_s("b1 EV steps for exposure cntrl", ("1/3 step", "1/2 step", "1 step")),),
                    ),
                    Submenu(
                        "c Timers/AE lock",
                        (
                            _s(
                                "c1 Shutter-release button AE-L",
                                ("OFF", "ON (half press)", "ON (burst mode)"),
                                note="A shutter-button setting that is about exposure, not AF.",
                            ),
                        ),
                    ),
                    Submenu(
                        "f Controls",
                        (
                            Submenu(
                                "f2 Custom controls (shooting)",
                                (
                                    _NIKON_AF_ON,
                                    _s(
                                        "Fn1 button",
                                        (
                                            "White balance",
                                            "AF-ON",
                                            "Focus mode/AF-area mode",
                                            "None",
                                        ),
                                    ),
                                    _s(
                                        "Fn2 button",
                                        (
                                            "Focus mode/AF-area mode",
                                            "AF-ON",
                                            "White balance",
                                            "None",
                                        ),
                                    ),
                                ),
                            ),
                            _s("Reverse indicators", ("+0-", "-0+")),
                        ),
                    ),
                ),
            ),
            Submenu("Playback menu", (_s("Image review", ("Off", "On")),)),
            Submenu("Setup menu", (_s("Monitor brightness", ("-1", "0", "+1"), "0"),)),
        ),
    ),
    starts={
        "factory": {},
        "reassigned": {
            (
                "Custom settings menu",
                "f Controls",
                "f2 Custom controls (shooting)",
                "AF-ON button",
            ): "AE/AF lock"
        },
    },
)


SPECS: dict[str, DrillSpec] = {spec.brand.key: spec for spec in (CANON_SPEC, NIKON_SPEC, SONY_SPEC, FUJIFILM_SPEC)}


def get_spec(brand: str) -> DrillSpec:
    """The drill for a brand name (as `bbf_sim.brands.get_brand` accepts it)."""
    return SPECS[get_brand(brand).key]
