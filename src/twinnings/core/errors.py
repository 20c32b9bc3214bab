"""Errors that services raise and every view and API router turns into a response."""

from __future__ import annotations


class Refused(Exception):
    """A rule forbids the change (an illegal transition, a missing translation, a bad value): HTTP 400."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Forbidden(Refused):
    """The user may see the object but not do this to it: HTTP 403."""

    status = 403


class Conflict(Refused):
    """The object changed since the user read it (a stale edit): HTTP 409; the stale edit is not applied."""

    status = 409
