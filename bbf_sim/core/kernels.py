"""Compiled loops for the simulator's hottest per-tick work, loaded only when asked for.

`observe` (every object's position, presence and projection for every trial) and
`lens_position` (where each lens is) are the same arithmetic as the numpy reference
(`Motion.positions_and_presence`, `camera.project`, `FocusMotor.position_at`),
operation for operation and in the same order, but one pass over each trial's objects
instead of dozens of whole-array operations with their temporaries. A test holds them
bit-identical to the reference. numba is imported the first time `load()` is called,
so nothing else (the game, `dof`, `levels`) pays for it; the compiled code is cached on disk.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from bbf_sim.core.subjects import Motion

_loaded: ModuleType | None = None


def available() -> bool:
    """Whether numba is installed (the compiled path needs it; the numpy path never does)."""
    return importlib.util.find_spec("numba") is not None


def load() -> ModuleType:
    """The compiled kernels (compiling them, or loading them from numba's cache, the first time)."""
    global _loaded
    if _loaded is None:
        from bbf_sim.core import _numba_kernels

        with _in_a_folder_that_exists():
            _numba_kernels.warm_up()
        _loaded = _numba_kernels
    return _loaded


@contextmanager
def _in_a_folder_that_exists() -> Iterator[None]:
    """Run the block from this package's folder if the working folder was deleted, then go back to it.

    numba words its compile-time notes with paths relative to the working folder, and
    fails when there is none; relative paths the user gave keep their meaning after.
    """
    try:
        os.getcwd()
    except FileNotFoundError:
        pass
    else:
        yield
        return
    here = os.open(".", os.O_RDONLY)  # the deleted folder, still open, to come back to
    try:
        os.chdir(Path(__file__).parent)
        yield
    finally:
        os.fchdir(here)
        os.close(here)


def observe(k: ModuleType, m: Motion, t_s: float, yaw_rad, pitch_rad, focal_mm: float):
    """Positions (3, b, n), presence, u, v [mm] and depth [m] of every object at tick time t_s."""
    b, n = m.jitter_s.shape
    # New arrays each time: a snapshot handed out earlier keeps what it showed.
    pos, present = np.empty((3, b, n)), np.empty((b, n), bool)
    u, v, depth = np.empty((b, n)), np.empty((b, n)), np.empty((b, n))
    k.observe(
        float(t_s), m.jitter_s, m.appear_s, m.leave_s, m.t_end_s, m.p0_m, m.v_mps,
        m.sin_obj, m.sin_axis, m.sin_amp_m, m.sin_omega, m.sin_phase, pos, present,
    )  # fmt: skip
    m.waypoint_positions(pos, t_s)
    k.project(pos, yaw_rad, pitch_rad, float(focal_mm), u, v, depth)
    return pos, present, u, v, depth
