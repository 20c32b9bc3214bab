"""What the partner pages share: JSON twins of pages."""

from __future__ import annotations

from django.http import HttpRequest


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"
