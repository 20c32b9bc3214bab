"""The calendar pages of an agreement and of a place, as the owner's officer, the partner's member,
an outsider and an anonymous visitor."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tests.programme.calendar_data import add_activity, client_for
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity

JUNE = {"month": "2026-06"}


@pytest.fixture
def festival(active: Agreement, people: People) -> Activity:
    return add_activity(people, active, date(2026, 6, 20), title="Lyon festival of lights", type="festival")


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_the_agreement_calendar_is_for_the_parties(
    exchange: Activity, festival: Activity, people: People, who: str, status: int
) -> None:
    response = client_for(people, who).get(reverse("programme:calendar", args=[exchange.agreement_id]), JUNE)
    assert response.status_code == status
    html = response.content.decode()
    assert (exchange.title in html) is (status == 200)
    assert (festival.title in html) is (status == 200)


def test_anonymous_visitors_are_sent_to_log_in(exchange: Activity, people: People) -> None:
    for url in (
        reverse("programme:calendar", args=[exchange.agreement_id]),
        reverse("programme:place-calendar", args=[people.home.pk]),
    ):
        response = client_for(people, "anonymous").get(url)
        assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_draft_calendar_is_the_owners_alone(draft: Agreement, people: People) -> None:
    url = reverse("programme:calendar", args=[draft.pk])
    assert client_for(people, "officer").get(url).status_code == 200
    assert client_for(people, "partner").get(url).status_code == 404


def test_the_agenda_shows_the_months_asked_for_with_the_key_dates(
    exchange: Activity, festival: Activity, people: People
) -> None:
    client = client_for(people, "officer")
    url = reverse("programme:calendar", args=[exchange.agreement_id])
    html = client.get(url, {"month": "2026-05"}).content.decode()
    assert "Agreement comes into force" in html  # 1 May 2026
    assert html.index(exchange.title) < html.index(festival.title)  # by date
    assert "?month=2025-11" in html and "?month=2026-11" in html  # earlier and later
    later = client.get(url, {"month": "2026-12"}).content.decode()
    assert exchange.title not in later and "Nothing in the calendar" in later
    review = client.get(url, {"month": "2029-05"}).content.decode()
    assert "Agreement review date" in review


def test_the_agenda_filters_by_status_and_type(exchange: Activity, festival: Activity, people: People) -> None:
    client = client_for(people, "officer")
    url = reverse("programme:calendar", args=[exchange.agreement_id])
    held = client.get(url, {"month": "2026-05", "status": "held"}).content.decode()
    assert exchange.title in held and festival.title not in held and "comes into force" not in held
    festivals = client.get(url, {"month": "2026-05", "type": "festival"}).content.decode()
    assert festival.title in festivals and exchange.title not in festivals
    keys = client.get(url, {"month": "2026-05", "type": "key_date"}).content.decode()
    assert "comes into force" in keys and exchange.title not in keys
    assert "status=held" in held  # the month links keep the filter


def test_a_bad_filter_is_a_form_error_and_the_calendar_still_shows(exchange: Activity, people: People) -> None:
    response = client_for(people, "officer").get(
        reverse("programme:calendar", args=[exchange.agreement_id]), {"month": "2026-13", "status": "lost"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Select a valid choice" in html and "field-error" in html


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_a_place_calendar_lists_what_the_viewer_may_see(
    exchange: Activity, people: People, who: str, status: int
) -> None:
    response = client_for(people, who).get(reverse("programme:place-calendar", args=[people.home.pk]), JUNE)
    assert response.status_code == status
    assert (exchange.title in response.content.decode()) is (status == 200)


def test_a_place_calendar_includes_activities_it_hosts_in_other_agreements(exchange: Activity, people: People) -> None:
    """Lyon hosts the exchange; Lyon's members see it on Lyon's calendar, and the outsider's own
    office (Paris) has a calendar with nothing of it."""
    lyon = client_for(people, "partner").get(reverse("programme:place-calendar", args=[people.away.pk]), JUNE)
    assert exchange.title in lyon.content.decode()
    paris = client_for(people, "outsider").get(reverse("programme:place-calendar", args=[people.elsewhere.pk]), JUNE)
    assert paris.status_code == 200 and exchange.title not in paris.content.decode()


def test_the_agreement_pages_lead_to_the_calendar(exchange: Activity, people: People) -> None:
    html = client_for(people, "officer").get(reverse("agreements:detail", args=[exchange.agreement_id])).content
    assert reverse("programme:calendar", args=[exchange.agreement_id]).encode() in html
