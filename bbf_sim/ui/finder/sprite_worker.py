"""Sprites made on a worker thread beside the drawing thread, finished ones handed back at the
start of a frame.

OpenCV's filters and resizes and numpy's large copies let go of Python's lock, so most of
a sprite's making (its blurs and its enlarging) can run on the machine's other core while
the drawing thread simulates, blends and presents (docs/performance.md measures it). The
drawing thread hands every sprite in the making to the worker (`hand`) and takes the
finished ones back at one defined point, the start of its frame (`collect`): a frame never
changes while it is drawn. A sprite due this frame that the worker has not finished is
waited for (`finish`), the worker working on it first, so what the finder shows stays
within the stand-in limits as before. Exact frames (photos, the first frame) take every
sprite back (`take_back`) and make them on the drawing thread, as without a worker.

It is off by default, in play too. On the 2-core machine class the game is measured on,
the worker took the drawing thread's sprite work off it (its CPU p99 fell by a fifth) but
the wall-clock p99, what a player sees, rose: the display server needs the second core
for the present, the worker's shape drawing (pygame) holds Python's lock, and a sprite
due before the worker finished it is waited for. `bbf-sim bench --worker` measures it on
a machine with more cores.

Only the jobs (and through them numpy arrays and surfaces that only the job touches) cross
between the threads; the thread holds nothing of the `Sprites` that owns the worker, so a
finished viewfinder is freed by reference counting, and the thread stops when its owner
goes (or at exit).
"""

from __future__ import annotations

import threading
import time
import weakref

from bbf_sim.ui.finder.sprite_job import SpriteJob

ALLOWANCE_FRAMES = 3  # a worker kept from its grant (a busy machine) may catch up this many frames' worth
JOIN_TIMEOUT_S = 2.0  # a step takes well under a millisecond: the thread is gone long before this


