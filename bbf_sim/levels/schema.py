"""The level file format, as strict pydantic models.

A level is a TOML file (the shipped ones in the repository's `levels/`); `docs/levels.md` documents every key. These
models are the single definition of what a level may say: unknown keys are refused,
every number has its unit in its name and a range, and an error carries the exact
key path (`objects[1].path.velocity_mps`). The simulator reads these models; it
never sees raw TOML.

Coordinates: x to the right, y up, z forward from the camera [m].

Assets (`scene.background_image`) are checked against the level file's folder when
the loader passes it in the validation context (`{"level_dir": Path}`): the file must
exist and must not lie outside that folder, and the scene keeps the resolved absolute
path for the renderer (`Scene.background_image_path`, a private attribute: not a key,
not dumped, so neither what a file may say nor anything the simulator computes changes).
Without a context only the path's form is checked (relative, no `..` that climbs out).
"""

from __future__ import annotations

import math
import pathlib
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationInfo, field_validator, model_validator

from bbf_sim.levels.assets import check_asset_path, resolve_asset_path
from bbf_sim.levels.lessons import LESSON_OF_TECHNIQUE

# A world coordinate [m]. Bounded (which also refuses nan and inf, both legal TOML) so that
# a typo cannot put a subject where the simulator's arithmetic overflows.
Coord = Annotated[float, Field(ge=-1e6, le=1e6)]
Vec3 = tuple[Coord, Coord, Coord]
FiniteS = Annotated[float, Field(ge=0, le=3600)]  # a time in a level [s]
# Lower bounds on durations and sizes keep every reciprocal the simulator and the renderer
# take (a speed from a travel time, a pixel size from a distance) a number they can draw:
# 1e-308 is legal TOML, and its reciprocal overflows to infinity.
ShortS = Annotated[float, Field(ge=0.01, le=3600)]  # a movement or period [s]
Distance = Annotated[float, Field(ge=0.01, le=1e6)]  # a distance from the camera [m]
# Text shown on screen or in a terminal: no control characters (a NUL stops the font
# renderer, an escape sequence rewrites the terminal). `Prose` may break lines.
NO_CONTROL_PATTERN = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
PROSE_PATTERN = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]*$"


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
    stop_m: Distance = 1.0

    _z = field_validator("from_m")(_z_forward)


class WeavePath(Strict):
    """Steady motion plus a sideways sine weave (a runner changing lanes, a swaying flower)."""

    kind: Literal["weave"]
    from_m: Vec3
    velocity_mps: Vec3 = (0.0, 0.0, 0.0)
    amplitude_m: Vec3
    period_s: ShortS

    _z = field_validator("from_m")(_z_forward)


class FlightPath(Strict):
    """A bird: steady flight with wing-beat bobbing up and down."""

    kind: Literal["flight"]
    from_m: Vec3
    velocity_mps: Vec3
    bob_m: Annotated[float, Field(ge=0, le=5)] = 0.3
    bob_period_s: ShortS = 0.8

    _z = field_validator("from_m")(_z_forward)


class ErraticPath(Strict):
    """A child at play: smooth random wandering about a centre, new every trial."""

    kind: Literal["erratic"]
    centre_m: Vec3
    range_m: Vec3  # how far it wanders from the centre on each axis [m]; under 1 µm: not at all
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
    points: list[tuple[FiniteS, Coord, Coord, Coord]] = Field(min_length=2, max_length=1000)

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
    name: str = Field(min_length=1, max_length=40, pattern=NO_CONTROL_PATTERN)
    role: Literal["target", "subject", "obstacle"] = "subject"
    shape: Shape = "person"
    colour: str = Field(default="#b08060", pattern=r"^#[0-9a-fA-F]{6}$")
    width_m: Annotated[float, Field(ge=0.001, le=50)]
    height_m: Annotated[float, Field(ge=0.001, le=50)]
    contrast: Annotated[float, Field(ge=0, le=1)] = 0.7
    appear_s: Annotated[float, Field(ge=0, le=3600)] = 0.0
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
    exposure_s: Annotated[float, Field(ge=1 / 64000, le=30)]  # 1/64000 s: the fastest electronic shutters
    iso: Annotated[int, Field(ge=50, le=409600)] = 400
    stabilisation_stops: Annotated[float, Field(ge=0, le=8)] = 0.0
    support: Literal["handheld", "tripod"] = "handheld"
    drive: Literal["single", "burst"] = "single"
    burst_fps: Annotated[float, Field(ge=0.1, le=60)] = 8.0
    shutter_lag_s: Annotated[float, Field(ge=0, le=0.5)] = 0.055
    frames_left: Annotated[int, Field(ge=1, le=100000)] = 999


