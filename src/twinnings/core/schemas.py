"""Schemas shared by every API router: errors and limit/offset pagination."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from ninja import Field, Schema

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
MAX_ID = 2**63 - 1  # the largest id every supported database stores

T = TypeVar("T")


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
