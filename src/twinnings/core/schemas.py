"""Schemas shared by every API router: errors and limit/offset pagination."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from ninja import Field, Schema

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1  # the largest id every supported database stores

T = TypeVar("T")


def _without_default(schema: dict[str, Any]) -> None:
    schema.pop("default", None)


def unchanged_when_absent(**constraints: Any) -> Any:
    """A field of a partial update that may be left out (nothing changes) but not sent as null:
    null is refused with 422, and the OpenAPI document shows the field as not nullable."""
    return Field(None, json_schema_extra=_without_default, **constraints)


class ErrorOut(Schema):
    detail: str = Field(description="What went wrong, in one sentence")


class FieldErrorOut(Schema):
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorOut(ErrorOut):
    errors: list[FieldErrorOut] = Field(description="Every parameter that failed validation")


class Page(Schema):
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT})")
    offset: int = Field(0, ge=0, le=MAX_OFFSET, description="Items to skip")

    def slice(self, items: Sequence[T]) -> Sequence[T]:
        return items[self.offset : self.offset + self.limit]


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}
# Endpoints that take a token or the session: 401 without either, or with a token that is not valid.
AUTH_ERRORS: dict[int, type[Schema]] = {**ERRORS, 401: ErrorOut}
