"""Schemas shared by every API router: errors and limit/offset pagination."""

from __future__ import annotations

import types
from collections.abc import Sequence
from typing import Any, TypeVar, Union, get_args, get_origin

from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator

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


def _takes_booleans(annotation: Any) -> bool:
    if annotation is bool or annotation is Any:
        return True
    if get_origin(annotation) in (Union, types.UnionType):
        return any(_takes_booleans(arm) for arm in get_args(annotation))
    return False


def _item_type(annotation: Any) -> Any:
    """The type of the items of a list field (or of its list arm), else None."""
    if get_origin(annotation) is list:
        return (get_args(annotation) or (Any,))[0]
    if get_origin(annotation) in (Union, types.UnionType):
        for arm in get_args(annotation):
            if get_origin(arm) is list:
                return (get_args(arm) or (Any,))[0]
    return None


class InputSchema(Schema):
    """A request body. JSON's true and false are refused where a field takes no boolean: pydantic
    would read them as 1 and 0, an id, a year or an amount."""

    @field_validator("*", mode="before")
    @classmethod
    def _no_booleans_for_numbers(cls, value: Any, info: ValidationInfo) -> Any:
        if info.field_name is None:
            return value
        annotation = cls.model_fields[info.field_name].annotation
        if isinstance(value, bool) and not _takes_booleans(annotation):
            raise ValueError("true and false are not valid here")
        items = _item_type(annotation)
        listed = isinstance(value, list) and items is not None and not _takes_booleans(items)
        if listed and any(isinstance(item, bool) for item in value):
            raise ValueError("true and false are not valid items here")
        return value


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
