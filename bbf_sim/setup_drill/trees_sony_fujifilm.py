"""The set-up drill's menu trees for Sony (α7 IV) and Fujifilm (X-T4 / X-T5); `trees` has the others and the list.

Each spec's `citations` give, per menu path, a short source and its status
(`menu.STATUSES`), as in `trees`.
"""

from __future__ import annotations

from bbf_sim.brands import FUJIFILM, SONY
from bbf_sim.setup_drill.menu import (
    MAKER_MANUAL,
    MAKER_OTHER_BODY,
    NOT_FOUND,
    ON_OFF,
    ROLE_REAR,
    ROLE_SHUTTER,
    THIRD_PARTY,
    Citation,
    DrillSpec,
    Setting,
    Submenu,
    plain_setting,
)

_s = plain_setting

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
