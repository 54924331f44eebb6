"""What each level teaches, and how its habits are judged.

A level declares its lesson (`lesson` in the level file; without one, the lesson of its
`bot.technique`). The habit counters and the results screen's advice are judged against it:
on a level that teaches a pre-focus on a stand-in (trap focus, the hyperfocal distance, a
contrasty edge in low light), AF on the stand-in at the subject's distance is the technique,
not a frame "fired without AF"; what is flagged there is a frame fired with AF last on
something at another distance.

| lesson | default for `bot.technique` | pre-focus on a stand-in | the technique |
|---|---|---|---|
| `focus-then-shoot` | still | no | focus on the subject, wait for the confirmation, shoot |
| `focus-and-recompose` | recompose | no | focus on the subject, lock focus, turn, shoot |
| `tracking` | track | no | keep AF on the moving subject; lock-on rides through what crosses |
| `af-on-reflex` | reflex | no | thumb first, then finger, for each new subject |
| `trap-focus` | trap | yes | focus once on a stand-in where the subject will be, lock, wait, shoot |
| `hyperfocal` | hyperfocal | yes | focus once at the hyperfocal distance, lock, frame, shoot |
| `focus-on-a-stand-in` | hunt | yes | focus on something contrasty at the subject's distance, lock, turn back, shoot |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bbf_sim.core.scoring import AttemptSummary
    from bbf_sim.levels.schema import Level

LESSON_OF_TECHNIQUE: dict[str, str] = {
    "still": "focus-then-shoot",
    "recompose": "focus-and-recompose",
    "track": "tracking",
    "reflex": "af-on-reflex",
    "trap": "trap-focus",
    "hyperfocal": "hyperfocal",
    "hunt": "focus-on-a-stand-in",
}
LESSONS = tuple(LESSON_OF_TECHNIQUE.values())
PREFOCUS_LESSONS = frozenset({"trap-focus", "hyperfocal", "focus-on-a-stand-in"})


def prefocus_lesson(lesson: str) -> bool:
    """Whether AF on a stand-in at the subject's distance is this lesson's technique."""
    return lesson in PREFOCUS_LESSONS


def advice(s: AttemptSummary, mode: str, level: Level | None = None) -> str:
    """One thing to try next (mode "shutter" or "bbf"), from the attempt's most costly habit.

    On a pre-focus lesson the stand-in the level names (`bot.focus_on`) is the thing to focus on.
    """
    taught = level.taught_lesson if level is not None else ""
    if s.refocus_after_recompose:
        if mode == "shutter":
            return (
                "Each new shutter press refocused on whatever was under the AF point after you recomposed. "
                "Keep the half-press held between frames, or try back-button focus: focus with AF-ON, let go, "
                "recompose, and the shutter only fires."
            )
        return (
            "Focus moved after recomposing: let go of AF-ON before you turn the camera, and keep it off while shooting."
        )
    if s.fired_without_af and prefocus_lesson(taught):
        stand_in = level.bot.focus_on if level is not None and level.bot.focus_on else "stand-in"
        if mode == "shutter":
            return (
                f"Some frames were focused on something at another distance: each new half-press focused on "
                f"whatever was under the point. Focus on the {stand_in} (it is at the subject's distance) and keep "
                "the half-press held while you wait, or use back-button focus: AF-ON on it, let go, then shoot."
            )
        return (
            f"Some frames were focused on something at another distance: put the point on the {stand_in}, press "
            "AF-ON until the confirmation, let go, and do not press AF-ON again while you wait."
        )
    if s.fired_without_af:
        return (
            "Some frames were fired before AF had ever been on the subject: focus first (wait for the dot), then shoot."
        )
    if s.frames and s.hits < s.frames:
        return "Open a soft frame in the review (Left) to see what the lens was focused on when it fired."
    return ""
