"""Request bodies and forms of the API: a text holding NUL characters (`\\u0000` in JSON) is refused
with 422 like any other invalid value, on every database (PostgreSQL cannot store NUL; SQLite
would keep it and hand it to every export and page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.datastructures import MultiValueDict
from ninja.parser import Parser

NUL = "\x00"
NUL_ERROR = {"type": "string_nul", "msg": "Text cannot contain NUL characters (\\u0000)"}


class NulText:
    """Stands in for a text with NUL characters: no schema field accepts it, so validation fails
    at the field that received it, and the API names that field (see `TwinningsAPI`)."""

    __slots__ = ("length",)

    def __init__(self, text: str) -> None:
        self.length = len(text)

    def __repr__(self) -> str:
        return f"NulText(length={self.length})"


def mark_nul(value: Any) -> Any:
    """`value` (parsed JSON) with every string holding NUL replaced by a NulText, keys included."""
    if isinstance(value, str):
        return NulText(value) if NUL in value else value
    if isinstance(value, list):
        return [mark_nul(item) for item in value]
    if isinstance(value, dict):
        return {mark_nul(key): mark_nul(item) for key, item in value.items()}
    return value


class NulRefusingParser(Parser):
    def parse_body(self, request: HttpRequest) -> Any:
        return mark_nul(super().parse_body(request))

    def parse_querydict(self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest) -> Any:
        parsed = super().parse_querydict(data, list_fields, request)
        return parsed if data is request.GET else mark_nul(parsed)
