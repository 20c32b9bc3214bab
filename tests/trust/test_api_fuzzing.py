"""Fuzzing every operation of /api/v1 from its OpenAPI document (schemathesis, in-process through
the WSGI application, never the network). Each generated request is sent as the four identities
(anonymous, outsider, partner, owner) against the seeded world, and rolled back after each one.

Checks: no 5xx; the status code is documented for the operation; the content type and the body
match the documented response. Inputs are valid (positive) or deliberately invalid (negative),
with path parameters either made up or taken from the world's objects.

TWINNINGS_FUZZ_EXAMPLES sets the examples per operation (default in fuzzing.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.handlers.wsgi import WSGIHandler
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from pytest_django.fixtures import Settings
from schemathesis import APIOperation, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.trust.fuzzing import examples, in_process_app, load_schema, operations, path_values
from tests.trust.world import IDENTITIES, World, undone

pytestmark = pytest.mark.fuzz

SCHEMA = load_schema()
OPERATIONS = operations(SCHEMA)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(scope="module")
def app() -> Iterator[WSGIHandler]:
    with in_process_app() as handler:
        yield handler


@pytest.fixture(autouse=True)
def no_rate_limits(settings: Settings) -> None:
    settings.RATELIMIT_ENABLE = False


def _strategy(operation: APIOperation) -> st.SearchStrategy[tuple[Case, bool]]:
    """A positive or negative case, paired with whether its path parameters should be seeded ones."""
    cases = st.one_of(operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE))
    return st.tuples(cases, st.booleans())


def _seed_path(case: Case, data: st.DataObject, world: World) -> None:
    for name in list(case.path_parameters or {}):
        values = path_values(case.operation.path, name, world)
        if values:
            case.path_parameters[name] = data.draw(st.sampled_from(values), label=name)


def _headers(world: World, who: str) -> dict[str, str]:
    token = world.tokens.get(who)
    return {"Authorization": f"Bearer {token}"} if token else {}


def _send(case: Case, app: WSGIHandler, world: World) -> None:
    for header in ("Authorization", "authorization", "Cookie", "cookie"):
        (case.headers or {}).pop(header, None)
    (case.cookies or {}).clear()  # the session cookie is the identities' business
    for who in IDENTITIES:
        with undone():
            response = case.call(app=app, base_url="http://testserver", headers=_headers(world, who))
            case.validate_response(response, checks=CHECKS)


@pytest.mark.parametrize("operation", OPERATIONS, ids=[f"{o.method.upper()} {o.path}" for o in OPERATIONS])
def test_operation_answers_within_its_schema(operation: APIOperation, seeded: World, app: WSGIHandler) -> None:
    @settings(
        max_examples=examples(),
        phases=[Phase.explicit, Phase.generate, Phase.shrink],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
    )
    @given(drawn=_strategy(operation), data=st.data())
    def fuzz(drawn: tuple[Case, bool], data: Any) -> None:
        case, seed_path = drawn
        if seed_path:
            _seed_path(case, data, seeded)
        _send(case, app, seeded)

    fuzz()
