"""`bbf-sim dof`: a depth-of-field calculator, as photographers use DOFMaster."""

from __future__ import annotations

import argparse
import json
import math

from bbf_sim.errors import UserError


def add_parser(sub) -> None:
    p = sub.add_parser(
        "dof",
        help="depth-of-field calculator (hyperfocal distance, near and far limits)",
        description="Depth of field for a lens focused at a distance (thin lens, Greenleaf's equations).",
    )
    p.add_argument("--focal", type=float, required=True, metavar="MM", help="focal length [mm]")
    p.add_argument("--aperture", type=float, required=True, metavar="N", help="f-number, e.g. 2.8")
    p.add_argument("--distance", type=float, required=True, metavar="M", help="focus distance [m]")
    coc = p.add_mutually_exclusive_group()
    coc.add_argument("--coc", type=float, metavar="MM", help="circle of confusion [mm]")
    coc.add_argument("--sensor", choices=["ff", "apsc", "mft"], default="ff", help="sensor format (default ff)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=run)


def _finite(x: float) -> float | None:
    return None if math.isinf(x) else x


def run(args: argparse.Namespace) -> int:
    from bbf_sim.core import optics

    for name in ("focal", "aperture", "distance", "coc"):
        value = getattr(args, name)
        if value is not None and not (math.isfinite(value) and value > 0):
            raise UserError(f"--{name} must be a positive number, got {value:g}")
    if args.distance * 1000.0 <= args.focal:
        raise UserError(
            f"--distance {args.distance:g} m is inside the focal length ({args.focal:g} mm): nothing can focus there"
        )
    sensor = optics.SENSORS[args.sensor]
    coc = args.coc if args.coc is not None else sensor.coc_mm
    h = float(optics.hyperfocal_m(args.focal, args.aperture, coc))
    near, far = (float(x) for x in optics.dof_limits_m(args.focal, args.aperture, coc, args.distance))
    dof = far - near
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
                }
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
    if args.distance >= h:
        print(f"  focused at or beyond the hyperfocal distance: sharp from {fmt(near)} to infinity")
    return 0
