"""Screens import none of each other (the router builds them) and the front end has no import cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import bbf_sim

PACKAGE = Path(bbf_sim.__file__).parent
SCENES = PACKAGE / "ui" / "scenes"
# A screen is a module defining a Scene subclass; the rest of scenes/ are helpers and data.


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every bbf_sim module `path` imports, at the top or inside functions (not for type checking)."""
    tree = ast.parse(path.read_text())
    skip = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip |= {id(n) for n in ast.walk(node)}
    out = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("bbf_sim"):
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names}
        elif isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("bbf_sim")}
    return out


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def screens() -> set[str]:
    out = set()
    for path in SCENES.rglob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef) and any("Scene" in ast.unparse(b) for b in node.bases):
                out.add(module_name(path))
    return out


def test_screens_import_no_other_screen():
    found = screens()
    assert {"bbf_sim.ui.scenes.menu", "bbf_sim.ui.scenes.play", "bbf_sim.ui.scenes.results"} <= found
    mods = modules()
    for screen in sorted(found):
        others = {m for m in imports(mods[screen]) if m in found and m != screen}
        assert not others, f"{screen} imports {sorted(others)}: ask app.router for the next screen"


def test_no_screen_loads_modules_by_name():
    for path in SCENES.rglob("*.py"):
        assert "importlib" not in path.read_text(), path


def test_the_front_end_has_no_import_cycle():
    mods = modules()
    graph = {m: {i for i in imports(p) if i in mods and i != m} for m, p in mods.items() if m.startswith("bbf_sim.ui")}
    # A package's __init__ is imported with any module in it: not an edge of its own.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        stack.append(m)
        for n in graph.get(m, ()):
            if m.startswith(n + "."):
                continue  # a module "imports" its own package
            if state.get(n) == 1:
                cycle = stack[stack.index(n) :] + [n]
                raise AssertionError("import cycle: " + " → ".join(cycle))
            if n in graph and state.get(n) is None:
                visit(n)
        stack.pop()
        state[m] = 2

    for m in sorted(graph):
        if state.get(m) is None:
            visit(m)
