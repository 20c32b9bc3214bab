"""The workspace's pages, driven as each of the three standard users."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.agreements.conftest import fresh, party
from tests.workspace import People
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement
from twinnings.registry.models import Twinning

PAGES = ["detail", "edit", "clauses", "programme", "history", "compare"]


def client_for(people: People, who: str) -> Client:
    client = Client()
    client.force_login(people.by_name(who))
    return client


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404)])
def test_a_draft_is_hidden_from_everyone_but_its_owner(
    draft: Agreement, people: People, page: str, who: str, status: int
) -> None:
    response = client_for(people, who).get(reverse(f"agreements:{page}", args=[draft.pk]))
    assert response.status_code == (404 if page == "compare" else status)  # compare needs two versions
    if status == 404:
        assert draft.title not in response.content.decode()


@pytest.mark.parametrize(("who", "sees"), [("officer", True), ("partner", True), ("outsider", False)])
def test_the_dashboard_lists_what_the_user_may_see(proposed: Agreement, people: People, who: str, sees: bool) -> None:
    html = client_for(people, who).get(reverse("agreements:dashboard")).content.decode()
    assert (proposed.title in html) is sees


def test_anonymous_visitors_are_sent_to_log_in(draft: Agreement) -> None:
    response = Client().get(reverse("agreements:detail", args=[draft.pk]))
    assert response.status_code == 302 and "/account/login/" in response["Location"]


def test_a_stale_edit_answers_409_and_keeps_the_users_text(draft: Agreement, people: People) -> None:
    client = client_for(people, "officer")
    data = {"revision": draft.revision, "title": "Köln – Lyon", "languages": "de, fr", "objectives": "Mine"}
    assert client.post(reverse("agreements:edit", args=[draft.pk]), data).status_code == 302
    response = client.post(reverse("agreements:edit", args=[draft.pk]), {**data, "objectives": "My second text"})
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this agreement" in html
    assert "My second text" in html
    assert fresh(draft).objectives == "Mine"


@pytest.mark.parametrize(("who", "status"), [("officer", 302), ("partner", 404), ("outsider", 404)])
def test_adding_a_clause(draft: Agreement, people: People, who: str, status: int) -> None:
    data = {"prefix": "new", "new-revision": draft.revision, "new-text_de": "Zweitens", "new-text_fr": "Deuxièmement"}
    response = client_for(people, who).post(reverse("agreements:clauses", args=[draft.pk]), data)
    assert response.status_code == status
    assert fresh(draft).clauses.count() == (2 if status == 302 else 1)


def post_event(client: Client, agreement: Agreement, event: str, **data: object) -> None:
    response = client.post(
        reverse("agreements:transition", args=[agreement.pk, event]), {"revision": fresh(agreement).revision, **data}
    )
    assert response.status_code == 302, response.content[:300]
    assert "X-Twinnings-Refused" not in response, client.get(response["Location"]).content.decode()[:3000]


def test_the_whole_lifecycle_through_the_pages(draft: Agreement, people: People) -> None:
    officer, partner = client_for(people, "officer"), client_for(people, "partner")
    post_event(officer, draft, "propose")
    version = fresh(draft).current_version
    assert version is not None
    for client, side, ref in ((officer, "home", "Rat 1"), (partner, "away", "Conseil 2")):
        data = {
            "party": party(draft, people, side).pk,
            "version": version.pk,
            "reference": ref,
            "resolution_date": "2026-03-01",
        }
        assert client.post(reverse("agreements:approve", args=[draft.pk]), data).status_code == 302
    assert fresh(draft).status == Status.APPROVED
    page = partner.get(reverse("agreements:detail", args=[draft.pk])).content.decode()
    assert "Sign version 1" in page
    for client, side in ((officer, "home"), (partner, "away")):
        data = {"party": party(draft, people, side).pk, "version": version.pk, "version_hash": version.hash}
        assert client.post(reverse("agreements:sign", args=[draft.pk]), data).status_code == 302
    post_event(officer, draft, "activate")
    post_event(partner, draft, "suspend", reason="Council resolution", on="2027-01-05")
    assert fresh(draft).status == Status.SUSPENDED
    assert Twinning.objects.get().status == Twinning.Status.SUSPENDED
    history = officer.get(reverse("agreements:history", args=[draft.pk])).content.decode()
    for action in (
        "agreement.propose",
        "agreement.approval",
        "agreement.signature",
        "agreement.activate",
        "agreement.suspend",
    ):
        assert action in history


def test_an_illegal_event_is_refused_with_its_reason(draft: Agreement, people: People) -> None:
    client = client_for(people, "officer")
    response = client.post(reverse("agreements:transition", args=[draft.pk, "suspend"]), {"reason": "x"}, follow=True)
    assert "You cannot suspend an agreement that is draft" in response.content.decode()
    assert fresh(draft).status == Status.DRAFT


def test_signing_a_page_whose_version_changed_is_refused(approved: Agreement, people: People) -> None:
    version = approved.current_version
    assert version is not None
    data = {"party": party(approved, people, "home").pk, "version": version.pk, "version_hash": "f" * 64}
    response = client_for(people, "officer").post(reverse("agreements:sign", args=[approved.pk]), data, follow=True)
    assert "The text changed since you opened the page" in response.content.decode()
    assert not version.signatures.exists()


def test_the_dashboard_reads_a_fixed_number_of_queries(people: People) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from twinnings.agreements import services

    client = client_for(people, "officer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("agreements:dashboard")).status_code == 200
        return len(queries)

    services.create_agreement(people.officer, people.home, [people.away], "First", ["de"])
    few = count()
    for n in range(5):
        services.create_agreement(people.officer, people.home, [people.away, people.elsewhere], f"More {n}", ["de"])
    assert count() == few


def test_a_place_page_leads_members_to_a_new_agreement_with_it(people: People) -> None:
    url = people.away.get_absolute_url()
    assert "Propose an agreement" not in Client().get(url).content.decode()
    html = client_for(people, "officer").get(url).content.decode()
    assert f"/workspace/agreements/new/?partner={people.away.pk}" in html
    form = client_for(people, "officer").get(f"/workspace/agreements/new/?partner={people.away.pk}").content.decode()
    assert f'value="Lyon, France (#{people.away.pk})"' in form


def test_the_partner_is_chosen_by_name(people: People) -> None:
    owner = client_for(people, "officer")
    data = {"owner": people.home.pk, "title": "Köln – Lyon", "languages": "de, fr"}
    response = owner.post("/workspace/agreements/new/", {**data, "partner": "Lyons"})
    agreement = Agreement.objects.get()
    assert response.status_code == 302 and {p.place for p in agreement.parties.all()} == {people.home, people.away}
    refused = owner.post("/workspace/agreements/new/", {**data, "partner": "Atlantis"})
    assert refused.status_code == 400 and "No place found for “Atlantis”" in refused.content.decode()
    assert Agreement.objects.count() == 1


@pytest.mark.parametrize("page", ["detail", "edit", "clauses", "programme", "history"])
def test_each_page_has_a_plain_title_and_one_attachments_section(draft: Agreement, people: People, page: str) -> None:
    html = client_for(people, "officer").get(reverse(f"agreements:{page}", args=[draft.pk])).content.decode()
    title = html.split("<title>", 1)[1].split("</title>", 1)[0]
    assert draft.title in title and "<" not in title
    assert html.count('id="attachments-title"') <= 1
