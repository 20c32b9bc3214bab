from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from django.contrib.auth.models import User

from tests.agreements.conftest import sign_all
from tests.factories import TinyGazetteer
from tests.workspace import People, make_user
from twinnings.accounts import services as accounts
from twinnings.accounts.models import Membership, Role, VerificationRequest
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement
from twinnings.places.models import Place
from twinnings.registry.models import Twinning


def test_nothing_reaches_the_registry_until_every_party_is_verified(
    people: People,
    tiny_gazetteer: TinyGazetteer,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[object]],
) -> None:
    verona = tiny_gazetteer["verona"]
    claimant = make_user("sindaco@verona.example")
    Membership.objects.create(user=claimant, place=verona, role=Role.ADMIN)  # e.g. set by hand in the admin
    agreement = services.create_agreement(people.officer, people.home, [verona], "Köln – Verona", ["de"])
    services.save_clause(people.officer, agreement, agreement.revision, {"de": "Text"})
    version = lifecycle.propose(people.officer, agreement, agreement.revision)
    for user, place in ((people.officer, people.home), (claimant, verona)):
        lifecycle.approve(user, agreement, agreement.parties.get(place=place), version, "R", version.created_at.date())
    signed = sign_all_for(agreement, [(people.officer, people.home), (claimant, verona)])
    assert signed.signed_version is not None and signed.published_at is None
    assert not Twinning.objects.exists()

    request = accounts.request_verification(claimant, verona, "Mayor", "https://example.org")
    with django_capture_on_commit_callbacks(execute=True):
        accounts.decide_verification(people.staff, request, approve=True)
    assert VerificationRequest.objects.get(pk=request.pk).status == "approved"
    assert Twinning.objects.get().status == Twinning.Status.ACTIVE
    assert Agreement.objects.get(pk=agreement.pk).published_at is not None


def sign_all_for(agreement: Agreement, signers: list[tuple[User, Place]]) -> Agreement:
    agreement = Agreement.objects.get(pk=agreement.pk)
    for user, place in signers:
        assert agreement.current_version is not None
        lifecycle.sign(user, agreement, agreement.parties.get(place=place), agreement.current_version)
    return Agreement.objects.get(pk=agreement.pk)


def test_sign_all_helper_reaches_the_registry(approved: Agreement, people: People) -> None:
    sign_all(approved, people)
    assert Twinning.objects.count() == 1