class Lens(Strict):
    min_focus_m: Annotated[float, Field(ge=0.01, le=20)]
    full_travel_s: Annotated[float, Field(ge=0.01, le=5)] = 0.5
    start_focus_m: Annotated[float, Field(ge=0.01)] = math.inf  # inf: the lens starts at infinity


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


LightEv = Annotated[float, Field(ge=-10, le=20)]  # a scene's light: exposure value at ISO 100


class LightChange(Strict):
    """From `at_s` the light goes to `light_ev`, evenly in EV over `ramp_s` (0: at once)."""

    at_s: FiniteS
    light_ev: LightEv
    ramp_s: Annotated[float, Field(ge=0, le=600)] = 0.0


class Scene(Strict):
    light_ev: LightEv = 12.0
    # Changes of the light during the round, in time order (none: the light stays at light_ev).
    light_changes: list[LightChange] = Field(default=[], max_length=100)
    background_m: Annotated[float, Field(ge=0.05, le=1e6)] = 50.0
    background_contrast: Annotated[float, Field(ge=0, le=1)] = 0.5
    background_colour: str = Field(default="#6a8a5a", pattern=r"^#[0-9a-fA-F]{6}$")
    sky_colour: str = Field(default="#a8c4e0", pattern=r"^#[0-9a-fA-F]{6}$")
    # An image drawn behind the scene, relative to the level file (it must stay in its folder).
    background_image: str | None = Field(default=None, min_length=1, max_length=200, pattern=NO_CONTROL_PATTERN)
    # Where that image is on disk, resolved against the level's folder when the loader passed it.
    _background_image_path: pathlib.Path | None = PrivateAttr(default=None)

    @field_validator("light_changes")
    @classmethod
    def _changes_in_order(cls, changes: list[LightChange]) -> list[LightChange]:
        for i in range(1, len(changes)):
            before, change = changes[i - 1], changes[i]
            ends_s = before.at_s + before.ramp_s
            if change.at_s < ends_s:
                raise ValueError(
                    f"change {i} starts at {change.at_s} s, before change {i - 1} has finished "
                    f"({before.at_s} s + ramp {before.ramp_s} s = {ends_s:g} s): list them in time order, "
                    "one ramp after another"
                )
        return changes

    @field_validator("background_image")
    @classmethod
    def _asset_in_level_folder(cls, v: str | None, info: ValidationInfo) -> str | None:
        if v is None:
            return v
        return check_asset_path(v, (info.context or {}).get("level_dir"))

    @model_validator(mode="after")
    def _resolve_image(self, info: ValidationInfo):
        level_dir = (info.context or {}).get("level_dir")
        if self.background_image is not None and level_dir is not None:
            self._background_image_path = resolve_asset_path(self.background_image, level_dir)
        return self

    @property
    def background_image_path(self) -> pathlib.Path | None:
        """The background image's absolute path; None without one, or when the level was
        validated without its folder (`parse_level` without `level_dir`)."""
        return self._background_image_path


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


FrameShare = Annotated[float, Field(ge=-0.5, le=0.5)]  # a position in the frame, as a share of its size
TECHNIQUES_WITH_TIMES = ("track", "trap", "hyperfocal")  # techniques that shoot at `bursts_at_s`


class Bot(Strict):
    """The textbook technique a bot plays this level with (the same intent in both mappings).

    `docs/levels.md` says what each technique does and which keys it reads.
    """

    technique: Literal["still", "recompose", "track", "reflex", "trap", "hyperfocal", "hunt"]
    frames: Annotated[int, Field(ge=1, le=1000)] = 3
    interval_s: Annotated[float, Field(ge=0.01, le=60)] = 1.0
    recompose_to: tuple[FrameShare, FrameShare] = (0.0, 0.0)
    recompose_move_s: Annotated[float, Field(ge=0.01, le=5)] = 0.4
    bursts_at_s: list[FiniteS] = Field(default=[], max_length=1000)
    burst_s: Annotated[float, Field(ge=0.01, le=30)] = 0.5
    prefocus_s: Annotated[float, Field(ge=0, le=5)] = 0.35
    # Where the bot puts the AF point first (trap: the spot's marker; hyperfocal: the marker at
    # the hyperfocal distance; hunt: the contrasty edge) and what it frames after letting go.
    focus_on: str | None = Field(default=None, min_length=1, max_length=40, pattern=NO_CONTROL_PATTERN)
    compose_on: str | None = Field(default=None, min_length=1, max_length=40, pattern=NO_CONTROL_PATTERN)
    aim_move_s: Annotated[float, Field(ge=0.01, le=5)] = 0.3
    # Joystick presses at the start, to put the AF point where the drill wants it.
    point_moves: list[Literal["left", "right", "up", "down", "centre"]] = Field(default=[], max_length=40)


