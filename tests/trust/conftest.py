"""One world per test module (see world.py), built in a transaction that is rolled back when the
module ends; each test runs in its own savepoint on top of it (pytest-django's `db`)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction
from pytest_django import DjangoDbBlocker

from tests.trust.world import World, build_world


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: DjangoDbBlocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world()
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def seeded(world: World, db: None) -> World:
    """The module's world, inside this test's own savepoint."""
    return world
