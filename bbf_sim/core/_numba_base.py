"""Helpers shared by the numba kernels: numpy's float min and max, NaN and all; bitwise float
equality; a sine term added on its axis."""

from __future__ import annotations

import math

from numba import njit


@njit(cache=True)
def _max(a, b):
    """np.maximum for floats: NaN in either kept, b when equal (numpy's choice between -0.0 and 0.0)."""
    return a if (a > b or a != a) else b


@njit(cache=True)
def _min(a, b):
    """np.minimum for floats: NaN in either kept, b when equal (numpy's choice between -0.0 and 0.0)."""
    return a if (a < b or a != a) else b


@njit(cache=True)
def _same(a, b):
    """a and b are the same float, bit for bit (the sign of a zero too; NaN never)."""
    return a == b and math.copysign(1.0, a) == math.copysign(1.0, b)


@njit(cache=True, inline="always")
def _on_axis(axis, term, x, y, z):
    """x, y, z with `term` added to coordinate number `axis` (0, 1 or 2): a sine term of `Motion`."""
    if axis == 0:
        return x + term, y, z
    if axis == 1:
        return x, y + term, z
    return x, y, z + term
