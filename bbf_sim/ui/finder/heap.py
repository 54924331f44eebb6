"""Memory for the viewfinder's sprites, taken from the system when a level loads, not mid-play.

The first write to memory the process has not used before costs a page fault every 4 KiB,
more than the pixel work done in it (docs/performance.md). A viewfinder's sprite cache,
averaged shapes and blur scratch fill up to their bounds over the first seconds of play,
so that growth (tens of megabytes) would land in the frames of the first focus pulls.
`ready` writes that much memory once, before the first frame, and has glibc's `malloc`
keep freed memory up to that much instead of handing it back to the system, so the
sprites' arrays are made in memory already touched. `release` gives the kept memory back
when the viewfinder goes.

Two of glibc's settings (`mallopt`) make that hold: blocks up to `HEAP_BLOCK_MAX_BYTES`
(every sprite, tile and scratch image) come from the heap, whose freed memory is reused,
rather than from `mmap`, which returns it on every `free`; and free memory at the heap's top
is trimmed only beyond what was asked for. When the last viewfinder goes, both are set back
to glibc's starting values (its self-adjusting `mmap` threshold then stays at that value).
Elsewhere than glibc nothing is done.
"""

from __future__ import annotations

import ctypes
import itertools
import sys
from functools import cache

import numpy as np

_M_TRIM_THRESHOLD = -1  # glibc's mallopt parameters
_M_MMAP_THRESHOLD = -3
_GLIBC_DEFAULT_THRESHOLD_BYTES = 128 * 1024  # both settings' starting value in glibc
HEAP_BLOCK_MAX_BYTES = 32 * 1024 * 1024  # glibc's largest allowed: blocks up to this come from the heap
_TOUCH_BLOCK_BYTES = 8 * 1024 * 1024  # the memory is touched in blocks this big, each from the heap
_PAGE_BYTES = 4096

_asked: dict[int, int] = {}  # what each living viewfinder asked to keep [bytes], by ticket
_tickets = itertools.count(1)


@cache
def _glibc() -> ctypes.CDLL | None:
    """The C library's functions, if it is glibc (it has `mallopt`, `malloc_trim`)."""
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # noqa: B018 (present in glibc only)
        libc.mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
        libc.malloc_trim.argtypes = [ctypes.c_size_t]
    except (OSError, AttributeError):
        return None
    return libc


def ready(nbytes: int) -> int:
    """Touch `nbytes` of heap memory now and keep that much of freed memory (the most any
    living caller asked) until `release`. A ticket for `release`; 0 where this is not glibc
    (nothing done)."""
    libc = _glibc()
    if libc is None or nbytes <= 0:
        return 0
    ticket = next(_tickets)
    _asked[ticket] = int(nbytes)
    libc.mallopt(_M_MMAP_THRESHOLD, HEAP_BLOCK_MAX_BYTES)
    _keep(libc)
    blocks = []
    for start in range(0, int(nbytes), _TOUCH_BLOCK_BYTES):
        block = np.empty(min(_TOUCH_BLOCK_BYTES, int(nbytes) - start), np.uint8)
        block[::_PAGE_BYTES] = 0  # a byte a page faults the whole page in
        blocks.append(block)
    del blocks  # freed into the heap's top, which is kept
    return ticket


def _keep(libc: ctypes.CDLL) -> None:
    """Trim the heap's top only beyond the most any living caller asked for, and what was free
    there before (a block's worth); with no caller, beyond a block's worth."""
    keep = max(_asked.values(), default=0) + HEAP_BLOCK_MAX_BYTES
    libc.mallopt(_M_TRIM_THRESHOLD, min(keep, 2**31 - 1))


def release(ticket: int) -> None:
    """The caller of `ready` that got `ticket` is gone: keep only what the others asked, and
    give the heap's free memory back to the system once none is left."""
    libc = _glibc()
    if libc is None or _asked.pop(ticket, None) is None:
        return
    if _asked:
        _keep(libc)
        return
    # The last one: the rest of the process (menus, comparisons) uses memory as it did before.
    libc.mallopt(_M_MMAP_THRESHOLD, _GLIBC_DEFAULT_THRESHOLD_BYTES)
    libc.mallopt(_M_TRIM_THRESHOLD, _GLIBC_DEFAULT_THRESHOLD_BYTES)
    libc.malloc_trim(0)
