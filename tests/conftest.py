"""Test set-up: every test runs headless.

The SDL variables must be set before anything imports pygame, which is why they
live here at the top of conftest rather than in a fixture.
"""

import os
import warnings

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
# Commands' kept outputs (`cli.output_memo`) off: a test that patches the code must see it run.
# tests/cli/test_output_memo.py turns them on in a folder of its own.
os.environ["BBF_SIM_CACHE_DIR"] = ""

import pytest  # noqa: E402

from tests.run_once import made_once_per_run  # noqa: E402

# The least room a memory file system must have free to take the run's temporary folders.
MEMORY_TEMP_MIN_FREE_BYTES = 2 * 1024**3


def _temporary_folders_in_memory(config) -> None:
    """The run's temporary folders (`tmp_path`) on Linux's memory file system, /dev/shm, if it has room.

    The tests write thousands of files: histories (SQLite, a commit per attempt saved), replays
    and settings written atomically (each file synced to the disk), screenshots. On a disk each
    commit or sync waits for the device while the core sits idle, and waits far longer when other
    programs load the disk; in memory it does not wait (docs/performance.md). What the tests
    check does not depend on where the files are: modes, FIFOs, size limits (RLIMIT_FSIZE) and
    renames behave the same there. Not when a temporary root or `--basetemp` is given; set in
    the environment before pytest-xdist starts its workers, which inherit it.
    """
    if config.option.basetemp or os.environ.get("PYTEST_DEBUG_TEMPROOT") or hasattr(config, "workerinput"):
        return
    shm = "/dev/shm"
    try:
        room = os.statvfs(shm)
    except OSError:  # not Linux, or no such mount
        return
    if os.access(shm, os.W_OK | os.X_OK) and room.f_bavail * room.f_frsize >= MEMORY_TEMP_MIN_FREE_BYTES:
        os.environ["PYTEST_DEBUG_TEMPROOT"] = shm


def pytest_configure(config):
    """Temporary folders in memory (`_temporary_folders_in_memory`); under pytest-xdist, the test
    modules' assertions rewritten once, before the workers start.

    Every worker imports every test module to collect it, and pytest rewrites each module's
    assertions as it does (several seconds of CPU for this suite); with
    `PYTHONDONTWRITEBYTECODE=1` (this machine sets it) it keeps the result nowhere, so each
    worker did all of it again. The controller writes pytest's own cached form next to each
    module (checked by the source's hash), which a worker reads whatever that variable says.
    """
    _temporary_folders_in_memory(config)
    if hasattr(config, "workerinput") or not config.getoption("numprocesses", None):
        return
    try:  # pytest's own cache of rewritten modules: an internal interface, so only if it is there
        from _pytest.assertion.rewrite import (
            PYC_TAIL,
            _read_pyc,
            _rewrite_test,
            _write_pyc,
            assertstate_key,
            get_cache_dir,
            try_makedirs,
        )
    except ImportError:
        return
    state = config.stash.get(assertstate_key, None)
    if state is None:  # --assert=plain
        return
    from pathlib import Path

    for source in sorted(Path(__file__).parent.rglob("*.py")):
        if not (source.name.startswith("test_") or source.name == "conftest.py"):
            continue
        folder = get_cache_dir(source)
        pyc = folder / (source.name[:-3] + PYC_TAIL)
        try:  # a changed internal signature, or a file that does not compile: the workers rewrite
            if _read_pyc(source, pyc) is None and try_makedirs(folder):  # a read-only tree: likewise
                source_hash, code = _rewrite_test(source, config)
                _write_pyc(state, code, source_hash, pyc)
        except (TypeError, ValueError, AttributeError, SyntaxError, OSError):
            return


# Test folders and modules that run numba's compiled kernels (in the test's process, or through a
# `compare` command), outside which no test loads them.
KERNEL_TESTS = ("tests/cli/", "tests/core/", "tests/levels/test_shipped_levels.py", "tests/levels/test_level_errors.py")


def pytest_collection_modifyitems(config, items):
    """The tests that use numba's kernels first, the others after them, each in the order collected.

    pytest-xdist (`--dist worksteal`) hands the first worker the first half of the tests and the
    second worker the second half. From a fresh clone the first test to load the kernels compiles
    them (`_kernels_compiled_once_per_run`: half a minute of CPU or more) and any other worker that
    needs them meanwhile waits, its core idle: the second worker's shipped-levels test waited
    64–75 s so (docs/performance.md). With these first, the first worker compiles at its first
    test while the second runs tests that never load the kernels. Modules keep their tests
    together, so a module's fixtures are still made once.
    """
    items[:] = sorted(items, key=lambda item: not item.nodeid.startswith(KERNEL_TESTS))


