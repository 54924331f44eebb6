"""Test set-up: every test runs headless.

The SDL variables must be set before anything imports pygame, which is why they
live here at the top of conftest rather than in a fixture.
"""

import os

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Commands' kept outputs (`cli.output_memo`) off: a test that patches the code must see it run.
# tests/cli/test_output_memo.py turns them on in a folder of its own.
os.environ["BBF_SIM_CACHE_DIR"] = ""
