"""The names of the bots' technique profiles (no imports: the CLI lists them without loading the models).

`core.human.PROFILES` holds the model of each; `compare --profile` offers these names.
"""

PROFILE_NAMES = ("careful", "everyday", "novice")
