"""The level file format, as strict pydantic models.

A level is a TOML file in `levels/`; `docs/levels.md` documents every key. These
models are the single definition of what a level may say: unknown keys are refused,
every number has its unit in its name and a range, and an error carries the exact
key path (`objects[1].path.velocity_mps`). The simulator reads these models; it
never sees raw TOML.

Coordinates: x to the right, y up, z forward from the camera [m].
"""

from __future__ import annotations

import math
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Vec3 = tuple[float, float, float]
PositiveS = Annotated[float, Field(gt=0)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _z_forward(v: Vec3) -> Vec3:
    if v[2] <= 0:
        raise ValueError(f"z (the distance in front of the camera) must be > 0, got {v[2]}")
    return v


# --- paths: how an object moves -------------------------------------------------------------


class StillPath(Strict):
    kind: Literal["still"]
    at_m: Vec3

    _z = field_validator("at_m")(_z_forward)


class LinearPath(Strict):
    kind: Literal["linear"]
    from_m: Vec3
    velocity_mps: Vec3

    _z = field_validator("from_m")(_z_forward)


class ApproachingPath(Strict):
    """Straight towards the camera at a steady speed until `stop_m` away."""

    kind: Literal["approaching"]
    from_m: Vec3
    speed_mps: Annotated[float, Field(gt=0, le=100)]
    stop_m: Annotated[float, Field(gt=0)] = 1.0

    _z = field_validator("from_m")(_z_forward)


class WeavePath(Strict):
    """Steady motion plus a sideways sine weave (a runner changing lanes, a swaying flower)."""

    kind: Literal["weave"]
    from_m: Vec3
    velocity_mps: Vec3 = (0.0, 0.0, 0.0)
    amplitude_m: Vec3
    period_s: Annotated[float, Field(gt=0)]

    _z = field_validator("from_m")(_z_forward)


class FlightPath(Strict):
    """A bird: steady flight with wing-beat bobbing up and down."""

    kind: Literal["flight"]
    from_m: Vec3
    velocity_mps: Vec3
    bob_m: Annotated[float, Field(ge=0, le=5)] = 0.3
    bob_period_s: Annotated[float, Field(gt=0)] = 0.8

    _z = field_validator("from_m")(_z_forward)


class ErraticPath(Strict):
    """A child at play: smooth random wandering about a centre, new every trial."""

    kind: Literal["erratic"]
    centre_m: Vec3
    range_m: Vec3
    speed_mps: Annotated[float, Field(gt=0, le=30)]

    _z = field_validator("centre_m")(_z_forward)

    @field_validator("range_m")
    @classmethod
    def _range_positive(cls, v: Vec3) -> Vec3:
        if min(v) < 0:
            raise ValueError(f"every range must be ≥ 0, got {list(v)}")
        return v


class WaypointsPath(Strict):
    """Straight lines between timed points [t_s, x_m, y_m, z_m]; holds still after the last."""

    kind: Literal["waypoints"]
    points: list[tuple[float, float, float, float]] = Field(min_length=2)

    @field_validator("points")
    @classmethod
    def _ordered(cls, pts):
        times = [p[0] for p in pts]
        if any(b <= a for a, b in zip(times, times[1:], strict=False)):
            raise ValueError("point times must increase")
        if any(p[3] <= 0 for p in pts):
            raise ValueError("every point's z must be > 0")
        return pts


Path = Annotated[
    StillPath | LinearPath | ApproachingPath | WeavePath | FlightPath | ErraticPath | WaypointsPath,
    Field(discriminator="kind"),
]

Shape = Literal[
    "face",
    "person",
    "runner",
    "bird",
    "animal",
    "flower",
    "insect",
    "branch",
    "post",
    "ball",
    "card",
    "child",
    "performer",
    "edge",
]


class SceneObject(Strict):
    name: str = Field(min_length=1, max_length=40)
    role: Literal["target", "subject", "obstacle"] = "subject"
    shape: Shape = "person"
    colour: str = Field(default="#b08060", pattern=r"^#[0-9a-fA-F]{6}$")
    width_m: Annotated[float, Field(gt=0, le=50)]
    height_m: Annotated[float, Field(gt=0, le=50)]
    contrast: Annotated[float, Field(ge=0, le=1)] = 0.7
    appear_s: Annotated[float, Field(ge=0)] = 0.0
    leave_s: Annotated[float, Field(gt=0)] = math.inf
    jitter_s: Annotated[float, Field(ge=0, le=60)] = 0.0
    path: Path

    @model_validator(mode="after")
    def _window(self):
        if self.leave_s <= self.appear_s:
            raise ValueError(f"leave_s ({self.leave_s}) must be after appear_s ({self.appear_s})")
        return self


class Camera(Strict):
    sensor: Literal["ff", "apsc", "mft"] = "ff"
    focal_mm: Annotated[float, Field(ge=8, le=1200)]
    aperture: Annotated[float, Field(ge=0.95, le=64)]
    exposure_s: Annotated[float, Field(gt=0, le=30)]
    iso: Annotated[int, Field(ge=50, le=409600)] = 400
    stabilisation_stops: Annotated[float, Field(ge=0, le=8)] = 0.0
    support: Literal["handheld", "tripod"] = "handheld"
    drive: Literal["single", "burst"] = "single"
    burst_fps: Annotated[float, Field(gt=0, le=60)] = 8.0
    shutter_lag_s: Annotated[float, Field(ge=0, le=0.5)] = 0.055
    frames_left: Annotated[int, Field(ge=1, le=100000)] = 999


class Lens(Strict):
    min_focus_m: Annotated[float, Field(gt=0, le=20)]
    full_travel_s: Annotated[float, Field(gt=0, le=5)] = 0.5
    start_focus_m: Annotated[float, Field(gt=0)] = math.inf


class Autofocus(Strict):
    mode: Literal["af-s", "af-c"] = "af-s"
    area: Literal["single", "zone"] = "single"
    priority: Literal["focus", "release"] | None = None
    grid: tuple[Annotated[int, Field(ge=1, le=31)], Annotated[int, Field(ge=1, le=21)]] = (9, 5)
    point: tuple[int, int] | None = None
    detect_latency_s: Annotated[float, Field(ge=0, le=1)] = 0.04
    lock_on_s: Annotated[float, Field(ge=0, le=3)] = 0.5
    min_contrast: Annotated[float, Field(gt=0, le=1)] = 0.2
    min_light_ev: Annotated[float, Field(ge=-10, le=10)] = -3.0

    @property
    def effective_priority(self) -> str:
        """AF-S defaults to focus priority, AF-C to release priority, as bodies ship."""
        if self.priority is not None:
            return self.priority
        return "focus" if self.mode == "af-s" else "release"

    @property
    def start_point(self) -> tuple[int, int]:
        return self.point if self.point is not None else (self.grid[0] // 2, self.grid[1] // 2)

    @model_validator(mode="after")
    def _point_on_grid(self):
        if self.point is not None:
            c, r = self.point
            if not (0 <= c < self.grid[0] and 0 <= r < self.grid[1]):
                raise ValueError(f"point {list(self.point)} is off the {self.grid[0]}×{self.grid[1]} grid")
        return self


class Scene(Strict):
    light_ev: Annotated[float, Field(ge=-10, le=20)] = 12.0
    background_m: Annotated[float, Field(gt=0)] = 50.0
    background_contrast: Annotated[float, Field(ge=0, le=1)] = 0.5
    background_colour: str = Field(default="#6a8a5a", pattern=r"^#[0-9a-fA-F]{6}$")
    sky_colour: str = Field(default="#a8c4e0", pattern=r"^#[0-9a-fA-F]{6}$")


class Goal(Strict):
    keepers: Annotated[int, Field(ge=0, le=10000)] = 1
    moments: list[tuple[float, float]] = []

    @field_validator("moments")
    @classmethod
    def _moments_ordered(cls, ms):
        for a, b in ms:
            if not 0 <= a < b:
                raise ValueError(f"a moment must be [start_s, end_s] with 0 ≤ start < end, got {[a, b]}")
        return ms


class Bot(Strict):
    """The textbook technique a bot plays this level with (the same intent in both mappings)."""

    technique: Literal["still", "recompose", "track"]
    frames: Annotated[int, Field(ge=1, le=1000)] = 3
    interval_s: Annotated[float, Field(gt=0, le=60)] = 1.0
    recompose_to: tuple[float, float] = (0.0, 0.0)
    recompose_move_s: Annotated[float, Field(gt=0, le=5)] = 0.4
    bursts_at_s: list[float] = []
    burst_s: Annotated[float, Field(gt=0, le=30)] = 0.5
    prefocus_s: Annotated[float, Field(ge=0, le=5)] = 0.35


class Level(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    title: str = Field(min_length=1, max_length=80)
    scenario: Literal[
        "reflex",
        "portrait",
        "trap",
        "bird",
        "sports",
        "children",
        "landscape",
        "macro",
        "lowlight",
        "event",
        "wildlife",
        "control",
    ]
    difficulty: Annotated[int, Field(ge=1, le=5)] = 1
    duration_s: Annotated[float, Field(gt=0, le=600)]
    briefing: str = Field(min_length=1)
    camera: Camera
    lens: Lens
    af: Autofocus = Autofocus()
    scene: Scene = Scene()
    objects: list[SceneObject] = Field(min_length=1, max_length=64)
    goal: Goal = Goal()
    bot: Bot

    @model_validator(mode="after")
    def _has_target(self):
        if not any(o.role == "target" for o in self.objects):
            raise ValueError('at least one object needs role = "target"')
        names = [o.name for o in self.objects]
        if len(set(names)) != len(names):
            raise ValueError("object names must be unique")
        if self.lens.min_focus_m * 1000 <= self.camera.focal_mm:
            raise ValueError("lens.min_focus_m must be longer than the focal length")
        return self
