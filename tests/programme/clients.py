"""Clients of the programme's page and API tests: the standard users, a viewer of the owning
office, and anonymous visitors."""

from __future__ import annotations

import json
from typing import Any

from django.contrib.auth.models import User
from django.test import Client

from tests.workspace import People, make_verified_officer
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken, Role

WHO = ["officer", "partner", "viewer", "outsider", "anonymous"]


def user_for(people: People, who: str) -> User | None:
    if who == "anonymous":
        return None
    if who == "viewer":
        return make_verified_officer(people.home, "viewer@koeln.example", role=Role.VIEWER)
    return people.by_name(who)


def client_for(people: People, who: str) -> Client:
    client = Client()
    user = user_for(people, who)
    if user is not None:
        client.force_login(user)
    return client


class Api:
    """/api/v1/ with a write token (or none, for anonymous calls)."""

    def __init__(self, user: User | None) -> None:
        self.client = Client()
        self.headers = {}
        if user is not None:
            _token, raw = access_tokens.create(user, "test", AccessToken.Scope.WRITE)
            self.headers = {"Authorization": f"Bearer {raw}"}

    def call(self, method: str, path: str, body: Any = None, expect: int | None = None) -> Any:
        url = "/api/v1" + path
        if method == "get":
            response = self.client.get(url, headers=self.headers)
        else:
            send = getattr(self.client, method)
            data = json.dumps(body) if body is not None else None
            response = send(url, data=data, content_type="application/json", headers=self.headers)
        if expect is not None:
            assert response.status_code == expect, (method, path, response.content[:500])
        return response


def api_for(people: People, who: str) -> Api:
    return Api(user_for(people, who))
