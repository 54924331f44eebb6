"""A large frame put together in two bands of rows at once: the top by the drawing thread,
the bottom by a helper thread.

Copying the background in and blending the sprites over it is most of a large frame's
time, and it is memory-bound C code that lets go of Python's lock (numpy's copies,
pygame's blits). With a second core, the two halves of the frame are made at the same
time. Every pixel gets the same operations in the same order whichever band it is in,
so the frame is the same pixel for pixel (`tests/ui/test_bands.py`). A small frame (a
thumbnail, a small window) is made in one go: handing half of it over would cost more
than it saves.

Only while the machine has a core to spare: on a machine whose cores are all busy the
helper waits for a turn and the frame with it (measured: a 1080p frame's drawing took
longer in two bands than in one at a load of 8 on 2 cores). Twice a second the idle
time of all cores (Linux's /proc/stat), plus what the helper itself used, is checked
against 0.3 of a core (`MIN_SPARE_CORES`); elsewhere a second core is taken to be free.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

MIN_SPLIT_PX = 250_000  # frames this big or bigger are made in two bands (a 960×540 window's is 330,000 px)

SPARE_CHECK_S = 0.5  # how often the machine's idle time is read
MIN_SPARE_CORES = 0.3  # idle cores (and the helper's own use) needed to make frames in bands

_helper: ThreadPoolExecutor | None = None
_helper_cpu_s = 0.0  # CPU time the helper has spent on bands; written by the helper only
frames_in_bands = [0, 0]  # frames made with the helper, frames large enough to be (the bench reports it)


def helper_cpu_s() -> float:
    """CPU time [s] the helper thread has spent on bands so far (a frame's cost is both threads')."""
    return _helper_cpu_s


def two_cores() -> bool:
    """Whether this process may run on more than one core."""
    try:
        return len(os.sched_getaffinity(0)) > 1
    except AttributeError:  # not Linux
        return (os.cpu_count() or 1) > 1


_TWO_CORES = two_cores()


def _idle_and_total_ticks() -> tuple[int, int] | None:
    """All cores' idle and total clock ticks since boot (Linux), or None where unknown."""
    try:
        with open("/proc/stat", "rb") as f:
            fields = [int(v) for v in f.readline().split()[1:]]
    except (OSError, ValueError):
        return None
    if len(fields) < 5:
        return None
    return fields[3] + fields[4], sum(fields[:8])  # idle + iowait; user … steal


class SpareCore:
    """Whether the machine has a core to spare for the helper, read every `SPARE_CHECK_S`."""

    def __init__(self) -> None:
        self.spare = True
        self._next_s = 0.0
        self._last: tuple[tuple[int, int], float] | None = None

    def __call__(self) -> bool:
        now = time.monotonic()
        if now < self._next_s:
            return self.spare
        self._next_s = now + SPARE_CHECK_S
        ticks = _idle_and_total_ticks()
        if ticks is None:
            return self.spare
        if self._last is not None:
            (idle0, total0), helper0 = self._last
            d_total = ticks[1] - total0
            if d_total > 0:
                cores = _CORES
                idle_cores = (ticks[0] - idle0) / d_total * cores
                elapsed_s = d_total / cores / _TICKS_PER_S
                helper_cores = (_helper_cpu_s - helper0) / elapsed_s
                self.spare = idle_cores + helper_cores >= MIN_SPARE_CORES
        self._last = (ticks, _helper_cpu_s)
        return self.spare


_CORES = os.cpu_count() or 1
_TICKS_PER_S = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_spare_core = SpareCore()


def helper_wanted() -> bool:
    """Whether this frame is made in two bands (given it is large enough)."""
    return _TWO_CORES and _spare_core()


def _timed(work: Callable[..., None], *args) -> None:
    global _helper_cpu_s
    t0 = time.thread_time()
    try:
        work(*args)
    finally:
        _helper_cpu_s += time.thread_time() - t0


def _pool() -> ThreadPoolExecutor:
    global _helper
    if _helper is None:
        _helper = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bbf-finder-band")
    return _helper


def on_helper(work: Callable[..., None], *args) -> Future:
    """Start `work(*args)` on the helper thread; its CPU time is counted in `helper_cpu_s`."""
    return _pool().submit(_timed, work, *args)


def in_bands(height_px: int, steps: list[Callable[[int, int], None]], split: bool) -> None:
    """Run each of `steps` over the frame's rows [top, bottom): once over all of them, or
    (`split`) over the two halves at once, the bottom on the helper thread.

    Every band of a step is finished before the next step starts: a step may hold a lock
    on the frame's pixels (numpy's view) that another band's blit must not meet.
    """
    if not split:
        for step in steps:
            step(0, height_px)
        return
    middle = height_px // 2
    for step in steps:
        bottom = on_helper(step, middle, height_px)
        try:
            step(0, middle)
        finally:
            bottom.result()  # its exception, if any, is raised here