class _Shared:
    """What the worker thread and the drawing thread share, under `cond`."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.jobs: list[SpriteJob] = []  # handed over and not finished, the worker's to step
        self.done: list[SpriteJob] = []  # finished, not yet collected
        self.ending: list[SpriteJob] = []  # no longer wanted: the worker ends them (frees their scratch)
        self.urgent: list[SpriteJob] = []  # due now: the worker works on these first
        self.busy: SpriteJob | None = None  # the job whose step is running
        self.stop = False
        self.steps = 0  # steps the worker has run
        # CPU time the worker may still spend on jobs not yet due [s]: the drawing thread grants
        # each frame what it would have spent itself, so the worker takes no more of the machine.
        self.allowance_s = 0.0
        self.error: BaseException | None = None  # a step that failed: raised on the drawing thread


def _pick(shared: _Shared) -> SpriteJob | None:
    """The job the worker steps next: a due one first, then (while its allowance lasts) by
    when each is due, small first; None: nothing to do now."""
    for job in shared.urgent:
        if job in shared.jobs:
            return job
    if shared.allowance_s <= 0.0 or not shared.jobs:
        return None
    return min(shared.jobs, key=lambda j: (j.due, j.px))


def _run(shared: _Shared) -> None:
    """The worker thread: step the jobs handed over until told to stop. Holds only `shared`."""
    cond = shared.cond
    while True:
        with cond:
            while not (shared.stop or shared.ending or _pick(shared) is not None):
                cond.wait()
            if shared.stop:
                for job in [*shared.jobs, *shared.ending, *shared.done]:
                    job.cancel()
                shared.jobs.clear()
                shared.ending.clear()
                shared.done.clear()
                cond.notify_all()
                return
            if shared.ending:
                for job in shared.ending:
                    job.cancel()
                shared.ending.clear()
                cond.notify_all()
                continue
            job = shared.busy = _pick(shared)
        assert job is not None
        t0 = time.thread_time()
        try:
            job.step()  # outside the lock: the drawing thread goes on meanwhile
        except BaseException as exc:  # handed to the drawing thread, which must not wait for it
            with cond:
                shared.busy, shared.error, shared.stop = None, exc, True
                cond.notify_all()
            continue
        spent_s = time.thread_time() - t0
        with cond:
            shared.busy = None
            shared.steps += 1
            shared.allowance_s -= spent_s
            if job.done and job in shared.jobs:
                shared.jobs.remove(job)
                shared.done.append(job)
            cond.notify_all()


def _stop(shared: _Shared, thread: threading.Thread) -> None:
    """End the thread (its jobs ended with it) and wait for it; a finalizer, so it holds no owner."""
    with shared.cond:
        shared.stop = True
        shared.cond.notify_all()
    if thread.is_alive() and thread is not threading.current_thread():
        thread.join(JOIN_TIMEOUT_S)


class SpriteWorker:
    """A thread that makes the sprites handed to it; owned by one `Sprites`, ended with it."""

    def __init__(self) -> None:
        self._shared = _Shared()
        self._thread = threading.Thread(target=_run, args=(self._shared,), name="bbf-sprites", daemon=True)
        self._on_worker: set[int] = set()  # ids of the jobs handed over and not yet collected or taken back
        self._finalizer = weakref.finalize(self, _stop, self._shared, self._thread)

    def close(self) -> None:
        """Stop the thread now (it would stop when this is freed, or at exit)."""
        self._finalizer()

    @property
    def steps(self) -> int:
        """Steps of sprite work the worker has run so far."""
        return self._shared.steps

    @property
    def thread(self) -> threading.Thread:
        return self._thread

    def holds(self, job: SpriteJob) -> bool:
        """Was `job` handed over (and not yet collected, ended or taken back)?"""
        return id(job) in self._on_worker

    def hand(self, jobs: list[SpriteJob]) -> None:
        """Give the worker `jobs` to make (those it holds already are left as they are)."""
        new = [job for job in jobs if id(job) not in self._on_worker and not job.done]
        if not new:
            return
        if self._shared.stop:  # closed, or a step failed: nothing would make these
            self._raise_failure()
            raise RuntimeError("the sprite worker was closed")
        if self._thread.ident is None:
            self._thread.start()
        with self._shared.cond:
            self._shared.jobs.extend(new)
            self._shared.cond.notify_all()
        self._on_worker.update(id(job) for job in new)

    def _raise_failure(self) -> None:
        """A step failed on the worker (which has stopped): raise it here, as if made here."""
        if self._shared.error is not None:
            raise RuntimeError("making a sprite on the worker thread failed") from self._shared.error

    def allow(self, seconds: float) -> None:
        """Grant the worker `seconds` more of CPU time for jobs not yet due (due ones it always
        makes), what is left unspent carried over for at most `ALLOWANCE_FRAMES` such grants."""
        shared = self._shared
        with shared.cond:
            shared.allowance_s = min(shared.allowance_s + seconds, ALLOWANCE_FRAMES * seconds)
            shared.cond.notify_all()

    def end(self, job: SpriteJob) -> None:
        """`job` is no longer wanted: ended now, or by the worker once its running step is over."""
        if id(job) not in self._on_worker:
            job.cancel()
            return
        self._on_worker.discard(id(job))
        shared = self._shared
        with shared.cond:
            if job in shared.jobs:
                shared.jobs.remove(job)
                shared.ending.append(job)
                shared.cond.notify_all()
            elif job in shared.done:
                shared.done.remove(job)
                job.cancel()

    def collect(self) -> list[SpriteJob]:
        """The jobs the worker has finished since the last call (now the drawing thread's)."""
        shared = self._shared
        with shared.cond:
            self._raise_failure()
            done, shared.done = shared.done, []
        for job in done:
            self._on_worker.discard(id(job))
        return done

    def finish(self, jobs: list[SpriteJob]) -> None:
        """Wait until the worker has finished `jobs` (handed over first if they were not),
        which it works on before any other; `collect` then has them."""
        self.hand(jobs)
        shared = self._shared
        with shared.cond:
            shared.urgent = list(jobs)
            shared.cond.notify_all()
            while any(job in shared.jobs for job in jobs) and shared.error is None:
                shared.cond.wait()
            shared.urgent = []
            self._raise_failure()

    def take_back(self) -> None:
        """Take every unfinished job back (the drawing thread makes them from now on) once the
        worker's running step is over; finished ones stay for `collect`."""
        shared = self._shared
        with shared.cond:
            while (shared.busy is not None or shared.ending) and shared.error is None:
                shared.cond.wait()
            self._raise_failure()
            taken, shared.jobs = shared.jobs, []
        for job in taken:
            self._on_worker.discard(id(job))
