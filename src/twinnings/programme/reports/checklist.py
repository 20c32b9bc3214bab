"""An agreement's grant readiness (grants.py) from what it records, worded for the reader: each
criterion met, or what is still missing."""

from __future__ import annotations

from django.db.models import F, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from twinnings.agreements.models import Agreement
from twinnings.programme import grants
from twinnings.programme.choices import ActivityStatus
from twinnings.programme.models import Activity
from twinnings.programme.reports.data import CallResult, CriterionResult, GrantChecklist


def events(agreement: Agreement, year: int | None = None) -> list[grants.Event]:
    """The agreement's activities that are not cancelled (of `year` when given) with their counts."""
    activities = Activity.objects.filter(agreement=agreement).exclude(status=ActivityStatus.CANCELLED)
    if year is not None:
        activities = activities.filter(start_date__year=year)
    abroad = Q(participant_groups__invited=True) & ~Q(participant_groups__country=F("host_place__country"))
    rows = activities.annotate(
        total=Sum("participant_groups__count"), abroad=Sum("participant_groups__count", filter=abroad)
    ).values_list("title", "total", "abroad")
    return [grants.Event(title, total or 0, abroad or 0) for title, total, abroad in rows]


def countries(agreement: Agreement) -> list[str]:
    return list(agreement.parties.values_list("place__country_id", flat=True))


def call_name(call: str) -> str:
    names = {
        grants.TOWN_TWINNING: _("CERV town twinning"),
        grants.NETWORKS_OF_TOWNS: _("CERV networks of towns"),
    }
    return names.get(call, call)


def criterion_label(criterion: grants.Criterion) -> str:
    if criterion.code == "countries":
        return ngettext(
            "Parties from at least %(n)d country", "Parties from at least %(n)d countries", criterion.required
        ) % {"n": criterion.required}
    if criterion.code == "eu_member":
        return _("At least one party from an EU member state")
    return _("One event with at least %(participants)d participants, %(invited)d of them invited from abroad") % {
        "participants": grants.EVENT_PARTICIPANTS,
        "invited": grants.EVENT_INVITED,
    }


def _event_detail(criterion: grants.Criterion) -> str:
    event = criterion.event
    if event is None:
        return _(
            "No event recorded yet: one with at least %(participants)d participants, %(invited)d of them "
            "invited from abroad, is needed."
        ) % {
            "participants": grants.EVENT_PARTICIPANTS,
            "invited": grants.EVENT_INVITED,
        }
    counts = _("%(event)s: %(participants)d participants, %(invited)d invited from abroad") % {
        "event": event.title,
        "participants": event.participants,
        "invited": event.invited_from_abroad,
    }
    if criterion.met:
        return counts + "."
    missing = []
    if criterion.more:
        missing.append(
            ngettext(
                "%(n)d more invited participant from abroad",
                "%(n)d more invited participants from abroad",
                criterion.more,
            )
            % {"n": criterion.more}
        )
    if criterion.more_participants:
        missing.append(
            ngettext("%(n)d more participant", "%(n)d more participants", criterion.more_participants)
            % {"n": criterion.more_participants}
        )
    return _("%(missing)s needed at one event (closest: %(counts)s).") % {
        "missing": _(" and ").join(missing),
        "counts": counts,
    }


def criterion_detail(criterion: grants.Criterion) -> str:
    """What is there when the criterion is met, what is missing otherwise."""
    if criterion.code == "countries":
        if criterion.met:
            return ngettext("Parties from %(n)d country.", "Parties from %(n)d countries.", criterion.have) % {
                "n": criterion.have
            }
        return ngettext(
            "%(n)d more country needed among the parties.",
            "%(n)d more countries needed among the parties.",
            criterion.more,
        ) % {"n": criterion.more}
    if criterion.code == "eu_member":
        if criterion.met:
            return ngettext(
                "%(n)d of the parties' countries is an EU member state.",
                "%(n)d of the parties' countries are EU member states.",
                criterion.have,
            ) % {"n": criterion.have}
        return _("A party from an EU member state is needed.")
    return _event_detail(criterion)


def worded(call: grants.CallReadiness) -> CallResult:
    return CallResult(
        call=call.call,
        name=call_name(call.call),
        ready=call.ready,
        criteria=[CriterionResult(c.code, criterion_label(c), c.met, criterion_detail(c)) for c in call.criteria],
    )


def grant_checklist(agreement: Agreement, year: int | None = None) -> GrantChecklist:
    """Both calls checked for the agreement; the event criterion looks at the activities of `year`
    when given, else at every activity not cancelled (planned ones with their expected counts)."""
    found = grants.readiness(countries(agreement), events(agreement, year))
    scope = (
        _("the activities of %(year)s not cancelled") % {"year": year}
        if year is not None
        else _("every activity not cancelled")
    )
    return GrantChecklist(agreement.pk, agreement.title, scope, [worded(call) for call in found])
