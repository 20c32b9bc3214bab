"""The write API of agreements, tried by the owner's officer, the partner's officer and an outsider,
with a personal access token or the session and its CSRF token."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.agreements.conftest import fresh, party
from tests.workspace import People
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken, Organisation
from twinnings.agreements import services
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement

API = "/api/v1/agreements"


class Api:
    def __init__(self, token: str) -> None:
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {token}"}

    def call(self, method: str, path: str, body: dict[str, Any] | None = None, expect: int | None = None) -> Any:
        if method == "get":
            response = self.client.get(API + path, headers=self.headers)
        else:
            send = getattr(self.client, method)
            response = send(
                API + path, data=json.dumps(body or {}), content_type="application/json", headers=self.headers
            )
        if expect is not None:
            assert response.status_code == expect, (method, path, response.content[:500])
        return response


def api_for(people: People, who: str, scope: str = AccessToken.Scope.WRITE) -> Api:
    _token, raw = access_tokens.create(people.by_name(who), "test", scope)
    return Api(raw)


def test_a_token_is_stored_hashed_and_can_be_revoked(people: People) -> None:
    token, raw = access_tokens.create(people.officer, "laptop", AccessToken.Scope.READ)
    assert raw.startswith("twn_") and raw not in token.token_hash and len(token.token_hash) == 64
    api = Api(raw)
    assert api.call("get", "").status_code == 200
    access_tokens.revoke(people.officer, token)
    assert api.call("get", "").status_code == 401
    assert Api("twn_forged").call("get", "").status_code == 401


def test_a_read_token_cannot_write(people: People) -> None:
    api = api_for(people, "officer", AccessToken.Scope.READ)
    body = {"owner": people.home.pk, "partners": [people.away.pk], "title": "T", "languages": ["de"]}
    response = api.call("post", "", body)
    assert response.status_code == 403 and "only read" in response.json()["detail"]
    assert not Agreement.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("officer", 201), ("partner", 403), ("outsider", 403)])
def test_starting_a_draft(people: People, who: str, status: int) -> None:
    body = {"owner": people.home.pk, "partners": [people.away.pk], "title": "Köln – Lyon", "languages": ["de", "fr"]}
    response = api_for(people, who).call("post", "", body, expect=status)
    if status == 201:
        assert response.json()["status"] == "draft"
        assert [p["place"] for p in response.json()["parties"]] == [people.home.pk, people.away.pk]


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404)])
def test_a_draft_is_private(draft: Agreement, people: People, who: str, status: int) -> None:
    api = api_for(people, who)
    api.call("get", f"/{draft.pk}", expect=status)
    listed = api.call("get", "", expect=200).json()
    assert (listed["count"] == 1) is (status == 200)


def write_paths(agreement: Agreement, people: People) -> list[tuple[str, str, dict[str, Any]]]:
    home = party(agreement, people, "home").pk
    commitment = services.add_commitment(people.officer, agreement, agreement.revision, home, "Existing", None).pk
    university = Organisation.objects.create(name="Universität zu Köln", kind="university", place=people.home)
    rev = fresh(agreement).revision
    clause = agreement.clauses.get().pk
    return [
        ("patch", f"/{agreement.pk}", {"revision": rev, "objectives": "Changed"}),
        ("put", f"/{agreement.pk}/parties/{home}", {"revision": rev, "responsibilities": "Hosting"}),
        ("post", f"/{agreement.pk}/clauses", {"revision": rev, "texts": {"de": "Neu", "fr": "Nouveau"}}),
        ("put", f"/{agreement.pk}/clauses/{clause}", {"revision": rev, "texts": {"fr": "Changé"}}),
        ("post", f"/{agreement.pk}/commitments", {"revision": rev, "party": home, "description": "Host"}),
        (
            "post",
            f"/{agreement.pk}/resources",
            {"revision": rev, "party": home, "year": 2026, "amount": "100", "currency": "EUR"},
        ),
        ("delete", f"/{agreement.pk}/clauses/{clause}?revision={rev}", {}),
        ("delete", f"/{agreement.pk}/commitments/{commitment}?revision={rev}", {}),
        ("post", f"/{agreement.pk}/organisations", {"revision": rev, "organisation": university.pk, "role": "lead"}),
    ]


@pytest.mark.parametrize("index", range(9))
@pytest.mark.parametrize(("who", "status"), [("officer", (200, 201)), ("partner", (404,)), ("outsider", (404,))])
def test_every_write_path_of_a_draft(
    draft: Agreement, people: People, index: int, who: str, status: tuple[int, ...]
) -> None:
    method, path, body = write_paths(draft, people)[index]
    draft = fresh(draft)
    before = draft.revision
    response = api_for(people, who).call(method, path, body)
    assert response.status_code in status, response.content[:300]
    assert fresh(draft).revision == (before + 1 if status != (404,) else before)


@pytest.mark.parametrize("index", range(9))
@pytest.mark.parametrize(("who", "status"), [("officer", (200, 201)), ("partner", (200, 201)), ("outsider", (404,))])
def test_every_write_path_under_negotiation(
    proposed: Agreement, people: People, index: int, who: str, status: tuple[int, ...]
) -> None:
    api_for(people, "partner").call("post", f"/{proposed.pk}/events/negotiate", {}, expect=200)
    method, path, body = write_paths(fresh(proposed), people)[index]
    response = api_for(people, who).call(method, path, body)
    assert response.status_code in status, response.content[:300]


def test_a_stale_revision_is_a_409(draft: Agreement, people: People) -> None:
    api = api_for(people, "officer")
    api.call("patch", f"/{draft.pk}", {"revision": draft.revision, "objectives": "First"}, expect=200)
    response = api.call("patch", f"/{draft.pk}", {"revision": draft.revision, "objectives": "Second"}, expect=409)
    assert "Someone else changed this agreement" in response.json()["detail"]
    assert fresh(draft).objectives == "First"


def test_the_whole_lifecycle_through_the_api(draft: Agreement, people: People) -> None:
    officer, partner = api_for(people, "officer"), api_for(people, "partner")
    data = officer.call("post", f"/{draft.pk}/events/propose", {"revision": draft.revision}, expect=200).json()
    version = data["current_version"]
    for api, side in ((officer, "home"), (partner, "away")):
        body = {
            "party": party(draft, people, side).pk,
            "version": version["id"],
            "reference": "R",
            "resolution_date": "2026-03-01",
        }
        api.call("post", f"/{draft.pk}/approvals", body, expect=201)
    stale = {"party": party(draft, people, "home").pk, "version": version["id"], "version_hash": "0" * 64}
    officer.call("post", f"/{draft.pk}/signatures", stale, expect=400)
    for api, side in ((officer, "home"), (partner, "away")):
        body = {"party": party(draft, people, side).pk, "version": version["id"], "version_hash": version["hash"]}
        api.call("post", f"/{draft.pk}/signatures", body, expect=201)
    officer.call("post", f"/{draft.pk}/events/activate", {}, expect=200)
    outsider = api_for(people, "outsider")
    outsider.call("post", f"/{draft.pk}/events/suspend", {"reason": "x"}, expect=404)
    suspended = partner.call(
        "post", f"/{draft.pk}/events/suspend", {"reason": "Council", "on": "2027-01-01"}, expect=200
    ).json()
    assert (suspended["status"], suspended["status_reason"]) == (Status.SUSPENDED, "Council")
    history = officer.call("get", f"/{draft.pk}/history", expect=200).json()
    assert [e["action"] for e in history][-1] == "agreement.suspend"
    assert officer.call("get", f"/{draft.pk}/versions/1", expect=200).json()["hash"] == version["hash"]


def test_an_illegal_transition_is_a_400_with_the_reason(draft: Agreement, people: People) -> None:
    response = api_for(people, "officer").call("post", f"/{draft.pk}/events/activate", {}, expect=400)
    assert response.json()["detail"].startswith("You cannot bring into force an agreement that is draft")


def test_the_session_needs_its_csrf_token(draft: Agreement, people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.officer)
    url = f"{API}/{draft.pk}"
    body = json.dumps({"revision": draft.revision, "objectives": "By session"})
    assert client.patch(url, body, content_type="application/json").status_code == 403
    client.get(reverse("agreements:detail", args=[draft.pk]))
    token = client.cookies["csrftoken"].value
    response = client.patch(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 200
    assert fresh(draft).objectives == "By session"


def test_anonymous_clients_get_401(draft: Agreement) -> None:
    assert Client().get(f"{API}/{draft.pk}").status_code == 401


def test_text_sent_through_the_api_is_escaped_on_the_pages(people: People) -> None:
    script = "<script>alert(1)</script>"
    body = {"owner": people.home.pk, "partners": [people.away.pk], "title": script, "languages": ["de"]}
    created = api_for(people, "officer").call("post", "", body, expect=201).json()
    client = Client()
    client.force_login(people.officer)
    html = client.get(reverse("agreements:detail", args=[created["id"]])).content.decode()
    assert script not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_the_write_api_is_in_the_openapi_document(db: None) -> None:
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"post", "get"} <= set(schema["paths"]["/api/v1/agreements"])
    assert "patch" in schema["paths"]["/api/v1/agreements/{agreement_id}"]
    assert "/api/v1/agreements/{agreement_id}/events/{event}" in schema["paths"]
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_the_pdf_of_a_version(proposed: Agreement, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("get", f"/{proposed.pk}/versions/1/pdf")
    assert response.status_code == status
    if status == 200:
        assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")


@pytest.mark.parametrize(("who", "status"), [("officer", 201), ("partner", 201), ("outsider", 404)])
def test_attaching_through_the_api(
    proposed: Agreement, people: People, who: str, status: int, settings: Any, tmp_path: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.ATTACHMENTS_DIR = tmp_path
    api = api_for(people, who)
    pdf = SimpleUploadedFile("minutes.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = api.client.post(
        f"{API}/{proposed.pk}/attachments", {"file": pdf, "description": "Minutes"}, headers=api.headers
    )
    assert response.status_code == status, response.content[:300]
    if status == 201:
        assert response.json()["content_type"] == "application/pdf"
    fake = SimpleUploadedFile("minutes.pdf", b"<html></html>", content_type="application/pdf")
    refused = api.client.post(f"{API}/{proposed.pk}/attachments", {"file": fake}, headers=api.headers)
    assert refused.status_code == (400 if status == 201 else 404)


@pytest.mark.parametrize("field", ["title", "languages", "areas", "objectives", "renewal_terms"])
def test_null_for_a_term_that_cannot_be_empty_is_a_422(draft: Agreement, people: People, field: str) -> None:
    response = api_for(people, "officer").call("patch", f"/{draft.pk}", {"revision": draft.revision, field: None})

    assert response.status_code == 422, response.content[:300]
    assert response.json()["errors"][0]["loc"] == ["body", "data", field]
    assert fresh(draft).revision == draft.revision and fresh(draft).title == draft.title


def test_null_clears_a_date_of_the_terms(draft: Agreement, people: People) -> None:
    api_for(people, "officer").call("patch", f"/{draft.pk}", {"revision": draft.revision, "review_date": None}, 200)

    assert fresh(draft).review_date is None
