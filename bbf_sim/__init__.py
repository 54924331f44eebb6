"""bbf-sim: a practice simulator for back-button focus.

| package | what it holds |
|---|---|
| `bbf_sim.core` | the camera, autofocus, subjects, controls, simulator, scoring and bots (no pygame) |
| `bbf_sim.levels` | level files: schema, loading, validation, the catalogue and progression |
| `bbf_sim.persistence` | history, settings and replay files in the data folder |
| `bbf_sim.practice` | the application's rules: a play kept, attempts compared, bests, stats, the daily plan |
| `bbf_sim.ui` | the window: app shell, input, text, audio, the viewfinder, and the screens (`ui.scenes`) |
| `bbf_sim.cli` | the `bbf-sim` command and its subcommands |

The shipped levels (`bbf_sim.levels.shipped`) and assets (`bbf_sim.assets`) live at the
top of the repository, in `levels/` and `assets/`.
"""

import os

# NumPy asks Linux for huge pages for arrays of 4 MB and more. Where the kernel must
# compact memory to find one, the first write into a new near-subject sprite stalls for
# about 6 ms (a dropped frame at 144 Hz); plain pages cost a steady ~1.5 ms per 4 MB,
# spread over the bands the sprite is made in. Read when NumPy is first imported, which
# this package does after; a value the user set is kept.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")


def __getattr__(name: str) -> str:
    """`bbf_sim.__version__`: pyproject.toml's version as the installed distribution carries it.

    Looked up on first use: importing importlib.metadata costs every command's start-up.
    """
    if name != "__version__":
        raise AttributeError(f"module 'bbf_sim' has no attribute {name!r}")
    from importlib import metadata

    try:
        return metadata.version("bbf-sim")
    except metadata.PackageNotFoundError:  # a source tree that was never installed
        return "0+unknown"
