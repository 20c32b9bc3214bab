"""Each message of a conversation is emailed to the other office's administrators and editors, in
their language, once committed; never to its author's office, viewers or a rolled-back message."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.core import mail
from django.db import transaction

from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Role
from twinnings.accounts.preferences import remember_language
from twinnings.partners import conversations
from twinnings.partners.models import Conversation, Message, PartnerNotice

Capture = Callable[..., AbstractContextManager[list[Callable[[], Any]]]]


def test_an_answer_to_a_notice_reaches_the_notices_office(
    notice: PartnerNotice, people: People, django_capture_on_commit_callbacks: Capture
) -> None:
    editor = make_user("editor@koeln.example", name="Eva")
    Membership.objects.create(user=editor, place=people.home, role=Role.EDITOR)
    Membership.objects.create(user=make_user("viewer@koeln.example"), place=people.home, role=Role.VIEWER)
    remember_language(editor, "de")

    with django_capture_on_commit_callbacks(execute=True):
        conversation = conversations.express_interest(people.partner, notice, people.away, "Lyon is interested.")

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert sorted(by_recipient) == ["editor@koeln.example", "officer@koeln.example"]  # not the viewer, not Lyon
    english = by_recipient["officer@koeln.example"]
    assert english.subject == f"Twinnings: Lyon wrote about “{notice.title}”"
    assert "Lyon is interested." in english.body
    assert f"http://127.0.0.1:8000{conversation.get_absolute_url()}" in english.body
    german = by_recipient["editor@koeln.example"]
    assert "Hallo Eva" in german.body and "Lyon is interested." in german.body


def test_a_reply_reaches_the_other_side_only(
    conversation: Conversation, people: People, django_capture_on_commit_callbacks: Capture
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        conversations.send_message(people.officer, conversation, "Köln would be glad to meet.")
    assert [m.to for m in mail.outbox] == [["partner@lyon.example"]]
    assert "Köln would be glad to meet." in mail.outbox[0].body


def test_a_message_rolled_back_is_not_emailed(
    conversation: Conversation, people: People, django_capture_on_commit_callbacks: Capture
) -> None:
    before = Message.objects.count()
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(RuntimeError), transaction.atomic():
        conversations.send_message(people.officer, conversation, "This will not be sent.")
        raise RuntimeError("the request failed after the message")
    assert Message.objects.count() == before
    assert mail.outbox == []


def test_a_failing_mail_server_loses_no_message(
    conversation: Conversation,
    people: People,
    django_capture_on_commit_callbacks: Capture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> int:
        raise OSError("connection refused")

    monkeypatch.setattr("twinnings.partners.notifications.send_mail", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        message = conversations.send_message(people.officer, conversation, "Still saved.")
    assert Message.objects.get(pk=message.pk).text == "Still saved."
