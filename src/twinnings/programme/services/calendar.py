"""The calendar of an agreement and of a place: the activities and key dates (start, review, end)
that the viewer may see, as calendar events for the agenda page, the API and the iCalendar feed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, User, can, restrict
from twinnings.agreements.models import Agreement
from twinnings.core.errors import Refused
from twinnings.places.models import Place
from twinnings.programme.calendar import (
    ACTIVITY,
    KEY_DATE,
    STATUSES,
    AgreementDates,
    Event,
    key_dates,
    ordered,
    overlaps,
    wanted,
)
from twinnings.programme.choices import ActivityType
from twinnings.programme.models import Activity

MAX_DAYS = 5 * 366  # the longest range one request may ask for


def check_filters(status: str = "", kind: str = "") -> None:
    if status and status not in STATUSES:
        raise Refused(_("Unknown status of an activity: %(code)s.") % {"code": status[:40]})
    if kind and kind != KEY_DATE and kind not in ActivityType.values:
        raise Refused(_("Unknown type of activity: %(code)s.") % {"code": kind[:40]})


def check_range(first: date, last: date) -> None:
    if last < first:
        raise Refused(_("The end of the period (to) comes before its start (from)."))
    if (last - first).days > MAX_DAYS:
        raise Refused(_("Ask for at most %(days)s days at a time.") % {"days": MAX_DAYS})


def activity_event(activity: Activity) -> Event:
    """An activity as an event (its agreement and host place selected with it)."""
    return Event(
        uid=f"activity-{activity.pk}",
        kind=ACTIVITY,
        summary=activity.title,
        start=activity.start_date,
        end=activity.end_date,
        agreement_id=activity.agreement_id,
        agreement_title=activity.agreement.title,
        activity_id=activity.pk,
        type=activity.type,
        status=activity.status,
        venue=activity.venue,
        host_place_id=activity.host_place_id,
        host_place=activity.host_place.name,
        description=activity.description,
        updated=activity.updated_at,
        sequence=activity.revision - 1,
    )


def agreement_key_dates(agreement: Agreement) -> list[Event]:
    labels = {
        "start": _("Agreement comes into force: {title}"),
        "review": _("Agreement review date: {title}"),
        "end": _("Agreement ends (renewal): {title}"),
    }
    dates = AgreementDates(
        agreement.pk,
        agreement.title,
        agreement.start_date,
        agreement.review_date,
        agreement.end_date,
        agreement.updated_at,
    )
    return key_dates(dates, labels)


def _events(
    activities: QuerySet[Activity],
    agreements: QuerySet[Agreement],
    first: date | None,
    last: date | None,
    status: str,
    kind: str,
) -> list[Event]:
    check_filters(status, kind)
    if first is not None and last is not None:
        check_range(first, last)
    events: list[Event] = []
    if kind != KEY_DATE:
        if first is not None:
            activities = activities.filter(end_date__gte=first)
        if last is not None:
            activities = activities.filter(start_date__lte=last)
        if status:
            activities = activities.filter(status=status)
        if kind:
            activities = activities.filter(type=kind)
        events.extend(activity_event(a) for a in activities.select_related("agreement", "host_place"))
    if not status and kind in ("", KEY_DATE):
        for agreement in agreements.only("pk", "title", "start_date", "review_date", "end_date", "updated_at"):
            events.extend(agreement_key_dates(agreement))
    return ordered(e for e in events if overlaps(e, first, last) and wanted(e, status, kind))


def agreement_events(
    user: User, agreement: Agreement, first: date | None, last: date | None, status: str = "", kind: str = ""
) -> list[Event]:
    """The agreement's calendar between `first` and `last` (either may be open), as `user` may see it."""
    agreements = restrict(Agreement.objects.filter(pk=agreement.pk), user, Action.VIEW)
    activities = restrict(Activity.objects.filter(agreement=agreement), user, Action.VIEW)
    return _events(activities, agreements, first, last, status, kind)


def place_agreements(user: User, place: Place) -> QuerySet[Agreement]:
    """The agreements the user may see to which the place is a party."""
    return restrict(Agreement.objects.all(), user, Action.VIEW).filter(parties__place=place)


def may_see_place_calendar(user: User, place: Place) -> bool:
    """Members of the place's office, and whoever may see an agreement the place is a party to or
    an activity it hosts; for anyone else the place's calendar does not exist (404)."""
    if can(user, Action.VIEW, place):
        return True
    visible = restrict(Agreement.objects.all(), user, Action.VIEW)
    return visible.filter(Q(parties__place=place) | Q(activities__host_place=place)).exists()


def place_events(
    user: User, place: Place, first: date | None, last: date | None, status: str = "", kind: str = ""
) -> list[Event]:
    """The place's calendar: the activities of the agreements the user may see where the place is a
    party or the host, and the key dates of those it is a party to."""
    agreements = place_agreements(user, place)
    activities = restrict(Activity.objects.all(), user, Action.VIEW).filter(
        Q(agreement__in=agreements.values("pk")) | Q(host_place=place)
    )
    return _events(activities, agreements, first, last, status, kind)


def feed_window(today: date) -> tuple[date, None]:
    """What a subscribed calendar holds: the past year and everything to come."""
    return today - timedelta(days=366), None


def event_path(event: Event) -> str:
    """Where an event is shown: its month in its agreement's calendar, at the event."""
    path = reverse("programme:calendar", args=[event.agreement_id])
    return f"{path}?month={event.start:%Y-%m}#{event.uid}"
