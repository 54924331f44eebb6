"""The shipped curriculum: one TOML file per level, read with `bbf_sim.levels.loader`."""
