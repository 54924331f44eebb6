"""bbf-sim: a practice simulator for back-button focus.

| package | what it holds |
|---|---|
| `bbf_sim.core` | the camera, autofocus, subjects, controls, simulator, scoring and bots (no pygame) |
| `bbf_sim.levels` | level files: schema, loading, validation |
| `bbf_sim.cli` | the `bbf-sim` command and its subcommands |
"""

__version__ = "0.1.0"
