"""`python -m bbf_sim` runs the same command line as `bbf-sim`."""

from bbf_sim.cli import main

raise SystemExit(main())
