"""Subscribable calendar feeds: a secret address per user and agreement or place. As with API
tokens, the secret is shown once and only its SHA-256 is kept; making a new address for the same
calendar revokes the old one. A feed answers only while its owner may still see its calendar."""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, can, restrict
from twinnings.accounts.tokens import new_token, token_hash
from twinnings.agreements.models import Agreement
from twinnings.audit.services import record, snapshot
from twinnings.core.errors import Forbidden, Refused
from twinnings.places.models import Place
from twinnings.programme.calendar import Event
from twinnings.programme.models import CalendarFeed
from twinnings.programme.services.calendar import agreement_events, feed_window, may_see_place_calendar, place_events

PREFIX = "cal_"
FIELDS = ["user", "agreement", "place", "revoked_at"]


def _may_see(user: User, agreement: Agreement | None, place: Place | None) -> bool:
    if agreement is not None:
        return restrict(Agreement.objects.filter(pk=agreement.pk), user, Action.VIEW).exists()
    return place is not None and may_see_place_calendar(user, place)


def _revoke(user: User, feed: CalendarFeed) -> None:
    before = snapshot(feed, FIELDS)
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    record(
        user, "calendar_feed.revoke", feed, before=before, after=snapshot(feed, FIELDS), scope=f"auth.user:{user.pk}"
    )


@transaction.atomic
def create_feed(
    user: User, *, agreement: Agreement | None = None, place: Place | None = None
) -> tuple[CalendarFeed, str]:
    """A new secret address for the agreement's or the place's calendar, and the secret itself,
    which is never stored. The user's earlier addresses for the same calendar stop working."""
    if (agreement is None) == (place is None):
        raise Refused(_("A calendar feed is for one agreement or one place."))
    if not _may_see(user, agreement, place):
        raise Forbidden(_("You cannot see this calendar."))
    for earlier in active_feeds(user, agreement=agreement, place=place).select_related(None).select_for_update():
        _revoke(user, earlier)
    secret, _hashed = new_token()
    raw = PREFIX + secret
    feed = CalendarFeed.objects.create(user=user, agreement=agreement, place=place, token_hash=token_hash(raw))
    record(user, "calendar_feed.create", feed, after=snapshot(feed, FIELDS), scope=f"auth.user:{user.pk}")
    return feed, raw


@transaction.atomic
def revoke_feed(user: User, feed: CalendarFeed) -> None:
    if not can(user, Action.MANAGE, feed):
        raise Forbidden(_("This is not your calendar feed."))
    feed = CalendarFeed.objects.select_for_update().get(pk=feed.pk)
    if feed.revoked_at is None:
        _revoke(user, feed)


def active_feeds(
    user: User, *, agreement: Agreement | None = None, place: Place | None = None
) -> QuerySet[CalendarFeed]:
    """The user's working feeds, for one agreement or place when given."""
    feeds = restrict(CalendarFeed.objects.filter(revoked_at__isnull=True), user, Action.VIEW)
    if agreement is not None:
        feeds = feeds.filter(agreement=agreement)
    if place is not None:
        feeds = feeds.filter(place=place)
    return feeds.select_related("agreement", "place")


def open_feed(raw: str) -> CalendarFeed | None:
    """The feed behind a secret, if it is known, not revoked, and its owner may still see its calendar."""
    if not raw.startswith(PREFIX) or len(raw) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user", "agreement", "place")
        .filter(token_hash=token_hash(raw), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if feed is None or not _may_see(feed.user, feed.agreement, feed.place):
        return None
    return feed


def feed_events(feed: CalendarFeed, today: date) -> list[Event]:
    """What the feed lists: its calendar, as its owner may see it today."""
    first, last = feed_window(today)
    if feed.agreement is not None:
        return agreement_events(feed.user, feed.agreement, first, last)
    assert feed.place is not None
    return place_events(feed.user, feed.place, first, last)


def feed_name(feed: CalendarFeed) -> str:
    return str(feed.agreement.title if feed.agreement else feed.place.name if feed.place else "")
