"""Calendars, calendar feeds and the municipality dashboard in the API: the same queries as the
pages. Authenticated like the rest of the workspace API (a personal access token or the session);
404 for what the user may not see, 400 for a period or filter that cannot be honoured."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any, Literal

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from twinnings.accounts.api_auth import API_AUTH
from twinnings.accounts.permissions import Action, restrict
from twinnings.agreements.models import Agreement
from twinnings.core.schemas import AUTH_ERRORS, ErrorOut, InputSchema
from twinnings.places.models import Place
from twinnings.programme.calendar import Event
from twinnings.programme.choices import ActivityStatus
from twinnings.programme.models import CalendarFeed
from twinnings.programme.services import calendar, feeds

router = Router(auth=API_AUTH, tags=["calendar"])
WRITE_ERRORS = {**AUTH_ERRORS, 403: ErrorOut}
DEFAULT_DAYS = 365


class CalendarQuery(Schema):
    start: date | None = Field(None, alias="from", description="First day (default: today)")
    end: date | None = Field(None, alias="to", description="Last day, included (default: a year after `from`)")
    status: ActivityStatus | None = Field(None, description="Only activities with this status")
    type: str | None = Field(None, description="An activity type, or `key_date` for the agreements' dates only")


class EventOut(Schema):
    uid: str = Field(description="Stable identifier, also the iCalendar UID's first part")
    kind: Literal["activity", "start", "review", "end"]
    summary: str
    start: date
    end: date = Field(description="The last day, included")
    agreement: int
    agreement_title: str
    activity: int | None
    type: str | None
    status: str | None
    venue: str
    host_place: int | None
    host_place_name: str
    url: str


class ProgrammeCalendarOut(Schema):
    start: date
    end: date
    count: int
    items: list[EventOut]


class FeedIn(InputSchema):
    agreement: int | None = Field(None, description="The agreement whose calendar to follow")
    place: int | None = Field(None, description="Or the place whose calendar to follow")


class FeedOut(Schema):
    id: int
    agreement: int | None
    place: int | None
    created_at: datetime
    revoked_at: datetime | None


class FeedCreatedOut(FeedOut):
    url: str = Field(description="The feed's secret address: shown this once, never stored")


class FeedListOut(Schema):
    count: int
    items: list[FeedOut]


def request_user(request: HttpRequest) -> User:
    user = request.user
    assert isinstance(user, User)
    return user


def event_data(request: HttpRequest, event: Event) -> dict[str, Any]:
    return {
        "uid": event.uid,
        "kind": event.kind,
        "summary": event.summary,
        "start": event.start,
        "end": event.end,
        "agreement": event.agreement_id,
        "agreement_title": event.agreement_title,
        "activity": event.activity_id,
        "type": event.type or None,
        "status": event.status or None,
        "venue": event.venue,
        "host_place": event.host_place_id,
        "host_place_name": event.host_place,
        "url": request.build_absolute_uri(calendar.event_path(event)),
    }


def _period(query: CalendarQuery) -> tuple[date, date]:
    start = query.start or timezone.localdate()
    return start, query.end or start + timedelta(days=DEFAULT_DAYS)


def _calendar(request: HttpRequest, events: list[Event], period: tuple[date, date]) -> dict[str, Any]:
    items = [event_data(request, e) for e in events]
    return {"start": period[0], "end": period[1], "count": len(items), "items": items}


@router.get(
    "/agreements/{id}/calendar", response={200: ProgrammeCalendarOut, **AUTH_ERRORS}, summary="An agreement's calendar"
)
def agreement_calendar(request: HttpRequest, id: int, query: Query[CalendarQuery]) -> dict[str, Any]:
    """The agreement's activities and key dates (start, review, end) overlapping the period."""
    user = request_user(request)
    agreement = get_object_or_404(restrict(Agreement.objects.all(), user, Action.VIEW), pk=id)
    period = _period(query)
    events = calendar.agreement_events(user, agreement, *period, status=query.status or "", kind=query.type or "")
    return _calendar(request, events, period)


def _calendar_place(request: HttpRequest, pk: int) -> Place:
    place = get_object_or_404(Place, pk=pk)
    if not calendar.may_see_place_calendar(request_user(request), place):
        raise Http404("No calendar")
    return place


@router.get("/places/{id}/calendar", response={200: ProgrammeCalendarOut, **AUTH_ERRORS}, summary="A place's calendar")
def place_calendar(request: HttpRequest, id: int, query: Query[CalendarQuery]) -> dict[str, Any]:
    """The activities of the agreements you may see where the place is a party or the host, with the
    key dates of those it is a party to."""
    user = request_user(request)
    place = _calendar_place(request, id)
    period = _period(query)
    events = calendar.place_events(user, place, *period, status=query.status or "", kind=query.type or "")
    return _calendar(request, events, period)


def _feed_data(feed: CalendarFeed) -> dict[str, Any]:
    return {
        "id": feed.pk,
        "agreement": feed.agreement_id,
        "place": feed.place_id,
        "created_at": feed.created_at,
        "revoked_at": feed.revoked_at,
    }


@router.get("/calendar/feeds", response={200: FeedListOut, **AUTH_ERRORS}, summary="Your calendar feeds")
def list_feeds(request: HttpRequest) -> dict[str, Any]:
    listed = [_feed_data(f) for f in restrict(CalendarFeed.objects.all(), request_user(request), Action.VIEW)]
    return {"count": len(listed), "items": listed}


@router.post("/calendar/feeds", response={201: FeedCreatedOut, **WRITE_ERRORS}, summary="Make a calendar feed")
def create_feed(request: HttpRequest, data: FeedIn) -> tuple[int, dict[str, Any]]:
    """A secret iCalendar address for an agreement's or a place's calendar; your earlier address for
    the same calendar stops working."""
    user = request_user(request)
    target: dict[str, Any] = {}
    if data.agreement is not None:
        target["agreement"] = get_object_or_404(restrict(Agreement.objects.all(), user, Action.VIEW), pk=data.agreement)
    if data.place is not None:
        target["place"] = _calendar_place(request, data.place)
    feed, raw = feeds.create_feed(user, **target)
    url = request.build_absolute_uri(reverse("programme:feed", args=[raw]))
    return 201, {**_feed_data(feed), "url": url}


@router.post("/calendar/feeds/{id}/revoke", response={200: FeedOut, **WRITE_ERRORS}, summary="Revoke a calendar feed")
def revoke_feed(request: HttpRequest, id: int) -> dict[str, Any]:
    user = request_user(request)
    feed = get_object_or_404(restrict(CalendarFeed.objects.all(), user, Action.MANAGE), pk=id)
    feeds.revoke_feed(user, feed)
    feed.refresh_from_db()
    return _feed_data(feed)
