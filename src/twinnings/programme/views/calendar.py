"""The calendar pages of an agreement and of a place (an agenda by month, filtered by status and
type), their subscribable feeds, and the feed itself: an iCalendar document read without a session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from twinnings.accounts.current import user_of
from twinnings.accounts.permissions import Action, can, restrict
from twinnings.agreements.views.common import visible_agreement
from twinnings.core.errors import Refused
from twinnings.places.models import Place
from twinnings.programme import ical
from twinnings.programme.calendar import KEY_DATE, Event, add_months, agenda, month_window
from twinnings.programme.choices import ActivityStatus, ActivityType
from twinnings.programme.models import CalendarFeed
from twinnings.programme.services import calendar, feeds

MONTHS_SHOWN = 6


class CalendarFilter(forms.Form):
    month = forms.RegexField(regex=r"^\d{4}-(0[1-9]|1[0-2])$", required=False, label=gettext_lazy("From the month"))
    status = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Status"),
        choices=[("", gettext_lazy("any status")), *ActivityStatus.choices],
    )
    type = forms.ChoiceField(
        required=False,
        label=gettext_lazy("Type"),
        choices=[
            ("", gettext_lazy("everything")),
            (KEY_DATE, gettext_lazy("the agreements' key dates")),
            *ActivityType.choices,
        ],
    )

    def clean_month(self) -> date | None:
        text = self.cleaned_data["month"]
        if not text:
            return None
        month = date(int(text[:4]), int(text[5:]), 1)
        if not 1900 <= month.year <= 2200:
            raise forms.ValidationError(_("Choose a month between 1900 and 2200."))
        return month


def _filters(request: HttpRequest) -> tuple[CalendarFilter, date, str, str]:
    form = CalendarFilter(request.GET)
    today = timezone.localdate()
    if not form.is_valid():
        return form, today.replace(day=1), "", ""
    data = form.cleaned_data
    return form, data["month"] or today.replace(day=1), data["status"], data["type"]


def _page_link(request: HttpRequest, month: date) -> str:
    query = {key: value for key, value in request.GET.items() if key in ("status", "type") and value}
    return "?" + urlencode({"month": f"{month:%Y-%m}", **query})


@dataclass(frozen=True)
class Row:
    """An event as the agenda shows it."""

    event: Event
    status: str
    type: str
    past: bool


def _months(events: list[Event], first: date, last: date) -> list[tuple[date, list[Row]]]:
    today = timezone.localdate()
    statuses, types = dict(ActivityStatus.choices), dict(ActivityType.choices)
    return [
        (
            month.first_day,
            [Row(e, str(statuses.get(e.status, "")), str(types.get(e.type, "")), e.end < today) for e in month.events],
        )
        for month in agenda(events, first, last)
    ]


def _render(
    request: HttpRequest, scope: dict[str, Any], events: list[Event], window: tuple[date, date], **extra: Any
) -> HttpResponse:
    first, last = window
    context = {
        **scope,
        "months": _months(events, first, last),
        "first": first,
        "last": last,
        "earlier": _page_link(request, add_months(first, -MONTHS_SHOWN)),
        "later": _page_link(request, add_months(first, MONTHS_SHOWN)),
        **extra,
    }
    return render(request, "programme/calendar.html", context)


def _feed_url(request: HttpRequest, secret: str) -> str:
    return request.build_absolute_uri(reverse("programme:feed", args=[secret]))


def _show(request: HttpRequest, scope: dict[str, Any], **target: Any) -> HttpResponse:
    """The calendar page; a POST makes a new feed address, shown on this response only."""
    user = user_of(request)
    secret = None
    if request.method == "POST":
        try:
            _feed, raw = feeds.create_feed(user, **target)
            secret = _feed_url(request, raw)
        except Refused as error:
            messages.error(request, error.message)
    form, month, status, kind = _filters(request)
    first, last = month_window(month, MONTHS_SHOWN)
    if "agreement" in target:
        events = calendar.agreement_events(user, target["agreement"], first, last, status, kind)
    else:
        events = calendar.place_events(user, target["place"], first, last, status, kind)
    webcal = "webcal://" + secret.split("://", 1)[1] if secret else None
    extra = {"form": form, "feeds": feeds.active_feeds(user, **target), "secret": secret, "webcal": webcal}
    return _render(request, scope, events, (first, last), **extra)


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def agreement_calendar(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = visible_agreement(request, agreement_id)
    scope = {"agreement": agreement, "title": agreement.title}
    return _show(request, scope, agreement=agreement)


def visible_place(request: HttpRequest, place_id: int) -> Place:
    place = get_object_or_404(Place.objects.select_related("country"), pk=place_id)
    if not calendar.may_see_place_calendar(user_of(request), place):
        raise Http404("No calendar")
    return place


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def place_calendar(request: HttpRequest, place_id: int) -> HttpResponse:
    place = visible_place(request, place_id)
    user = user_of(request)
    scope = {"place": place, "title": place.name, "member": can(user, Action.VIEW, place)}
    return _show(request, scope, place=place)


@require_POST
@login_required
def revoke_feed(request: HttpRequest, pk: int) -> HttpResponse:
    user = user_of(request)
    feed = get_object_or_404(restrict(CalendarFeed.objects.all(), user, Action.MANAGE), pk=pk)
    feeds.revoke_feed(user, feed)
    messages.success(request, _("The calendar address is revoked: subscriptions to it stop updating."))
    if feed.agreement_id is not None:
        return redirect("programme:calendar", feed.agreement_id)
    return redirect("programme:place-calendar", feed.place_id)


@require_safe
def feed(request: HttpRequest, token: str) -> HttpResponse:
    """The iCalendar document of a secret address; 404 for an unknown or revoked one, or when its
    owner may no longer see the calendar."""
    found = feeds.open_feed(token)
    if found is None:
        raise Http404("No such calendar")
    events = feeds.feed_events(found, timezone.localdate())
    body = ical.calendar(
        feeds.feed_name(found),
        events,
        request.get_host().rsplit(":", 1)[0],
        lambda event: request.build_absolute_uri(calendar.event_path(event)),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="twinnings.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
