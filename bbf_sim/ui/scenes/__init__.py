"""The screens of the game, one class each; a scene builds the next with what it produced.

| scene | module | next |
|---|---|---|
| `PlayScene` (with pause) | `play` | `ReviewScene` when the level ends or the player ends it |
| `ReviewScene` | `review` | `ResultsScene` |
| `ResultsScene` | `results` | `PlayScene` again (same or other mapping), or quit |

A menu and level select will sit in front of `PlayScene`: it needs only a `PlaySetup`.
"""
