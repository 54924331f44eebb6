"""Random draws made per random row, the same for a row whatever rows are simulated with it.

The simulator and the bots draw their randomness per *row* (one scene and one person
per row), as arrays whose first axis is the row. With one numpy Generator for all
rows, a row's numbers depend on how many rows share the draw, so a comparison split
into chunks (or spread over processes) would not reproduce the unsplit one.

Here the rows are cut into fixed blocks of `block_rows`, each with its own Generator
(block 0 uses the seed's plain streams, so a comparison of at most one block draws
exactly what a single Generator draws). Every draw is made for whole blocks and the
rows asked for are taken from it: row r's numbers depend only on the seed, r, the
block size and the total number of rows, never on the chunk it is simulated in.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def seed_generators(seed: int) -> tuple[np.random.Generator, np.random.Generator]:
    """Independent streams for the scene and for the bot's human model, from one seed."""
    sim_seq, bot_seq = np.random.SeedSequence(seed).spawn(2)
    return np.random.Generator(np.random.PCG64(sim_seq)), np.random.Generator(np.random.PCG64(bot_seq))


def block_generators(seed: int, block: int) -> tuple[np.random.Generator, np.random.Generator]:
    """The scene and bot streams of one block of rows: block 0 is the seed's own pair."""
    if block == 0:
        return seed_generators(seed)
    # spawn_key (2, block) is a sibling of no stream `seed_generators` makes ((0,) and (1,)).
    sim_seq, bot_seq = np.random.SeedSequence(seed, spawn_key=(2, block)).spawn(2)
    return np.random.Generator(np.random.PCG64(sim_seq)), np.random.Generator(np.random.PCG64(bot_seq))


class RowStreams:
    """A Generator look-alike for rows [first, stop) of `total_rows`: every draw's first axis is those rows.

    Any Generator method works (`random`, `standard_normal`, `uniform`, `rayleigh`, …) as
    long as its size is given (last positional argument or `size=`) and starts with the
    number of rows; anything else is refused, since it could not be the same per row.
    """

    def __init__(self, generators: list[np.random.Generator], block_rows: int, total_rows: int, first: int, stop: int):
        self._gens = generators  # one per block touched, in block order
        self._block_rows = block_rows
        self._total = total_rows
        self._first, self._stop = first, stop
        self.n_rows = stop - first

    def __getattr__(self, name: str) -> Callable:
        getattr(self._gens[0], name)  # a name no Generator has is an AttributeError now, not at the draw

        def draw(*args, **kwargs):
            if "size" in kwargs:
                size = kwargs.pop("size")
            elif args:
                *args, size = args
            else:
                raise TypeError(f"RowStreams.{name} needs a size whose first axis is the rows")
            return self.per_block(lambda g, shape: getattr(g, name)(*args, size=shape, **kwargs), size)

        if not name.startswith("_"):
            setattr(self, name, draw)  # found directly from now on (the bots draw every tick)
        return draw

    def per_block(self, draw: Callable[[np.random.Generator, tuple], np.ndarray], size) -> np.ndarray:
        """`draw(generator, shape)` from each block's generator for its whole block, this chunk's rows kept.

        What every method above does; a compiled draw that takes the generator (the bots' kicks) calls it too.
        """
        shape = (size,) if isinstance(size, (int, np.integer)) else tuple(size)
        if not shape or shape[0] != self.n_rows:
            raise ValueError(f"draws are made per random row: size {shape} does not start with {self.n_rows}")
        parts = []
        first_block = self._first // self._block_rows
        for j, g in enumerate(self._gens):
            start = (first_block + j) * self._block_rows
            rows_here = min(self._block_rows, self._total - start)
            whole = draw(g, (rows_here, *shape[1:]))
            lo, hi = max(self._first, start) - start, min(self._stop, start + rows_here) - start
            parts.append(whole[lo:hi])
        return parts[0] if len(parts) == 1 else np.concatenate(parts)


def row_streams(
    seed: int, total_rows: int, first: int, stop: int, block_rows: int
) -> tuple[RowStreams | np.random.Generator, RowStreams | np.random.Generator]:
    """Scene and bot streams for rows [first, stop) of a run of `total_rows` rows.

    A run that fits in one block and covers it all gets the seed's plain Generators.
    """
    if first == 0 and stop == total_rows <= block_rows:
        return seed_generators(seed)
    blocks = range(first // block_rows, (stop - 1) // block_rows + 1)
    pairs = [block_generators(seed, k) for k in blocks]
    return (
        RowStreams([p[0] for p in pairs], block_rows, total_rows, first, stop),
        RowStreams([p[1] for p in pairs], block_rows, total_rows, first, stop),
    )
