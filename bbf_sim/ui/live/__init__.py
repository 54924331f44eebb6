"""The live viewfinder: one attempt stepped by the clock and drawn by the finder, which screens compose.

| module | job |
|---|---|
| `setups` | `PlaySetup` and `PlayResult`: what an attempt is handed and what it hands on |
| `attempt` | `LiveAttempt`: the simulator stepped by the player's hands, the bot or a replay, drawn each frame |
| `pause_card` | the Ready / Paused card over the frame: briefing, mapping, keys |

The play screen, the replay screen and the set-up drill's test shot each hold a
`LiveAttempt` and hand it what happens next as callbacks (which ask `app.router`), so
no screen imports another. Nothing here is a screen: it imports the shell, the
finder and the rules below them, never `bbf_sim.ui.scenes`.
"""
