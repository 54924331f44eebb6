"""`bbf-sim dof`: a depth-of-field calculator, as photographers use DOFMaster.

Plain floats and `math` only (`core.dof`, `core.sensors`): the calculator answers
without importing numpy, pydantic or pygame. Each input has a range a real lens can
have; a result that is still not a finite number is refused rather than printed.
"""

from __future__ import annotations

import argparse
import json
import math

from bbf_sim.cli.arguments import finite_float
from bbf_sim.errors import UserError

# Ranges a real lens and sensor can have (a fisheye to a 10 m telescope, f/0.5 to f/256).
FOCAL_RANGE_MM = (1.0, 10_000.0)
APERTURE_RANGE = (0.5, 256.0)
DISTANCE_RANGE_M = (0.0, 1_000_000.0)  # more than 0; beyond 1000 km every lens is at infinity
COC_RANGE_MM = (0.001, 5.0)


def add_parser(sub) -> None:
    p = sub.add_parser(
        "dof",
        help="depth-of-field calculator (hyperfocal distance, near and far limits)",
        description="Depth of field for a lens focused at a distance (thin lens, Greenleaf's equations).",
    )
    p.add_argument(
        "--focal",
        type=finite_float(*FOCAL_RANGE_MM),
        required=True,
        metavar="MM",
        help="focal length [mm], 1 to 10000",
    )
    p.add_argument(
        "--aperture", type=finite_float(*APERTURE_RANGE), required=True, metavar="N", help="f-number, 0.5 to 256"
    )
    p.add_argument(
        "--distance",
        type=finite_float(*DISTANCE_RANGE_M, low_open=True),
        required=True,
        metavar="M",
        help="focus distance [m], more than 0 up to 1000000",
    )
    coc = p.add_mutually_exclusive_group()
    coc.add_argument(
        "--coc", type=finite_float(*COC_RANGE_MM), metavar="MM", help="circle of confusion [mm], 0.001 to 5"
    )
    coc.add_argument("--sensor", choices=["ff", "apsc", "mft"], default="ff", help="sensor format (default ff)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _finite(x: float) -> float | None:
    return None if math.isinf(x) else x


def run(args: argparse.Namespace) -> int:
    from bbf_sim.core.dof import depth_of_field
    from bbf_sim.core.sensors import SENSORS

    if args.distance * 1000.0 <= args.focal:
        raise UserError(
            f"--distance {args.distance:g} m is inside the focal length ({args.focal:g} mm): nothing can focus there"
        )
    sensor = SENSORS[args.sensor]
    coc = args.coc if args.coc is not None else sensor.coc_mm
    d = depth_of_field(args.focal, args.aperture, coc, args.distance)
    h, near, far, dof = d.hyperfocal_m, d.near_m, d.far_m, d.dof_m
    # Infinity is a meaningful far limit; anything else not finite would be a number we cannot stand behind.
    if not all(math.isfinite(x) for x in (h, near)) or math.isnan(far) or (not d.to_infinity and math.isinf(far)):
        raise UserError("these inputs give no finite depth of field; check --focal, --aperture, --distance and --coc")
    if args.json:
        print(
            json.dumps(
                {
                    "focal_mm": args.focal,
                    "aperture": args.aperture,
                    "distance_m": args.distance,
                    "coc_mm": coc,
                    "hyperfocal_m": h,
                    "near_m": near,
                    "far_m": _finite(far),
                    "dof_m": _finite(dof),
                },
                allow_nan=False,
            )
        )
        return 0
    fmt = lambda m: "infinity" if math.isinf(m) else f"{m:.3f} m"  # noqa: E731
    where = f"c = {coc:g} mm" + ("" if args.coc is not None else f" ({sensor.name})")
    print(f"{args.focal:g} mm f/{args.aperture:g} focused at {args.distance:g} m, {where}")
    print(f"  hyperfocal distance  {fmt(h)}")
    print(f"  near limit           {fmt(near)}")
    print(f"  far limit            {fmt(far)}")
    print(f"  depth of field       {fmt(dof)}")
    if d.to_infinity:
        print(f"  focused at or beyond the hyperfocal distance: sharp from {fmt(near)} to infinity")
    return 0
