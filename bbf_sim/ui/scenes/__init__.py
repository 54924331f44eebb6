"""The screens of the game, one class each; a scene builds the next with what it produced.

| scene | module | next |
|---|---|---|
| `MenuScene` | `menu` | level select, daily practice, stats, the set-up drill, settings, or quit |
| `LevelSelectScene` | `level_select` | `CameraSetupScene` for an open level; the menu |
| `CameraSetupScene` | `camera_setup` | `PlayScene` with the chosen mapping, AF mode and brand; back |
| `StatsScene` | `stats` | back (progress per level and mapping, from history) |
| `SettingsScene` | `settings` | back (bindings, window, volume saved as they change) |
| `PlayScene` (with pause) | `play` | `ReviewScene` when the level ends or the player ends it |
| `ReviewScene` | `review` | `ResultsScene` (or whatever its `then` builds) |
| `ResultsScene` | `results` | `PlayScene` again (same or other mapping; an endless drill's next round), back, or quit |
| `ReplayScene` (from `bbf-sim replay FILE`) | `replay` | `ReviewScene` → `ResultsScene` of the recorded attempt |
| `SetupDrillScene` | `setup_drill` | `SetupScoreScene` → `VerifyScene` (a `PlayScene`) → review → score → back |

Shared by the screens: `widgets` (palette, navigation from any device, list drawing)
and `endless` (an endless drill's rounds and their words). The rules and the
player's data (history, settings, bests, unlocks) are `practice.session.GameContext`'s:
screens call it and never open storage themselves.
"""
