"""The activity pages: the list and its filters, planning and editing an activity (a stale edit keeps
the user's input), deleting one, tried by each kind of user; bad input saves nothing."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programme.clients import client_for
from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.accounts.models import Organisation
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import create_activity, update_activity
from twinnings.programme.services.participants import GroupData, set_participant_groups

SCRIPT = '<script>alert("x")</script>'


def concert(people: People, **changes: Any) -> dict[str, Any]:
    data = {
        "title": "Choir concert",
        "type": "cultural_event",
        "area": "culture",
        "status": "planned",
        "start_date": "2027-03-01",
        "end_date": "2027-03-02",
        "host_place": people.home.pk,
        "venue": "Philharmonie",
        "description": "Two choirs sing together.",
    }
    return {**data, **changes}


def create_url(agreement: Agreement) -> str:
    return reverse("programme:activity_create", args=[agreement.pk])


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_planning_an_activity(active: Agreement, people: People, who: str, status: int) -> None:
    client = client_for(people, who)
    response = client.post(create_url(active), concert(people))
    assert response.status_code == status
    saved = Activity.objects.filter(title="Choir concert").first()
    if who in ("officer", "partner"):
        assert saved is not None and response["Location"] == saved.get_absolute_url()
        assert (saved.host_place, saved.venue, saved.created_by) == (people.home, "Philharmonie", people.by_name(who))
    else:
        assert saved is None
    if who == "anonymous":
        assert "/account/" in response["Location"] or "login" in response["Location"]
    if who == "viewer":
        assert "Only an administrator or editor" in response.content.decode()


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("viewer", 403), ("outsider", 404)])
def test_the_form_is_shown_only_to_editors(active: Agreement, people: People, who: str, status: int) -> None:
    assert client_for(people, who).get(create_url(active)).status_code == status


def test_the_host_can_be_given_by_its_number_and_organisations_chosen(active: Agreement, people: People) -> None:
    choir = Organisation.objects.create(name="Kölner Chor", kind="community", place=people.home)
    stranger = Organisation.objects.create(name="Club de Paris", kind="community", place=people.elsewhere)
    client = client_for(people, "officer")
    form = client.get(create_url(active)).content.decode()
    assert "Kölner Chor" in form and "Club de Paris" not in form
    data = concert(people, host_place="", host_place_number=people.elsewhere.pk, organisations=[choir.pk])
    assert client.post(create_url(active), data).status_code == 302
    saved = Activity.objects.get()
    assert saved.host_place == people.elsewhere and list(saved.organisations.all()) == [choir]
    refused = client.post(create_url(active), concert(people, title="Other", organisations=[stranger.pk]))
    assert refused.status_code == 400 and Activity.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": "2027-02-01"}, "cannot end before it starts"),
        ({"start_date": "2026-01-01"}, "starts before the agreement&#x27;s term"),
        ({"status": "held"}, "cannot be marked as held before it starts"),
        ({"title": "x" * 100_000}, "at most 200 characters"),
        ({"description": "x" * 100_000}, "at most 20000 characters"),
        ({"host_place": "", "host_place_number": ""}, "Choose the host among the parties"),
        ({"host_place": "", "host_place_number": "999999999"}, "There is no place with this number"),
        ({"type": "picnic"}, "Select a valid choice"),
        ({"start_date": "someday"}, "Enter a valid date"),
    ],
)
def test_bad_activities_are_refused_on_the_page_and_nothing_is_saved(
    active: Agreement, people: People, changes: dict[str, Any], message: str
) -> None:
    response = client_for(people, "officer").post(create_url(active), concert(people, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Activity.objects.exists()


def test_an_activity_after_the_term_is_refused(active: Agreement, people: People) -> None:
    Agreement.objects.filter(pk=active.pk).update(end_date=date(2027, 12, 31))
    data = concert(people, start_date="2027-12-30", end_date="2028-01-02")
    response = client_for(people, "officer").post(create_url(active), data)
    assert response.status_code == 400 and "ends after the agreement" in response.content.decode()
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_editing_an_activity(exchange: Activity, people: People, who: str, status: int) -> None:
    url = reverse("programme:activity_edit", args=[exchange.agreement_id, exchange.pk])
    data = {**concert(people, title="Renamed", host_place=people.away.pk, status="held"), "revision": 1}
    data.update(start_date="2026-06-08", end_date="2026-06-15", type="student_exchange", area="education")
    response = client_for(people, who).post(url, data)
    assert response.status_code == status
    exchange.refresh_from_db()
    expected = ("Renamed", 2) if who in ("officer", "partner") else ("Pupils of Köln in Lyon", 1)
    assert (exchange.title, exchange.revision) == expected


def test_a_stale_edit_shows_the_conflict_and_keeps_the_input(exchange: Activity, people: People) -> None:
    client = client_for(people, "partner")
    url = reverse("programme:activity_edit", args=[exchange.agreement_id, exchange.pk])
    form = client.get(url).content.decode()
    assert 'name="revision" value="1"' in form and "Pupils of Köln in Lyon" in form
    update_activity(people.officer, exchange, 1, exchange_data(people, title="Changed meanwhile"))
    data = {**concert(people, title="My stale title", host_place=people.away.pk, status="held"), "revision": 1}
    data.update(start_date="2026-06-08", end_date="2026-06-15", type="student_exchange", area="education")
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 409
    assert "Someone else changed this activity" in html and 'value="My stale title"' in html
    exchange.refresh_from_db()
    assert (exchange.title, exchange.revision) == ("Changed meanwhile", 2)


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 302), ("outsider", 404), ("anonymous", 302)]
)
def test_deleting_an_activity(exchange: Activity, people: People, who: str, status: int) -> None:
    url = reverse("programme:activity_delete", args=[exchange.agreement_id, exchange.pk])
    client = client_for(people, who)
    if who == "officer":
        assert "Delete “Pupils of Köln in Lyon”" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == status
    assert Activity.objects.exists() is (who not in ("officer", "partner"))
    if who == "viewer":
        assert response["X-Twinnings-Refused"] == "403"


def test_the_list_filters_by_year_status_and_type(active: Agreement, people: People, exchange: Activity) -> None:
    create_activity(
        people.officer,
        active,
        exchange_data(
            people,
            title="Christmas market",
            type="festival",
            area="culture",
            status="planned",
            start_date=date(2027, 12, 1),
            end_date=date(2027, 12, 20),
        ),
    )
    client = client_for(people, "viewer")
    url = reverse("programme:activities", args=[active.pk])

    def titles(query: str) -> list[str]:
        html = client.get(url + query).content.decode()
        return [t for t in ("Pupils of Köln in Lyon", "Christmas market") if t in html]

    assert titles("") == ["Pupils of Köln in Lyon", "Christmas market"]
    assert titles("?year=2027") == ["Christmas market"]
    assert titles("?status=held") == ["Pupils of Köln in Lyon"]
    assert titles("?type=festival&year=2027") == ["Christmas market"]
    assert titles("?type=conference") == []
    assert "Plan an activity" not in client.get(url).content.decode()
    assert client_for(people, "outsider").get(url).status_code == 404


def test_the_list_reads_a_fixed_number_of_queries(active: Agreement, people: People) -> None:
    client = client_for(people, "officer")
    url = reverse("programme:activities", args=[active.pk])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        activity = create_activity(people.officer, active, exchange_data(people, title=f"Exchange {n}"))
        set_participant_groups(people.officer, activity, [GroupData(people.home.country, True, n + 1, people.home)])

    add(0)
    few = count()
    for n in range(1, 6):
        add(n)
    assert count() == few
    assert "<td>6</td>" in client.get(url).content.decode()


def test_script_tags_in_activity_texts_stay_escaped(active: Agreement, people: People) -> None:
    activity = create_activity(
        people.officer,
        active,
        exchange_data(
            people,
            title=f"T {SCRIPT}",
            venue=SCRIPT,
            description=SCRIPT,
            status="planned",
            start_date=date(2027, 6, 1),
            end_date=date(2027, 6, 2),
        ),
    )
    client = client_for(people, "officer")
    for url in (
        reverse("programme:activities", args=[active.pk]),
        activity.get_absolute_url(),
        reverse("programme:activity_edit", args=[active.pk, activity.pk]),
        reverse("programme:activity_delete", args=[active.pk, activity.pk]),
    ):
        html = client.get(url).content.decode()
        assert SCRIPT not in html and "&lt;script&gt;" in html, url
