"""Rate limits per client address (django-ratelimit), decided in one place for the whole site.

| limit            | counts                                             | settings key |
|------------------|----------------------------------------------------|--------------|
| login            | POSTs of the login form                            | login        |
| password reset   | POSTs of the password-reset form (emails sent)     | password_reset |
| search           | the search box and /api/v1/places?q=               | search       |
| API              | every request under /api/                          | api          |

Over a limit the client gets 429 with a Retry-After header: JSON `{"detail": …}` under /api/,
a page elsewhere. Rates come from settings.RATE_LIMITS; RATELIMIT_ENABLE=False lifts them all.
Repeated wrong passwords for one account are django-axes' business (lockout), not this module's.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_ratelimit.core import get_usage  # type: ignore[import-untyped]  # no type hints shipped


@dataclass(frozen=True)
class Rule:
    name: str  # key of settings.RATE_LIMITS and the counter's group
    methods: tuple[str, ...]  # empty: every method
    applies: Callable[[HttpRequest, str], bool]  # (request, view name) -> counted?


RULES = [
    Rule("login", ("POST",), lambda request, view: view == "accounts:login"),
    Rule("password_reset", ("POST",), lambda request, view: view == "accounts:password_reset"),
    Rule(
        "search",
        ("GET",),
        lambda request, view: view == "places:search" or (view == "api:list_places" and bool(request.GET.get("q"))),
    ),
    Rule("api", (), lambda request, view: request.path_info.startswith("/api/")),
]


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or behind TWINNINGS_PROXY_COUNT proxies the address
    the outermost of ours saw, taken from X-Forwarded-For counting from the right (entries
    further left are whatever the client sent and cannot be trusted)."""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    count = int(settings.PROXY_COUNT)
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote


def _key(group: str, request: HttpRequest) -> str:
    """The client's address; an IPv6 client by its /64 network, which one subscriber holds."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False).network_address)
    return address


def too_many(request: HttpRequest, rule: str, rate: str, retry_after: int) -> HttpResponse:
    count, _slash, period = rate.partition("/")
    seconds = max(retry_after, 1)
    message = _("Too many requests: at most %(count)s %(what)s per %(period)s from one address.") % {
        "count": count,
        "what": {
            "login": _("login attempts"),
            "password_reset": _("password-reset requests"),
            "search": _("searches"),
            "api": _("API requests"),
        }[rule],
        "period": _period_words(period),
    }
    retry = ngettext("Try again in %(seconds)d second.", "Try again in %(seconds)d seconds.", seconds) % {
        "seconds": seconds
    }
    response: HttpResponse
    if request.path_info.startswith("/api/"):
        response = JsonResponse({"detail": f"{message} {retry}"}, status=429)
    else:
        response = render(request, "429.html", {"message": message, "retry": retry}, status=429)
    response["Retry-After"] = str(seconds)
    return response


def _period_words(period: str) -> str:
    digits, unit = period[:-1], period[-1:]
    words = {"s": _("second"), "m": _("minute"), "h": _("hour"), "d": _("day")}[unit]
    return f"{digits} {words}" if digits and digits != "1" else words


class RateLimitMiddleware:
    """Counts each request against the rules that apply to it; answers 429 past a limit."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view: Any, args: Any, kwargs: Any) -> HttpResponse | None:
        if not settings.RATELIMIT_ENABLE:
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        exceeded: list[tuple[str, str, int]] = []
        for rule in RULES:  # every rule that applies counts the request, limited or not
            if (rule.methods and request.method not in rule.methods) or not rule.applies(request, view_name):
                continue
            rate = settings.RATE_LIMITS[rule.name]
            usage = get_usage(request, group=rule.name, key=_key, rate=rate, increment=True)
            if usage and usage["should_limit"]:
                exceeded.append((rule.name, rate, int(usage["time_left"])))
        return too_many(request, *exceeded[0]) if exceeded else None
