"""Who took part: counts per town or country, invited or local, by age band; and, with explicit
consent, named participants, whose data each person can have exported or erased. Erasing a person
leaves the counts as they were; audit entries of named participants never hold personal data."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, can_see_participant_names, restrict
from twinnings.audit.services import record, scope_of
from twinnings.core.errors import Forbidden, Refused
from twinnings.places.models import Country, Place
from twinnings.programme.choices import AgeBand
from twinnings.programme.models import Activity, Participant, ParticipantGroup
from twinnings.programme.services.common import User, require_editor, require_open

MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class GroupData:
    country: Country
    invited: bool
    count: int
    place: Place | None = None
    age_band: str = AgeBand.UNKNOWN

    @property
    def cell(self) -> tuple[int | None, str, bool, str]:
        return (self.place.pk if self.place else None, self.country.pk, self.invited, self.age_band)


def _label(group: GroupData) -> str:
    return group.place.name if group.place else group.country.name


def _check_group(group: GroupData, host: Place) -> None:
    if group.age_band not in AgeBand.values:
        raise Refused(_("Unknown age band: %(code)s.") % {"code": str(group.age_band)[:20]})
    if not 0 <= group.count <= MAX_COUNT:
        raise Refused(_("A number of participants must be between 0 and 1,000,000."))
    if group.place is not None and group.place.country_id != group.country.pk:
        raise Refused(
            _("%(place)s is not in %(country)s.") % {"place": group.place.name, "country": group.country.name}
        )
    if group.invited and group.place is not None and group.place.pk == host.pk:
        raise Refused(_("Participants from the host town %(place)s are local, not invited.") % {"place": host.name})
    if not group.invited and group.country.pk != host.country_id:
        raise Refused(
            _("Local participants live in the host's country; those from %(from)s were invited.")
            % {"from": _label(group)}
        )


def _named_per_cell(activity: Activity) -> Counter[tuple[int | None, str, bool, str]]:
    return Counter(
        (p.place_id, p.country_id, p.invited, p.age_band)
        for p in Participant.objects.filter(activity=activity).only("place", "country", "invited", "age_band")
    )


@transaction.atomic
def set_participant_groups(
    actor: User, activity: Activity, groups: list[GroupData], total: int | None = None
) -> list[ParticipantGroup]:
    """Replace the activity's counts. `total`, when given, must equal the sum of the groups."""
    require_editor(actor, activity.agreement)
    require_open(activity.agreement)
    activity = Activity.objects.select_for_update().select_related("host_place", "agreement").get(pk=activity.pk)
    cells = Counter(group.cell for group in groups)
    if any(n > 1 for n in cells.values()):
        raise Refused(_("The same town, invited or local, and age band appear twice: give each group once."))
    for group in groups:
        _check_group(group, activity.host_place)
    counted = sum(group.count for group in groups)
    if total is not None and total != counted:
        raise Refused(
            _("The groups add up to %(counted)s participants, not the %(total)s stated.")
            % {"counted": counted, "total": total}
        )
    given = {group.cell: group.count for group in groups}
    for cell, named in _named_per_cell(activity).items():
        if given.get(cell, 0) < named:
            raise Refused(
                _("%(named)s named participants are recorded in a group that would count only %(count)s.")
                % {"named": named, "count": given.get(cell, 0)}
            )
    before = list(activity.participant_groups.values("place", "country", "invited", "age_band", "count"))
    activity.participant_groups.all().delete()
    created = ParticipantGroup.objects.bulk_create(
        ParticipantGroup(
            activity=activity,
            place=group.place,
            country=group.country,
            invited=group.invited,
            age_band=group.age_band,
            count=group.count,
        )
        for group in groups
        if group.count
    )
    after = [
        {"place": g.place_id, "country": g.country_id, "invited": g.invited, "age_band": g.age_band, "count": g.count}
        for g in created
    ]
    record(
        actor,
        "activity.participants",
        activity,
        before={"groups": before},
        after={"groups": after},
        scope=scope_of(activity.agreement),
    )
    return created


