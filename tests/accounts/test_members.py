from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from tests.workspace import People, make_user
from twinnings.accounts import services
from twinnings.accounts.models import Invitation, Membership, Organisation, Role
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused

MEMBERS = "accounts:place_members"


def invite(client: Client, place_id: int, email: str = "new@koeln.example", role: str = "editor") -> int:
    return client.post(reverse(MEMBERS, args=[place_id]), {"email": email, "role": role}).status_code


def test_officer_invites_and_the_invitee_joins(client: Client, people: People) -> None:
    client.force_login(people.officer)
    assert invite(client, people.home.pk) == 302
    invitation = Invitation.objects.get()
    assert len(invitation.token_hash) == 64
    link = re.search(r"https?://\S+", mail.outbox[-1].body)
    assert link and invitation.token_hash not in link.group(0)
    newcomer = make_user("new@koeln.example")
    other = Client()
    other.force_login(newcomer)
    assert other.post(link.group(0)).status_code == 302
    assert Membership.objects.get(user=newcomer).role == Role.EDITOR
    assert other.post(link.group(0)).status_code == 404  # used once
    assert AuditEntry.objects.filter(action="membership.add", scope=f"places.place:{people.home.pk}").exists()


def test_an_invitation_is_for_its_address_only(people: People) -> None:
    invitation = services.invite(people.officer, people.home, "new@koeln.example", Role.EDITOR, "http://t/")
    token = re.search(r"invitations/([^/]+)/", mail.outbox[-1].body)
    assert token and invitation.pk
    with pytest.raises(Refused, match="another email address"):
        services.accept_invitation(people.outsider, token.group(1))


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_non_members_cannot_invite_or_see_members(client: Client, people: People, who: str) -> None:
    client.force_login(people.by_name(who))
    assert client.get(reverse(MEMBERS, args=[people.home.pk])).status_code == 404
    assert invite(client, people.home.pk) == 404
    assert not Invitation.objects.exists()


def test_a_viewer_sees_members_but_cannot_invite(client: Client, people: People) -> None:
    viewer = make_user("viewer@koeln.example")
    Membership.objects.create(user=viewer, place=people.home, role=Role.VIEWER)
    client.force_login(viewer)
    page = client.get(reverse(MEMBERS, args=[people.home.pk]))
    assert page.status_code == 200 and "officer@koeln.example" in page.content.decode()
    assert invite(client, people.home.pk) == 403  # the refusal on the page, with its status
    assert not Invitation.objects.exists()
    with pytest.raises(Forbidden):
        services.invite(viewer, people.home, "x@example.org", Role.ADMIN, "http://t/")


@pytest.mark.parametrize(("who", "allowed"), [("officer", True), ("partner", False), ("outsider", False)])
def test_changing_roles(client: Client, people: People, who: str, allowed: bool) -> None:
    editor = make_user("editor@koeln.example")
    membership = Membership.objects.create(user=editor, place=people.home, role=Role.EDITOR)
    client.force_login(people.by_name(who))
    response = client.post(reverse("accounts:membership_change", args=[membership.pk]), {"role": "signatory"})
    assert response.status_code == (302 if allowed else 404)
    membership.refresh_from_db()
    assert membership.role == ("signatory" if allowed else "editor")
    removed = client.post(reverse("accounts:membership_change", args=[membership.pk]), {"remove": "1"})
    assert removed.status_code == (302 if allowed else 404)
    assert Membership.objects.filter(pk=membership.pk).exists() is not allowed


def test_the_last_administrator_stays(people: People) -> None:
    membership = Membership.objects.get(user=people.officer)
    with pytest.raises(Refused, match="at least one administrator"):
        services.change_role(people.officer, membership, Role.VIEWER)
    with pytest.raises(Refused, match="at least one administrator"):
        services.remove_member(people.officer, membership)


def test_an_organisation_has_its_creator_as_administrator(client: Client, people: People) -> None:
    client.force_login(people.outsider)
    response = client.post(
        reverse("accounts:organisation_new"),
        {"name": "Université <b>Lyon</b>", "kind": "university", "place": people.away.pk, "website": ""},
    )
    organisation = Organisation.objects.get()
    assert response.status_code == 302
    assert Membership.objects.get(organisation=organisation).role == Role.ADMIN
    page = client.get(reverse("accounts:organisation_members", args=[organisation.pk])).content.decode()
    assert "Université &lt;b&gt;Lyon&lt;/b&gt;" in page
    assert AuditEntry.objects.filter(action="organisation.create").exists()
