"""Expressions of interest and the conversations they open: another place's office answers a
notice, the two offices exchange messages, and either side can turn the conversation into a
draft agreement between the two places (once). Every write is audited; each message is emailed to
the other office (partners.notifications)."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.db.models import Count, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, can, place_ids, restrict
from twinnings.agreements import services as agreements
from twinnings.agreements.models import Agreement
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Conflict, Forbidden, Refused
from twinnings.partners.models import Conversation, Message, PartnerNotice, ReadMarker
from twinnings.partners.notices import MAX_TEXT, text
from twinnings.partners.notifications import notify_after_commit
from twinnings.places.models import Place

CONVERSATION_FIELDS = ["notice", "place", "agreement"]
MESSAGE_FIELDS = ["conversation", "place", "author"]


def message_text(value: str) -> str:
    return text(value, _("message"), MAX_TEXT, required=True)


def side_of(user: User, conversation: Conversation, action: Action = Action.EDIT) -> Place | None:
    """The office the user speaks for in the conversation (the notice's first), or None."""
    offices = place_ids(user, action)
    if conversation.notice.place_id in offices:
        return conversation.notice.place
    if conversation.place_id in offices:
        return conversation.place
    return None


def other_side(conversation: Conversation, place: Place) -> Place:
    return conversation.place if place.pk == conversation.notice.place_id else conversation.notice.place


def _add_message(actor: User, conversation: Conversation, place: Place, body: str) -> Message:
    message = Message.objects.create(conversation=conversation, place=place, author=actor, text=body)
    conversation.last_message_at = message.created_at
    conversation.save(update_fields=["last_message_at"])
    _mark(actor, conversation, message.pk)
    notify_after_commit(message.pk)
    record(
        actor, "conversation.message", message, after=snapshot(message, MESSAGE_FIELDS), scope=scope_of(conversation)
    )
    return message


@transaction.atomic
def express_interest(actor: User, notice: PartnerNotice, place: Place, body: str) -> Conversation:
    """Opens the conversation of `place` about `notice` with its first message."""
    if not can(actor, Action.EDIT, place):
        raise Forbidden(_("Only an administrator or editor of the place's office can express its interest."))
    if place.pk == notice.place_id:
        raise Refused(_("A place cannot answer its own notice."))
    notice = PartnerNotice.objects.select_for_update().get(pk=notice.pk)
    if not notice.is_open:
        raise Refused(_("This notice is closed: it was withdrawn or it expired."))
    cleaned = message_text(body)
    if Conversation.objects.filter(notice=notice, place=place).exists():
        raise Refused(
            _("%(place)s has already answered this notice: write in its conversation.") % {"place": place.name}
        )
    try:
        with transaction.atomic():
            conversation = Conversation.objects.create(notice=notice, place=place, started_by=actor)
    except IntegrityError as error:  # answered at the same moment by a colleague
        raise Conflict(_("%(place)s has just answered this notice.") % {"place": place.name}) from error
    record(actor, "conversation.start", conversation, after=snapshot(conversation, CONVERSATION_FIELDS))
    _add_message(actor, conversation, place, cleaned)
    return conversation


@transaction.atomic
def send_message(actor: User, conversation: Conversation, body: str) -> Message:
    place = side_of(actor, conversation)
    if place is None:
        raise Forbidden(_("Only administrators and editors of the two offices write in this conversation."))
    cleaned = message_text(body)
    locked = Conversation.objects.select_for_update().get(pk=conversation.pk)
    return _add_message(actor, locked, place, cleaned)


def _mark(user: User, conversation: Conversation, last: int) -> None:
    marker, created = ReadMarker.objects.get_or_create(
        conversation=conversation, user=user, defaults={"last_read": last}
    )
    if not created and marker.last_read < last:
        ReadMarker.objects.filter(pk=marker.pk, last_read__lt=last).update(last_read=last)


def mark_read(user: User, conversation: Conversation) -> None:
    """Every message of the conversation so far counts as read by the user."""
    last = conversation.messages.order_by("-id").values_list("id", flat=True).first()
    if last is not None and user.is_authenticated:
        _mark(user, conversation, last)


def inbox(user: User) -> QuerySet[Conversation]:
    """The conversations of the user's offices, latest first, each with `unread`: messages by
    others after the last one the user read."""
    last_read = ReadMarker.objects.filter(conversation=OuterRef("pk"), user_id=user.pk).values("last_read")[:1]
    unread = (
        Message.objects.filter(conversation=OuterRef("pk"), id__gt=OuterRef("last_read"))
        .exclude(author_id=user.pk)
        .order_by()
        .values("conversation")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        restrict(Conversation.objects.all(), user, Action.VIEW)
        .select_related("notice__place__country", "place__country", "agreement")
        .annotate(last_read=Coalesce(Subquery(last_read), Value(0)))
        .annotate(unread=Coalesce(Subquery(unread), Value(0)))
        .order_by("-last_message_at", "-id")
    )


def unread(user: User, conversation: Conversation) -> int:
    found = inbox(user).filter(pk=conversation.pk).first()
    return int(getattr(found, "unread", 0))


def unread_total(user: User | AnonymousUser) -> int:
    """Unread messages in every conversation of the user's offices."""
    return sum(int(getattr(c, "unread", 0)) for c in inbox(user)) if isinstance(user, User) else 0


def agreement_languages(*places: Place) -> list[str]:
    """The first official language of each place's country that has an ISO 639-1 code; English
    when none has."""
    found: list[str] = []
    for place in places:
        codes = [code for code in place.country.language_list if len(code) == 2]
        if codes and codes[0] not in found:
            found.append(codes[0])
    return found or ["en"]


@transaction.atomic
def start_agreement(actor: User, conversation: Conversation) -> tuple[Agreement, bool]:
    """A draft agreement owned by the actor's place with the other place as partner, carrying the
    notice's areas; (agreement, created). Asked again, it returns the agreement already made."""
    current = (
        Conversation.objects.select_for_update(of=("self",))
        .select_related("notice__place__country", "place__country", "agreement")
        .get(pk=conversation.pk)
    )
    if current.agreement is not None:
        return current.agreement, False
    owner = side_of(actor, current)
    if owner is None:
        raise Forbidden(_("Only administrators and editors of the two offices can start the agreement."))
    partner = other_side(current, owner)
    title = f"{owner.name} – {partner.name}: {current.notice.title}"[:200]
    agreement = agreements.create_agreement(actor, owner, [partner], title, agreement_languages(owner, partner))
    agreement = agreements.update_terms(actor, agreement, agreement.revision, areas=current.notice.areas)
    if not Conversation.objects.filter(pk=current.pk, agreement__isnull=True).update(agreement=agreement):
        raise Conflict(_("The other office has just started the agreement: reload the conversation."))
    before = snapshot(current, CONVERSATION_FIELDS)
    current.agreement = agreement
    record(actor, "conversation.agreement", current, before=before, after=snapshot(current, CONVERSATION_FIELDS))
    return agreement, True
