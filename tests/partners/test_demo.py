"""`twinnings demo` puts a notice on the board and a conversation in the inbox, once."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command

from tests.factories import make_place
from twinnings.partners.models import Conversation, Message, PartnerNotice

pytestmark = pytest.mark.django_db


def test_the_demo_publishes_a_notice_and_answers_it_once(django_capture_on_commit_callbacks: Any) -> None:
    make_place("Köln", "DE", geonames_id=2886242, latitude=50.93, longitude=6.95, population=1_000_000)
    make_place("Lyon", "FR", geonames_id=2996944, latitude=45.75, longitude=4.85, population=520_000)
    make_place("Volgograd", "RU", geonames_id=472757, latitude=48.7, longitude=44.5)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", stdout=StringIO())
    assert mail.outbox == []  # its made-up messages email nobody
    notice = PartnerNotice.objects.get()
    assert notice.is_open and notice.place.name == "Köln"
    conversation = Conversation.objects.get()
    assert conversation.place.name == "Lyon"
    assert [m.place.name for m in conversation.messages.all()] == ["Lyon", "Köln"]
    call_command("demo", stdout=StringIO())
    assert (PartnerNotice.objects.count(), Conversation.objects.count(), Message.objects.count()) == (1, 1, 2)
