from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager

from django.contrib.auth.models import User
from django.test import Client

from tests.agreements.conftest import RESOLUTION_DATE, sign_all
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


def twins_on_page(client: Client, place: Place) -> str:
    html = client.get(place.get_absolute_url()).content.decode()
    return html[html.index('id="twins-title"') :]


def test_a_signature_shows_on_the_place_page_at_once(
    approved: Agreement,
    people: People,
    client: Client,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[object]],
) -> None:
    assert "No twinning of this place is recorded yet." in twins_on_page(client, people.home)  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        sign_all(approved, people)
    assert people.away.get_absolute_url() in twins_on_page(client, people.home)


def test_a_suspension_shows_on_the_place_page_at_once(
    active: Agreement,
    people: People,
    client: Client,
    django_capture_on_commit_callbacks: Callable[..., AbstractContextManager[object]],
) -> None:
    assert "status-active" in twins_on_page(client, people.home)
    with django_capture_on_commit_callbacks(execute=True):
        lifecycle.suspend(people.officer, active, "Elections", RESOLUTION_DATE)
    twins = twins_on_page(client, people.home)
    assert "status-suspended" in twins and "status-active" not in twins
