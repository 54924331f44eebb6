"""The setuptools recipe: the listed packages are exactly the folders, and the shipped data is found through them."""

from __future__ import annotations

import tomllib
from importlib import metadata, resources
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]
MAPPED = SETUPTOOLS["package-dir"]  # package name → folder, relative to the repository


def _folders_with_code() -> dict[str, Path]:
    """Every package a build must carry: bbf_sim's folders holding Python, and the mapped folders."""
    out: dict[str, Path] = {}
    for init in (ROOT / "bbf_sim").rglob("*.py"):
        folder = init.parent
        if "__pycache__" in folder.parts:
            continue
        out[".".join(folder.relative_to(ROOT).parts)] = folder
    for name, folder in MAPPED.items():
        out[name] = ROOT / folder
    return out


def test_the_package_list_is_exactly_the_folders():
    listed = set(SETUPTOOLS["packages"])
    folders = _folders_with_code()
    assert sorted(set(folders) - listed) == [], (
        "folders a wheel would leave out: add them to [tool.setuptools] packages"
    )
    assert sorted(listed - set(folders)) == [], "listed packages with no folder"


@pytest.mark.parametrize("name", sorted(_folders_with_code()), ids=str)
def test_every_package_folder_has_an_init(name):
    # Without one a listed folder is a namespace package, whose data setuptools may leave out.
    assert (_folders_with_code()[name] / "__init__.py").is_file()


@pytest.mark.parametrize("name", sorted(MAPPED), ids=str)
def test_each_mapped_folder_is_at_the_top_of_the_repository_and_holds_its_data(name):
    folder = ROOT / MAPPED[name]
    assert folder.parent == ROOT
    globs = SETUPTOOLS["package-data"][name]
    data = [p for g in globs for p in folder.glob(g)]
    assert data, f"{name}: no file matches {globs}"
    # Every file there but the package's own __init__ is data a wheel must carry.
    carried = {p.name for p in data} | {"__init__.py"}
    stray = sorted(p.name for p in folder.iterdir() if p.is_file() and p.name not in carried)
    assert stray == [], f"{name}: files no package-data glob carries: {stray}"


def test_the_installed_package_finds_the_levels_and_the_font_through_importlib_resources():
    from bbf_sim.levels.loader import shipped_levels_dir

    levels = sorted(p.name for p in shipped_levels_dir().glob("*.toml"))
    assert levels == sorted(p.name for p in (ROOT / "levels").glob("*.toml"))
    font = resources.files("bbf_sim.assets").joinpath("DejaVuSansCondensed.ttf").read_bytes()
    assert font[:4] == b"\x00\x01\x00\x00", "a TrueType font file"
    assert (resources.files("bbf_sim.assets") / "DejaVu-LICENSE.txt").is_file(), "the font's licence ships with it"


def test_the_one_version_string_is_pyprojects():
    import bbf_sim

    # pyproject.toml holds the only copy; the package reads it back from the installed metadata.
    assert bbf_sim.__version__ == metadata.version("bbf-sim") == PYPROJECT["project"]["version"]
    source = (ROOT / "bbf_sim" / "__init__.py").read_text(encoding="utf-8")
    assert PYPROJECT["project"]["version"] not in source, "no second copy of the version in the code"


def test_the_shipped_levels_rows_are_package_data():
    """`bbf-sim levels` reads them beside `bbf_sim/levels/listing.py`: a wheel without them validates every level."""
    from bbf_sim.levels.listing import MANIFEST

    assert MANIFEST.is_file()
    assert MANIFEST.name in SETUPTOOLS["package-data"]["bbf_sim.levels"]
