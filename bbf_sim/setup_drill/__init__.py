"""The AF-ON set-up drill: practise a real body's menu walk to back-button focus.

| module | what it holds |
|---|---|
| `menu` | the menu data model, the input state machine, the screen view and the score |
| `trees` | one menu tree per brand (Canon, Nikon; the list of all), with the body's names and citations |
| `trees_sony_fujifilm` | Sony's and Fujifilm's trees |
| `bot` | a shortest-path bot that walks the drill, or makes a chosen mistake |

No pygame here: the game window (`bbf_sim.ui.scenes.setup_drill`) draws
`SetupDrill.view()` on a simulated body and turns key and gamepad presses into its
inputs; `bbf-sim setup --brand NAME --demo` prints the bot's walk (`cli.setup_cmd`).
"""

from bbf_sim.setup_drill.bot import MISTAKES, BotRun, plan, walk
from bbf_sim.setup_drill.menu import (
    INPUTS,
    DrillSpec,
    MenuView,
    Score,
    Setting,
    SetupDrill,
    Submenu,
    WrongTurn,
    mapping_of,
)
from bbf_sim.setup_drill.trees import SPECS, get_spec

__all__ = [
    "INPUTS",
    "MISTAKES",
    "SPECS",
    "BotRun",
    "DrillSpec",
    "MenuView",
    "Score",
    "Setting",
    "SetupDrill",
    "Submenu",
    "WrongTurn",
    "get_spec",
    "mapping_of",
    "plan",
    "walk",
]
