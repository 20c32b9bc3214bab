"""What the partner pages share: answering a refusal after a POST, and JSON twins of pages."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from twinnings.core.errors import Refused


def refused(request: HttpRequest, error: Refused, to: str) -> HttpResponse:
    """Back to the page with the reason, keeping the refusal's status for clients that look."""
    messages.error(request, error.message)
    response = redirect(to)
    response["X-Twinnings-Refused"] = str(error.status)
    return response


def wants_json(request: HttpRequest) -> bool:
    return request.GET.get("format") == "json"
