"""The AF-ON set-up drill: a simulated camera menu, driven like a real body's.

A pure state machine. The player (or a bot) sends the semantic inputs a camera's
dial and joystick give, each with its own timestamp [s]; the drill answers with
what the screen should show, as plain data, and keeps the score.

| input | in a list of items | in a setting's option list | menu closed |
|---|---|---|---|
| `up` / `down` | move the cursor (wraps) | move the option cursor (wraps) | nothing |
| `right` / `ok` | enter the submenu, or open the setting | `ok` picks the option | `ok`: nothing |
| `left` / `back` | up one level (`back` at the top closes) | leave without changing | nothing |
| `menu` | close the menu | close the menu (no change) | open the menu at the top |

What counts against the player (`WrongTurn.kind`):

| kind | when |
|---|---|
| `off_path_submenu` | entering a submenu that holds none of the settings the drill is about |
| `off_path_setting` | opening a setting that has nothing to do with AF activation |
| `wrong_value` | setting a BBF setting to anything but its BBF value |
| `changed_unrelated` | changing a setting that has nothing to do with AF activation |

The result of the drill is a `Mapping` (which controls start AF); a wrong set-up
such as AF left on the shutter *and* on the rear button is a valid mapping too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from bbf_sim.brands import Brand
from bbf_sim.core.controls import MODES, Mapping

INPUTS = ("up", "down", "left", "right", "ok", "back", "menu")

# Roles a BBF setting plays in the AF-activation mapping.
ROLE_SHUTTER = "shutter_af"  # decides whether a shutter half-press starts AF
ROLE_REAR = "rear_af"  # decides whether the rear button starts AF
ROLES = (ROLE_SHUTTER, ROLE_REAR)

Path = tuple[str, ...]  # labels from the top of the menu down to a node


@dataclass(frozen=True)
class Setting:
    """A menu item with a list of options, as on the body.

    A BBF setting has a `role`, the options under which its control starts AF
    (`af_values`), and the option the back-button set-up needs (`target`).
    """

    label: str
    options: tuple[str, ...]
    default: str
    role: str | None = None
    af_values: frozenset[str] = frozenset()
    target: str | None = None
    note: str = ""  # where the name comes from, or what it does on the body

    def __post_init__(self) -> None:
        if self.default not in self.options:
            raise ValueError(f"{self.label}: default {self.default!r} is not an option")
        if self.role is not None:
            if self.role not in ROLES:
                raise ValueError(f"{self.label}: unknown role {self.role!r}")
            if self.target not in self.options:
                raise ValueError(f"{self.label}: target {self.target!r} is not an option")
            if not self.af_values <= set(self.options):
                raise ValueError(f"{self.label}: af_values must be options")


@dataclass(frozen=True)
class Submenu:
    """A tab, page or submenu: a list of items."""

    label: str
    children: tuple[Setting | Submenu, ...]
    note: str = ""

    def __post_init__(self) -> None:
        labels = [c.label for c in self.children]
        if len(set(labels)) != len(labels):
            raise ValueError(f"{self.label}: duplicate item labels {labels}")
        if not self.children:
            raise ValueError(f"{self.label}: a submenu needs items")


ON_OFF = ("ON", "OFF")


def plain_setting(label: str, options: tuple[str, ...], default: str | None = None, note: str = "") -> Setting:
    """An ordinary (non-back-button) setting, there for wrong turns; its default is its first option unless given."""
    return Setting(label, options, options[0] if default is None else default, note=note)


# How far a citation confirms a menu path's names, most trusted first.
MAKER_MANUAL = "maker's manual for this body"
MAKER_OTHER_BODY = "maker's manual for another body"
THIRD_PARTY = "third-party guide for this body"
NOT_FOUND = "no page found: the maker's menu layout, to check"
STATUSES = (MAKER_MANUAL, MAKER_OTHER_BODY, THIRD_PARTY, NOT_FOUND)


@dataclass(frozen=True)
class Citation:
    """Where the names along one menu path come from, and how far that confirms them."""

    path: Path  # labels from the menu's top, as the tree has them (a setting's, or a submenu's)
    source: str  # who wrote it, for which body, where
    status: str  # one of STATUSES

    @property
    def verified(self) -> bool:
        return self.status == MAKER_MANUAL


@dataclass(frozen=True)
class DrillSpec:
    """One brand's drill: its menu tree, where the data comes from, and how it starts."""

    brand: Brand
    body: str  # the body generation the menu follows
    citations: tuple[Citation, ...]  # one per menu path whose names were looked up
    root: Submenu
    # Start states: overrides of setting defaults, by path. "factory" is a new body;
    # "reassigned" is a body whose rear button was given another job.
    starts: dict[str, dict[Path, str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not all(isinstance(c, Submenu) for c in self.root.children):
            raise ValueError(f"{self.brand.name}: the menu's top level holds tabs (submenus) only")

    @property
    def tabs(self) -> tuple[Submenu, ...]:
        """The menu's top level: its tabs, in order."""
        return tuple(c for c in self.root.children if isinstance(c, Submenu))

    def settings(self) -> Iterator[tuple[Path, Setting]]:
        """Every setting in the tree with its path, depth first in menu order."""

        def walk(node: Submenu, path: Path) -> Iterator[tuple[Path, Setting]]:
            for child in node.children:
                child_path = (*path, child.label)
                if isinstance(child, Setting):
                    yield child_path, child
                else:
                    yield from walk(child, child_path)

        yield from walk(self.root, ())

    def bbf_settings(self) -> dict[Path, Setting]:
        """The settings that decide the mapping, by path."""
        return {p: s for p, s in self.settings() if s.role is not None}

    def node(self, path: Path) -> Setting | Submenu:
        node: Setting | Submenu = self.root
        for label in path:
            if not isinstance(node, Submenu):
                raise KeyError(path)
            child = next((c for c in node.children if c.label == label), None)
            if child is None:
                raise KeyError(path)
            node = child
        return node

    def start_values(self, start: str = "reassigned") -> dict[Path, str]:
        """Every setting's value at the start of the drill."""
        if start not in self.starts:
            raise ValueError(f"unknown start {start!r}; expected one of {sorted(self.starts)}")
        values = {p: s.default for p, s in self.settings()}
        for path, value in self.starts[start].items():
            setting = self.node(path)
            if not isinstance(setting, Setting) or value not in setting.options:
                raise ValueError(f"start {start!r}: bad value {value!r} for {path}")
            values[path] = value
        return values

    def validate(self) -> None:
        """Check the data: a setting per role, every start state valid, every citation on a real path."""
        roles = {s.role for s in self.bbf_settings().values()}
        missing = set(ROLES) - roles
        if missing:
            raise ValueError(f"{self.brand.name}: no setting for roles {sorted(missing)}")
        for start in self.starts:
            self.start_values(start)
        for c in self.citations:
            if c.status not in STATUSES:
                raise ValueError(f"{self.brand.name}: citation status {c.status!r} is not one of {STATUSES}")
            self.node(c.path)  # KeyError: a citation for a path the tree does not have
        uncited = [p for p in self.bbf_settings() if not any(c.path == p for c in self.citations)]
        if uncited:
            raise ValueError(f"{self.brand.name}: back-button settings with no citation: {uncited}")


def mapping_of(spec: DrillSpec, values: dict[Path, str]) -> Mapping:
    """The AF-activation mapping a set of setting values gives.

    A control starts AF if any of its settings is at an AF value (Fujifilm has one
    SHUTTER AF switch per focus mode: either left ON still refocuses in that mode).
    """
    half = rear = False
    for path, setting in spec.bbf_settings().items():
        starts_af = values[path] in setting.af_values
        if setting.role == ROLE_SHUTTER:
            half = half or starts_af
        else:
            rear = rear or starts_af
    return Mapping(af_on_half_press=half, af_on_rear_button=rear)


# --- the navigation state machine ------------------------------------------------


@dataclass(frozen=True)
class NavState:
    """Where the player is: hashable, so a bot can search over it.

    `cursors` holds one cursor per open level (the first is the top list), so the
    open path is the labels under all cursors but the last.
    """

    menu_open: bool = False
    cursors: tuple[int, ...] = ()
    option_cursor: int | None = None  # set while a setting's option list is open


@dataclass(frozen=True)
class Event:
    """What one input did, for the step log and the score."""

    kind: str  # "open", "close", "move", "enter", "leave", "edit", "set", "keep", "none"
    detail: str = ""
    wrong_turn: str | None = None  # a WrongTurn kind, when the input was one


def _level_items(spec: DrillSpec, cursors: tuple[int, ...]) -> tuple[Submenu, Path]:
    """The submenu shown at the deepest open level, and its path."""
    node = spec.root
    path: Path = ()
    for index in cursors[:-1]:
        child = node.children[index]
        assert isinstance(child, Submenu)
        node = child
        path = (*path, child.label)
    return node, path


def on_path(spec: DrillSpec, path: Path) -> bool:
    """True if the path is, or leads to, a BBF setting."""
    return any(p[: len(path)] == path for p in spec.bbf_settings())


def transition(
    spec: DrillSpec, nav: NavState, values: dict[Path, str], key: str
) -> tuple[NavState, dict[Path, str], Event]:
    """Apply one input: the pure core of the drill (no clock, no history)."""
    if key not in INPUTS:
        raise ValueError(f"unknown input {key!r}; expected one of {list(INPUTS)}")
    if not nav.menu_open:
        if key == "menu":
            return NavState(True, (0,), None), values, Event("open", "opened the menu")
        return nav, values, Event("none", "the menu is closed: press menu")
    if key == "menu":
        return NavState(), values, Event("close", "closed the menu")

    level, level_path = _level_items(spec, nav.cursors)
    cursor = nav.cursors[-1]
    item = level.children[cursor]
    item_path = (*level_path, item.label)

    if nav.option_cursor is not None:  # a setting's option list is open
        assert isinstance(item, Setting)
        n = len(item.options)
        if key in ("up", "down"):
            step = -1 if key == "up" else 1
            oc = (nav.option_cursor + step) % n
            return (
                NavState(True, nav.cursors, oc),
                values,
                Event("move", item.options[oc]),
            )
        if key in ("left", "back"):
            return NavState(True, nav.cursors, None), values, Event("leave", "no change")
        if key == "ok":
            chosen = item.options[nav.option_cursor]
            leave = NavState(True, nav.cursors, None)
            if chosen == values[item_path]:
                return leave, values, Event("keep", f"kept {chosen}")
            new_values = dict(values)
            new_values[item_path] = chosen
            wrong = None
            if item.role is None:
                wrong = "changed_unrelated"
            elif chosen != item.target:
                wrong = "wrong_value"
            return leave, new_values, Event("set", f"{item.label} = {chosen}", wrong)
        return nav, values, Event("none")  # `right` does nothing in an option list

    n = len(level.children)
    if key in ("up", "down"):
        step = -1 if key == "up" else 1
        c = (cursor + step) % n
        return (
            NavState(True, (*nav.cursors[:-1], c), None),
            values,
            Event("move", level.children[c].label),
        )
    if key in ("left", "back"):
        if len(nav.cursors) == 1:
            if key == "back":
                return NavState(), values, Event("close", "closed the menu")
            return nav, values, Event("none")
        return NavState(True, nav.cursors[:-1], None), values, Event("leave", level.label)
    # right / ok
    wrong = None
    if isinstance(item, Submenu):
        if not on_path(spec, item_path):
            wrong = "off_path_submenu"
        return (
            NavState(True, (*nav.cursors, 0), None),
            values,
            Event("enter", item.label, wrong),
        )
    if item.role is None:
        wrong = "off_path_setting"
    oc = item.options.index(values[item_path])
    return NavState(True, nav.cursors, oc), values, Event("edit", item.label, wrong)


def breadcrumbs(spec: DrillSpec, nav: NavState) -> Path:
    """The labels from the top down to the item under the cursor."""
    if not nav.menu_open:
        return ()
    level, level_path = _level_items(spec, nav.cursors)
    return (*level_path, level.children[nav.cursors[-1]].label)


# --- what the screen shows -----------------------------------------------------


@dataclass(frozen=True)
class ItemView:
    label: str
    kind: str  # "submenu" or "setting"
    value: str | None  # the setting's current value; None for a submenu


@dataclass(frozen=True)
class MenuView:
    """Everything a renderer needs to draw the menu screen, as plain data."""

    brand: str
    body: str
    menu_open: bool
    breadcrumbs: Path  # the open path, down to the item under the cursor
    title: str  # the list being shown ("" when the menu is closed)
    items: tuple[ItemView, ...]
    cursor: int | None
    editing: str | None  # the setting whose options are open
    options: tuple[str, ...]
    option_cursor: int | None


# --- the drill and its score ---------------------------------------------------


@dataclass(frozen=True)
class Step:
    index: int  # 1-based
    t_s: float  # the input's own timestamp [s]
    key: str
    at: Path  # breadcrumbs before the input
    event: Event


@dataclass(frozen=True)
class WrongTurn:
    step: int
    kind: str
    at: Path
    detail: str


@dataclass(frozen=True)
class Score:
    steps: int
    wrong_turns: tuple[WrongTurn, ...]
    elapsed_s: float  # from the drill's start to the last input [s]
    mapping: Mapping
    correct: bool  # the final mapping is back-button focus
    feedback: tuple[str, ...]


class SetupDrill:
    """One attempt at setting up back-button focus on a simulated body.

    No wall clock inside: every input carries its timestamp [s], and elapsed time
    is measured from `t0_s`.
    """

    def __init__(self, spec: DrillSpec, start: str = "reassigned", t0_s: float = 0.0):
        spec.validate()
        self.spec = spec
        self.start = start
        self.t0_s = float(t0_s)
        self.nav = NavState()
        self.values = spec.start_values(start)
        self.history: list[Step] = []
        self.wrong_turns: list[WrongTurn] = []
        self._last_t_s = self.t0_s

    def press(self, key: str, t_s: float) -> Event:
        """Apply one input at its own time [s]; returns what it did."""
        if t_s < self._last_t_s:
            raise ValueError(f"input at {t_s} s is earlier than the last one ({self._last_t_s} s)")
        at = breadcrumbs(self.spec, self.nav)
        self.nav, self.values, event = transition(self.spec, self.nav, self.values, key)
        self._last_t_s = float(t_s)
        step = Step(len(self.history) + 1, float(t_s), key, at, event)
        self.history.append(step)
        if event.wrong_turn is not None:
            # `at` is the item under the cursor when the input came: the submenu
            # entered, or the setting opened or changed.
            self.wrong_turns.append(WrongTurn(step.index, event.wrong_turn, at, event.detail))
        return event

    def view(self) -> MenuView:
        """What the screen shows now."""
        spec, nav = self.spec, self.nav
        if not nav.menu_open:
            return MenuView(spec.brand.name, spec.body, False, (), "", (), None, None, (), None)
        level, level_path = _level_items(spec, nav.cursors)
        items = tuple(
            ItemView(
                c.label,
                "setting" if isinstance(c, Setting) else "submenu",
                self.values[(*level_path, c.label)] if isinstance(c, Setting) else None,
            )
            for c in level.children
        )
        item = level.children[nav.cursors[-1]]
        editing: str | None = None
        options: tuple[str, ...] = ()
        if nav.option_cursor is not None:
            assert isinstance(item, Setting)  # `transition` opens an option list on a setting only
            editing, options = item.label, item.options
        return MenuView(
            spec.brand.name,
            spec.body,
            True,
            breadcrumbs(spec, nav),
            level.label,
            items,
            nav.cursors[-1],
            editing,
            options,
            nav.option_cursor,
        )

    def resulting_mapping(self) -> Mapping:
        return mapping_of(self.spec, self.values)

    @property
    def elapsed_s(self) -> float:
        return self._last_t_s - self.t0_s

    def score(self) -> Score:
        mapping = self.resulting_mapping()
        correct = mapping == MODES["bbf"]
        return Score(
            steps=len(self.history),
            wrong_turns=tuple(self.wrong_turns),
            elapsed_s=self.elapsed_s,
            mapping=mapping,
            correct=correct,
            feedback=feedback(self.spec, self.values),
        )


def _fix(path: Path, setting: Setting) -> str:
    return f"set {' > '.join(path)} to {setting.target}"


def feedback(spec: DrillSpec, values: dict[Path, str]) -> tuple[str, ...]:
    """Plain-language lines explaining the final configuration, and how to fix it."""
    brand = spec.brand
    mapping = mapping_of(spec, values)
    rear = brand.rear_button
    lines: list[str] = []
    if mapping.af_on_half_press and mapping.af_on_rear_button:
        lines.append(
            f"AF is still on the shutter button: pressing the shutter after {rear} will "
            "refocus, on whatever is under the AF point by then."
        )
    elif mapping.af_on_half_press:
        lines.append(
            f"AF is still on the shutter button and the {rear} button does not start AF: "
            "this is still shutter-button focus."
        )
    elif not mapping.af_on_rear_button:
        lines.append(
            f"AF is off the shutter button but the {rear} button does not start AF either: "
            "nothing will focus the camera."
        )
    else:
        lines.append(
            f"Back-button focus is set: the {rear} button focuses, the "
            f"{brand.shutter_button.lower()} only meters and fires."
        )
    for path, setting in spec.bbf_settings().items():
        value = values[path]
        if value == setting.target:
            continue
        starts_af = value in setting.af_values
        if setting.role == ROLE_SHUTTER and starts_af:
            lines.append(f"{setting.label} is {value}: {_fix(path, setting)}.")
        elif setting.role == ROLE_REAR and not starts_af:
            lines.append(f"{setting.label} is {value}, which does not start AF: {_fix(path, setting)}.")
    return tuple(lines)
