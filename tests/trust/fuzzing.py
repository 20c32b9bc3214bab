"""What the fuzz tests share: the API's OpenAPI document as schemathesis reads it, the WSGI
application it calls in-process, and the seeded objects that stand in for path parameters."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from typing import Any

import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.trust.world import World
from twinnings.agreements.models import AssociatedOrganisation, Clause, Commitment, ResourceAllocation
from twinnings.core.api import api

EXAMPLES_VARIABLE = "TWINNINGS_FUZZ_EXAMPLES"
DEFAULT_EXAMPLES = 4  # x 4 identities x every operation: about 25 s of CPU on SQLite


def examples() -> int:
    """Examples per operation, each tried as every identity (TWINNINGS_FUZZ_EXAMPLES raises it)."""
    return max(1, int(os.environ.get(EXAMPLES_VARIABLE, "") or DEFAULT_EXAMPLES))


@cache
def openapi() -> dict[str, Any]:
    """The API's OpenAPI document, made once per run (shared: do not change it)."""
    return api.get_openapi_schema()


def load_schema() -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_dict(openapi())


def operations(schema: schemathesis.BaseSchema) -> list[schemathesis.APIOperation]:
    found = []
    for result in schema.get_all_operations():
        found.append(result.ok())
    return found


@contextmanager
def in_process_app() -> Iterator[WSGIHandler]:
    """Django's WSGI application, called in this thread: the request sees the test's transaction
    (the end of a request must not close the connection, as Django's test client ensures too)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _ids(*objects: Any) -> list[int]:
    return [o.pk for o in objects]


def path_values(path: str, name: str, world: World) -> list[Any]:
    """Seeded values a path parameter may take, so the fuzzer reaches real objects as well as
    made-up ids; empty when the parameter has none."""
    active, draft = world.active, world.draft
    by_name: dict[str, Callable[[], list[Any]]] = {
        "agreement_id": lambda: _ids(active, draft),
        "party_id": lambda: [p.pk for a in (active, draft) for p in a.parties.all()],
        "clause_id": lambda: list(Clause.objects.filter(agreement__in=[active, draft]).values_list("pk", flat=True)),
        "item_id": lambda: [
            *Commitment.objects.filter(agreement=draft).values_list("pk", flat=True),
            *ResourceAllocation.objects.filter(agreement__in=[active, draft]).values_list("pk", flat=True),
            *AssociatedOrganisation.objects.filter(agreement=draft).values_list("pk", flat=True),
        ],
        "number": lambda: [1, 2],
        "activity_id": lambda: _ids(world.activity),
        "participant_id": lambda: _ids(world.participant),
        "line_id": lambda: _ids(world.budget_line),
        "indicator_id": lambda: _ids(world.indicator),
        "notice_id": lambda: _ids(world.notice),
        "conversation_id": lambda: _ids(world.conversation),
        "membership_id": lambda: _ids(world.owner_membership),
        "organisation_id": lambda: _ids(world.organisation),
        "place_id": lambda: _ids(world.home, world.away, world.elsewhere),
        "code": lambda: ["DE", "FR"],
    }
    if name == "id":
        if path.startswith("/api/v1/places/"):
            return _ids(world.home, world.away, world.elsewhere)
        if path.startswith("/api/v1/agreements/"):
            return _ids(active, draft)
        if path.startswith("/api/v1/calendar/feeds/"):
            return _ids(world.feed)
        return []
    return by_name[name]() if name in by_name else []
