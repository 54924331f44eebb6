"""Argument types shared by the subcommands: numbers, dates and output paths checked as parsed.

Each factory returns an argparse `type=` function. A value outside its documented range
(or not finite: `nan`, `inf` and `1e400` parse as floats) raises
`argparse.ArgumentTypeError`, so argparse names the option and exits with status 2 before
the command runs. Standard library only: `bbf-sim dof` imports this on its fast path.
"""

from __future__ import annotations

import argparse
import math
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

# Wall-clock limits for a window run (`--seconds`): a day is more than anyone watches.
# Said when a relative path needs the working folder and the shell's folder was deleted or moved.
WORKING_FOLDER_GONE = "the working folder no longer exists; give an absolute path, or change to a folder that exists"


def working_folder_gone() -> bool:
    """Whether the folder the command was started in has been deleted (or moved) since."""
    try:
        os.getcwd()
    except FileNotFoundError:
        return True
    return False


MAX_SECONDS = 86_400.0
MIN_SECONDS = 0.01
# Seeds are non-negative and fit numpy's SeedSequence comfortably (and SQLite's text column).
MAX_SEED = 2**63 - 1
# Dates before this cannot be a practice day (and `date - timedelta` would underflow near year 1).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(9000, 12, 31)


def _number_text(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def finite_float(low: float, high: float, *, low_open: bool = False) -> Callable[[str], float]:
    """A float in [low, high] (or (low, high] with `low_open`); nan, inf and overflow refused."""

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {_number_text(text)!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"must be a finite number from {low:g} to {high:g}, got {text!r}")
        too_low = value <= low if low_open else value < low
        if too_low or value > high:
            lo = f"more than {low:g}" if low_open else f"{low:g}"
            raise argparse.ArgumentTypeError(f"must be {lo} to {high:g}, got {_number_text(text)}")
        return value

    parse.__name__ = "number"  # argparse's "invalid number value" wording, should it ever show
    return parse


def bounded_int(low: int, high: int) -> Callable[[str], int]:
    """A whole number in [low, high]; at most 30 digits are read (a 5000-digit literal is refused quickly)."""

    def parse(text: str) -> int:
        stripped = text.strip()
        if len(stripped.lstrip("+-")) > 30:
            raise argparse.ArgumentTypeError(f"must be a whole number from {low} to {high}, got {_number_text(text)}")
        try:
            value = int(stripped)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {_number_text(text)!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"must be {low} to {high}, got {value}")
        return value

    parse.__name__ = "whole number"
    return parse


seconds = finite_float(MIN_SECONDS, MAX_SECONDS)
seed = bounded_int(0, MAX_SEED)


def iso_date(text: str) -> date:
    """A calendar date YYYY-MM-DD between 2000 and 9000."""
    try:
        value = date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a date like 2026-03-01, got {_number_text(text)!r}") from None
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        raise argparse.ArgumentTypeError(f"must be from {EARLIEST_DATE} to {LATEST_DATE}, got {value}")
    return value


def output_file(*suffixes: str) -> Callable[[str], Path]:
    """A path a file will be written to: its name ends in one of `suffixes`, its folder exists
    (or can be made under one that does), and it is not a folder itself.

    Whether the folder can be written is found out when writing (`safe_files`), which says so.
    """
    wanted = tuple(s.lower() for s in suffixes)

    def parse(text: str) -> Path:
        if not text.strip():
            raise argparse.ArgumentTypeError("is empty; give a file name")
        if "\x00" in text:
            raise argparse.ArgumentTypeError("must not contain a NUL character")
        path = Path(text).expanduser()
        if text.endswith(("/", os.sep)) or path.is_dir():
            raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name ending in {' or '.join(wanted)}")
        if path.suffix.lower() not in wanted:
            raise argparse.ArgumentTypeError(
                f"writes {wanted[0].lstrip('.').upper()}: give a file name ending in {' or '.join(wanted)}, got {text}"
            )
        try:
            absolute = path.absolute()
        except FileNotFoundError:  # a relative name, and the working folder was deleted
            raise argparse.ArgumentTypeError(f"{text}: {WORKING_FOLDER_GONE}") from None
        for parent in absolute.parents:
            if parent.exists():
                if not parent.is_dir():
                    raise argparse.ArgumentTypeError(f"{parent} is a file, not a folder: cannot write {text}")
                break
        return path

    parse.__name__ = "file name"
    return parse


png_file = output_file(".png")
csv_file = output_file(".csv")
