"""The simulation core runs without pygame: importing every core module never touches it."""

import pkgutil
import subprocess
import sys

import bbf_sim.core


def test_core_imports_with_pygame_unavailable():
    modules = [f"bbf_sim.core.{m.name}" for m in pkgutil.iter_modules(bbf_sim.core.__path__)]
    assert "bbf_sim.core.simulator" in modules
    code = (
        "import sys\n"
        "sys.modules['pygame'] = None  # any 'import pygame' now raises ImportError\n"
        f"for name in {modules!r}:\n"
        "    __import__(name)\n"
        "import bbf_sim.levels.loader\n"
        "assert sys.modules['pygame'] is None\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"
