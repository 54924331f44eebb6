"""Free-form values (settings, summaries) made into JSON any reader accepts.

Python's `json` writes `Infinity` and `NaN`, which are not JSON: SQLite's JSON
functions and most other readers refuse them. `to_json_value` writes every
non-finite float as `null`, and turns numpy scalars and arrays (which scoring
code hands over) into plain Python values.
"""

from __future__ import annotations

import math
from typing import Any


def to_json_value(value: Any, where: str = "value") -> Any:
    """A deep copy of `value` as dict/list/str/int/float/bool/None; non-finite floats → None.

    Raises TypeError naming the offending key path (`where`) for anything else.
    """
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value) if math.isfinite(value) else None
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise TypeError(f"{where}: key {k!r} is not a string")
            out[k] = to_json_value(v, f"{where}.{k}")
        return out
    if isinstance(value, list | tuple):
        return [to_json_value(v, f"{where}[{i}]") for i, v in enumerate(value)]
    # numpy scalars and arrays, without importing numpy: both have tolist().
    tolist = getattr(value, "tolist", None)
    if callable(tolist):
        return to_json_value(tolist(), where)
    raise TypeError(f"{where}: {type(value).__name__} is not a JSON value")
