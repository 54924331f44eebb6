"""Copies of structured arrays (records) as plain bytes.

numpy copies, joins and gathers a packed structured array field by field, through a
transfer function set up for each call (a cost even for no rows at all); the same rows seen as
opaque items of the same size move as one block of bytes, with the same bits.
"""

from __future__ import annotations

import numpy as np

_OPAQUE: dict[int, np.dtype] = {}  # np.void dtypes by item size: making one costs more than the view


def _items(a: np.ndarray) -> np.ndarray:
    """`a`'s rows as opaque items of its item size (a view: the same memory)."""
    size = a.dtype.itemsize
    opaque = _OPAQUE.get(size)
    if opaque is None:
        opaque = _OPAQUE[size] = np.dtype((np.void, size))
    return a.view(opaque)


def copy_records(a: np.ndarray) -> np.ndarray:
    """A copy of the structured array `a`, byte for byte."""
    return _items(a).copy().view(a.dtype)


def concat_records(parts: list[np.ndarray], dtype: np.dtype) -> np.ndarray:
    """The structured arrays `parts` (of `dtype`) end to end in a new array, byte for byte."""
    if len(parts) < 2:
        return copy_records(parts[0]) if parts else np.empty(0, dtype)
    return np.concatenate([_items(p) for p in parts]).view(dtype)


def take_records(a: np.ndarray, index: np.ndarray) -> np.ndarray:
    """The rows `index` (integers or a mask) of the structured array `a`, byte for byte."""
    return _items(a)[index].view(a.dtype)
