"""Journey: a town with no twin finds a partner. Its officer reads the partner finder's ranked,
explained list, publishes a partner-search notice, answers a matching notice of another town,
exchanges messages with that town's office and turns the conversation into a draft agreement.

Headless Chromium against the live test server (see tests/web/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.fixtures import Settings

from tests.factories import TinyGazetteer
from tests.web.conftest import Visitors
from tests.web.test_journeys import FAST_HASHER, PASSWORD, flash, log_in
from tests.workspace import make_verified_officer
from twinnings.agreements.models import Agreement
from twinnings.partners import notices, services
from twinnings.partners.models import Conversation, PartnerNotice
from twinnings.partners.notices import NoticeTerms
from twinnings.places.models import Place


@pytest.fixture
def partner_model(tmp_path: Path, settings: Settings) -> Iterator[None]:
    """The live server builds its own partner model from the test registry, in a temporary var/."""
    settings.VAR_DIR = tmp_path
    services.forget()
    yield
    services.forget()


def officer_of(place: Place, email: str) -> str:
    user = make_verified_officer(place, email)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return email


def verona_seeks_albania(verona: Place, email: str) -> PartnerNotice:
    return notices.publish(
        get_user_model().objects.get(email=email),
        verona,
        NoticeTerms(
            title="Verona cerca una città gemella in Albania",
            description="A summer school for young musicians and a joint heritage festival.",
            areas=["culture", "education"],
            countries=["AL"],
            valid_until=timezone.localdate() + timedelta(days=180),
        ),
    )


def recommended(page: Page) -> list[str]:
    """The names of the recommended partners, in their order on the page."""
    return [name.strip() for name in page.locator(".partner h3 a").all_inner_texts()]


def test_a_town_without_twins_finds_a_partner_and_starts_an_agreement(
    visitors: Visitors, tiny_registry: TinyGazetteer, partner_model: None, settings: Settings
) -> None:
    settings.PASSWORD_HASHERS = FAST_HASHER
    berat, verona = tiny_registry["berat"], tiny_registry["verona"]
    assert not berat.twinnings_as_a.exists() and not berat.twinnings_as_b.exists()  # cold start
    berat_email = officer_of(berat, "officer@berat.example")
    verona_email = officer_of(verona, "officer@verona.example")
    verona_notice = verona_seeks_albania(verona, verona_email)

    # 1. Berat's officer opens the town's page and its partner finder: a ranked list with reasons.
    page = visitors.new("berat")
    log_in(page, berat_email)
    page.goto(berat.get_absolute_url())
    page.get_by_role("link", name="Find a partner").click()
    expect(page.locator("h1")).to_have_text("Find a partner for Berat")
    expect(page.locator(".partner").first).to_be_visible()
    names = recommended(page)
    assert len(names) >= 5 and "Berat" not in names, names
    for partner in page.locator(".partner").all():
        expect(partner.locator(".reasons li").first).to_be_visible()  # every candidate says why
    expect(page.locator(".partner .reasons")).to_contain_text(["km away"] * len(names))

    # 2. Filtering to Italy keeps only Italian places, Verona among them.
    page.get_by_label("Country").select_option("IT")
    page.get_by_role("button", name="Find partners").click()
    expect(page.locator(".partner h3 .muted").first).to_contain_text("Italy")
    assert "Verona" in recommended(page)
    expect(page.locator(".partner h3 .muted")).to_contain_text(["Italy"] * len(recommended(page)))

    # 3. Berat publishes its own notice, seeking an Italian town for culture.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Partners").click()
    expect(page.locator("h1")).to_have_text("Partner-search notices")
    expect(page.locator("main")).to_contain_text(verona_notice.title)
    page.get_by_role("link", name="Publish a notice").click()
    page.get_by_label("Title").fill("Berat seeks an Italian partner town")
    page.get_by_label("culture & heritage").check()
    page.get_by_label("What you seek").fill("Heritage, music and exchanges of young people.")
    page.get_by_label("Countries").fill("IT")
    page.get_by_label("Valid until").fill((timezone.localdate() + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("h1")).to_have_text("Berat seeks an Italian partner town")
    assert PartnerNotice.objects.filter(place=berat, countries=["IT"]).count() == 1

    # 4. Its page shows Verona's notice as a match; Berat answers it.
    matching = page.locator("section").filter(has=page.get_by_role("heading", name="Notices that match"))
    matching.get_by_role("link", name=verona_notice.title).click()
    expect(page.locator("h1")).to_have_text(verona_notice.title)
    page.get_by_label("Your message").fill("Berat's music school would love to take part. Shall we talk?")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("main")).to_contain_text("Berat's music school would love to take part.")
    conversation = Conversation.objects.get(notice=verona_notice, place=berat)
    conversation_url = conversation.get_absolute_url()

    # 5. Verona's office reads it in its conversations and answers.
    verona_page = visitors.new("verona")
    log_in(verona_page, verona_email)
    verona_page.get_by_role("navigation", name="Main").get_by_role("link", name="Partners").click()
    inbox = verona_page.get_by_role("link", name="Conversations")
    expect(inbox.locator(".badge")).to_have_text("1")  # one unread message
    inbox.click()
    row = verona_page.locator("tbody tr").filter(has_text="Berat (AL)")
    row.get_by_role("link", name=verona_notice.title).click()
    expect(verona_page.locator("main")).to_contain_text("Berat's music school would love to take part.")
    verona_page.get_by_label("Message").fill("Gladly: our summer school starts in July.")
    verona_page.get_by_role("button", name="Send for Verona").click()
    expect(verona_page.locator("main")).to_contain_text("our summer school starts in July")

    # 6. Berat sees the answer and turns the conversation into a draft agreement of both towns.
    page.goto(conversation_url)
    expect(page.locator("main")).to_contain_text("our summer school starts in July")
    page.get_by_role("button", name="Start a draft agreement").click()
    expect(flash(page)).to_contain_text("The draft agreement is ready")
    expect(page.locator("h1 .status")).to_have_text("draft")
    agreement = Agreement.objects.get(pk=Conversation.objects.get(pk=conversation.pk).agreement_id)
    assert {party.place_id for party in agreement.parties.all()} == {berat.pk, verona.pk}
    parties = page.locator("section").filter(has=page.get_by_role("heading", name="Parties"))
    expect(parties.get_by_role("link", name="Berat", exact=True)).to_be_visible()
    expect(parties.get_by_role("link", name="Verona", exact=True)).to_be_visible()
