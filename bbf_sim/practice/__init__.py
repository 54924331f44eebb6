"""Practice over weeks: saving attempts with their replays, stats, the daily playlist, generated history.

| module | what it is for |
|---|---|
| `attempts` | a finished run → an `AttemptRecord` in history and a replay file beside it |
| `stats` | per level and mapping: attempts, hit rates, moving average, time to first sharp frame, habits |
| `daily` | the daily warm-up playlist and the practice streak (pure functions of history and a date) |
| `generate` | weeks of realistic, improving history played by bots (demos, charts) |

No pygame here: the game window, the CLI and the tests all use these.
"""
