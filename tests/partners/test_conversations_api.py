"""/api/v1/conversations: the inbox, a conversation, messages and the draft agreement, tried by the
publishing office's officer, the interested office's officer, an outsider and anonymously."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from tests.partners.api_client import api_for
from tests.workspace import People, make_user
from twinnings.accounts import access_tokens
from twinnings.accounts.models import AccessToken, Membership, Role
from twinnings.agreements.models import Agreement
from twinnings.partners.models import Conversation, Message

WHO = ["officer", "partner", "outsider", "anonymous"]


@pytest.mark.parametrize(("who", "count", "unread"), [("officer", 1, 1), ("partner", 1, 0), ("outsider", 0, 0)])
def test_the_inbox_lists_the_offices_conversations(
    conversation: Conversation, people: People, who: str, count: int, unread: int
) -> None:
    data = api_for(people, who).call("get", "/conversations", expect=200).json()
    assert (data["count"], data["unread"]) == (count, unread)
    if count:
        item = data["items"][0]
        assert (item["place"]["name"], item["notice_place"]["name"], item["agreement"]) == ("Lyon", "Cologne", None)


def test_the_inbox_needs_a_sign_in(conversation: Conversation, people: People) -> None:
    api_for(people, "anonymous").call("get", "/conversations", expect=401)


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [200, 200, 404, 401], strict=True)))
def test_reading_a_conversation_marks_it_read(
    conversation: Conversation, people: People, who: str, status: int
) -> None:
    api = api_for(people, who)
    response = api.call("get", f"/conversations/{conversation.pk}", expect=status)
    if status == 200:
        assert [m["text"] for m in response.json()["messages"]] == ["Lyon would love to take part."]
        assert response.json()["messages"][0]["author"] == "Partner"
        assert api.call("get", "/conversations").json()["unread"] == 0


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [201, 201, 404, 401], strict=True)))
def test_writing_in_a_conversation(conversation: Conversation, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call(
        "post", f"/conversations/{conversation.pk}/messages", {"text": "Hallo"}, expect=status
    )
    assert conversation.messages.filter(text="Hallo").exists() is (status == 201)
    if status == 201:
        side = people.home if who == "officer" else people.away
        assert response.json()["place"] == side.pk


def test_a_viewer_reads_but_cannot_write(conversation: Conversation, people: People) -> None:
    viewer = make_user("viewer@lyon.example")
    Membership.objects.create(user=viewer, place=people.away, role=Role.VIEWER)
    _token, raw = access_tokens.create(viewer, "test", AccessToken.Scope.WRITE)
    api = api_for(people, "anonymous")
    api.headers = {"Authorization": f"Bearer {raw}"}
    api.call("get", f"/conversations/{conversation.pk}", expect=200)
    api.call("post", f"/conversations/{conversation.pk}/messages", {"text": "Hi"}, expect=403)
    assert conversation.messages.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 100_000])
def test_empty_or_huge_messages_are_400(conversation: Conversation, people: People, text: str) -> None:
    response = api_for(people, "officer").call(
        "post", f"/conversations/{conversation.pk}/messages", {"text": text}, expect=400
    )
    assert "message" in response.json()["detail"]
    assert Message.objects.count() == 1


@pytest.mark.parametrize(("who", "status"), list(zip(WHO, [201, 201, 404, 401], strict=True)))
def test_starting_the_draft_agreement(conversation: Conversation, people: People, who: str, status: int) -> None:
    response = api_for(people, who).call("post", f"/conversations/{conversation.pk}/agreement", expect=status)
    assert Agreement.objects.count() == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["created"] is True
        conversation.refresh_from_db()
        assert conversation.agreement_id == response.json()["agreement"]


def test_asking_twice_from_either_side_gives_the_same_agreement(conversation: Conversation, people: People) -> None:
    first = api_for(people, "officer").call("post", f"/conversations/{conversation.pk}/agreement", expect=201).json()
    again = api_for(people, "partner").call("post", f"/conversations/{conversation.pk}/agreement", expect=200).json()
    assert again == {**first, "created": False}
    assert Agreement.objects.count() == 1
    listed = api_for(people, "officer").call("get", "/conversations").json()["items"][0]
    assert listed["agreement"] == first["agreement"]


def test_the_session_needs_its_csrf_token(conversation: Conversation, people: People) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(people.partner)
    url = f"/api/v1/conversations/{conversation.pk}/messages"
    body = json.dumps({"text": "By session"})
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.get("/notices/")
    token = client.cookies["csrftoken"].value
    response = client.post(url, body, content_type="application/json", headers={"X-CSRFToken": token})
    assert response.status_code == 201
    assert conversation.messages.filter(text="By session").exists()
