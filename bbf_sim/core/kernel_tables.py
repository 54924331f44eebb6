"""Tables of arrays for the compiled kernels: one argument for many arrays that live as long as a run.

numba unboxes each array argument at every call (see `_numba_table`); `pin` lists a
run's long-lived arrays once, as rows of (address, shape), for a kernel to rebuild them
from. The table holds no reference: the caller keeps it beside the arrays it lists, and
makes a new one whenever an array is replaced. numpy only, so it imports without numba.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

MAX_DIMS = 3  # the most dimensions an accessor of `_numba_table` reads


def code_of(a: np.ndarray) -> str:
    """The accessor of `_numba_table` that reads `a`: dtype kind and size, then dimensions (`f8_2`)."""
    return f"{a.dtype.kind}{a.dtype.itemsize}_{a.ndim}"


def pin(arrays: Sequence[Any], codes: str) -> np.ndarray:
    """The table of `arrays` (int64 rows: address, then each dimension's length) for a kernel
    reading them with the accessors named in `codes` (space-separated, in order).

    Each array must be what its accessor reads (dtype and dimensions), C-contiguous and
    writeable: the kernel indexes it as a dense block and may write to it. Anything else is
    refused here rather than read wrongly there.
    """
    wanted = codes.split()
    if len(wanted) != len(arrays):
        raise ValueError(f"{len(arrays)} arrays for {len(wanted)} accessors")
    table = np.zeros((len(arrays), 1 + MAX_DIMS), np.int64)
    for row, (a, code) in enumerate(zip(arrays, wanted, strict=True)):
        if not isinstance(a, np.ndarray) or code_of(a) != code:
            raise TypeError(f"array {row}: {code_of(a) if isinstance(a, np.ndarray) else type(a)} is not {code}")
        if not (a.flags.c_contiguous and a.flags.writeable and a.flags.aligned):
            raise ValueError(f"array {row}: not a writeable, aligned, C-contiguous block")
        table[row, 0] = a.ctypes.data
        table[row, 1 : 1 + a.ndim] = a.shape
    return table
