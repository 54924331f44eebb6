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


def test_a_thread_started_after_ready_writes_in_the_memory_made_ready():
    """The sprite worker's arrays come from the heap touched before play, not from a malloc
    arena of the thread's own (fresh memory, faulted in mid-play, and extra memory).

    In a fresh process: glibc hands a new thread an arena left by a thread that has ended
    before anything else, and this test process has had threads (other tests' workers)."""
    import subprocess
    import sys

    script = """
import resource, threading
import numpy as np
from bbf_sim.ui.finder import heap
MIB = 1024 * 1024
def faults_writing(nbytes):
    before = resource.getrusage(resource.RUSAGE_THREAD).ru_minflt
    block = np.empty(nbytes, np.uint8)
    block.fill(7)
    return resource.getrusage(resource.RUSAGE_THREAD).ru_minflt - before
ticket = heap.ready(48 * MIB)
faults = []
thread = threading.Thread(target=lambda: faults.extend(faults_writing(24 * MIB) for _ in range(2)))
thread.start()
thread.join()
print(max(faults))
"""
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    # In an arena of its own, the first 24 MiB would fault 6,144 pages (or a dozen huge ones).
    assert int(out.stdout.strip()) < 64, out.stdout
