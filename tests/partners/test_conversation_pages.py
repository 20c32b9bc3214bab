"""The inbox, a conversation and the step to a draft agreement through the pages, tried by the
publishing office's officer, the interested office's officer, an outsider and anonymously."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Role
from twinnings.agreements.models import Agreement
from twinnings.partners import conversations
from twinnings.partners.models import Conversation


def client_for(people: People, who: str) -> Client:
    client = Client()
    if who != "anonymous":
        client.force_login(people.by_name(who))
    return client


def test_the_inbox_shows_unread_counts(conversation: Conversation, people: People) -> None:
    conversations.send_message(people.partner, conversation, "Second")
    html = client_for(people, "officer").get(reverse("partners:inbox")).content.decode()
    assert conversation.notice.title in html and '<strong class="badge">2</strong>' in html
    data = client_for(people, "officer").get(reverse("partners:inbox"), {"format": "json"}).json()
    assert data["unread"] == 2 and data["items"][0]["place"]["name"] == "Lyon"
    assert client_for(people, "outsider").get(reverse("partners:inbox"), {"format": "json"}).json()["count"] == 0
    board = client_for(people, "officer").get(reverse("partners:board")).content.decode()
    assert 'Conversations <span class="badge">2</span>' in board


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_only_the_two_offices_see_a_conversation(
    conversation: Conversation, people: People, who: str, status: int
) -> None:
    client = client_for(people, who)
    response = client.get(conversation.get_absolute_url())
    assert response.status_code == status
    if status == 200:
        assert "Lyon would love to take part." in response.content.decode()
        assert client.get(reverse("partners:inbox"), {"format": "json"}).json()["unread"] == 0  # read now
    assert client.get(conversation.get_absolute_url(), {"format": "json"}).status_code == status


def test_anonymous_visitors_log_in_first(conversation: Conversation) -> None:
    client = Client()
    for response in (
        client.get(conversation.get_absolute_url()),
        client.post(conversation.get_absolute_url(), {"text": "Hi"}),
        client.post(reverse("partners:start_agreement", args=[conversation.pk])),
    ):
        assert response.status_code == 302 and "/account/login/" in response["Location"]
    assert conversation.messages.count() == 1 and not Agreement.objects.exists()


@pytest.mark.parametrize(("who", "status"), [("officer", 302), ("partner", 302), ("outsider", 404)])
def test_writing_through_the_page(conversation: Conversation, people: People, who: str, status: int) -> None:
    response = client_for(people, who).post(conversation.get_absolute_url(), {"text": "Bis bald"})
    assert response.status_code == status
    assert conversation.messages.filter(text="Bis bald").exists() is (status == 302)


def test_a_viewer_reads_without_a_form_and_cannot_post(conversation: Conversation, people: People) -> None:
    viewer = make_user("viewer@lyon.example")
    Membership.objects.create(user=viewer, place=people.away, role=Role.VIEWER)
    client = Client()
    client.force_login(viewer)
    html = client.get(conversation.get_absolute_url()).content.decode()
    assert "you can read" in html and 'name="text"' not in html
    assert client.post(conversation.get_absolute_url(), {"text": "Hi"}).status_code == 403
    assert conversation.messages.count() == 1


@pytest.mark.parametrize("text", ["", "z" * 100_000])
def test_an_empty_or_huge_message_is_explained(conversation: Conversation, people: People, text: str) -> None:
    response = client_for(people, "officer").post(conversation.get_absolute_url(), {"text": text})
    assert response.status_code == 400
    html = response.content.decode()
    assert "This field is required" in html or "message is too long" in html
    assert conversation.messages.count() == 1


def test_either_side_starts_the_agreement_once(conversation: Conversation, people: People) -> None:
    url = reverse("partners:start_agreement", args=[conversation.pk])
    first = client_for(people, "partner").post(url)
    agreement = Agreement.objects.get()
    assert first.status_code == 302 and first["Location"] == agreement.get_absolute_url()
    assert agreement.owner == people.away
    second = client_for(people, "officer").post(url)  # Lyon's draft is private until proposed
    assert second.status_code == 302 and second["Location"] == conversation.get_absolute_url()
    assert Agreement.objects.count() == 1
    html = client_for(people, "officer").get(conversation.get_absolute_url()).content.decode()
    assert "you will see it once they propose it" in html
    partner_html = client_for(people, "partner").get(conversation.get_absolute_url()).content.decode()
    assert agreement.get_absolute_url() in partner_html
    assert client_for(people, "outsider").post(url).status_code == 404


def test_the_workspace_leads_to_the_notices_and_the_conversations(people: People) -> None:
    html = client_for(people, "officer").get(reverse("agreements:dashboard")).content.decode()
    assert reverse("partners:board") in html and reverse("partners:inbox") in html
