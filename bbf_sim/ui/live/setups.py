"""What a play session is handed and what it hands on: data, not screens.

`PlaySetup` is built by whatever starts a level (camera set-up, results' "again", the
CLI, the set-up drill's test) and `PlayResult` is what a finished or abandoned attempt
gives review and results. They live here so the screens that build or read them need
not import the play screen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bbf_sim.core.controls import ModeLike
from bbf_sim.core.scoring import AttemptSummary
from bbf_sim.ui.finder.photos import Photo

if TYPE_CHECKING:
    from bbf_sim.core.sensors import SensorFormat
    from bbf_sim.levels.schema import Level
    from bbf_sim.ui.app import Scene


@dataclass(frozen=True)
class PlaySetup:
    """Everything a play session needs; a menu builds one of these."""

    level: Level  # the level file as written (`played_level`: as this round plays it)
    mode: ModeLike = "shutter"  # or a Mapping: the set-up drill's result, right or wrong
    seed: int = 0
    demo: bool = False
    level_path: Path | None = None
    start_paused: bool = True  # show the briefing until the player starts
    attract: bool = False  # demo loop: review and results move on by themselves
    af_mode: str | None = None  # "af-s" / "af-c" chosen on the camera set-up screen; None: the level's own
    # An endless drill's round (`scenes.endless`): its step from the file as written, and its number.
    endless_step: int = 0
    endless_round: int = 1
    # Set when this play is the scene just played (same level, round and seed) in the other mapping:
    # that mapping ("shutter" / "bbf"), so the results can say it is the same scene.
    same_scene_as: str | None = None
    # Where results go back to (a callable returning a scene, e.g. the level select); None: quit.
    back: Callable[[], Scene] | None = field(default=None, compare=False, repr=False)

    @cached_property
    def played_level(self) -> Level:
        """The level as played: the file's level at the endless round's step, with the chosen AF mode."""
        from bbf_sim.levels.adaptive import level_as_played

        return level_as_played(self.level, self.af_mode, self.endless_step)


@dataclass
class PlayResult:
    """What a finished (or abandoned) attempt hands to review and results."""

    setup: PlaySetup
    frames: np.ndarray
    photos: list[Photo]
    summary: AttemptSummary
    object_names: list[str]
    exposure_s: float
    sensor: SensorFormat
    ended_early: bool = False
    stats: dict = field(default_factory=dict)
    attempt_id: int | None = None  # the attempt's id in history, once recorded
    record_note: str = ""  # why the attempt was not recorded, or where it went
