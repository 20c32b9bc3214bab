"""A JSON client of /api/v1 signed in with a personal access token of one of the standard users
(or anonymous)."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from tests.workspace import People
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken

ROOT = "/api/v1"


class Api:
    def __init__(self, token: str | None) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, expect: int | None = None) -> Any:
        if method == "get":
            response = self.client.get(ROOT + path, body or {}, headers=self.headers)
        else:
            send = getattr(self.client, method)
            response = send(ROOT + path, json.dumps(body or {}), content_type="application/json", headers=self.headers)
        if expect is not None:
            assert response.status_code == expect, (method, path, response.content[:500])
        return response


def api_for(people: People, who: str, scope: str = AccessToken.Scope.WRITE) -> Api:
    """`who` is a standard user's name, or `anonymous`."""
    if who == "anonymous":
        return Api(None)
    _token, raw = access_tokens.create(people.by_name(who), "test", scope)
    return Api(raw)
