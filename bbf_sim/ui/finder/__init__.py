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
| `sprites` | the sprite cache: what a frame shows of each object, made over frames |
| `sprite_layout` | which sprite (`SpriteKey`) and where things are in it; blurring at reduced size |
| `sharp_shapes` | shapes drawn sharp and averaged down, kept for the next blur level |
| `sprite_job` | one sprite being made, a band at a time |
| `sprite_schedule` | when each sprite in the making is due, and a frame's share of the work |
| `stand_ins` | which cached sprite may stand in for one being made, and for how long |
| `sprite_speed` | how fast sprites are really made, learned frame by frame |
| `sprite_tuning` | the tuning constants of sprite making, documented in one place |
| `blur` | blurring surfaces and the memory-bounded cache of pre-blurred copies |
| `shapes` | procedural drawing of each object shape a level can name |
| `photos` | the frames a player took, drawn as the camera recorded them (or in focus) |
| `hud` | the viewfinder overlay: AF points, focus confirmation, the info line, side panels |

The engine imports nothing from the screens (`bbf_sim.ui.scenes`) or the app shell
(`bbf_sim.ui.app`); it uses only the shell's text cache and naming helpers.
"""
