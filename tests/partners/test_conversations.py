"""Expressions of interest, messages, unread counts and the step to a draft agreement."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Role
from twinnings.accounts.permissions import Action, can, restrict
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused
from twinnings.partners import conversations, notices
from twinnings.partners.models import Conversation, Message, PartnerNotice


def test_lyon_answers_and_cologne_reads_it_as_unread(conversation: Conversation, people: People) -> None:
    assert conversation.place == people.away and conversation.started_by == people.partner
    assert [m.text for m in conversation.messages.all()] == ["Lyon would love to take part."]
    assert conversation.messages.get().place == people.away
    assert [(c.pk, c.unread) for c in conversations.inbox(people.officer)] == [(conversation.pk, 1)]
    assert [(c.pk, c.unread) for c in conversations.inbox(people.partner)] == [(conversation.pk, 0)]
    assert list(conversations.inbox(people.outsider)) == []
    conversations.mark_read(people.officer, conversation)
    assert conversations.inbox(people.officer).get().unread == 0
    assert AuditEntry.objects.filter(action="conversation.start").count() == 1


def test_messages_go_both_ways_and_count_as_unread_for_the_other_side(
    conversation: Conversation, people: People
) -> None:
    reply = conversations.send_message(people.officer, conversation, "Willkommen!")
    assert reply.place == people.home
    conversations.send_message(people.partner, conversation, "Merci !")
    conversations.send_message(people.partner, conversation, "Quand ?")
    assert conversations.inbox(people.officer).get().unread == 2  # replying marked Lyon's first message read
    assert conversations.inbox(people.partner).get().unread == 0
    conversations.send_message(people.officer, conversation, "Im Mai.")
    assert conversations.inbox(people.partner).get().unread == 1
    assert conversations.inbox(people.officer).get().unread == 0
    conversation.refresh_from_db()
    assert conversation.last_message_at == Message.objects.order_by("-id").first().created_at  # type: ignore[union-attr]


def test_a_colleague_sees_the_conversation_with_its_own_unread_count(
    conversation: Conversation, people: People
) -> None:
    viewer = make_user("viewer@lyon.example")
    Membership.objects.create(user=viewer, place=people.away, role=Role.VIEWER)
    assert conversations.inbox(viewer).get().unread == 1
    assert can(viewer, Action.VIEW, conversation)
    with pytest.raises(Forbidden):  # viewers read, administrators and editors write
        conversations.send_message(viewer, conversation, "Hello")


def test_outsiders_neither_see_nor_write(conversation: Conversation, people: People) -> None:
    assert not can(people.outsider, Action.VIEW, conversation)
    assert not can(AnonymousUser(), Action.VIEW, conversation)
    assert list(restrict(Conversation.objects.all(), people.outsider, Action.VIEW)) == []
    assert list(restrict(Conversation.objects.all(), AnonymousUser(), Action.VIEW)) == []
    with pytest.raises(Forbidden):
        conversations.send_message(people.outsider, conversation, "Me too")
    assert conversation.messages.count() == 1


@pytest.mark.parametrize("text", ["", "   ", "x" * 100_000])
def test_empty_or_huge_messages_are_refused(conversation: Conversation, people: People, text: str) -> None:
    with pytest.raises(Refused, match="message"):
        conversations.send_message(people.officer, conversation, text)
    assert conversation.messages.count() == 1


def test_an_interest_needs_a_message_and_changes_nothing_without_one(notice: PartnerNotice, people: People) -> None:
    with pytest.raises(Refused, match="message cannot be empty"):
        conversations.express_interest(people.partner, notice, people.away, " ")
    with pytest.raises(Refused, match="message is too long"):
        conversations.express_interest(people.partner, notice, people.away, "x" * 100_000)
    assert not Conversation.objects.exists() and not Message.objects.exists()


def test_an_interest_is_expressed_for_a_place_the_user_edits(notice: PartnerNotice, people: People) -> None:
    with pytest.raises(Forbidden):
        conversations.express_interest(people.outsider, notice, people.away, "I am Lyon")
    with pytest.raises(Refused, match="own notice"):
        conversations.express_interest(people.officer, notice, people.home, "Us")
    with pytest.raises(Forbidden):
        conversations.express_interest(AnonymousUser(), notice, people.away, "Hi")  # type: ignore[arg-type]
    paris = conversations.express_interest(people.outsider, notice, people.elsewhere, "Paris too")
    assert paris.place == people.elsewhere
    assert not Conversation.objects.filter(place=people.away).exists()


def test_a_place_answers_a_notice_once(conversation: Conversation, notice: PartnerNotice, people: People) -> None:
    with pytest.raises(Refused, match="already answered"):
        conversations.express_interest(people.partner, notice, people.away, "Again")
    assert Conversation.objects.count() == 1 and Message.objects.count() == 1


def test_closed_notices_cannot_be_answered(notice: PartnerNotice, people: People) -> None:
    PartnerNotice.objects.filter(pk=notice.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    notice.refresh_from_db()
    with pytest.raises(Refused, match="closed"):
        conversations.express_interest(people.partner, notice, people.away, "Late")
    PartnerNotice.objects.filter(pk=notice.pk).update(valid_until=timezone.localdate())
    notice.refresh_from_db()
    notices.withdraw(people.officer, notice)
    with pytest.raises(Refused, match="closed"):
        conversations.express_interest(people.partner, notice, people.away, "Late")
    assert not Conversation.objects.exists()


def test_a_conversation_goes_on_after_the_notice_is_withdrawn(conversation: Conversation, people: People) -> None:
    notices.withdraw(people.officer, conversation.notice)
    conversations.send_message(people.partner, conversation, "Still interested")
    assert can(people.partner, Action.VIEW, conversation)
    assert conversation.messages.count() == 2


@pytest.mark.parametrize(("who", "owner"), [("officer", "home"), ("partner", "away")])
def test_either_side_starts_one_draft_agreement(
    conversation: Conversation, people: People, who: str, owner: str
) -> None:
    user = people.by_name(who)
    agreement, created = conversations.start_agreement(user, conversation)
    assert created
    assert agreement.status == Status.DRAFT
    assert agreement.owner == getattr(people, owner)
    assert {p.place_id for p in agreement.parties.all()} == {people.home.pk, people.away.pk}
    assert agreement.areas == ["culture", "education"]
    assert sorted(agreement.languages) == ["de", "fr"]
    conversation.refresh_from_db()
    assert conversation.agreement == agreement
    other = people.partner if who == "officer" else people.officer
    again, created_again = conversations.start_agreement(other, conversation)
    assert (again, created_again) == (agreement, False)
    assert conversations.start_agreement(user, conversation) == (agreement, False)
    assert Agreement.objects.count() == 1
    assert AuditEntry.objects.filter(action="conversation.agreement").count() == 1


def test_outsiders_and_viewers_cannot_start_the_agreement(conversation: Conversation, people: People) -> None:
    viewer = make_user("viewer@koeln.example")
    Membership.objects.create(user=viewer, place=people.home, role=Role.VIEWER)
    for user in (people.outsider, viewer):
        with pytest.raises(Forbidden):
            conversations.start_agreement(user, conversation)
    assert not Agreement.objects.exists()
    conversation.refresh_from_db()
    assert conversation.agreement is None
