"""Run a command and sample its resident memory (RSS) over time; print the samples and the peak.

Usage: python benchmarks/rss_timeline.py [--every S] [--label NAME] -- COMMAND ...

Linux only (reads /proc/PID/status). Used for the memory figures in docs/performance.md,
for example `python benchmarks/rss_timeline.py -- bbf-sim play endless-dragonfly --demo --seconds 600`.
Children's memory is not included: the game is one process.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time


def rss_mib(pid: int) -> tuple[float, float] | None:
    """(current RSS, peak RSS) of a process [MiB], None once it has gone."""
    try:
        with open(f"/proc/{pid}/status") as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
    except (FileNotFoundError, ProcessLookupError):
        return None
    if "VmRSS" not in fields:
        return None
    return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=float, default=5.0, help="seconds between samples")
    parser.add_argument("--label", default="", help="a name printed with each line")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        parser.error("no command given")
    t0 = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL)
    samples, peak = [], 0.0
    while proc.poll() is None:
        got = rss_mib(proc.pid)
        if got is not None:
            now, peak = got[0], max(peak, got[1])
            samples.append((round(time.monotonic() - t0, 1), round(now, 1)))
            print(f"{args.label} t={samples[-1][0]:7.1f}s rss={now:7.1f} MiB peak={peak:7.1f} MiB", flush=True)
        time.sleep(args.every)
    print(json.dumps({"label": args.label, "status": proc.returncode, "peak_mib": round(peak, 1), "samples": samples}))
    return proc.returncode


if __name__ == "__main__":
    sys.exit(main())
