from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer
from tests.workspace import People, make_user
from twinnings.accounts import services
from twinnings.accounts.models import Membership, Role, VerificationRequest
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused


def ask(client: Client, place_id: int) -> None:
    client.post(
        reverse("accounts:verification_new"),
        {"place": place_id, "position": "Mayor's office", "evidence": "https://example.org/contact"},
    )


def test_a_first_admin_is_a_member_only_once_staff_approve(
    client: Client, people: People, tiny_gazetteer: TinyGazetteer
) -> None:
    ana = make_user("ana@verona.example")
    client.force_login(ana)
    verona = tiny_gazetteer["verona"]
    ask(client, verona.pk)
    request = VerificationRequest.objects.get(place=verona)
    assert request.status == "pending"
    assert not Membership.objects.filter(user=ana).exists()

    staff_client = Client()
    staff_client.force_login(people.staff)
    page = staff_client.get(reverse("accounts:verifications"))
    assert "ana@verona.example" in page.content.decode()
    staff_client.post(reverse("accounts:verification_decide", args=[request.pk]), {"decision": "approve", "note": ""})
    assert Membership.objects.get(user=ana).role == Role.ADMIN
    assert services.is_verified(verona)
    assert AuditEntry.objects.filter(action="verification.decide", actor=people.staff).exists()


def test_rejection_gives_no_membership(people: People, tiny_gazetteer: TinyGazetteer) -> None:
    ana = make_user("ana@verona.example")
    request = services.request_verification(ana, tiny_gazetteer["verona"], "Clerk", "none")
    services.decide_verification(people.staff, request, approve=False, note="No evidence")
    assert not Membership.objects.filter(user=ana).exists()
    assert not services.is_verified(tiny_gazetteer["verona"])


@pytest.mark.parametrize("who", ["officer", "partner", "outsider"])
def test_only_staff_decide(people: People, tiny_gazetteer: TinyGazetteer, who: str) -> None:
    request = services.request_verification(make_user("ana@verona.example"), tiny_gazetteer["verona"], "Clerk", "x")
    with pytest.raises(Forbidden):
        services.decide_verification(people.by_name(who), request, approve=True)
    client = Client()
    client.force_login(people.by_name(who))
    assert client.get(reverse("accounts:verifications")).status_code == 404
    response = client.post(reverse("accounts:verification_decide", args=[request.pk]), {"decision": "approve"})
    assert response.status_code == 404
    assert VerificationRequest.objects.get(pk=request.pk).status == "pending"


def test_a_verified_place_takes_no_new_claim(people: People) -> None:
    with pytest.raises(Refused, match="already has a verified administrator"):
        services.request_verification(make_user("ana@koeln.example"), people.home, "Clerk", "x")
