"""`bbf-sim dof` at its edges: the hyperfocal distance itself, extreme inputs, and a start-up without numpy."""

import json
import math
import subprocess
import sys

import numpy as np
import pytest

from bbf_sim.cli import main
from bbf_sim.core import optics
from bbf_sim.core.dof import depth_of_field, hyperfocal_m
from tests.commands import run_in_process


def run_cli(*args: str):
    return run_in_process(*args, timeout=30)


@pytest.mark.parametrize(
    ("focal", "aperture", "coc", "expected_h_m"),
    [
        # H = f²/(N·c) + f = 50²/(8·0.03) + 50 = 10416.67 + 50 = 10466.67 mm
        (50.0, 8.0, 0.03, 10.466667),
        # H = 100²/(10·0.02) + 100 = 50000 + 100 = 50100 mm
        (100.0, 10.0, 0.02, 50.1),
        # H = 24²/(11·0.02) + 24 = 2618.18 + 24 = 2642.18 mm
        (24.0, 11.0, 0.02, 2.642182),
    ],
)
def test_focused_at_the_hyperfocal_distance_is_sharp_to_infinity(capsys, focal, aperture, coc, expected_h_m):
    h = hyperfocal_m(focal, aperture, coc)
    assert h == pytest.approx(expected_h_m, rel=1e-6)
    # At s = H: Dn = H(H−f)/(2H−2f) = H/2, and Df is infinite. The decimal text a user types
    # for H, and H itself one rounding step either side, must all say so.
    for s in (expected_h_m, h, math.nextafter(h, 0.0), math.nextafter(h, math.inf)):
        d = depth_of_field(focal, aperture, coc, s)
        assert d.far_m == math.inf and d.to_infinity, s
        assert d.near_m == pytest.approx(h / 2, rel=1e-6)
    argv = ["dof", "--focal", str(focal), "--aperture", str(aperture), "--coc", str(coc), "--distance", repr(h)]
    assert main(argv) == 0
    text = capsys.readouterr().out
    assert "far limit            infinity" in text and "sharp from" in text and "e+" not in text


def test_just_short_of_the_hyperfocal_distance_has_a_far_limit():
    # 50 mm f/8, c 0.03: H = 10.4667 m. At s = 10 m: Df = s(H−f)/(H−s) = 10·10.4167/0.4667 = 223.21 m.
    d = depth_of_field(50.0, 8.0, 0.03, 10.0)
    assert d.far_m == pytest.approx(223.214, abs=1e-3)
    assert d.near_m == pytest.approx(10 * 10.416667 / (10.466667 + 10 - 0.1), rel=1e-6)  # 5.1146 m


def test_scalar_calculator_agrees_with_the_simulators_numpy_optics():
    for focal in (14.0, 50.0, 200.0, 800.0):
        for aperture in (1.4, 4.0, 16.0):
            for s in (0.5, 3.0, 25.0, 400.0):
                if s * 1000 <= focal:
                    continue
                d = depth_of_field(focal, aperture, 0.03, s)
                near, far = optics.dof_limits_m(focal, aperture, 0.03, s)
                assert d.hyperfocal_m == pytest.approx(float(optics.hyperfocal_m(focal, aperture, 0.03)), rel=1e-12)
                assert d.near_m == pytest.approx(float(near), rel=1e-12)
                assert d.far_m == pytest.approx(float(far), rel=1e-9) or (math.isinf(d.far_m) and np.isinf(far))


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--focal", "1e308"),
        ("--focal", "nan"),
        ("--aperture", "inf"),
        ("--aperture", "1e-300"),
        ("--distance", "1e300"),
        ("--distance", "-inf"),
        ("--coc", "1e-320"),
        ("--coc", "1e400"),
    ],
)
def test_extreme_inputs_are_refused_never_printed_as_nan_or_infinity(option, value):
    args = {"--focal": "50", "--aperture": "8", "--distance": "10"}
    args[option] = value
    out = run_cli("dof", *[x for kv in args.items() for x in kv], "--json")
    assert out.returncode == 2, out
    assert out.stdout == ""
    assert out.stderr.strip().splitlines()[-1].startswith(f"bbf-sim dof: error: argument {option}: ")
    assert "Traceback" not in out.stderr


def _refuse(constant):
    raise ValueError(f"{constant} is not JSON")


def test_every_json_answer_is_strict_json_across_the_documented_ranges(capsys):
    # The corners of the documented ranges: each answer parses as strict JSON (no NaN, no Infinity).
    for focal in ("1", "10000"):
        for aperture in ("0.5", "256"):
            for distance in ("10.001", "1000000"):
                for coc in ("0.001", "5"):
                    argv = ["dof", "--focal", focal, "--aperture", aperture, "--distance", distance, "--coc", coc]
                    assert main([*argv, "--json"]) == 0, argv
                    out = json.loads(capsys.readouterr().out, parse_constant=_refuse)
                    assert all(v is None or math.isfinite(v) for v in out.values()), (argv, out)


def test_dof_does_not_import_numpy():
    # Start-up is most of what `dof` costs; numpy alone was 120 ms of it, and dataclasses (with
    # inspect, ast and dis) a sixth of the rest, when the parser took profile names from core.human.
    heavy = ("numpy", "pydantic", "pygame", "dataclasses", "inspect")
    code = (
        "import sys, io, contextlib\n"
        "from bbf_sim.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['dof', '--focal', '50', '--aperture', '8', '--distance', '10', '--json'])\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {heavy!r}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=30, check=True)
    assert out.stdout.strip() == "[]"
