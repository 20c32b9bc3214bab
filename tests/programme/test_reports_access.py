"""Who may read reports: whoever may see the agreement (owner's and partner's offices), nobody else
(404, as for the agreement itself); anonymous readers are sent to log in. The API answers the
same, as JSON of the same report, with a typed schema."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.programme.reporting import NAMED, YEAR, Programme
from tests.workspace import People

FORMATS = ["/", ".pdf", ".xlsx", "/budget.csv"]


def report_url(programme: Programme, suffix: str) -> str:
    return f"/workspace/agreements/{programme.agreement.pk}/report/{YEAR}{suffix}"


@pytest.mark.parametrize("suffix", FORMATS)
@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_agreement_report_follows_who_may_see_the_agreement(
    client: Client,
    people: People,
    programme: Programme,
    suffix: str,
    who: str,
    status: int,
) -> None:
    client.force_login(people.by_name(who))
    assert client.get(report_url(programme, suffix)).status_code == status


@pytest.mark.parametrize("suffix", FORMATS)
def test_anonymous_readers_are_sent_to_log_in(client: Client, programme: Programme, suffix: str) -> None:
    response = client.get(report_url(programme, suffix))
    assert response.status_code == 302 and response["Location"].startswith("/account/login/")


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_place_report_covers_only_visible_agreements(
    client: Client,
    people: People,
    programme: Programme,
    who: str,
    status: int,
) -> None:
    client.force_login(people.by_name(who))
    assert client.get(f"/workspace/places/{people.home.pk}/report/{YEAR}/").status_code == status
    assert client.get(f"/workspace/places/{people.home.pk}/report/{YEAR}.xlsx").status_code == status


def test_a_year_out_of_range_is_not_found(client: Client, people: People, programme: Programme) -> None:
    client.force_login(people.officer)
    assert client.get(report_url(programme, "/").replace(str(YEAR), "3000")).status_code == 404
    now = client.get(f"/workspace/agreements/{programme.agreement.pk}/report/")
    assert now.status_code == 302 and "/report/" in now["Location"]


def test_agreement_page_shows_the_checklist_and_report_links(
    client: Client,
    people: People,
    programme: Programme,
) -> None:
    client.force_login(people.partner)
    page = client.get(programme.agreement.get_absolute_url()).content.decode()
    assert "CERV town twinning" in page and "2 more countries needed among the parties." in page
    assert report_url(programme, "/") in page
    assert f"/workspace/places/{people.away.pk}/report/" in page


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_api_report_and_checklist(
    client: Client,
    people: People,
    programme: Programme,
    who: str,
    status: int,
) -> None:
    client.force_login(people.by_name(who))
    base = f"/api/v1/agreements/{programme.agreement.pk}"
    report = client.get(f"{base}/report", {"year": YEAR})
    checklist = client.get(f"{base}/grant-checklist")
    assert (report.status_code, checklist.status_code) == (status, status)
    if status == 200:
        data = report.json()
        assert (data["year"], data["totals"]["participants"], data["totals"]["invited"]) == (YEAR, 141, 76)
        assert data["budget"][0] == {
            "agreement_id": programme.agreement.pk, "party": "Cologne", "country": "DE", "currency": "EUR",
            "allocated": "10000.00", "planned": "9000.00", "spent": "8850.50", "remaining": "1149.50",
            "planned_share": 0.9, "spent_share": 0.88505, "overspent": False,
        }  # fmt: skip
        assert NAMED not in report.content.decode()
        calls = {c["call"]: c["ready"] for c in checklist.json()["calls"]}
        assert calls == {"town_twinning": True, "networks_of_towns": False}


def test_api_needs_a_login_and_a_sensible_year(client: Client, people: People, programme: Programme) -> None:
    base = f"/api/v1/agreements/{programme.agreement.pk}"
    assert client.get(f"{base}/report").status_code == 401
    assert client.get(f"{base}/grant-checklist").status_code == 401
    client.force_login(people.officer)
    assert client.get(f"{base}/report", {"year": 99999}).status_code == 422
    assert client.get(f"{base}/report").json()["year"] >= YEAR


def test_api_schema_types_the_report(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    report = schema["components"]["schemas"]["Report"]
    assert {"totals", "activities", "towns", "budget", "indicators", "grants"} <= set(report["properties"])
    path = schema["paths"]["/api/v1/agreements/{agreement_id}/report"]["get"]
    assert path["responses"]["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/Report")
