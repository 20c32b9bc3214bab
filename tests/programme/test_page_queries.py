"""The programme's pages read a fixed number of queries: no more for six activities, budget lines,
indicators and parties than for two, and within a budget (the figure measured on the busy
agreement, plus two)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from django.utils import timezone

from tests.factories import TinyGazetteer
from tests.programme.busy import busy_agreement, page_queries
from tests.programme.clients import client_for
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity

Page = Callable[[Agreement, Activity], str]
PAGES: dict[str, tuple[Page, int]] = {
    "activities": (lambda a, _: reverse("programme:activities", args=[a.pk]), 8),  # 10 before
    "activity": (lambda a, held: reverse("programme:activity", args=[a.pk, held.pk]), 14),  # 23 before
    "budget": (lambda a, _: reverse("programme:budget", args=[a.pk]), 13),  # 15 before
    "indicators": (lambda a, _: reverse("programme:indicators", args=[a.pk]), 9),  # 11 before
    "calendar": (lambda a, _: reverse("programme:calendar", args=[a.pk]), 9),  # 12 before
    "report": (lambda a, _: reverse("programme:report", args=[a.pk, timezone.localdate().year]), 19),  # 20-24 before
}


def test_programme_pages_read_a_fixed_number_of_queries(
    people: People, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    small, small_activities = busy_agreement(people, tiny_gazetteer, 2)
    busy, busy_activities = busy_agreement(people, tiny_gazetteer, 6)
    for who in ("officer", "partner"):
        client = client_for(people, who)
        for name, (url, budget) in PAGES.items():
            few = page_queries(client, url(small, small_activities[0]))
            many = page_queries(client, url(busy, busy_activities[0]))
            assert len(many) == len(few), (who, name, len(few), len(many))
            with django_assert_max_num_queries(budget):
                client.get(url(busy, busy_activities[0]))


def test_the_place_dashboard_stays_within_its_budget(
    people: People, tiny_gazetteer: TinyGazetteer, django_assert_max_num_queries: Any
) -> None:
    busy_agreement(people, tiny_gazetteer, 6)
    client = client_for(people, "officer")
    for url, budget in [
        (reverse("programme:place-dashboard", args=[people.home.pk]), 12),  # 14 before
        (reverse("programme:place-calendar", args=[people.home.pk]), 9),  # 12 before
    ]:
        with django_assert_max_num_queries(budget):
            assert client.get(url).status_code == 200
