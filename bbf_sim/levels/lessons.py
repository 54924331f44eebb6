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
