"""The advice on a habit, judged against the lesson the level declares: one source of words.

The results screen (`advice`) and daily practice (`habit_note`) say the same thing about the
same habit. The lessons, their defaults and which of them teach a pre-focus on a stand-in are in
`bbf_sim.levels.lessons` (level data); they are re-exported here for the habit rules.

| habit | lesson | what the counted frames were | what to do |
|---|---|---|---|
| refocus after recompose | any | refocused off the subject after recomposing | lock focus before turning |
| fired without AF | pre-focus on a stand-in | focused at another distance | lock on the stand-in, wait |
| fired without AF | any other | fired before AF had been on the subject | focus first, then shoot |
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bbf_sim.levels.lessons import LESSON_OF_TECHNIQUE, LESSONS, PREFOCUS_LESSONS, prefocus_lesson

__all__ = ["HABITS", "LESSONS", "LESSON_OF_TECHNIQUE", "PREFOCUS_LESSONS", "advice", "habit_note", "prefocus_lesson"]

if TYPE_CHECKING:
    from bbf_sim.core.scoring import AttemptSummary
    from bbf_sim.levels.schema import Level

HABITS = ("refocus_after_recompose", "fired_without_af")  # the most costly first


def habit_note(habit: str, mode: str, lesson: str, stand_in: str = "") -> tuple[str, str]:
    """(what the frames this habit counts were, what to do instead), in `mode` ("shutter" or "bbf").

    `lesson` is the level's declared lesson; `stand_in` the object a pre-focus lesson focuses on.
    """
    if habit == "refocus_after_recompose":
        what = "frames refocused off the subject after recomposing"
        if mode == "shutter":
            return what, "keep the half-press held between frames, or focus with AF-ON, let go, and recompose"
        return what, "let go of AF-ON before you turn the camera, and keep it off while shooting"
    if habit != "fired_without_af":
        raise ValueError(f"no such habit: {habit}")
    if prefocus_lesson(lesson):
        thing = stand_in or "stand-in"
        what = "frames focused at another distance"
        if mode == "shutter":
            return (
                what,
                f"focus on the {thing} (at the subject's distance) and keep the half-press held, or AF-ON on it",
            )
        return what, f"AF-ON on the {thing} until the dot, let go, and wait"
    what = "frames fired before AF was on the subject"
    if mode == "shutter":
        return what, "focus first (wait for the dot), then shoot"
    return what, "press AF-ON first and wait for the dot, then shoot"


def advice(s: AttemptSummary, mode: str, level: Level | None = None) -> str:
    """One thing to try next (mode "shutter" or "bbf"), from the attempt's most costly habit.

    On a pre-focus lesson the stand-in the level names (`bot.focus_on`) is the thing to focus on.
    """
    taught = level.taught_lesson if level is not None else ""
    stand_in = level.bot.focus_on if level is not None and level.bot.focus_on else ""
    counts = {"refocus_after_recompose": s.refocus_after_recompose, "fired_without_af": s.fired_without_af}
    for habit in HABITS:
        if counts[habit]:
            what, tip = habit_note(habit, mode, taught, stand_in)
            return f"Some {what}: {tip}."
    if s.frames and s.hits < s.frames:
        return "Open a soft frame in the review (Left) to see what the lens was focused on when it fired."
    return ""
