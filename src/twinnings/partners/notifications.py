"""Email to the other office when a message arrives in a conversation: its administrators and
editors (those who can answer), each in their own language, with the link to the conversation.
Sent once the message is committed; a mail server that fails is logged and loses no message."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import ROLES, Action
from twinnings.accounts.preferences import in_language_of
from twinnings.partners.models import Message
from twinnings.places.models import Place

log = logging.getLogger(__name__)
_muted: ContextVar[bool] = ContextVar("notifications_muted", default=False)


@contextmanager
def muted() -> Iterator[None]:
    """No email for the messages committed inside the block (the demo's made-up conversations)."""
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def recipients(place: Place, author_id: int | None) -> QuerySet[User]:
    """The active administrators and editors of `place`'s office with an email address, but the author."""
    found = User.objects.filter(is_active=True, memberships__place=place, memberships__role__in=ROLES[Action.EDIT])
    if author_id is not None:
        found = found.exclude(pk=author_id)
    return found.exclude(email="").distinct().order_by("pk")


def notify_after_commit(message_id: int) -> None:
    """Emails the message once its transaction commits (nothing if it rolls back, or when muted)."""
    if not _muted.get():
        transaction.on_commit(lambda: notify_message(message_id))


def notify_message(message_id: int) -> int:
    """Emails the message's addressees; the number of emails sent."""
    message = Message.objects.select_related("conversation__notice__place", "conversation__place", "place").get(
        pk=message_id
    )
    conversation = message.conversation
    notice = conversation.notice
    to_place = conversation.place if message.place_id == notice.place_id else notice.place
    link = settings.SITE_URL.rstrip("/") + conversation.get_absolute_url()
    sent = 0
    for user in recipients(to_place, message.author_id):
        with in_language_of(user):
            subject = _("Twinnings: %(place)s wrote about “%(notice)s”") % {
                "place": message.place.name,
                "notice": notice.title,
            }
            context = {"user": user, "message": message, "notice": notice, "to_place": to_place, "link": link}
            body = render_to_string("partners/email/message.txt", context)
        try:
            send_mail(subject, body, None, [user.email])
        except (SMTPException, OSError):
            log.exception("the message %s could not be emailed to user %s", message.pk, user.pk)
            continue
        sent += 1
    return sent
