"""The daily reminder digest: one email per user and day to the administrators and editors of the
place offices that are parties to an agreement, listing what is due (the rules are in
`programme.reminders`), in the user's language. Viewers and signatories get no digest, nor do members
of organisations.
A ReminderDigest row per user and day makes a second run on the same day send nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Min, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinnings.accounts.permissions import ROLES, Action, restrict
from twinnings.accounts.preferences import in_language_of
from twinnings.agreements.models import Agreement, Party
from twinnings.programme import reminders
from twinnings.programme.choices import ActivityStatus
from twinnings.programme.models import Activity, ReminderDigest

UPCOMING = [ActivityStatus.PLANNED, ActivityStatus.CONFIRMED]


def activity_dates(agreements: QuerySet[Agreement, Any] | list[int], today: date) -> dict[int, dict[str, Any]]:
    """Per agreement: the last day of its latest activity held (`last_held`), of its latest planned
    or confirmed one (`planned_until`), and the first day of the next one not over (`next_start`)."""
    rows = (
        Activity.objects.filter(agreement_id__in=agreements)
        .values("agreement_id")
        .annotate(
            last_held=Max("end_date", filter=Q(status=ActivityStatus.HELD)),
            planned_until=Max("end_date", filter=Q(status__in=UPCOMING)),
            next_start=Min("start_date", filter=Q(status__in=UPCOMING, end_date__gte=today)),
        )
        .order_by()
    )
    return {row.pop("agreement_id"): row for row in rows}


def agreement_state(agreement: Agreement, dates: dict[str, Any]) -> reminders.AgreementState:
    return reminders.AgreementState(
        agreement.pk,
        agreement.title,
        agreement.status,
        agreement.start_date,
        agreement.review_date,
        agreement.end_date,
        last_held=dates.get("last_held"),
        planned_until=dates.get("planned_until"),
    )


def due_on(today: date) -> list[reminders.Due]:
    """Everything due on `today`, over every agreement neither drafted nor ended."""
    agreements = Agreement.objects.exclude(status__in=reminders.CLOSED).only(
        "pk", "title", "status", "start_date", "review_date", "end_date"
    )
    dates = activity_dates(agreements.values("pk"), today)
    states = [agreement_state(a, dates.get(a.pk, {})) for a in agreements]
    activities = Activity.objects.filter(
        agreement__in=agreements.values("pk"),
        status__in=UPCOMING,
        start_date__range=(today, today + timedelta(days=reminders.ACTIVITY_DAYS)),
    )
    rows = [
        reminders.ActivityState(a.pk, a.agreement_id, a.title, a.start_date, a.end_date, a.status) for a in activities
    ]
    return reminders.due_items(states, rows, today)


def digests(today: date) -> dict[User, list[reminders.Due]]:
    """Each recipient's items: what is due in the agreements where one of their offices is a party
    and their role there is administrator or editor (asked of `restrict`, action EDIT)."""
    items = due_on(today)
    agreement_ids = {item.agreement_id for item in items}
    places = Party.objects.filter(agreement_id__in=agreement_ids).values("place_id")
    candidates = (
        User.objects.filter(
            is_active=True,
            memberships__place__in=places,
            memberships__role__in=ROLES[Action.EDIT],
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
    found: dict[User, list[reminders.Due]] = {}
    for user in candidates:
        allowed = set(
            restrict(Agreement.objects.filter(pk__in=agreement_ids), user, Action.EDIT).values_list("pk", flat=True)
        )
        mine = [item for item in items if item.agreement_id in allowed]
        if mine:
            found[user] = mine
    return found


def _link(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _email(user: User, today: date, items: list[reminders.Due]) -> tuple[str, str]:
    """The subject and plain-text body of a user's digest."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for item in items:
        path = (
            reverse("programme:calendar", args=[item.agreement_id])
            + f"?month={item.day:%Y-%m}#activity-{item.activity_id}"
            if item.kind == reminders.ACTIVITY and item.day
            else reverse("agreements:detail", args=[item.agreement_id])
        )
        groups[item.kind].append({"item": item, "link": _link(path)})
    subject = ngettext(
        "Twinnings: %(count)s reminder for %(day)s", "Twinnings: %(count)s reminders for %(day)s", len(items)
    ) % {"count": len(items), "day": today.isoformat()}
    context = {
        "user": user,
        "day": today,
        "groups": groups,
        "activity_days": reminders.ACTIVITY_DAYS,
        "date_days": reminders.DATE_DAYS,
        "dormant_months": reminders.DORMANT_MONTHS,
        "workspace": _link(reverse("agreements:dashboard")),
    }
    return subject, render_to_string("programme/email/reminders.txt", context)


@dataclass
class Report:
    sent: list[User] = field(default_factory=list)
    already: list[User] = field(default_factory=list)  # their digest of the day was sent by an earlier run
    planned: dict[User, list[reminders.Due]] = field(default_factory=dict)  # a dry run's digests


def send_reminders(today: date, dry_run: bool = False) -> Report:
    """Mail each recipient's digest of `today`, once: a digest already recorded for the user and day
    is not sent again; a failed send records nothing, so the next run tries again."""
    report = Report()
    for user, items in digests(today).items():
        if ReminderDigest.objects.filter(user=user, day=today).exists():
            report.already.append(user)
            continue
        if dry_run:
            report.planned[user] = items
            continue
        with transaction.atomic():
            _digest, created = ReminderDigest.objects.get_or_create(
                user=user, day=today, defaults={"items": [item.as_json() for item in items]}
            )
            if not created:
                report.already.append(user)
                continue
            with in_language_of(user):
                subject, body = _email(user, today, items)
            send_mail(subject, body, None, [user.email])
        report.sent.append(user)
    return report


def describe(item: reminders.Due) -> str:
    """One line for the command's output."""
    labels = {
        reminders.ACTIVITY: _("activity"),
        reminders.REVIEW: _("review"),
        reminders.END: _("end of term"),
        reminders.DORMANT: _("dormant"),
    }
    day = item.day.isoformat() if item.day else "—"
    return f"{labels[item.kind]} {day} {item.title or item.agreement_title}"
