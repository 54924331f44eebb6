"""Sensor formats and their circles of confusion (standard library only, so `bbf-sim dof` starts fast)."""

from __future__ import annotations

import math
from collections import namedtuple


# A named tuple, not a dataclass: importing dataclasses costs `dof` a tenth of its start-up.
class SensorFormat(namedtuple("SensorFormat", "key name width_mm height_mm coc_mm")):
    """A sensor size and the circle of confusion that goes with it (immutable)."""

    __slots__ = ()
    key: str
    name: str
    width_mm: float
    height_mm: float
    coc_mm: float

    @property
    def crop_factor(self) -> float:
        """Diagonal relative to full frame: the focal-length multiplier for the 1/f rule."""
        return math.hypot(36.0, 24.0) / math.hypot(self.width_mm, self.height_mm)


SENSORS: dict[str, SensorFormat] = {
    "ff": SensorFormat("ff", "full frame", 36.0, 24.0, 0.030),
    "apsc": SensorFormat("apsc", "APS-C", 23.5, 15.6, 0.020),
    "mft": SensorFormat("mft", "Micro Four Thirds", 17.3, 13.0, 0.015),
}
