"""Every URL pattern of the site from Django's resolver, with concrete URLs built from the world."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

SKIPPED_PREFIXES = ("admin/", "api/v1/")  # Django's admin; the API has its own table


@dataclass(frozen=True)
class Route:
    name: str  # namespaced URL name, e.g. agreements:edit
    pattern: str
    parameters: tuple[str, ...]


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str, Any]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace + (entry.name or ""), entry


def routes() -> list[Route]:
    found = []
    for pattern, name, entry in _walk(get_resolver().url_patterns):
        if pattern.startswith(SKIPPED_PREFIXES):
            continue
        found.append(Route(name or pattern, pattern, tuple(entry.pattern.regex.groupindex)))
    return found
