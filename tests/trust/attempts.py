"""Trying a write as one identity and reading what came of it, for the permission matrix and the
injection tests: every attempt starts from the module's world and is rolled back afterwards."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from tests.trust.world import World, undone

LOGIN = "login"  # redirected to the login page
Outcome = int | str


def outcome(response: HttpResponse) -> Outcome:
    """The status, where a redirect to the login page reads `login` and a refusal sent back to the
    page (with its X-Twinnings-Refused header) reads as the refusal's status."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse(settings.LOGIN_URL) if ":" in settings.LOGIN_URL else settings.LOGIN_URL):
            return LOGIN
        if response.has_header("X-Twinnings-Refused"):
            return int(response["X-Twinnings-Refused"])
    return response.status_code


def page_client(world: World, who: str) -> Client:
    client = Client()
    user = world.user(who)
    if user is not None:
        client.force_login(user)
    return client


def post_page(
    world: World, who: str, url: str, data: dict[str, Any], after: Callable[[Client, HttpResponse], None] | None = None
) -> HttpResponse:
    """POST a page's form as `who`; `after` runs before the rollback (to read what was stored)."""
    with undone():
        client = page_client(world, who)
        response = client.post(url, data)
        if after is not None:
            after(client, response)
        return response


def call_api(
    world: World,
    who: str,
    method: str,
    path: str,
    body: Any = None,
    after: Callable[[HttpResponse], None] | None = None,
    multipart: bool = False,
) -> HttpResponse:
    """Call /api/v1 as `who` with their write token (none for anonymous), sending `body` as JSON
    or, with `multipart`, as a form with files."""
    token = world.tokens.get(who)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    with undone():
        send = getattr(Client(), method.lower())
        if body is None:
            response = send(path, headers=headers)
        elif multipart:
            response = send(path, body, headers=headers)
        else:
            response = send(path, json.dumps(body), content_type="application/json", headers=headers)
        if after is not None:
            after(response)
        return response
