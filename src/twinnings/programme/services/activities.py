"""Recording activities under an agreement: plan them, confirm, mark them held or cancelled."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from twinnings.accounts.models import Organisation
from twinnings.agreements.choices import Area
from twinnings.agreements.models import Agreement
from twinnings.audit.services import record, scope_of, snapshot
from twinnings.core.errors import Conflict, Refused
from twinnings.places.models import Place
from twinnings.programme.choices import ActivityStatus, ActivityType
from twinnings.programme.models import Activity
from twinnings.programme.services.common import User, require_editor, require_open, within_term

FIELDS = ["area", "type", "title", "description", "start_date", "end_date", "host_place", "venue", "status"]


@dataclass
class ActivityData:
    area: str
    type: str
    title: str
    start_date: date
    end_date: date
    host_place: Place
    description: str = ""
    venue: str = ""
    status: str = ActivityStatus.PLANNED
    organisations: list[Organisation] = field(default_factory=list)


def _validated(agreement: Agreement, data: ActivityData, today: date) -> ActivityData:
    if data.area not in Area.values:
        raise Refused(_("Unknown area of cooperation: %(code)s.") % {"code": str(data.area)[:40]})
    if data.type not in ActivityType.values:
        raise Refused(_("Unknown type of activity: %(code)s.") % {"code": str(data.type)[:40]})
    if data.status not in ActivityStatus.values:
        raise Refused(_("Unknown status of an activity: %(code)s.") % {"code": str(data.status)[:40]})
    data.title = data.title.strip()
    if not data.title:
        raise Refused(_("An activity needs a title."))
    if len(data.title) > 200 or len(data.venue) > 200 or len(data.description) > 20_000:
        raise Refused(_("The title and venue take at most 200 characters, the description 20,000."))
    within_term(agreement, data.start_date, data.end_date)
    if data.status == ActivityStatus.HELD and data.start_date > today:
        raise Refused(_("An activity cannot be marked as held before it starts."))
    allowed = set(
        Organisation.objects.filter(
            Q(agreements__agreement=agreement) | Q(place__agreement_parties__agreement=agreement)
        ).values_list("pk", flat=True)
    )
    strangers = [o.name for o in data.organisations if o.pk not in allowed]
    if strangers:
        raise Refused(
            _("Not associated with this agreement or its parties: %(names)s.") % {"names": ", ".join(strangers)}
        )
    return data


@transaction.atomic
def create_activity(actor: User, agreement: Agreement, data: ActivityData) -> Activity:
    require_editor(actor, agreement)
    require_open(agreement)
    _validated(agreement, data, timezone.localdate())
    activity = Activity.objects.create(
        agreement=agreement,
        created_by=actor,
        **{name: getattr(data, name) for name in FIELDS},
    )
    activity.organisations.set(data.organisations)
    record(actor, "activity.create", activity, after=snapshot(activity, FIELDS), scope=scope_of(agreement))
    return activity


def locked(activity: Activity, revision: int) -> Activity:
    """The activity re-read under a row lock, refused when someone changed it since `revision`."""
    current = Activity.objects.select_for_update().select_related("agreement").get(pk=activity.pk)
    if current.revision != revision:
        raise Conflict(
            _(
                "Someone else changed this activity while you were editing (it is now at revision %(now)s, "
                "you started from %(yours)s). Your change was not saved: reload it and apply it again."
            )
            % {"now": current.revision, "yours": revision}
        )
    return current


@transaction.atomic
def update_activity(actor: User, activity: Activity, revision: int, data: ActivityData) -> Activity:
    require_editor(actor, activity.agreement)
    require_open(activity.agreement)
    current = locked(activity, revision)
    _validated(current.agreement, data, timezone.localdate())
    before = snapshot(current, FIELDS)
    for name in FIELDS:
        setattr(current, name, getattr(data, name))
    current.revision += 1
    current.save()
    current.organisations.set(data.organisations)
    record(
        actor,
        "activity.update",
        current,
        before=before,
        after=snapshot(current, FIELDS),
        scope=scope_of(current.agreement),
    )
    return current


@transaction.atomic
def delete_activity(actor: User, activity: Activity) -> None:
    require_editor(actor, activity.agreement)
    require_open(activity.agreement)
    if activity.participants.exists():
        raise Refused(_("Erase the named participants first (or cancel the activity instead)."))
    record(actor, "activity.delete", activity, before=snapshot(activity, FIELDS), scope=scope_of(activity.agreement))
    activity.delete()
