"""The viewfinder engine: the scene as the lens sees it, drawn into a pygame surface.

| module | job |
|---|---|
| `render` | the scene as the lens sees it: depth of field, panning background, photos |
| `sprites` | sprite surfaces at each blur level, built over frames within a time budget |
| `blur` | blurring surfaces and the memory-bounded cache of pre-blurred copies |
| `shapes` | procedural drawing of each object shape a level can name |
| `photos` | the frames a player took, drawn as the camera recorded them (or in focus) |
| `hud` | the viewfinder overlay: AF points, focus confirmation, the info line, side panels |

The engine imports nothing from the screens (`bbf_sim.ui.scenes`) or the app shell
(`bbf_sim.ui.app`); it uses only the shell's text cache and naming helpers.
"""
