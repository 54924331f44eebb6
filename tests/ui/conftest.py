"""Fixtures shared by the window tests."""

import pygame
import pytest


@pytest.fixture
def small_display():
    """A display mode set (surfaces can be converted to it) for tests that draw without an App."""
    pygame.init()
    pygame.display.set_mode((64, 64))
    yield
    pygame.quit()
