"""The error responses the programme's endpoints document: 401 without a valid token or session,
400 a rule refused the change, 403 the role does not allow it, 404 unknown or not visible to you,
409 a conflict with the current state, 422 a parameter of the wrong type or range."""

from __future__ import annotations

from ninja import Schema

from twinnings.core.schemas import AUTH_ERRORS, ErrorOut

READ_ERRORS: dict[int, type[Schema]] = AUTH_ERRORS
WRITE_ERRORS: dict[int, type[Schema]] = {**READ_ERRORS, 403: ErrorOut, 409: ErrorOut}
