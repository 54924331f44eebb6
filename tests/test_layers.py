"""The house's floors, read from the source with ast: no import runs upward, none goes round, no screen opens storage.

Every `import` in the package counts, at module level or inside a function (an import
inside a function hides a cycle from Python, not from this test). Imports under
`if TYPE_CHECKING:` count for the floors (a type is still a dependency) but not for
cycles, since they never run.

The floors, lowest first, as the code stands:

| floor | packages | why there |
|---|---|---|
| 0 | `bbf_sim`, `bbf_sim.errors` | the version and the one error type every layer raises |
| 1 | `persistence` | a leaf: files in the data folder, the capped reader; imports nothing of ours |
| 2 | `levels` | strict level data; reads files through persistence's capped reader |
| 3 | `core` | the camera and the simulator; reads the level models (types only) |
| 4 | `brands`, `setup_drill` | camera makers' names and menus, on top of the core's controls |
| 5 | `practice` | the application's rules over levels, the core and stored history |
| 6 | `ui` | the window's shell: app, clock, input, text, audio, naming, charts |
| 7 | `ui.finder` | the viewfinder engine, drawn with the shell's text |
| 8 | `ui.live` | the live viewfinder: an attempt stepped and drawn, which the screens compose |
| 9 | `ui.scenes` | the screens |
| 10 | `ui.router`, `ui.bench`, `cli`, `__main__` | what builds and runs the screens, and the commands |
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bbf_sim"

FLOORS: dict[str, int] = {
    "bbf_sim": 0,
    "bbf_sim.errors": 0,
    "bbf_sim.persistence": 1,
    "bbf_sim.levels": 2,
    "bbf_sim.core": 3,
    "bbf_sim.brands": 4,
    "bbf_sim.setup_drill": 4,
    "bbf_sim.practice": 5,
    "bbf_sim.ui": 6,
    "bbf_sim.ui.finder": 7,
    "bbf_sim.ui.live": 8,
    "bbf_sim.ui.scenes": 9,
    "bbf_sim.ui.router": 10,
    "bbf_sim.ui.bench": 10,
    "bbf_sim.cli": 10,
    "bbf_sim.__main__": 10,
}
SCREENS = "bbf_sim.ui.scenes"
STORAGE = "bbf_sim.persistence"
NO_PYGAME = ("bbf_sim.core", "bbf_sim.levels", "bbf_sim.persistence", "bbf_sim.practice")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts}


def _resolve(target: str) -> str | None:
    """The package module an imported name lives in (`a.b.c` → `a.b` when `c` is a name in it)."""
    while target and target not in modules():
        target = target.rpartition(".")[0]
    return target or None


def _is_type_checking(node: ast.If) -> bool:
    return "TYPE_CHECKING" in ast.unparse(node.test)


@cache
def imports() -> dict[str, list[tuple[str, bool]]]:
    """Per module, (imported module, runs at run time) for every import of the package's own modules."""
    out: dict[str, list[tuple[str, bool]]] = {}
    for name, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        type_only: set[int] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and _is_type_checking(node):
                type_only |= {id(n) for stmt in node.body for n in ast.walk(stmt)}
        found: list[tuple[str, bool]] = []
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from the module's own package up
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, *([node.module] if node.module else [])])
                targets = [base, *(f"{base}.{a.name}" for a in node.names)]
            for t in targets:
                if t.split(".")[0] != "bbf_sim":
                    continue
                target = _resolve(t)
                if target is not None and target != name:
                    found.append((target, id(node) not in type_only))
        out[name] = found
    return out


def floor_of(module: str) -> tuple[str, int]:
    """The most specific floor a module is on (its package's, or its own entry)."""
    best = max((p for p in FLOORS if module == p or module.startswith(p + ".")), key=len)
    return best, FLOORS[best]


def test_every_module_is_on_a_floor():
    unplaced = [m for m in modules() if not any(m == p or m.startswith(p + ".") for p in FLOORS if p != "bbf_sim")]
    assert unplaced == ["bbf_sim"], "add new top-level modules or packages to FLOORS"


def test_no_import_goes_up_a_floor():
    upward = []
    for module, targets in imports().items():
        here, floor = floor_of(module)
        for target, _ in targets:
            there, target_floor = floor_of(target)
            if target_floor > floor:
                upward.append(f"{module} (floor {floor}, {here}) imports {target} (floor {target_floor}, {there})")
    assert sorted(set(upward)) == []


def test_no_screen_imports_storage():
    screens_with_storage = sorted(
        f"{module} imports {target}"
        for module, targets in imports().items()
        if module.startswith(SCREENS)
        for target, _ in targets
        if target == STORAGE or target.startswith(STORAGE + ".")
    )
    assert screens_with_storage == [], "screens call practice.session; only it opens history and settings"


@pytest.mark.parametrize("package", NO_PYGAME, ids=str)
def test_the_floors_below_the_window_never_import_pygame(package):
    offenders = []
    for name, path in modules().items():
        if name == package or name.startswith(package + "."):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                if isinstance(node, ast.ImportFrom) and not node.level:
                    names = [node.module or ""]
                if any(n == "pygame" or n.startswith("pygame.") for n in names):
                    offenders.append(name)
    assert offenders == []


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            v, children = work[-1]
            w = next(children, None)
            if w is not None:
                if w not in index:
                    index[w] = low[w] = counter
                    counter += 1
                    stack.append(w)
                    on_stack.add(w)
                    work.append((w, iter(sorted(graph[w]))))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[v])
            if low[v] == index[v]:
                component = set()
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.add(w)
                    if w == v:
                        break
                if len(component) > 1:
                    out.append(frozenset(component))
    return out


def test_the_cycle_finder_finds_a_cycle_and_only_cycles():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycles():
    runtime = {m: {t for t, runs in targets if runs} for m, targets in imports().items()}
    cycles = sorted(sorted(c) for c in _cycles(runtime))
    assert cycles == [], "an import cycle: a screen gets what comes next from the router, not by importing it"
