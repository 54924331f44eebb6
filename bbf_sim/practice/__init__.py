"""The application's rules, below the screens: a play kept, attempts compared, bests, stats, the daily plan.

| module | what it is for |
|---|---|
| `session` | the rules the screens call: recording a play, comparable attempts, bests and unlocks, settings |
| `stored` | an attempt's stored summary read once, typed |
| `attempts` | a finished run → an `AttemptRecord` in history and a replay file beside it |
| `stats` | per level and mapping: attempts, hit rates, moving average, time to first sharp frame, habits |
| `daily` | the daily warm-up playlist and the practice streak (pure functions of history and a date) |
| `generate` | weeks of realistic, improving history played by bots (demos, charts) |

No pygame here: the game window, the CLI and the tests all use these.
"""
