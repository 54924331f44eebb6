"""numpy's `Generator.standard_normal` for a PCG64 stream, compiled: the same numbers, the same stream.

The bots draw their aim's kicks every tick (2,000 numbers for 1,000 rows); numpy's
`standard_normal` spends most of its time per number outside the arithmetic. Here the
stream's 64-bit words are taken in one `random_raw` call and turned into normals by
numpy's ziggurat (256 layers: a layer from the word's low byte, 99 % of draws accepted
at once, the rest by a wedge test with `exp` or the tail's `log1p`, each taking more
words), with the tables numba ships for its own copy of numpy's generator. A word is
drawn only when the ziggurat takes it, so the stream ends where numpy's would
(`tests/core/test_normals.py` compares millions of draws and the state after, bit for bit).
Imported only through `kernels.load()`.
"""

from __future__ import annotations

import numpy as np
from numba import njit
from numba.np.random._constants import fi_double, ki_double, wi_double, ziggurat_nor_inv_r, ziggurat_nor_r

_UNIT = 1.0 / 9007199254740992.0  # 2^-53: PCG64's next_double is its next word's top 53 bits times this


@njit(cache=True)
def normals_from_words(words, out, done):
    """Fill out[done:] from `words` in order; stop before a draw the words left cannot finish.

    Returns (normals now in `out`, words used by them): the words after those are the start of
    the next draw, which needs them and more.
    """
    n, used = out.shape[0], 0
    while done < n:
        p = used
        x = 0.0
        finished = False
        while not finished:  # one draw: numpy's random_standard_normal, its words taken from p on
            if p >= words.shape[0]:
                return done, used
            r = words[p]
            p += 1
            idx = r & 0xFF
            r >>= 8
            rabs = (r >> 1) & 0x000FFFFFFFFFFFFF
            x = rabs * wi_double[idx]
            if r & 0x1:
                x = -x
            if rabs < ki_double[idx]:
                finished = True
            elif idx == 0:  # the tail beyond the base layer
                while not finished:
                    if p + 2 > words.shape[0]:
                        return done, used
                    xx = -ziggurat_nor_inv_r * np.log1p(-((words[p] >> 11) * _UNIT))
                    yy = -np.log1p(-((words[p + 1] >> 11) * _UNIT))
                    p += 2
                    if yy + yy > xx * xx:
                        x = -(ziggurat_nor_r + xx) if (rabs >> 8) & 0x1 else ziggurat_nor_r + xx
                        finished = True
            else:  # the wedge: accepted under the density, else a new word
                if p >= words.shape[0]:
                    return done, used
                u = (words[p] >> 11) * _UNIT
                p += 1
                if (fi_double[idx - 1] - fi_double[idx]) * u + fi_double[idx] < np.exp(-0.5 * x * x):
                    finished = True
        out[done] = x
        done += 1
        used = p
    return done, used


def standard_normal(rng, shape: tuple) -> np.ndarray:
    """`rng.standard_normal(shape)`, compiled where the stream is a PCG64 (numpy's default).

    `rng` is a Generator or a `RowStreams` (each block's generator draws its whole block).
    Another bit generator's words make other doubles: numpy draws those.
    """
    if isinstance(rng, np.random.Generator):
        return _drawn(rng, shape)
    return rng.per_block(_drawn, shape)


def _drawn(generator: np.random.Generator, shape: tuple) -> np.ndarray:
    bits = generator.bit_generator
    if type(bits) is not np.random.PCG64:
        return generator.standard_normal(shape)
    out = np.empty(shape)
    flat = out.reshape(-1)
    n = flat.shape[0]
    words = bits.random_raw(n)  # each draw takes one word at least: none drawn beyond the stream's use
    done, used = normals_from_words(words, flat, 0)
    while done < n:  # a rare draw needed more words: it takes the rest of these and the next ones
        words = np.concatenate((words[used:], bits.random_raw(n - done)))
        done, used = normals_from_words(words, flat, done)
    return out
