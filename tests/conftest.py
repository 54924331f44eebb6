"""Test set-up: every test runs headless.

The SDL variables must be set before anything imports pygame, which is why they
live here at the top of conftest rather than in a fixture.
"""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
