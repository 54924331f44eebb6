"""The results screen's advice, judged against the lesson the level declares.

The lessons, their defaults and which of them teach a pre-focus on a stand-in are in
`bbf_sim.levels.lessons` (level data); they are re-exported here for the habit rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bbf_sim.levels.lessons import LESSON_OF_TECHNIQUE, LESSONS, PREFOCUS_LESSONS, prefocus_lesson

__all__ = ["LESSONS", "LESSON_OF_TECHNIQUE", "PREFOCUS_LESSONS", "advice", "prefocus_lesson"]

if TYPE_CHECKING:
    from bbf_sim.core.scoring import AttemptSummary
    from bbf_sim.levels.schema import Level


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
