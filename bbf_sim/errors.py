"""Errors meant for the user: a one-line message and an exit status, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """Something the user can fix (a bad argument, a broken file); printed as one line."""

    exit_status = 2

    def __init__(self, message: str, exit_status: int | None = None):
        super().__init__(message)
        if exit_status is not None:
            self.exit_status = exit_status
