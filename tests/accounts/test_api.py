"""The write API of accounts, tried by the owner's officer, the partner's officer and an outsider."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from tests.workspace import People, make_user
from twinnings.accounts import access_tokens
from twinnings.accounts.models import Invitation, Membership, Organisation, Role, VerificationRequest


def call(people: People, who: str, method: str, path: str, body: dict[str, Any] | None = None) -> Any:
    _token, raw = access_tokens.create(people.by_name(who), "test", "write")
    send = getattr(Client(), method)
    kwargs = {"headers": {"Authorization": f"Bearer {raw}"}}
    if method == "get":
        return send("/api/v1" + path, **kwargs)
    return send("/api/v1" + path, data=json.dumps(body or {}), content_type="application/json", **kwargs)


@pytest.mark.parametrize(("who", "status"), [("officer", 201), ("partner", 404), ("outsider", 404)])
def test_inviting_to_a_place(people: People, who: str, status: int) -> None:
    response = call(
        people, who, "post", f"/places/{people.home.pk}/invitations", {"email": "new@koeln.example", "role": "editor"}
    )
    assert response.status_code == status, response.content
    assert Invitation.objects.count() == (1 if status == 201 else 0)
    assert len(mail.outbox) == (1 if status == 201 else 0)


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404)])
def test_listing_members(people: People, who: str, status: int) -> None:
    response = call(people, who, "get", f"/places/{people.home.pk}/members")
    assert response.status_code == status
    if status == 200:
        assert [m["user"] for m in response.json()] == ["officer@koeln.example"]


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 404), ("outsider", 404)])
def test_changing_a_role_and_removing_a_member(people: People, who: str, status: int) -> None:
    membership = Membership.objects.create(user=make_user("ed@koeln.example"), place=people.home, role=Role.EDITOR)
    assert call(people, who, "patch", f"/memberships/{membership.pk}", {"role": "signatory"}).status_code == status
    assert call(people, who, "delete", f"/memberships/{membership.pk}").status_code == (204 if status == 200 else 404)
    assert Membership.objects.filter(pk=membership.pk).exists() is (status != 200)


def test_the_last_administrator_cannot_leave(people: People) -> None:
    membership = Membership.objects.get(user=people.officer)
    response = call(people, "officer", "delete", f"/memberships/{membership.pk}")
    assert response.status_code == 400 and "at least one administrator" in response.json()["detail"]


def test_an_organisation_and_its_invitations(people: People) -> None:
    body = {"name": "Lycée <b>Ampère</b>", "kind": "school", "place": people.away.pk}
    created = call(people, "partner", "post", "/organisations", body)
    assert created.status_code == 201 and created.json()["name"] == "Lycée <b>Ampère</b>"
    organisation = Organisation.objects.get()
    invite = {"email": "prof@ampere.example", "role": "viewer"}
    assert call(people, "partner", "post", f"/organisations/{organisation.pk}/invitations", invite).status_code == 201
    assert call(people, "outsider", "post", f"/organisations/{organisation.pk}/invitations", invite).status_code == 404


def test_asking_to_represent_a_place(people: People, tiny_gazetteer: Any) -> None:
    body = {"place": tiny_gazetteer["verona"].pk, "position": "Sindaco", "evidence": "https://comune.verona.it"}
    response = call(people, "outsider", "post", "/verification-requests", body)
    assert response.status_code == 201 and response.json()["status"] == "pending"
    assert VerificationRequest.objects.filter(status="pending").count() == 1
    again = call(people, "outsider", "post", "/verification-requests", body)
    assert again.status_code == 400


def test_a_bad_invitation_address_is_refused(people: People) -> None:
    response = call(
        people,
        "officer",
        "post",
        f"/places/{people.home.pk}/invitations",
        {"email": "not-an-address", "role": "editor"},
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()