class Endless(Strict):
    """An endless drill: after each round the level gets harder or easier (`levels.adaptive`)."""

    speed_step: Annotated[float, Field(gt=1, le=2)] = 1.15  # subjects' speed factor per step harder
    aperture_step_stops: Annotated[float, Field(ge=0, le=2)] = 1 / 3  # the aperture opens this much per step
    widest_aperture: Annotated[float, Field(ge=0.95, le=64)] = 1.4  # the lens's widest f-number
    clean_hit_rate: Annotated[float, Field(gt=0, le=1)] = 0.9  # at or above: one step harder
    miss_hit_rate: Annotated[float, Field(ge=0, lt=1)] = 0.5  # below: one step easier
    min_step: Annotated[int, Field(ge=-20, le=0)] = -3
    max_step: Annotated[int, Field(ge=0, le=40)] = 12

    @model_validator(mode="after")
    def _thresholds(self):
        if self.miss_hit_rate >= self.clean_hit_rate:
            raise ValueError(
                f"miss_hit_rate ({self.miss_hit_rate}) must be below clean_hit_rate ({self.clean_hit_rate})"
            )
        return self


Lesson = Literal[
    "focus-then-shoot",
    "focus-and-recompose",
    "tracking",
    "af-on-reflex",
    "trap-focus",
    "hyperfocal",
    "focus-on-a-stand-in",
]


class Level(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)
    title: str = Field(min_length=1, max_length=80, pattern=NO_CONTROL_PATTERN)
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
    briefing: str = Field(min_length=1, max_length=4000, pattern=PROSE_PATTERN)  # line breaks and tabs allowed
    camera: Camera
    lens: Lens
    af: Autofocus = Autofocus()
    scene: Scene = Scene()
    objects: list[SceneObject] = Field(min_length=1, max_length=64)
    goal: Goal = Goal()
    bot: Bot
    endless: Endless | None = None
    # The technique the level teaches (`bbf_sim.core.lessons`); habits and advice are judged
    # against it. Without one, the lesson of `bot.technique` (what the level has always meant).
    lesson: Lesson | None = None

    @property
    def taught_lesson(self) -> str:
        """The declared lesson, or the one `bot.technique` implies."""
        return self.lesson if self.lesson is not None else LESSON_OF_TECHNIQUE[self.bot.technique]

    @model_validator(mode="after")
    def _has_target(self):
        if not any(o.role == "target" for o in self.objects):
            raise ValueError('at least one object needs role = "target"')
        names = [o.name for o in self.objects]
        if len(set(names)) != len(names):
            raise ValueError("object names must be unique")
        if self.lens.min_focus_m * 1000 <= self.camera.focal_mm:
            raise ValueError("lens.min_focus_m must be longer than the focal length")
        for key in ("focus_on", "compose_on"):
            name = getattr(self.bot, key)
            if name is not None and name not in names:
                raise ValueError(f"bot.{key}: no object is named {name!r} (objects: {', '.join(names)})")
        late = [t for t in self.bot.bursts_at_s if t >= self.duration_s]
        if late:
            raise ValueError(f"bot.bursts_at_s: {late[0]} is not before the level ends (duration_s {self.duration_s})")
        if self.bot.technique in TECHNIQUES_WITH_TIMES and not self.bot.bursts_at_s:
            raise ValueError(f'bot.bursts_at_s: technique "{self.bot.technique}" needs at least one time to shoot')
        for i, change in enumerate(self.scene.light_changes):
            if change.at_s >= self.duration_s:
                raise ValueError(
                    f"scene.light_changes[{i}].at_s: {change.at_s} is not before the level ends "
                    f"(duration_s {self.duration_s})"
                )
        for a, b in self.goal.moments:
            if b > self.duration_s:
                raise ValueError(f"goal.moments: [{a}, {b}] ends after the level (duration_s {self.duration_s})")
        return self

    @property
    def target_names(self) -> list[str]:
        return [o.name for o in self.objects if o.role == "target"]
