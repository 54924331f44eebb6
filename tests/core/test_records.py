"""`records`: structured arrays copied, joined and gathered as bytes give numpy's own results."""

from __future__ import annotations

import numpy as np

from bbf_sim.core.controls import EVENT_DTYPE
from bbf_sim.core.records import concat_records, copy_records, take_records
from bbf_sim.core.scoring import FRAME_DTYPE


def _frames(n: int, start: int) -> np.ndarray:
    rng = np.random.default_rng(start)
    raw = rng.integers(0, 256, size=n * FRAME_DTYPE.itemsize, dtype=np.uint8)
    return raw.view(FRAME_DTYPE).copy()  # every byte arbitrary (NaNs and all)


def test_copy_is_the_same_bytes_in_new_memory():
    buf = _frames(50, 1)
    view = buf[10:30]
    out = copy_records(view)
    assert out.dtype == FRAME_DTYPE and out.shape == (20,)
    assert out.tobytes() == view.tobytes()
    buf[10:30] = buf[:20]  # the buffer reused, as the compiled path's is next tick
    assert out.tobytes() != view.tobytes()
    assert out.tobytes() == _frames(50, 1)[10:30].tobytes()


def test_concat_matches_numpy_and_handles_zero_and_one_part():
    a, b = _frames(7, 2), _frames(3, 3)
    joined = concat_records([a, b], FRAME_DTYPE)
    assert joined.dtype == FRAME_DTYPE
    assert joined.tobytes() == a.tobytes() + b.tobytes()
    one = concat_records([a], FRAME_DTYPE)
    assert one.tobytes() == a.tobytes() and not np.shares_memory(one, a)
    none = concat_records([], FRAME_DTYPE)
    assert none.dtype == FRAME_DTYPE and none.shape == (0,)


def test_take_by_index_and_mask_as_numpy():
    ev = np.zeros(6, EVENT_DTYPE)
    ev["trial"] = [5, 1, 4, 1, 0, 3]
    ev["t_s"] = [0.1, 0.3, 0.2, 0.05, 0.4, 0.0]
    ev["button"] = [1, 2, 3, 4, 5, 6]
    ev["pressed"] = [True, False, True, True, False, True]
    order = np.lexsort((ev["t_s"], ev["trial"]))
    assert take_records(ev, order).tobytes() == ev[order].tobytes()
    mask = ev["t_s"] < 0.25
    assert take_records(ev, mask).tobytes() == ev[mask].tobytes()
    assert take_records(ev, order).dtype == EVENT_DTYPE
