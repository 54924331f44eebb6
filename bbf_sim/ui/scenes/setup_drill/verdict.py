"""What the drill says about a run, in words: wrong turns named, the stars, and what the test shot showed.

Tables and pure functions of the drill's score and the test's frames; nothing here draws.
"""

from __future__ import annotations

import math

from bbf_sim.ui.naming import rear_button, shutter_button

WRONG_TURN_WORDS = {
    "off_path_submenu": "nothing about AF activation in there",
    "off_path_setting": "that setting has nothing to do with AF activation",
    "wrong_value": "that value does not give back-button focus",
    "changed_unrelated": "you changed a setting the set-up does not need",
}


def explain_test(mapping, brand, frames, feedback: tuple[str, ...]) -> str:
    """The review's paragraph: what the set-up made the camera do in the test, then the drill's fix."""
    rear, shutter = rear_button(brand), shutter_button(brand)
    n = len(frames)
    second = frames[1] if n >= 2 else None
    if mapping.af_on_rear_button and not mapping.af_on_half_press:
        said = f"Your set-up is back-button focus: {rear} focused, the {shutter} only fired."
        if n >= 2 and all(bool(f["hit"]) for f in frames[:2]):
            return said + " Focus stayed on the face through the recompose: both frames are sharp."
        return said + f" A frame missed: let go of {rear} before recomposing, and wait for the green point."
    if second is not None and not bool(second["hit"]) and int(second["af_object"]) != int(second["target"]):
        where = "the background" if int(second["af_object"]) == -1 else "something else"
        lens_m = 1.0 / float(second["lens_D"]) if float(second["lens_D"]) > 0 else math.inf
        cause = f"AF is still on the {shutter}" if mapping.af_on_half_press else f"{rear} does not start AF"
        said = (
            f"Frame 2 missed because {cause}: the {shutter} press after the recompose started AF again, "
            f"and it focused on {where} at {lens_m:.0f} m instead of the face."
        )
        return " ".join((said, *feedback[1:]))
    if n == 0:
        return " ".join(("No frame was taken.", *feedback))
    return " ".join(feedback)


def rating(correct: bool, test_ok: bool, steps: int, shortest: int, wrong_turns: int) -> tuple[int, str]:
    """Stars out of 3 for a finished drill, and why (a table as a function: correctness first, then economy)."""
    if not correct:
        return 0, "not back-button focus yet"
    if not test_ok:
        return 1, "set up right; the test shot needs another go"
    if wrong_turns == 0 and steps <= shortest + 4:
        return 3, "straight there"
    if wrong_turns <= 2:
        return 2, "a detour or two"
    return 1, "set up right, the long way round"
