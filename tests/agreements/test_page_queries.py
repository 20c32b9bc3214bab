"""The workspace's agreement pages read a fixed number of queries: no more for six parties, clauses,
organisations and activities than for two, and within a budget (the figure measured on the busy
agreement, plus two). Repeated permission checks were most of a page's queries: the budget catches
their return."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from tests.factories import TinyGazetteer
from tests.programme.busy import busy_agreement, page_queries
from tests.programme.clients import client_for
from tests.workspace import People
from twinnings.agreements.models import Agreement

PAGES: dict[str, tuple[Callable[[Agreement], str], int]] = {
    "agreement": (lambda a: a.get_absolute_url(), 29),  # 65 before memberships were kept per request
    "clauses": (lambda a: reverse("agreements:clauses", args=[a.pk]), 7),
    "programme": (lambda a: reverse("agreements:programme", args=[a.pk]), 12),
    "version": (lambda a: reverse("agreements:version", args=[a.pk, 1]), 7),
    "history": (lambda a: reverse("agreements:history", args=[a.pk]), 7),
}


def test_agreement_pages_read_a_fixed_number_of_queries(
    people: People, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    small, _ = busy_agreement(people, tiny_gazetteer, 2)
    busy, _ = busy_agreement(people, tiny_gazetteer, 6)
    for who in ("officer", "partner"):
        client = client_for(people, who)
        for name, (url, budget) in PAGES.items():
            few, many = page_queries(client, url(small)), page_queries(client, url(busy))
            assert len(many) == len(few), (who, name, len(few), len(many))
            with django_assert_max_num_queries(budget):
                client.get(url(busy))


def test_the_agreement_page_checks_permissions_once(people: People, tiny_gazetteer: TinyGazetteer) -> None:
    busy, _ = busy_agreement(people, tiny_gazetteer, 6)
    html_queries = page_queries(client_for(people, "officer"), busy.get_absolute_url())
    memberships = [sql for sql in html_queries if '"accounts_membership"' in sql]
    assert len(memberships) == 1, memberships
    assert len(set(html_queries)) >= len(html_queries) - 2  # at most two repeats (parties read by two sections)


def test_the_workspace_dashboard_stays_within_its_budget(
    people: People, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    busy_agreement(people, tiny_gazetteer, 6)
    client = client_for(people, "officer")
    with django_assert_max_num_queries(8):  # 9 before
        assert client.get(reverse("agreements:dashboard")).status_code == 200
