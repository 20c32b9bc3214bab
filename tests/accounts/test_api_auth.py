"""How the API answers who is calling: 401 without a valid token or a signed-in session, whatever
the method (no CSRF 403 for a request that acts for nobody), and the CSRF check for the session."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.workspace import People

WRITES = [
    ("post", "/api/v1/agreements"),
    ("post", "/api/v1/notices"),
    ("post", "/api/v1/calendar/feeds"),
    ("patch", "/api/v1/agreements/1"),
    ("delete", "/api/v1/activities/1"),
    ("post", "/api/v1/people/erase"),
]


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_write_without_token_or_session_is_a_401(db: None, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)

    response = getattr(client, method)(path, json.dumps({}), content_type="application/json")

    assert response.status_code == 401, response.content[:300]
    assert response.json() == {"detail": "Unauthorized"}


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_a_write_with_an_unknown_token_is_a_401(db: None, method: str, path: str) -> None:
    client = Client(enforce_csrf_checks=True)
    headers = {"Authorization": "Bearer twn_not-a-token"}

    response = getattr(client, method)(path, json.dumps({}), content_type="application/json", headers=headers)

    assert response.status_code == 401


def test_a_signed_in_session_still_needs_its_csrf_token(people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.officer)
    body = {"owner": people.home.pk, "partners": [people.away.pk], "title": "By session", "languages": ["de"]}

    response = client.post("/api/v1/agreements", json.dumps(body), content_type="application/json")

    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]
