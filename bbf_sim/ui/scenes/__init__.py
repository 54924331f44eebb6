"""The screens of the game, one class each; a scene asks `app.router` for the next, handing it what it produced.

Screens import none of each other (`ui.router` is the one module that knows them all)
and read input as menu verbs (`ui.verbs`), never a device's codes.

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
| `SetupDrillScene` | `setup_drill` | `SetupScoreScene` → `VerifyScene` (the test shot) → review → score → back |

Shared by the screens: `widgets` (palette, list drawing, key hints) and `endless`
(an endless drill's rounds and their words). The play, replay and test-shot screens
each compose a `ui.live.LiveAttempt` (the viewfinder stepped and drawn), handed a
`ui.live.setups.PlaySetup`. The rules and the player's data (history, settings,
bests, unlocks) are `practice.session.GameContext`'s: screens call it and never open
storage themselves.
"""
