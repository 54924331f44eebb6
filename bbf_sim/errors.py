"""Errors meant for the user: a one-line message and an exit status, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix (a bad argument, a broken file); printed as one line."""

    exit_status = 2

    def __init__(self, message: str, exit_status: int | None = None):
        super().__init__(message)
        if exit_status is not None:
            self.exit_status = exit_status


# Exit statuses (the README's table): 2 for what the user can fix in the command or a file
# it names, 73 (sysexits' EX_CANTCREAT) for an output that could not be written.
CANNOT_WRITE_STATUS = 73


class CannotWrite(UserError):
    """An output file (screenshot, chart, CSV, replay, settings) could not be written; nothing half-written is left."""

    exit_status = CANNOT_WRITE_STATUS


def describe_os_error(exc: OSError) -> str:
    """An OSError in words a user can act on ("No space left on device"), without Python's decoration."""
    return exc.strerror or str(exc) or type(exc).__name__
