"""Hostile text in every text field of every form and API write, and in every search box, filter
and API query parameter: markup, SQL metacharacters, a right-to-left override, zero-width
characters, and 100,000 characters of them.

Nothing answers 5xx; a refused write changes nothing (no row added, changed or deleted); a page
never shows the markup raw, neither the page answering the write nor the pages that show what was
stored. The fields are read from the pages' forms and from the OpenAPI document, so a new field is
tried without being listed here; the writes and their data come from matrix.py.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.trust.attempts import LOGIN, Outcome, outcome, page_client
from tests.trust.fuzzing import openapi, path_values
from tests.trust.injection import (
    PAYLOADS,
    QUERY_PAYLOADS,
    Form,
    body_text_fields,
    display_pages,
    fingerprint,
    forms_of,
    shows_raw_markup,
    with_text,
)
from tests.trust.matrix import API_WRITES, READ_ONLY, WEB_WRITES
from tests.trust.urlsmap import routes
from tests.trust.world import IDENTITIES, World, undone

# Writes whose forms have no text box (buttons, choices, files): nothing to type into.
WITHOUT_TEXT = {
    "set_language",
    "accounts:logout",
    "accounts:invitation",
    "accounts:password_reset_confirm",
    "accounts:token_revoke",
    "accounts:membership_change",
    "accounts:verification_decide",
    "agreements:remove",
    "agreements:transition",
    "agreements:sign",
    "programme:calendar",
    "programme:place-calendar",
    "programme:feed-revoke",
    "programme:activity_delete",
    "programme:budget_line_delete",
    "programme:indicator_delete",
    "programme:participant_erase",
    "partners:notice_withdraw",
    "partners:start_agreement",
}


@pytest.fixture(autouse=True)
def no_rate_limits(settings: Settings) -> None:
    settings.RATELIMIT_ENABLE = False


def _succeeded(result: Outcome) -> bool:
    return result != LOGIN and isinstance(result, int) and result < 400


def _actor(expect: dict[str, Outcome]) -> str:
    """The first identity for whom the write succeeds (the owner, most often)."""
    return next((who for who in IDENTITIES[::-1] if _succeeded(expect[who])), "owner")


def _html(response: HttpResponse) -> str:
    if not response.get("Content-Type", "").startswith("text/html"):
        return ""
    return response.content.decode()


def _assert_escaped(client: Client, pages: list[str], what: str) -> None:
    for page in pages:
        response = client.get(page)
        assert response.status_code < 500, (what, page, response.status_code)
        assert not shows_raw_markup(_html(response)), f"{what}: raw markup on {page}"


def _form_for(client: Client, url: str, pages: list[str]) -> Form | None:
    for page in [url, *pages]:
        response = client.get(page)
        if response.status_code != 200:
            continue
        for form in forms_of(page, _html(response)):
            if form.method == "post" and form.action == url:
                return form
    return None


def _try_web(world: World, who: str, url: str, data: dict[str, Any], before: str, what: str) -> None:
    """POST as `who`; `before` is the world's fingerprint (every attempt starts from the same world).
    The pages showing what was stored are read after the hostile text, not after its 100,000
    characters' version (the same markup)."""
    with undone():
        client = page_client(world, who)
        response = client.post(url, data)
        result = outcome(response)
        assert response.status_code < 500, (what, response.status_code)
        assert not shows_raw_markup(_html(response)), f"{what}: raw markup in the answer"
        if not _succeeded(result):
            assert fingerprint() == before, f"{what}: refused ({result}) but stored something"
        elif response.status_code == 302 and data_is_hostile(data):
            _assert_escaped(client, sorted({response["Location"], *display_pages(world, url)}), what)


def data_is_hostile(data: dict[str, Any]) -> bool:
    return any(value == PAYLOADS["hostile"] for value in data.values())


@pytest.mark.parametrize("name", sorted(WEB_WRITES))
def test_hostile_text_in_every_field_of_a_form(name: str, seeded: World) -> None:
    row = WEB_WRITES[name]
    who = row.actor or _actor(row.expect)
    url = reverse(name, kwargs=row.kwargs(seeded))
    with undone():
        form = _form_for(page_client(seeded, who), url, display_pages(seeded, url))
    fields = sorted(form.text_fields) if form else []
    if name in WITHOUT_TEXT:
        assert not fields, f"{name} has text fields {fields}: remove it from WITHOUT_TEXT"
        return
    assert fields, f"no form with text fields found for {name} ({url}) as {who}: add it to WITHOUT_TEXT?"

    before = fingerprint()
    for field in fields:
        for label, text in PAYLOADS.items():
            data = {**row.data(seeded), field: text}
            _try_web(seeded, who, url, data, before, f"{name} {field}={label} as {who}")


