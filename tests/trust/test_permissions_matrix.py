"""Every write of the site and of the API tried as owner, partner, outsider and anonymous, against
the table in matrix.py. The URLs come from Django's resolver and the API operations from the
OpenAPI document: one that is not in the table fails here with its name."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from pytest_django.fixtures import Settings

from tests.trust.attempts import Outcome, call_api, outcome, page_client, post_page
from tests.trust.fuzzing import openapi
from tests.trust.matrix import API_WRITES, READ_ONLY, WEB_WRITES
from tests.trust.urlsmap import Route, routes
from tests.trust.world import IDENTITIES, World, undone

WRITE_METHODS = {"post", "put", "patch", "delete"}


@pytest.fixture(autouse=True)
def no_rate_limits(settings: Settings) -> None:
    settings.RATELIMIT_ENABLE = False


def api_writes() -> list[str]:
    return [
        f"{method.upper()} {path}"
        for path, operations in openapi()["paths"].items()
        for method in operations
        if method in WRITE_METHODS
    ]


def test_every_url_is_in_the_table() -> None:
    names = {route.name for route in routes()}

    missing = sorted(names - READ_ONLY - set(WEB_WRITES))
    stale = sorted((READ_ONLY | set(WEB_WRITES)) - names)

    assert not missing, f"URLs missing from tests/trust/matrix.py (a row in WEB_WRITES, or READ_ONLY): {missing}"
    assert not stale, f"rows of tests/trust/matrix.py for URLs that no longer exist: {stale}"
    assert not READ_ONLY & set(WEB_WRITES)


def test_every_api_write_is_in_the_table() -> None:
    operations = set(api_writes())

    missing = sorted(operations - set(API_WRITES))
    stale = sorted(set(API_WRITES) - operations)

    assert not missing, f"API writes missing from API_WRITES in tests/trust/matrix.py: {missing}"
    assert not stale, f"rows of API_WRITES for operations that no longer exist: {stale}"


def _value(route: Route, parameter: str, world: World) -> Any:
    """Arguments for URLs that only read: any object of the right kind will do."""
    by_kind = {
        "agreement_id": world.active.pk,
        "place_id": world.home.pk,
        "participant_id": world.participant.pk,
        "number": 1,
        "year": 2026,
        "section": "activities",
        "attachment_id": 1,
        "token": "unknown",
        "uidb64": "MQ",
        "code": "DE",
        "fmt": "csv",
        "other": world.away.pk,
    }
    if parameter != "pk":
        return by_kind[parameter]
    if "agreement_id" in route.parameters:
        return world.activity.pk
    if route.name.startswith(("places:", "partners:find", "partners:consortium", "challenges:", "programme:place")):
        return world.home.pk
    if route.name.startswith("partners:notice"):
        return world.notice.pk
    return world.active.pk


READ_ONLY_ROUTES = sorted((r for r in routes() if r.name in READ_ONLY), key=lambda r: r.name)


@pytest.mark.parametrize("route", READ_ONLY_ROUTES, ids=[r.name for r in READ_ONLY_ROUTES])
def test_a_url_that_only_reads_refuses_a_post(route: Route, seeded: World) -> None:
    url = reverse(route.name, kwargs={p: _value(route, p, seeded) for p in route.parameters})

    with undone():
        response = page_client(seeded, "owner").post(url, {})

    assert response.status_code == 405, f"{route.name} answers a POST with {response.status_code}: give it a row"


@pytest.mark.parametrize("name", sorted(WEB_WRITES))
def test_a_write_url_as_each_identity(name: str, seeded: World) -> None:
    row = WEB_WRITES[name]
    url = reverse(name, kwargs=row.kwargs(seeded))

    actual: dict[str, Outcome] = {who: outcome(post_page(seeded, who, url, row.data(seeded))) for who in IDENTITIES}

    assert actual == {who: row.expect[who] for who in IDENTITIES}, name


@pytest.mark.parametrize("operation", sorted(API_WRITES))
def test_an_api_write_as_each_identity(operation: str, seeded: World) -> None:
    row = API_WRITES[operation]
    method = operation.split()[0]

    actual = {
        who: call_api(seeded, who, method, row.path(seeded), row.body(seeded), multipart=row.multipart).status_code
        for who in IDENTITIES
    }

    assert actual == {who: row.expect[who] for who in IDENTITIES}, operation