def _compile_every_kernel(load) -> None:
    """Every numba kernel, with every argument type the suite passes, compiled into numba's cache."""
    import numpy as np

    from bbf_sim.core.bots import TechniqueBot
    from bbf_sim.core.compare import _load_every_kernel
    from bbf_sim.core.headless import generators
    from bbf_sim.core.human import PROFILES
    from bbf_sim.core.simulator import Simulator
    from bbf_sim.levels.loader import load_level, shipped_levels_dir

    load()
    # wildlife-branches has every kind of object; the careful profile's tracker rechecks the finder.
    level = load_level(shipped_levels_dir() / "wildlife-branches.toml")
    for human in (PROFILES["careful"], PROFILES["everyday"].with_slips(0.5)):
        _load_every_kernel(level, human)
    # Stepped tick by tick, as test_kernels does: a level of one object (control-static) hands the
    # bot's aim positions of another array layout, so another signature.
    for level_id in ("wildlife-branches", "control-static"):
        moment = load_level(shipped_levels_dir() / f"{level_id}.toml").model_copy(update={"duration_s": 0.05})
        sim_rng, bot_rng = generators(0)
        sim, modes, rows = Simulator(), ["shutter", "bbf"], np.zeros(2, np.intp)
        snap = sim.reset(moment, sim_rng, modes, rows=rows, compiled=True)
        bot = TechniqueBot(moment, modes, rows, bot_rng, None)
        bot.kernels = sim.kernels
        while not sim.done:
            snap = sim.step(*bot.act(snap))


@pytest.fixture(scope="session", autouse=True)
def _kernels_compiled_once_per_run(tmp_path_factory):
    """numba's kernels compiled by one process of the run, while the other worker goes on testing.

    From a fresh clone numba's cache is empty: each pytest-xdist worker (and each `compare` a test
    runs as a command) compiled every kernel again at its first use (docs/performance.md). Now
    the first `kernels.load()` of the run compiles them all under a lock; a worker that needs them
    meanwhile waits and then loads them from the cache. Tests that run `compare` as a command ask
    for `compiled_kernels` first. A test outside `KERNEL_TESTS` that loads them is warned of.
    """
    from bbf_sim.core import kernels

    if not kernels.available():
        yield
        return
    original = kernels.load

    def load():
        test = os.environ.get("PYTEST_CURRENT_TEST", "")
        if test and not test.startswith(KERNEL_TESTS):  # it would run where the compile makes it wait
            warnings.warn(f"{test.split('::')[0]} loads numba's kernels: add it to KERNEL_TESTS", stacklevel=2)
        if kernels._loaded is None:
            made_once_per_run(tmp_path_factory, "numba-kernels", lambda: _compile_every_kernel(original))
        return original()

    patch = pytest.MonkeyPatch()
    patch.setattr(kernels, "load", load)
    yield
    patch.undo()


@pytest.fixture(scope="session", autouse=True)
def _package_bytecode_written_once(tmp_path_factory):
    """bbf_sim compiled to bytecode once per run, for the `bbf-sim` commands tests run as processes.

    With `PYTHONDONTWRITEBYTECODE=1` (this machine sets it) every command compiled each module it
    imports from source again, a sixth of a short command's CPU time (docs/performance.md). The
    first test process writes the package's bytecode to its `__pycache__` folders (where numba's
    cache lives too), as an ordinary run of Python would; commands only read it.
    """
    import compileall
    from pathlib import Path

    import bbf_sim

    package = Path(bbf_sim.__file__).parent
    made_once_per_run(tmp_path_factory, "package-bytecode", lambda: compileall.compile_dir(package, quiet=1))


@pytest.fixture(scope="session")
def _tiles_made_in_this_process():
    """The background tiles made so far by this test process (`tests.ui.tile_memo`)."""
    from tests.ui.tile_memo import TileMemo

    return TileMemo()


@pytest.fixture(scope="module")
def background_tiles_made_once(_tiles_made_in_this_process):
    """The viewfinder's blurred background tiles made once per test process, for this module's tests.

    Per module, so that a module which does not ask for it makes its tiles for real whatever ran before.
    """
    from tests.ui import tile_memo

    patch = pytest.MonkeyPatch()
    tile_memo.install(patch, _tiles_made_in_this_process)
    yield
    patch.undo()


@pytest.fixture
def compiled_kernels():
    """numba's cache filled before a test runs `compare` as a command (which would compile otherwise)."""
    from bbf_sim.core import kernels

    if kernels.available():
        kernels.load()