@dataclass(frozen=True)
class PersonData:
    full_name: str
    country: Country
    invited: bool
    consent: bool
    place: Place | None = None
    email: str = ""
    role: str = ""
    age_band: str = AgeBand.UNKNOWN
    consent_note: str = ""


def _check_email(email: str) -> None:
    if not email:
        return
    try:
        validate_email(email)
    except ValidationError:
        raise Refused(_("Not an email address: %(email)s.") % {"email": email[:60]}) from None


@transaction.atomic
def add_participant(actor: User, activity: Activity, person: PersonData, when: datetime | None = None) -> Participant:
    """Record a named participant; their group's count is raised if it did not already include them."""
    require_editor(actor, activity.agreement)
    require_open(activity.agreement)
    if not person.consent:
        raise Refused(_("A person can be listed by name only with their explicit consent (or their guardian's)."))
    name = person.full_name.strip()
    if not name or len(name) > 200 or len(person.role) > 100 or len(person.consent_note) > 300:
        raise Refused(_("Give the person's name (at most 200 characters); role and consent note are short texts."))
    _check_email(person.email.strip())
    activity = Activity.objects.select_for_update().select_related("host_place", "agreement").get(pk=activity.pk)
    group = GroupData(person.country, person.invited, 1, person.place, person.age_band)
    _check_group(group, activity.host_place)
    participant = Participant.objects.create(
        activity=activity,
        full_name=name,
        email=person.email.strip(),
        role=person.role.strip(),
        place=person.place,
        country=person.country,
        invited=person.invited,
        age_band=person.age_band,
        consent_at=when or timezone.now(),
        consent_note=person.consent_note.strip(),
        recorded_by=actor,
    )
    named = _named_per_cell(activity)[group.cell]
    counted, _created = ParticipantGroup.objects.get_or_create(
        activity=activity,
        place=person.place,
        country=person.country,
        invited=person.invited,
        age_band=person.age_band,
        defaults={"count": 0},
    )
    if counted.count < named:
        counted.count = named
        counted.save(update_fields=["count"])
    record(actor, "participant.add", participant, after={"activity": activity.pk}, scope=scope_of(activity.agreement))
    return participant


def named_participants(actor: User, activity: Activity) -> QuerySet[Participant]:
    if not can_see_participant_names(actor, activity):
        raise Forbidden(_("Named participants are visible only to the organising parties' editors and administrators."))
    return activity.participants.select_related("place", "country")


def person_records(actor: User, email: str = "", full_name: str = "") -> QuerySet[Participant]:
    """Every record of one person (by email, or else by exact name) that the actor may manage."""
    records = restrict(Participant.objects.all(), actor, Action.EDIT)
    if email.strip():
        return records.filter(email__iexact=email.strip())
    if full_name.strip():
        return records.filter(full_name__iexact=full_name.strip())
    raise Refused(_("Give the person's email address or full name."))


def export_person(records: QuerySet[Participant]) -> dict[str, Any]:
    """All that Twinnings holds about a person, as JSON-ready data."""
    return {
        "records": [
            {
                "activity": {
                    "id": p.activity_id,
                    "title": p.activity.title,
                    "start_date": p.activity.start_date.isoformat(),
                },
                "agreement": p.activity.agreement.title,
                "full_name": p.full_name,
                "email": p.email,
                "role": p.role,
                "place": p.place.name if p.place else None,
                "country": p.country_id,
                "invited": p.invited,
                "age_band": p.age_band,
                "consent_at": p.consent_at.isoformat(),
                "consent_note": p.consent_note,
                "recorded_at": p.recorded_at.isoformat(),
            }
            for p in records.select_related("activity__agreement", "place")
        ]
    }


@transaction.atomic
def erase_participants(actor: User, records: QuerySet[Participant]) -> int:
    """Delete the person's records; the counts stay. Returns how many records were erased."""
    erased = 0
    for participant in records.select_related("activity__agreement"):
        if not can_see_participant_names(actor, participant.activity):
            raise Forbidden(_("You cannot erase this participant."))
        record(
            actor,
            "participant.erase",
            participant,
            before={"activity": participant.activity_id},
            scope=scope_of(participant.activity.agreement),
        )
        participant.delete()
        erased += 1
    return erased
