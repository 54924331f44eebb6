"""The AF-ON set-up drill on screen: a brand's camera menu, its score, and a test shot that shows the result.

| scene | shows | next |
|---|---|---|
| `SetupDrillScene` | the body's rear screen and the maker's menu | `SetupScoreScene` when the menu closes |
| `SetupScoreScene` | steps, wrong turns, time; after the test, what it showed | `VerifyScene`, the menu again, `back` |
| `VerifyScene` | the test shot: focus, recompose, with the player's mapping | `ReviewScene` → `SetupScoreScene` |

Opened from the game's menu, the drill gets `ctx=` (the `GameContext`) and `back=` (the
menu) and returns there; from `bbf-sim setup --brand NAME` it has no `back` and quits.
A drill that ends in back-button focus saves its brand in the settings (through `ctx`),
so the game names every control as that body does from then on; the score panel says so.

The menu logic is `bbf_sim.setup_drill.SetupDrill`; this package turns presses into its
inputs, draws its `view()` in each maker's colours, scores the run and plays the test:

| module | holds |
|---|---|
| `menu_scene` | `SetupDrillScene`: the body on screen, its buttons, the side panel; presses → drill inputs |
| `menu_look` | `MenuStyle`, `STYLES`, `draw_menu`: each maker's menu on the rear screen (evoked, not copied) |
| `score_scene` | `SetupScoreScene`: the score panel, before and after the test |
| `verify_scene` | `VerifyScene` and `verification_level`: the test shot in the viewfinder |
| `verdict` | `rating`, `explain_test`, `WRONG_TURN_WORDS`: what the drill says about a run, as text |

The names below are imported from here (`bbf_sim.ui.scenes.setup_drill`), as before the split.
"""

from bbf_sim.ui.scenes.setup_drill.menu_look import STYLES, MenuStyle, draw_menu
from bbf_sim.ui.scenes.setup_drill.menu_scene import DRILL_VERBS, SWITCH_BODY, WRONG_TURN_SHOW_S, SetupDrillScene
from bbf_sim.ui.scenes.setup_drill.score_scene import SetupScoreScene
from bbf_sim.ui.scenes.setup_drill.verdict import WRONG_TURN_WORDS, explain_test, rating
from bbf_sim.ui.scenes.setup_drill.verify_scene import (
    VERIFY_END_AFTER_S,
    VerifyScene,
    recompose_yaw_rad,
    verification_level,
)

__all__ = [
    "DRILL_VERBS",
    "STYLES",
    "SWITCH_BODY",
    "VERIFY_END_AFTER_S",
    "WRONG_TURN_SHOW_S",
    "WRONG_TURN_WORDS",
    "MenuStyle",
    "SetupDrillScene",
    "SetupScoreScene",
    "VerifyScene",
    "draw_menu",
    "explain_test",
    "rating",
    "recompose_yaw_rad",
    "verification_level",
]
