"""Arrays handed to a kernel as one table of addresses instead of one argument each.

numba's dispatcher unboxes every array argument at every call (a type lookup, a
reference count and a small allocation each); a kernel that takes forty
arrays every tick pays that forty times. The arrays that live as long as a run are
listed once in a table (`kernel_tables.pin`: one row per array, its address and
shape), and the kernels rebuild them from it here at no cost. The accessor's name
says the dtype and the number of dimensions it reads (`f8_2`: float64, 2-D), as
`pin`'s codes do. Imported only through `kernels.load()`.
"""

from __future__ import annotations

import numpy as np
from numba import carray, njit, types
from numba.core import cgutils
from numba.extending import intrinsic


@intrinsic
def _pointer(typingctx, address):
    """The integer `address` as a pointer (what `carray` reads from)."""
    if not isinstance(address, types.Integer):
        return None

    def codegen(context, builder, signature, args):
        return builder.inttoptr(args[0], cgutils.voidptr_t)

    return types.voidptr(address), codegen


@njit(cache=True, inline="always")
def f8_1(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1],), np.float64)


@njit(cache=True, inline="always")
def f8_2(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1], table[i, 2]), np.float64)


@njit(cache=True, inline="always")
def f8_3(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1], table[i, 2], table[i, 3]), np.float64)


@njit(cache=True, inline="always")
def i8_1(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1],), np.int64)


@njit(cache=True, inline="always")
def i8_2(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1], table[i, 2]), np.int64)


@njit(cache=True, inline="always")
def i4_1(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1],), np.int32)


@njit(cache=True, inline="always")
def i4_2(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1], table[i, 2]), np.int32)


@njit(cache=True, inline="always")
def i2_1(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1],), np.int16)


@njit(cache=True, inline="always")
def i2_2(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1], table[i, 2]), np.int16)


@njit(cache=True, inline="always")
def i1_1(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1],), np.int8)


@njit(cache=True, inline="always")
def b1_1(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1],), np.bool_)


@njit(cache=True, inline="always")
def b1_2(table, i):
    return carray(_pointer(table[i, 0]), (table[i, 1], table[i, 2]), np.bool_)
