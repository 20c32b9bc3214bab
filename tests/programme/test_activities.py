"""Recording activities: who may, what is refused, and that a refusal saves nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Conflict, Forbidden, Refused
from twinnings.programme.models import Activity
from twinnings.programme.services.activities import create_activity, delete_activity, update_activity


@pytest.mark.parametrize("who", ["officer", "partner"])
def test_parties_editors_record_an_activity(active: Agreement, people: People, who: str) -> None:
    activity = create_activity(people.by_name(who), active, exchange_data(people))
    assert activity.agreement == active and activity.status == "held"
    assert AuditEntry.objects.filter(action="activity.create", object_id=str(activity.pk)).exists()


def test_outsider_cannot_record_an_activity(active: Agreement, people: People) -> None:
    with pytest.raises(Forbidden):
        create_activity(people.outsider, active, exchange_data(people))
    assert not Activity.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"end_date": date(2026, 6, 1)}, "cannot end before it starts"),
        ({"start_date": date(2026, 4, 1)}, "starts before the agreement's term"),
        ({"start_date": date(2027, 6, 1), "end_date": date(2027, 6, 2)}, "held before it starts"),
        ({"type": "picnic"}, "Unknown type"),
        ({"area": "space"}, "Unknown area"),
        ({"title": "   "}, "needs a title"),
        ({"title": "x" * 100_000}, "at most 200 characters"),
    ],
)
def test_bad_activities_are_refused_and_nothing_is_saved(
    active: Agreement, people: People, changes: dict[str, object], message: str
) -> None:
    with pytest.raises(Refused, match=message):
        create_activity(people.officer, active, exchange_data(people, **changes))
    assert not Activity.objects.exists()


def test_an_activity_after_the_end_of_the_term_is_refused(active: Agreement, people: People) -> None:
    Agreement.objects.filter(pk=active.pk).update(end_date=date(2026, 12, 31))
    active.refresh_from_db()
    with pytest.raises(Refused, match="ends after the agreement's term"):
        create_activity(
            people.officer,
            active,
            exchange_data(people, start_date=date(2026, 12, 30), end_date=date(2027, 1, 2), status="planned"),
        )


def test_a_stale_edit_is_a_conflict_and_changes_nothing(exchange: Activity, people: People) -> None:
    update_activity(people.officer, exchange, exchange.revision, exchange_data(people, title="Renamed"))
    with pytest.raises(Conflict):
        update_activity(people.partner, exchange, 1, exchange_data(people, title="Stale"))
    exchange.refresh_from_db()
    assert (exchange.title, exchange.revision) == ("Renamed", 2)


def test_outsider_cannot_change_or_delete_an_activity(exchange: Activity, people: People) -> None:
    with pytest.raises(Forbidden):
        update_activity(people.outsider, exchange, exchange.revision, exchange_data(people, title="Mine"))
    with pytest.raises(Forbidden):
        delete_activity(people.outsider, exchange)
    delete_activity(people.partner, exchange)
    assert not Activity.objects.exists()


def test_an_ended_agreement_takes_no_new_activity(active: Agreement, people: People) -> None:
    Agreement.objects.filter(pk=active.pk).update(status="ended")
    active.refresh_from_db()
    with pytest.raises(Refused, match="has ended"):
        create_activity(people.officer, active, exchange_data(people))
