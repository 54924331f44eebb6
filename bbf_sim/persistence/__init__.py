"""Storage that outlives a session: the data folder, practice history, settings, replays.

| module | job |
|---|---|
| `data_dir` | where the user's files live (`--data-dir`, `BBF_SIM_DATA_DIR`, platform default) |
| `safe_files` | atomic writes, and setting an unreadable file aside instead of losing it |
| `json_values` | turning free-form dicts into JSON any reader accepts |
| `records` | the attempt and frame records the game hands to history |
| `history` | the SQLite practice history |
| `settings_file` | the user's settings file |
| `replay_file` | the replay file format |

Nothing here imports pygame or the simulator; the game and the CLI call in.
"""
