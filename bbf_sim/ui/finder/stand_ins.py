"""Which cached sprite may stand in for one still being made, and for how long.

A cached variant of the object stands in if it is *close* (within `max_stand_in_steps`
sizes of 6 % and `max_stand_in_levels` blur levels of about 30 %) to what the object
looked like in one of the last `max_stand_in_frames` frames. So the blur and size a
frame shows are never more than that far behind the lens and the subject (about 55 ms
at 144 Hz, within the lag of an electronic finder; where it is, is never behind), even
mid focus pull, when the wanted blur changes every frame or two; an object with nothing
cached yet (it just came into view) is left out for at most as long. A close stand-in
gives way to the exact sprite within `close_stand_in_frames` (half a second) however
busy the scene (`sprite_tuning`).
"""

from __future__ import annotations

from collections import deque

from bbf_sim.ui.finder.blur import BlurCache
from bbf_sim.ui.finder.sprite_layout import SpriteKey
from bbf_sim.ui.finder.sprite_tuning import TUNING

_NOT_CLOSE = 1 << 20  # added to a variant's distance if it is not close: more than any distance


def close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    """Can sprite a stand in for sprite b for as long as needed?"""
    return abs(a[1] - b[1]) <= TUNING.max_stand_in_steps and abs(a[2] - b[2]) <= TUNING.max_stand_in_levels


class StandIns:
    """What each object was wanted at lately, what of it is cached, and what may be shown for it."""

    def __init__(self, cache: BlurCache[SpriteKey]):
        self.cache = cache  # the sprites made, by key
        # object → (size step, level) cached: kept as the cache is, every sprite pushed out of
        # it taken out here (`BlurCache.evicted`), so nothing need be checked against it.
        self._variants: dict[int, set[tuple[int, int]]] = {}
        if cache.evicted is not None:  # its first owner would miss what a second takes out
            raise ValueError("this cache already tells another StandIns what it pushes out")
        cache.evicted = []
        # object → the sprites it was wanted at in the last max_stand_in_frames frames: (frame, key)
        self._recent: dict[int, deque[tuple[int, SpriteKey]]] = {}
        self._inexact_since: dict[int, int] = {}  # object → first frame of its current run of stand-ins
        # object → `best`'s answers for it, while its cached variants stay as they are
        self._best_memo: dict[int, dict[SpriteKey, SpriteKey | None]] = {}

    def start_frame(self, in_view: set[int]) -> None:
        """A new frame: objects out of view end their runs of stand-ins."""
        for i in [i for i in self._inexact_since if i not in in_view]:
            del self._inexact_since[i]  # out of view: its run of stand-ins ends

    def remember(self, key: SpriteKey, frame_no: int) -> None:
        recent = self._recent.setdefault(key[0], deque())
        recent.append((frame_no, key))
        while recent[0][0] <= frame_no - TUNING.max_stand_in_frames:
            recent.popleft()

    def recent(self, i: int) -> tuple[tuple[int, SpriteKey], ...]:
        """What object i was wanted at in the last max_stand_in_frames frames: (frame, key), oldest first."""
        return tuple(self._recent.get(i, ()))

    def added(self, key: SpriteKey) -> None:
        """`key` is now cached (call it once the cache holds it: adding it may have pushed others out)."""
        # What was pushed out goes first: it may hold `key` itself, from before it was made again.
        self._take_out_evicted()
        self._variants.setdefault(key[0], set()).add(key[1:])
        self._best_memo.pop(key[0], None)

    def _take_out_evicted(self) -> None:
        """Sprites the cache pushed out stand in no more: their objects' variants and answers go."""
        evicted = self.cache.evicted
        while evicted:
            i, *variant = evicted.pop()
            self._variants.setdefault(i, set()).discard(tuple(variant))
            self._best_memo.pop(i, None)

    def best(self, key: SpriteKey) -> SpriteKey | None:
        """The cached variant of the object nearest to `key` in size and blur, of those close to
        it (`close`) if any are."""
        # Asked for each recent want of each object in view, every frame: remembered until
        # the object's cached variants change.
        if self.cache.evicted:
            self._take_out_evicted()
        memo = self._best_memo.get(key[0])
        if memo is None:
            memo = self._best_memo[key[0]] = {}
        elif key in memo:
            return memo[key]
        best = memo[key] = self._find_best(key)
        return best

    def _find_best(self, key: SpriteKey) -> SpriteKey | None:
        i, size_step, level = key
        # A close variant first, if there is one: what stands in (`near`, `choose`, `due`) is
        # then shown whenever any cached variant is close, the rule the schedule foresees
        # what will stand in by (`sprite_schedule.stand_in_span`). Among them (or among the
        # rest), the nearest; of two as near, the smaller, then the sharper, so the choice
        # never depends on the order a set keeps. (A loop, not `min` with a key: this runs
        # some thousands of times a second during a focus pull.)
        best, best_rank = None, 0
        for v in self._cached_variants(i):
            rank = abs(v[0] - size_step) * 2 + abs(v[1] - level)
            if not close((i, *v), key):
                rank += _NOT_CLOSE
            if best is None or rank < best_rank or (rank == best_rank and v < best):
                best, best_rank = v, rank
        return None if best is None else SpriteKey(i, *best)

    def _cached_variants(self, i: int) -> set[tuple[int, int]]:
        """Object i's (size step, level) in the cache."""
        if self.cache.evicted:
            self._take_out_evicted()
        return self._variants.setdefault(i, set())

    def cached(self, key: SpriteKey) -> list[SpriteKey]:
        """The object's variants in the cache (of any size and blur)."""
        return [SpriteKey(key[0], *v) for v in self._cached_variants(key[0])]

    def near(self, key: SpriteKey) -> SpriteKey | None:
        """The cached variant nearest `key`, if it is close enough to stand in for it for long."""
        best = self.best(key)
        return best if best is not None and close(best, key) else None

    def close_due(self, i: int, frame_no: int) -> int:
        """The frame by which object i's exact sprite must show, however close its stand-in."""
        return self._inexact_since.get(i, frame_no) + TUNING.close_stand_in_frames - 1

    def due(self, i: int, frame_no: int) -> int:
        """The last frame a cached variant of object i still matches one of its recent wants
        (or, with none, its first) plus the allowance: when what is shown would fall
        `max_stand_in_frames` behind; never after `close_due`."""
        valid = [f for f, k in self._recent[i] if self.near(k) is not None]
        since = max(valid) if valid else self._recent[i][0][0]
        return min(since + TUNING.max_stand_in_frames - 1, self.close_due(i, frame_no))

    def choose(self, key: SpriteKey, frame_no: int) -> SpriteKey | None:
        """The exact sprite, else the cached variant nearest it that matches what the object
        looked like within the last max_stand_in_frames frames, else nothing (None)."""
        if key in self.cache:
            self._inexact_since.pop(key[0], None)
            return key
        self._inexact_since.setdefault(key[0], frame_no)
        for _, k in reversed(self._recent.get(key[0], ())):  # the latest want first
            v = self.near(k)
            if v is not None and abs(v[1] - key[1]) <= TUNING.max_stand_in_size_steps:
                return v
        return None
