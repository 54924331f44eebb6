"""Helpers shared by the numba kernels: numpy's float min and max, NaN and all."""

from __future__ import annotations

from numba import njit


@njit(cache=True)
def _max(a, b):
    """np.maximum for floats: NaN in a kept, a when equal."""
    return a if (a >= b or a != a) else b


@njit(cache=True)
def _min(a, b):
    """np.minimum for floats: NaN in a kept, a when equal."""
    return a if (a <= b or a != a) else b
