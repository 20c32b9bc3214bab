"""User text of notices and messages is escaped on every page, and the pages need nothing the
Content-Security-Policy forbids."""

from __future__ import annotations

import re
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import TinyGazetteer
from tests.workspace import People
from twinnings.partners import conversations, notices
from twinnings.partners.notices import NoticeTerms

SCRIPT = '<script>alert("x")</script>'
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def test_script_tags_in_notices_and_messages_stay_escaped(tiny_registry: TinyGazetteer, people: People) -> None:
    terms = NoticeTerms(
        title=f"Title {SCRIPT}",
        description=f"Text {SCRIPT}",
        areas=["culture"],
        valid_until=timezone.localdate() + timedelta(days=5),
    )
    notice = notices.publish(people.officer, people.home, terms)
    other = notices.publish(
        people.partner,
        people.away,
        NoticeTerms(title=f"Lyon {SCRIPT}", areas=["culture"], valid_until=timezone.localdate()),
    )
    conversation = conversations.express_interest(people.partner, notice, people.away, f"Hello {SCRIPT}")
    conversations.send_message(people.officer, conversation, f"Reply {SCRIPT}")
    client = Client()
    client.force_login(people.officer)
    pages = [
        reverse("partners:board"),
        notice.get_absolute_url(),
        other.get_absolute_url(),
        reverse("partners:notice_edit", args=[notice.pk]),
        reverse("partners:mine"),
        reverse("partners:inbox"),
        conversation.get_absolute_url(),
        reverse("partners:consortium", args=[people.home.pk]),
        reverse("partners:notice_create"),
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SCRIPT not in html, url
        assert not INLINE_SCRIPT.search(html) and not INLINE_HANDLER.search(html), url
        assert not STYLE_ATTRIBUTE.search(html), url
        assert "script-src 'self'" in response["Content-Security-Policy"], url
    assert "&lt;script&gt;" in client.get(conversation.get_absolute_url()).content.decode()
    assert "&lt;script&gt;" in client.get(notice.get_absolute_url()).content.decode()
