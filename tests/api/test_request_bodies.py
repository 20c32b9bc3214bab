"""A text holding NUL characters, anywhere in a JSON body or a form, is refused with 422 naming
the field, on every database (PostgreSQL cannot store NUL), and nothing is stored. So are true
and false where a number is expected (they are not read as 1 and 0)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tests.workspace import People
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken
from twinnings.agreements.models import Agreement


def _client(people: People) -> tuple[Client, dict[str, str]]:
    _token, raw = access_tokens.create(people.officer, "test", AccessToken.Scope.WRITE)
    return Client(), {"Authorization": f"Bearer {raw}"}


def _post_agreement(people: People, changes: dict[str, Any]) -> Any:
    client, headers = _client(people)
    return client.post(
        "/api/v1/agreements",
        json.dumps(_agreement(people, **changes)),
        content_type="application/json",
        headers=headers,
    )


def _agreement(people: People, **changes: Any) -> dict[str, Any]:
    return {
        "owner": people.home.pk,
        "partners": [people.away.pk],
        "title": "Köln – Lyon",
        "languages": ["de"],
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"title": "Köln\x00Lyon"}, ["body", "data", "title"]),
        ({"title": "\x00"}, ["body", "data", "title"]),
        ({"languages": ["de", "fr\x00"]}, ["body", "data", "languages", 1]),
    ],
)
def test_nul_in_json_text_is_a_422(people: People, changes: dict[str, Any], loc: list[Any]) -> None:
    response = _post_agreement(people, changes)

    assert response.status_code == 422, response.content[:300]
    body = response.json()
    assert body["errors"] == [{"loc": loc, "msg": "Text cannot contain NUL characters (\\u0000)", "type": "string_nul"}]
    assert "NUL" in body["detail"]
    assert not Agreement.objects.exists()


def test_nul_in_a_form_field_is_a_422(people: People) -> None:
    client, headers = _client(people)
    created = client.post(
        "/api/v1/agreements", json.dumps(_agreement(people)), content_type="application/json", headers=headers
    ).json()
    scan = SimpleUploadedFile("scan.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="image/png")
    upload = {"file": scan, "description": "scan\x00"}

    response = client.post(f"/api/v1/agreements/{created['id']}/attachments", upload, headers=headers)

    assert response.status_code == 422, response.content[:300]
    assert response.json()["errors"][0]["loc"] == ["form", "description"]


def test_text_without_nul_is_taken_as_it_is(people: People) -> None:
    client, headers = _client(people)
    title = "Köln \u202e\u200b – Lyon 🏳️‍🌈"

    response = client.post(
        "/api/v1/agreements",
        json.dumps(_agreement(people, title=title)),
        content_type="application/json",
        headers=headers,
    )

    assert response.status_code == 201
    assert Agreement.objects.get().title == title


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"owner": True}, ["body", "data", "owner"]),
        ({"partners": [True]}, ["body", "data", "partners"]),
        ({"partners": [False]}, ["body", "data", "partners"]),
    ],
)
def test_true_or_false_for_an_id_is_a_422(people: People, changes: dict[str, Any], loc: list[Any]) -> None:
    response = _post_agreement(people, changes)

    assert response.status_code == 422, response.content[:300]
    assert [error["loc"] for error in response.json()["errors"]] == [loc]
    assert not Agreement.objects.exists()


def _subclasses(cls: type) -> list[type]:
    return [cls, *(sub for direct in cls.__subclasses__() for sub in _subclasses(direct))]


def test_every_json_request_body_refuses_booleans_for_numbers() -> None:
    """Every schema of a JSON request body in the OpenAPI document derives from InputSchema."""
    from ninja import Schema

    from twinnings.core.api import api
    from twinnings.core.schemas import InputSchema

    document = api.get_openapi_schema()
    names = {
        content["schema"]["$ref"].rsplit("/", 1)[-1]
        for path in document["paths"].values()
        for operation in path.values()
        for media, content in operation.get("requestBody", {}).get("content", {}).items()
        if media == "application/json" and "$ref" in content["schema"]
    }
    schemas = {cls.__name__: cls for cls in _subclasses(Schema) if cls.__module__.startswith("twinnings.")}
    assert len(names) >= 20
    assert sorted(name for name in names if not issubclass(schemas[name], InputSchema)) == []
