"""bbf-sim: a practice simulator for back-button focus.

| package | what it holds |
|---|---|
| `bbf_sim.core` | the camera, autofocus, subjects, controls, simulator, scoring and bots (no pygame) |
| `bbf_sim.levels` | level files: schema, loading, validation |
| `bbf_sim.cli` | the `bbf-sim` command and its subcommands |
"""

import os

# NumPy asks Linux for huge pages for arrays of 4 MB and more. Where the kernel must
# compact memory to find one, the first write into a new near-subject sprite stalls for
# about 6 ms (a dropped frame at 144 Hz); plain pages cost a steady ~1.5 ms per 4 MB,
# spread over the bands the sprite is made in. Read when NumPy is first imported, which
# this package does after; a value the user set is kept.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")

__version__ = "0.1.0"