def _search_forms(world: World) -> list[tuple[str, Form]]:
    """Every GET form (search box, filters) of the pages that only read, as the owner sees them."""
    found: dict[str, Form] = {}
    client = page_client(world, "owner")
    for route in routes():
        if route.name not in READ_ONLY or route.parameters and not set(route.parameters) <= {"pk", "agreement_id"}:
            continue
        pk = world.home.pk if route.name.startswith(("places:", "partners:", "challenges:")) else world.active.pk
        url = reverse(route.name, kwargs={p: pk for p in route.parameters})
        response = client.get(url)
        for form in forms_of(url, _html(response)) if response.status_code == 200 else []:
            if form.method == "get" and form.all_fields:
                found.setdefault(form.action, form)
    return sorted(found.items())


def test_hostile_text_in_every_search_box_and_filter(seeded: World) -> None:
    with undone():
        forms = _search_forms(seeded)
    assert len(forms) >= 5, [action for action, _form in forms]  # the crawl finds the site's filters

    client = page_client(seeded, "owner")
    for action, form in forms:
        for field in sorted(form.all_fields):
            for label, text in QUERY_PAYLOADS.items():
                response = client.get(action, {field: text})
                what = f"{action}?{field}={label}"
                assert response.status_code < 500, (what, response.status_code)
                assert not shows_raw_markup(_html(response)), f"{what}: raw markup"


def _operations() -> dict[str, dict[str, Any]]:
    return {
        f"{method.upper()} {path}": operation
        for path, operations in openapi()["paths"].items()
        for method, operation in operations.items()
    }


def _call(world: World, who: str, method: str, path: str, body: Any, multipart: bool) -> HttpResponse:
    token = world.tokens.get(who)
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    send = getattr(Client(), method.lower())
    if multipart:
        return send(path, body, headers=headers)
    return send(path, json.dumps(body), content_type="application/json", headers=headers)


API_TEXT_WRITES = sorted(key for key in API_WRITES if body_text_fields(openapi(), _operations()[key]))


def test_every_api_write_with_text_is_tried() -> None:
    """Writes without a text property in their body (ids, dates, choices) have nothing to inject."""
    assert len(API_TEXT_WRITES) >= 20, API_TEXT_WRITES


@pytest.mark.parametrize("operation", API_TEXT_WRITES)
def test_hostile_text_in_every_text_property_of_an_api_write(operation: str, seeded: World) -> None:
    row = API_WRITES[operation]
    method = operation.split()[0]
    who = _actor(row.expect)
    fields = body_text_fields(openapi(), _operations()[operation])

    before = fingerprint()
    for name, kind in sorted(fields.items()):
        for label, text in PAYLOADS.items():
            what = f"{operation} {name}={label} as {who}"
            with undone():
                path = row.path(seeded)
                response = _call(
                    seeded, who, method, path, with_text(row.body(seeded), name, kind, text), row.multipart
                )
                assert response.status_code < 500, (what, response.content[:300])
                if response.status_code >= 400:
                    assert fingerprint() == before, f"{what}: refused ({response.status_code}) but stored something"
                elif label == "hostile":
                    created = response.json() if response.content else None
                    pages = display_pages(seeded, path, created if isinstance(created, dict) else None)
                    _assert_escaped(page_client(seeded, who), pages, what)


def _query_cases(world: World) -> list[tuple[str, str]]:
    """(URL with seeded path parameters, query parameter) for every text query parameter of the API."""
    schema = openapi()
    cases = []
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None:
            continue
        url = path
        for parameter in operation.get("parameters", []):
            if parameter["in"] == "path":
                values = path_values(path, parameter["name"], world) or [1]
                url = url.replace("{" + parameter["name"] + "}", str(values[0]))
        for parameter in operation.get("parameters", []):
            options = parameter.get("schema", {}).get("anyOf", [parameter.get("schema", {})])
            if parameter["in"] == "query" and any(o.get("type") == "string" for o in options):
                cases.append((url, parameter["name"]))
    return cases


def test_hostile_text_in_every_api_query_parameter(seeded: World) -> None:
    with undone():
        cases = _query_cases(seeded)
    assert len(cases) >= 10, cases

    client, headers = Client(), {"Authorization": f"Bearer {seeded.tokens['owner']}"}
    for url, name in cases:
        for label, text in QUERY_PAYLOADS.items():
            response = client.get(url, {name: text}, headers=headers)
            assert response.status_code < 500, (f"{url}?{name}={label}", response.content[:300])
