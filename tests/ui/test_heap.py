"""The viewfinder's sprite memory is touched before play and kept, then given back (`heap.py`)."""

from __future__ import annotations

import platform
import resource

import numpy as np
import pytest

from bbf_sim.ui.finder import heap

pytestmark = pytest.mark.skipif(heap._glibc() is None, reason="glibc's malloc only")

MIB = 1024 * 1024


@pytest.fixture(autouse=True)
def _no_other_viewfinder_asks(monkeypatch):
    """Each test sees only its own tickets: a renderer of an earlier test in this worker, not yet
    collected, would otherwise still be asking for its memory."""
    monkeypatch.setattr(heap, "_asked", {})


def _faults_writing(nbytes: int) -> int:
    """Minor page faults this thread takes making an array of `nbytes` and writing all of it."""
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    block = np.empty(nbytes, np.uint8)
    block.fill(7)
    after = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    del block
    return after - before


def test_memory_made_ready_is_written_without_page_faults():
    ticket = heap.ready(48 * MIB)
    try:
        assert ticket
        # 24 MiB of fresh memory would fault 6,144 pages of 4 KiB (or 12 huge pages, if the
        # kernel gave those); within what was made ready, a few pages of bookkeeping at most.
        assert _faults_writing(24 * MIB) < 64
        assert _faults_writing(24 * MIB) < 64  # freed, then kept: the same again
    finally:
        heap.release(ticket)


def test_released_memory_goes_back_to_the_system():
    def resident_mib() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / MIB

    ticket = heap.ready(96 * MIB)
    held = resident_mib()
    heap.release(ticket)
    # Every byte touched was free in the heap: trimmed back, the process is ~96 MiB smaller.
    assert resident_mib() < held - 64


def test_memory_is_kept_while_any_viewfinder_that_asked_lives():
    first, second = heap.ready(32 * MIB), heap.ready(8 * MIB)
    try:
        heap.release(first)  # the second still asks for its 8 MiB to be kept
        assert heap._asked == {second: 8 * MIB}
        assert _faults_writing(8 * MIB) < 64  # and it is still there, written without faults
    finally:
        heap.release(second)
    assert heap._asked == {}
    heap.release(second)  # twice: nothing happens


def test_the_last_release_gives_freed_memory_back_as_before():
    def resident_mib() -> float:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * resource.getpagesize() / MIB

    heap.release(heap.ready(8 * MIB))
    block = np.ones(20 * MIB, np.uint8)  # from mmap again (glibc's starting settings), not the heap
    held = resident_mib()
    del block
    assert resident_mib() < held - 16


def test_nothing_is_done_for_no_memory():
    assert heap.ready(0) == 0


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="Linux with glibc only")
def test_glibc_is_found_where_it_is_the_c_library():
    assert heap._glibc() is not None
