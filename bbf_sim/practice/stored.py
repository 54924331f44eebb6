"""An attempt's stored summary read once, typed: the numbers the game's look-ups need from history.

History keeps each attempt's summary as a JSON object (`persistence.records`
checks its keys on the way in); everything that reads it back goes through
`StoredSummary.of`, so a missing or null count reads as 0 in one place.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _count(summary: Mapping[str, Any], key: str) -> int:
    value = summary.get(key)
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0


@dataclass(frozen=True)
class StoredSummary:
    """The counts of one stored attempt (frames fired, hits, and the two habits that cost frames)."""

    frames: int
    hits: int
    fired_without_af: int  # frames fired while AF was not engaged
    refocus_after_recompose: int  # frames lost to AF refocusing on the background after a recompose
    first_sharp_s: float | None  # seconds from the first target's appearance to the first hit
    # False: counted under the rule before the level's lesson judged it, with no replay to count it
    # again (`practice.habit_recount`): left out of habit trends.
    fired_without_af_comparable: bool = True

    @classmethod
    def of(cls, summary: Mapping[str, Any]) -> StoredSummary:
        first = summary.get("first_sharp_s")
        return cls(
            frames=_count(summary, "frames"),
            hits=_count(summary, "hits"),
            fired_without_af=_count(summary, "fired_without_af"),
            refocus_after_recompose=_count(summary, "refocus_after_recompose"),
            first_sharp_s=float(first) if isinstance(first, int | float) and not isinstance(first, bool) else None,
            fired_without_af_comparable=summary.get("fired_without_af_comparable", True) is not False,
        )

    @property
    def hit_rate(self) -> float | None:
        """hits / frames; None when no frame was fired."""
        return self.hits / self.frames if self.frames else None
