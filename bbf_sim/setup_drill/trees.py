"""Menu trees of the set-up drill, one per brand, with the bodies' own names.

Back-button set-up paths, by body:

- Canon EOS R5 / R6: Custom Functions > Customize buttons > Shutter button =
  Metering start; Customize buttons > AF-ON button = Metering and AF start.
- Nikon Z8 / Z9: Custom settings menu > a Focus > a6 AF activation = AF-ON only;
  f Controls > f2 Custom controls (shooting) > AF-ON button = AF-ON.
- Sony α7 IV: Focus > AF/MF > AF w/ shutter = Off; Setup > Operation Customize >
  Custom Key/Dial Set. > AF-ON Button = AF On.
- Fujifilm X-T4 / X-T5: SET UP > BUTTON/DIAL SETTING > SHUTTER AF > AF-S and AF-C =
  OFF; BUTTON/DIAL SETTING > FUNCTION (Fn) SETTING > AF-ON = AF-ON.

Each `DrillSpec` says in `sources` which manuals and pages its names were checked
against and in `verification` what could not be checked. Neighbouring items are
there so the player can take wrong turns; a tab's pages are flattened into one list.
Only the data: the state machine is in `menu.py`.
"""

from __future__ import annotations

from bbf_sim.brands import CANON, FUJIFILM, NIKON, SONY, get_brand
from bbf_sim.setup_drill.menu import ROLE_REAR, ROLE_SHUTTER, DrillSpec, Setting, Submenu


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
    sources=(
        "EOS R6 back-button set-up walk-through (learn.contentfactoryracing.com/"
        "dual-back-button-focus-on-the-r6): Custom Functions > Customize buttons > "
        "Shutter button = Metering start; AF-ON / AE Lock = Metering and AF start",
        "EOS R5 menu listing by an owner, firmware 1.9.0 (gist.github.com/pedz/"
        "10f0511924316701073ab3a27322d6ef): Image quality, Expo.comp./AEB, ISO speed "
        "settings, White balance",
        "EOS R50 back-button note (quantumgardener.info): 'Shutter butt. half-press' = "
        "Metering start, AF operation = Servo",
        "EOS-1D X manual page on AI Servo AF characteristics: Case 1-4, Tracking sensitivity, Accel./decel. tracking",
    ),
    verification=(
        "Canon's own EOS R5/R6 Advanced User Guide was not found in the search tool. The "
        "path and option names follow a third-party R6 walk-through and an owner's R5 "
        "menu listing; the Custom Functions pages are flattened into one list (the "
        "C.Fn page number of Customize buttons is not verified)."
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
    sources=(
        "Nikon Z8 back-button guide (havecamerawilltravel.com/nikon-z8-back-button-"
        "focus): CUSTOM SETTINGS MENU > a Focus > a6 AF activation: Shutter/AF-ON (default), "
        "AF-ON only",
        "Nikon Z8 and Z9 online manuals (onlinemanual.nikonimglib.com): Focus mode = "
        "Single AF / Continuous AF / Manual focus; AF-area mode names",
        "Z8 custom-button guide (pastebin.com/Vfhwg9ZN) and bcgforums.com Z9 thread: "
        "f Controls > f2 Custom controls (shooting)",
        "Nikon D200 / D300S manuals: a1 AF-C priority selection, a2 AF-S priority "
        "selection, Focus tracking with lock-on, AF-ON only",
        "ExifTool Nikon custom-setting tags: AE/AF Lock, AE Lock Only, AF Lock Only, AE Lock (hold), AF-ON",
    ),
    verification=(
        "The a6 and f2 paths are confirmed by third-party guides written for the Z8/Z9; "
        "Nikon's own reference-guide pages for them were not found in the search tool. "
        "The numbers of the neighbouring items (a3, b1, c1) are not verified, and the "
        "Z6 II / Z7 II, whose custom settings are numbered differently, were not checked."
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
    "AF w/ shutter",
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
    sources=(
        "Sony α7 IV back-button guide (searchthegulf.com/blog/back-button-focus-on-the-"
        "sony-a7-iv-camera): Focus (AF/MF) > AF w/ shutter = Off; Setup > Operation "
        "Customize > Custom Key/Dial Set. > AF-ON button = AF On",
        "Sony Help Guide (helpguide.sony.net): Priority Set in AF-S",
        "Sony support article 00267931: AF-S (Single-shot AF), AF-C (Continuous AF), AF-A, DMF",
        "Older α7 back-button notes (gist.github.com/yinka): AF w/ shutter, Pre-AF, AEL button = AF On",
    ),
    verification=(
        "Sony's α7 IV Help Guide pages for AF w/ shutter and Custom Key/Dial Set. were not "
        "found in the search tool; the path follows a third-party α7 IV guide. The C "
        "buttons' defaults and the exact option lists are not verified."
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
    sources=(
        "Fujifilm X-T4 Owner's Manual (manualslib.com/manual/2886456): SHOOTING SETTING > "
        "ISO AUTO SETTING with DEFAULT SENSITIVITY, MAX. SENSITIVITY, MIN. SHUTTER SPEED",
        "Fujifilm X Stories, 'X-T2 AF-C Custom Setting' (fujifilm-x.com): SET 1-5 presets, "
        "SET 6 CUSTOM, TRACKING SENSITIVITY 0-4 (0 / 0.4 / 0.7 / 1.0 / 1.3 s)",
        "dclife.jp on the X-T2 AF-C sets (SET 1 multi purpose ... SET 5 erratic motion)",
        "jetcityninja.com on the X-T4: the former AF-L button is labelled AF-ON",
    ),
    verification=(
        "The X-T4/X-T5 manual pages for SHUTTER AF and FUNCTION (Fn) SETTING were not found "
        "in the search tool. SET UP > BUTTON/DIAL SETTING > SHUTTER AF (AF-S / AF-C, ON/OFF) "
        "and FUNCTION (Fn) SETTING > AF-ON follow the X-series menu layout and must be "
        "checked against the owner's manual; so must the neighbouring items' option lists."
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
