"""The viewfinder engine: the scene as the lens sees it, drawn into a pygame surface.

| module | job |
|---|---|
| `render` | a frame composed: the background and the objects' sprites, each blurred by its depth of field |
| `view` | what the lens sees at one instant, and sensor millimetres ↔ frame pixels |
| `objects` | a level's objects as the sprites draw them: size at a size step, shape, opaque core |
| `backdrop` | the level's background drawn sharp (procedural, or the level's image) |
| `background` | the backdrop's tile blurred per level, cached, drawn with pan and tilt |
| `spans` | the frame's columns something opaque hides, so nothing behind is drawn there |
| `streak` | motion blur of a photo's subject |
| `sprites` | sprite surfaces at each blur level, built over frames within a time budget |
| `blur` | blurring surfaces and the memory-bounded cache of pre-blurred copies |
| `shapes` | procedural drawing of each object shape a level can name |
| `photos` | the frames a player took, drawn as the camera recorded them (or in focus) |
| `hud` | the viewfinder overlay: AF points, focus confirmation, the info line, side panels |

The engine imports nothing from the screens (`bbf_sim.ui.scenes`) or the app shell
(`bbf_sim.ui.app`); it uses only the shell's text cache and naming helpers.
"""
