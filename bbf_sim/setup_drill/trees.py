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
machine is in `menu.py`.
"""

from __future__ import annotations

from bbf_sim.brands import CANON, FUJIFILM, NIKON, SONY, get_brand
from bbf_sim.setup_drill.menu import (
    MAKER_MANUAL,
    MAKER_OTHER_BODY,
    NOT_FOUND,
    ROLE_REAR,
    ROLE_SHUTTER,
    THIRD_PARTY,
    Citation,
    DrillSpec,
    Setting,
    Submenu,
)


def _s(label: str, options: tuple[str, ...], default: str | None = None, note: str = "") -> Setting:
    """An ordinary (non-BBF) setting; its default is its first option unless given."""
    return Setting(label, options, options[0] if default is None else default, note=note)


ON_OFF = ("ON", "OFF")

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

# --- Sony α7 IV ----------------------------------------------------------------------

_SONY_AF_W_SHUTTER = Setting(
    "AF w/ Shutter",
    ("On", "Off"),
    "On",
    role=ROLE_SHUTTER,
    af_values=frozenset({"On"}),
    target="Off",
)
_SONY_AF_ON = Setting(
    "AF-ON Button",
    ("AF On", "Focus Hold", "AEL hold", "Eye AF", "Not set"),
    "AF On",
    role=ROLE_REAR,
    af_values=frozenset({"AF On"}),
    target="AF On",
)
_SONY_KEY_OPTIONS = ("AF On", "Focus Hold", "AEL hold", "White Balance", "Focus Mode", "Not set")

SONY_SPEC = DrillSpec(
    brand=SONY,
    body="Sony α7 IV (2021 menu system)",
    citations=(
        Citation(
            ("Focus", "AF/MF", "AF w/ Shutter"),
            "α7 IV back-button guide, searchthegulf.com/blog/back-button-focus-on-the-sony-a7-iv-camera",
            THIRD_PARTY,
        ),
        Citation(
            ("Setup", "Operation Customize", "Custom Key/Dial Set.", "AF-ON Button"),
            "the same α7 IV guide",
            THIRD_PARTY,
        ),
        Citation(
            ("Focus", "AF/MF", "Focus Mode"),
            "Sony ILCE-6300 Help Guide, 'Focus Mode', helpguide.sony.net/ilc/1540/v1/en/contents/TP0000823200.html",
            MAKER_OTHER_BODY,
        ),
        Citation(
            ("Focus", "AF/MF", "Priority Set in AF-S"),
            "Sony Help Guide, older menus, helpguide.sony.net/ilc/1630/v1/en/contents/TP0001252994.html",
            MAKER_OTHER_BODY,
        ),
    ),
    root=Submenu(
        "MENU",
        (
            Submenu(
                "Shooting",
                (
                    Submenu(
                        "Image Quality",
                        (_s("JPEG Quality", ("Extra fine", "Fine", "Standard"), "Fine"),),
                    ),
                    _s("Drive Mode", ("Single Shooting", "Cont. Shooting", "Self-timer")),
                ),
            ),
            Submenu(
                "Exposure/Color",
                (
                    _s("Exposure Comp.", ("-1.0", "0.0", "+1.0"), "0.0"),
                    _s("Metering Mode", ("Multi", "Center", "Spot")),
                ),
            ),
            Submenu(
                "Focus",
                (
                    Submenu(
                        "AF/MF",
                        (
                            _s(
                                "Focus Mode",
                                (
                                    "Single-shot AF",
                                    "Automatic AF",
                                    "Continuous AF",
                                    "DMF",
                                    "Manual Focus",
                                ),
                            ),
                            _s("Priority Set in AF-S", ("AF", "Release", "Balanced Emphasis")),
                            _s(
                                "Priority Set in AF-C",
                                ("AF", "Release", "Balanced Emphasis"),
                                "Balanced Emphasis",
                            ),
                            _s(
                                "AF Track Sens",
                                ("5(Responsive)", "4", "3(Standard)", "2", "1(Locked on)"),
                                "3(Standard)",
                            ),
                            _s("AF Illuminator", ("Auto", "Off")),
                            _SONY_AF_W_SHUTTER,
                            _s("Pre-AF", ("Off", "On")),
                        ),
                    ),
                    Submenu(
                        "Focus Area",
                        (
                            _s(
                                "Focus Area",
                                (
                                    "Wide",
                                    "Zone",
                                    "Center Fix",
                                    "Spot: M",
                                    "Expand Spot",
                                    "Tracking",
                                ),
                            ),
                        ),
                    ),
                ),
            ),
            Submenu("Playback", (_s("Display Rotation", ("Auto", "Manual", "Off")),)),
            Submenu(
                "Setup",
                (
                    Submenu(
                        "Operation Customize",
                        (
                            Submenu(
                                "Custom Key/Dial Set.",
                                (
                                    _SONY_AF_ON,
                                    _s("C1 Button", _SONY_KEY_OPTIONS, "White Balance"),
                                    _s("C2 Button", _SONY_KEY_OPTIONS, "Focus Mode"),
                                ),
                                note="The stills page (there are also movie and playback pages).",
                            ),
                        ),
                    ),
                    Submenu("Sound Option", (_s("Audio signals", ("On", "Off")),)),
                ),
            ),
        ),
    ),
    starts={
        "factory": {},
        "reassigned": {("Setup", "Operation Customize", "Custom Key/Dial Set.", "AF-ON Button"): "AEL hold"},
    },
)

# --- Fujifilm X-T4 / X-T5 ------------------------------------------------------------

_FUJI_SHUTTER_AF = tuple(
    Setting(
        mode,
        ON_OFF,
        "ON",
        role=ROLE_SHUTTER,
        af_values=frozenset({"ON"}),
        target="OFF",
        note=f"SHUTTER AF for {mode}: whether a half-press focuses in that focus mode.",
    )
    for mode in ("AF-S", "AF-C")
)
_FUJI_BUTTON_OPTIONS = ("AF-ON", "AF LOCK ONLY", "AE LOCK ONLY", "AE/AF LOCK", "NONE")
_FUJI_AF_ON = Setting(
    "AF-ON",
    _FUJI_BUTTON_OPTIONS,
    "AF-ON",
    role=ROLE_REAR,
    af_values=frozenset({"AF-ON"}),
    target="AF-ON",
    note="The AF-ON button; bodies before the X-T4 use the AE-L/AF-L button instead.",
)

FUJIFILM_SPEC = DrillSpec(
    brand=FUJIFILM,
    body="Fujifilm X-T4 / X-T5 (2020-2022 X-series menus)",
    citations=(
        Citation(("SET UP", "BUTTON/DIAL SETTING", "SHUTTER AF", "AF-S"), "X-series menu layout", NOT_FOUND),
        Citation(("SET UP", "BUTTON/DIAL SETTING", "SHUTTER AF", "AF-C"), "X-series menu layout", NOT_FOUND),
        Citation(
            ("SET UP", "BUTTON/DIAL SETTING", "FUNCTION (Fn) SETTING", "AF-ON"),
            "jetcityninja.com on the X-T4 (the former AF-L button is labelled AF-ON)",
            THIRD_PARTY,
        ),
        Citation(
            ("SET UP", "BUTTON/DIAL SETTING", "AE/AF-LOCK MODE"),
            "Fujifilm X-T10 Owner's Manual, 'Focus/Exposure Lock', "
            "app.fujifilm-dsc.com/en/manual/x-t10/shooting/ae-af_lock/index.html",
            MAKER_OTHER_BODY,
        ),
        Citation(
            ("SHOOTING SETTING", "ISO AUTO SETTING"),
            "Fujifilm X-T4 Owner's Manual, manualslib.com/manual/2886456",
            MAKER_MANUAL,
        ),
        Citation(
            ("AF/MF SETTING", "AF-C CUSTOM SETTINGS"),
            "Fujifilm X Stories, 'X-T2 AF-C Custom Setting', fujifilm-x.com",
            MAKER_OTHER_BODY,
        ),
    ),
    root=Submenu(
        "MENU",
        (
            Submenu(
                "IMAGE QUALITY SETTING",
                (
                    _s("IMAGE SIZE", ("L 3:2", "M 3:2", "S 3:2")),
                    _s("IMAGE QUALITY", ("FINE", "NORMAL", "FINE+RAW", "NORMAL+RAW")),
                    _s(
                        "FILM SIMULATION",
                        ("PROVIA/STANDARD", "Velvia/VIVID", "ASTIA/SOFT", "CLASSIC CHROME"),
                    ),
                ),
            ),
            Submenu(
                "AF/MF SETTING",
                (
                    _s("AF MODE", ("SINGLE POINT", "ZONE", "WIDE/TRACKING", "ALL")),
                    Submenu(
                        "AF-C CUSTOM SETTINGS",
                        (
                            _s(
                                "SET",
                                (
                                    "SET 1 MULTI PURPOSE",
                                    "SET 2 IGNORE OBSTACLES",
                                    "SET 3 ACCELERATING/DECELERATING SUBJECT",
                                    "SET 4 SUDDENLY APPEARING SUBJECT",
                                    "SET 5 ERRATIC MOTION",
                                    "SET 6 CUSTOM",
                                ),
                            ),
                            _s("TRACKING SENSITIVITY", ("0", "1", "2", "3", "4"), "2"),
                            _s("SPEED TRACKING SENSITIVITY", ("0", "1", "2"), "0"),
                            _s("ZONE AREA SWITCHING", ("CENTER", "AUTO", "FRONT"), "AUTO"),
                        ),
                    ),
                    _s("PRE-AF", ON_OFF, "OFF"),
                    _s("AF ILLUMINATOR", ON_OFF),
                    Submenu(
                        "RELEASE/FOCUS PRIORITY",
                        (
                            _s("AF-S PRIORITY SELECTION", ("RELEASE", "FOCUS"), "FOCUS"),
                            _s("AF-C PRIORITY SELECTION", ("RELEASE", "FOCUS")),
                        ),
                    ),
                ),
            ),
            Submenu(
                "SHOOTING SETTING",
                (
                    _s("SELF-TIMER", ("OFF", "2 SEC", "10 SEC")),
                    Submenu(
                        "ISO AUTO SETTING",
                        (
                            _s("DEFAULT SENSITIVITY", ("160", "400", "800"), "160"),
                            _s("MAX. SENSITIVITY", ("800", "3200", "12800")),
                            _s("MIN. SHUTTER SPEED", ("AUTO", "1/125", "1/60")),
                        ),
                    ),
                ),
            ),
            Submenu(
                "SET UP",
                (
                    Submenu("SOUND SET-UP", (_s("AF BEEP VOL.", ("OFF", "LOW", "MID", "HIGH"), "MID"),)),
                    Submenu(
                        "BUTTON/DIAL SETTING",
                        (
                            _s("FOCUS LEVER SETTING", ("ON", "PUSH ON", "OFF")),
                            Submenu(
                                "FUNCTION (Fn) SETTING",
                                (
                                    _FUJI_AF_ON,
                                    _s("AE-L", _FUJI_BUTTON_OPTIONS, "AE LOCK ONLY"),
                                ),
                            ),
                            Submenu("SHUTTER AF", _FUJI_SHUTTER_AF),
                            Submenu(
                                "SHUTTER AE",
                                (_s("AF-S/MF", ON_OFF), _s("AF-C", ON_OFF)),
                                note="Exposure lock on the shutter button: the look-alike of SHUTTER AF.",
                            ),
                            _s(
                                "AE/AF-LOCK MODE",
                                ("AE&AF ON WHILE PRESSING", "AE&AF ON/OFF SWITCH"),
                            ),
                        ),
                    ),
                    Submenu(
                        "POWER MANAGEMENT",
                        (
                            _s(
                                "AUTO POWER OFF",
                                ("5 MIN", "2 MIN", "1 MIN", "30 SEC", "OFF"),
                                "2 MIN",
                            ),
                        ),
                    ),
                ),
            ),
        ),
    ),
    starts={
        "factory": {},
        "reassigned": {("SET UP", "BUTTON/DIAL SETTING", "FUNCTION (Fn) SETTING", "AF-ON"): "AE LOCK ONLY"},
    },
)

SPECS: dict[str, DrillSpec] = {spec.brand.key: spec for spec in (CANON_SPEC, NIKON_SPEC, SONY_SPEC, FUJIFILM_SPEC)}


def get_spec(brand: str) -> DrillSpec:
    """The drill for a brand name (as `bbf_sim.brands.get_brand` accepts it)."""
    return SPECS[get_brand(brand).key]
