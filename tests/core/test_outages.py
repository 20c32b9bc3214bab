"""A database that cannot be reached or written (a read-only or full disk, PostgreSQL down or
restarting) answers 503 with a message and Retry-After, on pages and in the API: no 500, no
stack trace, and a write refused by the database saves nothing. Errors that are bugs stay 500.
A connection the server dropped is replaced before a request uses it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
import pytest
from django.db import connection
from django.test import Client

from tests.workspace import People
from twinnings.accounts import access_tokens
from twinnings.agreements import services
from twinnings.agreements.models import Agreement, Clause
from twinnings.places.models import Place

WRITES = ("INSERT", "UPDATE", "DELETE")


@contextmanager
def database_failing(error: Callable[[], Exception], only_writes: bool) -> Iterator[None]:
    """Every statement (or every write) fails as the driver would fail it, wrapped as Django wraps it."""

    def execute(run: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        if not only_writes or sql.lstrip().upper().startswith(WRITES):
            with connection.wrap_database_errors:
                raise error()
        return run(sql, params, many, context)

    with connection.execute_wrapper(execute):
        yield


def read_only() -> Exception:
    return connection.Database.OperationalError("attempt to write a readonly database")


def server_gone() -> Exception:
    return connection.Database.OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.fixture
def agreement(people: People) -> Agreement:
    return services.create_agreement(people.officer, people.home, [people.away], "Jumelage", ["en", "fr"])


@pytest.fixture
def browser(people: People) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(people.officer)
    return client


def assert_unavailable_page(response: Any) -> None:
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    body = response.content.decode()
    assert "Temporarily unavailable" in body and "may not have been saved" in body
    assert "Traceback" not in body and "OperationalError" not in body


def test_a_page_write_on_a_read_only_database_is_503_and_saves_nothing(browser: Client, agreement: Agreement) -> None:
    form = {"prefix": "new", "new-revision": agreement.revision, "new-text_en": "Youth", "new-text_fr": "Jeunesse"}
    with database_failing(read_only, only_writes=True):
        response = browser.post(f"/workspace/agreements/{agreement.pk}/clauses/", form)
        page = browser.get(f"/places/{agreement.owner_id}/")
    assert_unavailable_page(response)
    assert page.status_code == 200  # reading still works
    assert not Clause.objects.filter(agreement=agreement).exists()


@pytest.mark.django_db(transaction=True)  # autocommit as in production: the token's last use is a write too
def test_an_api_write_on_a_read_only_database_is_503_json(people: People, agreement: Agreement) -> None:
    _, token = access_tokens.create(people.officer, "script", "write")
    client = Client(raise_request_exception=False, headers={"Authorization": f"Bearer {token}"})
    payload = {"revision": agreement.revision, "texts": {"en": "Youth", "fr": "Jeunesse"}}
    with database_failing(read_only, only_writes=True):
        response = client.post(f"/api/v1/agreements/{agreement.pk}/clauses", payload, content_type="application/json")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "may not have been saved" in response.json()["detail"]
    assert not Clause.objects.filter(agreement=agreement).exists()


def test_pages_and_api_are_503_while_the_database_does_not_answer(tiny_gazetteer: dict[str, Place]) -> None:
    client = Client(raise_request_exception=False)
    with database_failing(server_gone, only_writes=False):
        page = client.get(f"/places/{tiny_gazetteer['lyon'].pk}/")
        api = client.get("/api/v1/places?q=Lyo")
    assert_unavailable_page(page)
    assert api.status_code == 503
    assert api["Content-Type"] == "application/json"
    assert "trying again" in api.json()["detail"]


def test_an_error_that_is_a_bug_stays_a_500(browser: Client, agreement: Agreement) -> None:
    def broken() -> Exception:
        return connection.Database.IntegrityError("duplicate key value violates unique constraint")

    form = {"prefix": "new", "new-revision": agreement.revision, "new-text_en": "Youth", "new-text_fr": "Jeunesse"}
    with database_failing(broken, only_writes=True):
        response = browser.post(f"/workspace/agreements/{agreement.pk}/clauses/", form)
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_connection_the_server_dropped_is_replaced_before_a_request_uses_it(
    tiny_gazetteer: dict[str, Place],
) -> None:
    """What a PostgreSQL restart does to the connection each worker keeps (CONN_MAX_AGE)."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite opens a connection per request")
    connection.ensure_connection()
    pid = connection.connection.info.backend_pid
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        user=settings["USER"],
        password=settings["PASSWORD"] or None,
        dbname=settings["NAME"],
        autocommit=True,
    ) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
    connection.close_if_unusable_or_obsolete()  # what Django does as each request starts
    assert Place.objects.filter(pk=tiny_gazetteer["lyon"].pk).exists()
    assert connection.connection.info.backend_pid != pid
