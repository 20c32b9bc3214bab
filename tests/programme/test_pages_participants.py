"""An activity's page: the counts table and its form, named participants (consent, visibility,
export, erasure) and the page that finds, exports and erases all records of one person."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse

from tests.programme.clients import client_for
from tests.workspace import People
from twinnings.programme.models import Activity, Participant, ParticipantGroup
from twinnings.programme.services.participants import GroupData, PersonData, add_participant, set_participant_groups


def counts_post(rows: list[dict[str, Any]], total: object = "") -> dict[str, Any]:
    data: dict[str, Any] = {
        "groups-TOTAL_FORMS": len(rows),
        "groups-INITIAL_FORMS": 0,
        "groups-MIN_NUM_FORMS": 0,
        "groups-MAX_NUM_FORMS": 1000,
        "total": total,
    }
    for i, row in enumerate(rows):
        data.update({f"groups-{i}-{name}": value for name, value in row.items()})
    return data


def exchange_rows(people: People, guests: object = 30, locals_: object = 25) -> list[dict[str, Any]]:
    return [
        {"place": people.home.pk, "country": "DE", "invited": "1", "age_band": "under_18", "count": guests},
        {"place": people.away.pk, "country": "FR", "invited": "0", "age_band": "unknown", "count": locals_},
        {"place": "", "country": "PL", "invited": "1", "age_band": "18_30", "count": 4},
        {"place": "", "country": "", "invited": "1", "age_band": "unknown", "count": ""},  # an empty free row
    ]


def counts_url(activity: Activity) -> str:
    return reverse("programme:participant_counts", args=[activity.agreement_id, activity.pk])


def counts(activity: Activity) -> dict[tuple[str, bool, str], int]:
    return {(g.country_id, g.invited, g.age_band): g.count for g in ParticipantGroup.objects.filter(activity=activity)}


def test_the_form_offers_a_row_for_each_party_town(exchange: Activity, people: People) -> None:
    html = client_for(people, "officer").get(exchange.get_absolute_url()).content.decode()
    assert "Set the counts" in html and "No participant counted yet" in html
    assert f'type="hidden" name="groups-0-place" value="{people.home.pk}"' in html
    assert f'type="hidden" name="groups-1-place" value="{people.away.pk}"' in html
    assert 'name="groups-0-invited" value="1"' in html and 'name="groups-1-invited" value="0"' in html
    assert 'name="groups-2-place"' in html  # a free row


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_setting_the_counts(exchange: Activity, people: People, who: str, status: int) -> None:
    response = client_for(people, who).post(counts_url(exchange), counts_post(exchange_rows(people), total=59))
    assert response.status_code == status
    expected = {("DE", True, "under_18"): 30, ("FR", False, "unknown"): 25, ("PL", True, "18_30"): 4}
    assert counts(exchange) == (expected if who in ("officer", "partner") else {})


def test_the_counts_table_has_rows_per_town_and_totals(exchange: Activity, people: People) -> None:
    client_for(people, "officer").post(counts_url(exchange), counts_post(exchange_rows(people)))
    html = client_for(people, "viewer").get(exchange.get_absolute_url()).content.decode()
    assert "34 invited and 25 local: 59 in all." in html
    assert "Set the counts" not in html  # a viewer reads the counts only
    table = html[html.index('id="counts"') :]
    assert table.index(">Cologne<") < table.index(">Poland<") < table.index(">Lyon<")  # invited first


@pytest.mark.parametrize(
    ("rows", "total", "message"),
    [
        ("exchange", 60, "add up to 59 participants, not the 60 stated"),
        ("negative", "", "Ensure this value is greater than or equal to 0"),
        ("host_invited", "", "from the host town Lyon are local"),
        ("unknown_country", "", "known country code"),
        ("unknown_place", "", "There is no place number 999999999"),
        ("too_many", "", "less than or equal to 1000000"),
    ],
)
def test_counts_that_do_not_add_up_are_refused_and_nothing_changes(
    exchange: Activity, people: People, rows: str, total: object, message: str
) -> None:
    set_participant_groups(people.officer, exchange, [GroupData(people.home.country, True, 3, people.home)])
    given = exchange_rows(people)
    if rows == "negative":
        given[0]["count"] = -5
    elif rows == "host_invited":
        given[1]["invited"] = "1"
    elif rows == "unknown_country":
        given[2]["country"] = "ZZ"
    elif rows == "unknown_place":
        given[2]["place"] = 999999999
    elif rows == "too_many":
        given[0]["count"] = 1_000_001
    response = client_for(people, "officer").post(counts_url(exchange), counts_post(given, total))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html.replace("&#x27;", "'"), html[html.find("alert") - 200 : html.find("alert") + 300]
    assert counts(exchange) == {("DE", True, "unknown"): 3}


def person_post(people: People, **changes: Any) -> dict[str, Any]:
    data = {
        "full_name": "Anna Schmidt",
        "email": "anna@example.org",
        "role": "pupil",
        "place": people.home.pk,
        "place_number": "",
        "country": "",
        "invited": "1",
        "age_band": "under_18",
        "consent": "on",
        "consent_note": "Form signed by a parent",
    }
    return {f"person-{name}": value for name, value in {**data, **changes}.items() if value is not None}


def add_url(activity: Activity) -> str:
    return reverse("programme:participant_add", args=[activity.agreement_id, activity.pk])


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_listing_a_participant_by_name(exchange: Activity, people: People, who: str, status: int) -> None:
    response = client_for(people, who).post(add_url(exchange), person_post(people))
    assert response.status_code == status
    listed = list(Participant.objects.values_list("full_name", "place", "consent_note"))
    if who in ("officer", "partner"):
        assert listed == [("Anna Schmidt", people.home.pk, "Form signed by a parent")]
        assert counts(exchange) == {("DE", True, "under_18"): 1}
    else:
        assert listed == [] and counts(exchange) == {}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": None}, "only with their explicit consent"),
        ({"full_name": "x" * 100_000}, "at most 200 characters"),
        ({"email": "not an address"}, "Enter a valid email address"),
        ({"place": "", "country": ""}, "Give the person&#x27;s town or a known country code"),
        ({"place": "away", "invited": "1"}, "from the host town Lyon are local"),
    ],
)
def test_bad_participants_are_refused(
    exchange: Activity, people: People, changes: dict[str, Any], message: str
) -> None:
    if changes.get("place") == "away":
        changes = {**changes, "place": people.away.pk}
    response = client_for(people, "officer").post(add_url(exchange), person_post(people, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Participant.objects.exists() and not ParticipantGroup.objects.exists()


def anna(exchange: Activity, people: People, email: str = "anna@example.org") -> Participant:
    person = PersonData("Anna Schmidt", people.home.country, True, True, people.home, email, "pupil", "under_18")
    return add_participant(people.officer, exchange, person)


def test_names_are_shown_to_editors_only_and_counts_to_every_viewer(exchange: Activity, people: People) -> None:
    anna(exchange, people)
    for who in ("officer", "partner"):
        html = client_for(people, who).get(exchange.get_absolute_url()).content.decode()
        assert "Anna Schmidt" in html and "anna@example.org" in html
    html = client_for(people, "viewer").get(exchange.get_absolute_url()).content.decode()
    assert "1 invited and 0 local: 1 in all." in html
    assert "Anna" not in html and "Named participants" not in html
    assert client_for(people, "outsider").get(exchange.get_absolute_url()).status_code == 404


@pytest.mark.parametrize(("who", "status"), [("partner", 200), ("viewer", 403), ("outsider", 404)])
def test_exporting_one_participant(exchange: Activity, people: People, who: str, status: int) -> None:
    participant = anna(exchange, people)
    url = reverse("programme:participant_export", args=[exchange.agreement_id, exchange.pk, participant.pk])
    response = client_for(people, who).get(url)
    assert response.status_code == status
    if status == 200:
        assert response["Content-Disposition"] == f'attachment; filename="participant-{participant.pk}.json"'
        records = json.loads(response.content)["records"]
        assert [(r["full_name"], r["email"], r["activity"]["title"]) for r in records] == [
            ("Anna Schmidt", "anna@example.org", "Pupils of Köln in Lyon")
        ]


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]
)
def test_erasing_one_participant_after_confirmation(exchange: Activity, people: People, who: str, status: int) -> None:
    participant = anna(exchange, people)
    url = reverse("programme:participant_erase", args=[exchange.agreement_id, exchange.pk, participant.pk])
    client = client_for(people, who)
    if who == "officer":
        assert "Erase every detail of Anna Schmidt" in client.get(url).content.decode()
        unconfirmed = client.post(url, {})
        assert unconfirmed.status_code == 400 and Participant.objects.exists()
    response = client.post(url, {"confirm": "on"})
    assert response.status_code == status
    assert Participant.objects.exists() is (who not in ("officer", "partner"))
    assert counts(exchange) == {("DE", True, "under_18"): 1}  # the count stays


def test_a_person_s_records_are_found_exported_and_erased_by_email(exchange: Activity, people: People) -> None:
    anna(exchange, people)
    anna(exchange, people, "ANNA@example.org")
    client = client_for(people, "partner")
    url = reverse("programme:person")
    found = client.post(url, {"email": "anna@example.org", "action": "find"}).content.decode()
    assert "2 records" in found and "Pupils of Köln in Lyon" in found
    exported = client.post(url, {"email": "anna@example.org", "action": "export"})
    assert len(json.loads(exported.content)["records"]) == 2
    unconfirmed = client.post(url, {"email": "anna@example.org", "action": "erase"})
    assert unconfirmed.status_code == 400 and Participant.objects.count() == 2
    by_viewer = client_for(people, "viewer").post(
        url, {"email": "anna@example.org", "action": "erase", "confirm": "on"}
    )
    assert by_viewer.status_code == 302
    assert Participant.objects.count() == 2  # a viewer finds nothing to erase
    outsider = client_for(people, "outsider").post(url, {"email": "anna@example.org", "action": "find"})
    assert "0 records" in outsider.content.decode() and "Anna" not in outsider.content.decode()
    erased = client.post(url, {"email": "anna@example.org", "action": "erase", "confirm": "on"})
    assert erased.status_code == 302 and not Participant.objects.exists()
    assert client_for(people, "anonymous").get(url).status_code == 302


def test_script_tags_in_participant_texts_stay_escaped(exchange: Activity, people: People) -> None:
    script = '<script>alert("x")</script>'
    person = PersonData(script, people.home.country, True, True, people.home, "", script, "unknown", script)
    add_participant(people.officer, exchange, person)
    html = client_for(people, "officer").get(exchange.get_absolute_url()).content.decode()
    assert script not in html and html.count("&lt;script&gt;") >= 3


def test_the_programme_pages_need_nothing_the_content_policy_forbids(exchange: Activity, people: People) -> None:
    from tests.web.test_content_security_policy import INLINE_HANDLER, INLINE_SCRIPT, STYLE_ATTRIBUTE

    participant = anna(exchange, people)
    agreement = exchange.agreement_id
    client = client_for(people, "officer")
    urls = [
        reverse("programme:activities", args=[agreement]),
        reverse("programme:activity_create", args=[agreement]),
        exchange.get_absolute_url(),
        reverse("programme:activity_edit", args=[agreement, exchange.pk]),
        reverse("programme:participant_erase", args=[agreement, exchange.pk, participant.pk]),
        reverse("programme:person"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        for pattern in (INLINE_SCRIPT, INLINE_HANDLER, STYLE_ATTRIBUTE):
            assert not pattern.search(response.content), url
