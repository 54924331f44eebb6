"""numpy's `Generator.standard_normal` for a PCG64 stream, compiled: the same numbers, the same stream.

The bots draw their aim's kicks every tick (2,000 numbers for 1,000 rows); numpy's
`standard_normal` spends most of its time per number outside the arithmetic. Here each
64-bit word comes from the stream's own `next_uint64` (called through the addresses its
`ctypes` interface gives, on its state in place) and is turned into a normal by numpy's
ziggurat (256 layers: a layer from the word's low byte, 99 % of draws accepted at once,
the rest by a wedge test with `exp` or the tail's `log1p`, each taking more words), with
the tables numba ships for its own copy of numpy's generator. The words are taken in
numpy's order, so the stream ends where numpy's would (`tests/core/test_normals.py`
compares millions of draws and the state after, bit for bit). Those tables are numba's
private copy and the algorithm numpy's own choice, so each process checks once that the
two still agree here (`_agrees_with_numpy`) and leaves the draws to numpy if not.
Imported only through `kernels.load()`.
"""

from __future__ import annotations

import ctypes
import math

import numpy as np
from llvmlite import ir
from numba import njit, types
from numba.core import cgutils
from numba.extending import intrinsic
from numba.np.random._constants import fi_double, ki_double, wi_double, ziggurat_nor_inv_r, ziggurat_nor_r

_UNIT = 1.0 / 9007199254740992.0  # 2^-53: PCG64's next_double is its next word's top 53 bits times this


@intrinsic
def _next_word(typingctx, next_uint64, state):
    """The stream's next 64-bit word: its own `next_uint64(state)`, called through the two addresses."""
    if not (isinstance(next_uint64, types.Integer) and isinstance(state, types.Integer)):
        return None

    def codegen(context, builder, signature, args):
        fn_type = ir.FunctionType(ir.IntType(64), [cgutils.voidptr_t])
        fn = builder.inttoptr(args[0], fn_type.as_pointer())
        return builder.call(fn, [builder.inttoptr(args[1], cgutils.voidptr_t)])

    return types.uint64(next_uint64, state), codegen


@njit(cache=True)
def normals(next_uint64, state, out):
    """Fill `out` with numpy's `random_standard_normal`, drawing each word from the stream as it does."""
    for i in range(out.shape[0]):
        while True:
            r = _next_word(next_uint64, state)
            idx = r & 0xFF
            r >>= 8
            rabs = (r >> 1) & 0x000FFFFFFFFFFFFF
            x = rabs * wi_double[idx]
            if r & 0x1:
                x = -x
            if rabs < ki_double[idx]:
                break
            if idx == 0:  # the tail beyond the base layer
                xx = -ziggurat_nor_inv_r * np.log1p(-((_next_word(next_uint64, state) >> 11) * _UNIT))
                yy = -np.log1p(-((_next_word(next_uint64, state) >> 11) * _UNIT))
                while not yy + yy > xx * xx:
                    xx = -ziggurat_nor_inv_r * np.log1p(-((_next_word(next_uint64, state) >> 11) * _UNIT))
                    yy = -np.log1p(-((_next_word(next_uint64, state) >> 11) * _UNIT))
                x = -(ziggurat_nor_r + xx) if (rabs >> 8) & 0x1 else ziggurat_nor_r + xx
                break
            # the wedge: accepted under the density, else a new word
            u = (_next_word(next_uint64, state) >> 11) * _UNIT
            if (fi_double[idx - 1] - fi_double[idx]) * u + fi_double[idx] < np.exp(-0.5 * x * x):
                break
        out[i] = x


def standard_normal(rng, shape: tuple) -> np.ndarray:
    """`rng.standard_normal(shape)`, compiled where the stream is a PCG64 (numpy's default).

    `rng` is a Generator or a `RowStreams` (each block's generator draws its whole block).
    Another bit generator's words make other doubles: numpy draws those.
    """
    draw = _drawn if _agrees_with_numpy() else _numpys
    if isinstance(rng, np.random.Generator):
        return draw(rng, shape)
    return rng.per_block(draw, shape)


def _numpys(generator: np.random.Generator, shape: tuple) -> np.ndarray:
    return generator.standard_normal(shape)


# Enough draws that some take the wedge's and the tail's branches (about 1 in 4,000 the tail).
_CHECK_DRAWS = 65_536
_agreement: bool | None = None  # whether `normals` gives numpy's numbers here; None: not yet checked


def _agrees_with_numpy() -> bool:
    """Whether `normals` draws numpy's numbers and leaves the stream where numpy does, with the
    numpy and numba installed here (checked once a process, before any draw)."""
    global _agreement
    if _agreement is None:
        ours, numpys = (np.random.Generator(np.random.PCG64(20261207)) for _ in range(2))
        c = ours.bit_generator.ctypes
        got = np.empty(_CHECK_DRAWS)
        normals(ctypes.cast(c.next_uint64, ctypes.c_void_p).value, c.state_address, got)
        want = numpys.standard_normal(_CHECK_DRAWS)
        _agreement = got.tobytes() == want.tobytes() and ours.bit_generator.state == numpys.bit_generator.state
    return _agreement


# By id: the bit generator (kept, so the id stays its own), its next_uint64's and its state's addresses.
_streams: dict[int, tuple] = {}


# Fewer numbers than this are left to numpy (the same numbers): the compiled call's set-up costs
# more than numpy's per-number work on so few.
_FEW = 64


def _drawn(generator: np.random.Generator, shape: tuple) -> np.ndarray:
    if math.prod(shape) < _FEW:
        return _numpys(generator, shape)
    bits = generator.bit_generator
    held = _streams.get(id(bits))
    if held is None or held[0] is not bits:
        if type(bits) is not np.random.PCG64:
            return _numpys(generator, shape)
        if len(_streams) > 16:  # a run's generators; older runs' are let go
            _streams.clear()
        c = bits.ctypes
        held = _streams[id(bits)] = (bits, ctypes.cast(c.next_uint64, ctypes.c_void_p).value, c.state_address)
    out = np.empty(shape)
    with bits.lock:  # as numpy's own draws hold it
        normals(held[1], held[2], out.reshape(-1))
    return out


def warm_up() -> None:
    """Compile (or load from the cache) `normals`: a comparison's first draws of 64 numbers or more
    would otherwise load it in each worker, after the fork."""
    standard_normal(np.random.Generator(np.random.PCG64(0)), (_FEW,))
