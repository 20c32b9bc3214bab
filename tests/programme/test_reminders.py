"""Reminders: what is due on a day (plain data, no database), and the daily digest — one email per
user and day to the administrators and editors of the parties' offices, never to viewers,
signatories, outsiders or organisations' members; a second run sends nothing."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import translation

from tests.programme.calendar_data import add_activity
from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Organisation, Role
from twinnings.accounts.preferences import remember_language
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement
from twinnings.programme import reminders
from twinnings.programme.choices import ActivityStatus
from twinnings.programme.models import ReminderDigest
from twinnings.programme.reminders import ActivityState, AgreementState, Due
from twinnings.programme.services.reminders import digests, send_reminders

TODAY = date(2027, 3, 1)


def agreement(status: str = "active", **dates: date | None) -> AgreementState:
    values: dict[str, date | None] = {"start": date(2025, 1, 1), "review": None, "end": None}
    values.update(dates)
    return AgreementState(
        1,
        "Köln – Lyon",
        status,
        values["start"],
        values["review"],
        values["end"],
        last_held=values.get("last_held"),
        planned_until=values.get("planned_until"),
    )


# -- plain data ------------------------------------------------------------------------------------


def test_the_statuses_named_in_the_rules_exist() -> None:
    named = reminders.REVIEWED | reminders.ENDING | reminders.LIVELY | reminders.CLOSED
    assert named <= set(Status.values)
    assert reminders.UPCOMING.issubset(ActivityStatus.values)


@pytest.mark.parametrize(
    ("start", "status", "due"),
    [
        (date(2027, 3, 1), "planned", True),  # today
        (date(2027, 3, 15), "confirmed", True),  # the fourteenth day
        (date(2027, 3, 16), "planned", False),
        (date(2027, 2, 28), "planned", False),  # began yesterday
        (date(2027, 3, 5), "cancelled", False),
    ],
)
def test_activities_within_fourteen_days(start: date, status: str, due: bool) -> None:
    activity = ActivityState(9, 1, "Concert", start, start, status)
    items = reminders.upcoming_activities([activity], {1: agreement()}, TODAY)
    assert items == ([Due("activity", 1, "Köln – Lyon", start, "Concert", 9)] if due else [])


@pytest.mark.parametrize("status", ["draft", "ended"])
def test_no_activity_reminder_for_drafts_and_ended_agreements(status: str) -> None:
    activity = ActivityState(9, 1, "Concert", TODAY, TODAY, "planned")
    assert reminders.upcoming_activities([activity], {1: agreement(status)}, TODAY) == []


@pytest.mark.parametrize(
    ("status", "review", "end", "expected"),
    [
        ("active", date(2027, 4, 30), None, [("review", False)]),  # the sixtieth day
        ("active", date(2027, 5, 1), None, []),
        ("review_due", date(2027, 1, 10), None, [("review", True)]),  # passed, not yet held
        ("active", None, date(2027, 3, 20), [("end", False)]),
        ("suspended", date(2027, 3, 2), date(2027, 3, 20), [("end", False)]),  # a suspended one is not reviewed
        ("active", None, date(2027, 2, 1), [("end", True)]),  # the term ran out, still in force
        ("ended", date(2027, 3, 2), date(2027, 3, 2), []),
        ("negotiating", date(2027, 3, 2), date(2027, 3, 2), []),
    ],
)
def test_review_and_end_dates_within_sixty_days(
    status: str, review: date | None, end: date | None, expected: list[tuple[str, bool]]
) -> None:
    due = reminders.dates_due(agreement(status, review=review, end=end), TODAY)
    assert [(d.kind, d.overdue) for d in due] == expected


@pytest.mark.parametrize(
    ("changes", "dormant"),
    [
        ({}, True),  # in force since 2025, nothing ever held
        ({"last_held": date(2026, 2, 28)}, True),
        ({"last_held": date(2026, 3, 1)}, False),  # twelve months ago to the day
        ({"planned_until": date(2027, 3, 1)}, False),  # something under way or to come
        ({"planned_until": date(2027, 2, 28)}, True),  # a plan that passed and was never held
        ({"start": date(2026, 3, 2)}, False),  # not yet a year in force
        ({"status": "suspended"}, False),
        ({"status": "review_due"}, True),
    ],
)
def test_dormant_agreements(changes: dict[str, object], dormant: bool) -> None:
    status = str(changes.pop("status", "active"))
    assert reminders.is_dormant(agreement(status, **changes), TODAY) is dormant  # type: ignore[arg-type]


def test_twelve_months_before_a_day_that_next_year_lacks() -> None:
    assert reminders.months_before(date(2028, 2, 29), 12) == date(2027, 2, 28)
    assert reminders.months_before(date(2027, 3, 31), 1) == date(2027, 2, 28)


def test_due_items_come_in_order() -> None:
    states = [agreement(review=date(2027, 3, 10))]
    activities = [ActivityState(9, 1, "Concert", date(2027, 3, 3), date(2027, 3, 3), "planned")]
    items = reminders.due_items(states, activities, TODAY)
    assert [item.kind for item in items] == ["activity", "review", "dormant"]


# -- the digest -------------------------------------------------------------------------------------


@pytest.fixture
def busy(active: Agreement, people: People) -> Agreement:
    """The Cologne–Lyon agreement on 1 March 2027: a concert on the 5th, the review in April."""
    Agreement.objects.filter(pk=active.pk).update(review_date=date(2027, 4, 15))
    add_activity(people, active, date(2027, 3, 5), title="Concert in Köln", host_place=people.home)
    add_activity(people, active, date(2027, 6, 1), title="Summer camp")  # beyond fourteen days
    return Agreement.objects.get(pk=active.pk)


def test_the_parties_admins_and_editors_get_one_digest_each(busy: Agreement, people: People) -> None:
    editor = make_user("editor@koeln.example")
    Membership.objects.create(user=editor, place=people.home, role=Role.EDITOR)
    for role in (Role.VIEWER, Role.SIGNATORY):
        Membership.objects.create(user=make_user(f"{role}@koeln.example"), place=people.home, role=role)
    school = Organisation.objects.create(name="Lycée Ampère", kind="school", place=people.away)
    Membership.objects.create(user=make_user("teacher@lyon.example"), organisation=school, role=Role.ADMIN)

    report = send_reminders(TODAY)

    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["editor@koeln.example", "officer@koeln.example", "partner@lyon.example"]
    assert sorted(u.email for u in report.sent) == recipients
    body = next(m.body for m in mail.outbox if m.to == ["officer@koeln.example"])
    assert "Concert in Köln" in body and "Summer camp" not in body
    assert "Reviews due within 60 days" in body and busy.title in body
    assert f"http://127.0.0.1:8000/workspace/agreements/{busy.pk}/" in body
    digest = ReminderDigest.objects.get(user=people.officer, day=TODAY)
    assert [item["kind"] for item in digest.items] == ["activity", "review"]


def test_a_second_run_the_same_day_sends_nothing(busy: Agreement, people: People) -> None:
    send_reminders(TODAY)
    sent = len(mail.outbox)
    again = send_reminders(TODAY)
    assert len(mail.outbox) == sent and not again.sent
    assert sorted(u.email for u in again.already) == ["officer@koeln.example", "partner@lyon.example"]
    send_reminders(date(2027, 3, 2))  # the next day is another digest
    assert len(mail.outbox) == 2 * sent
    assert ReminderDigest.objects.count() == 4


def test_a_member_of_two_offices_gets_one_email(busy: Agreement, people: People) -> None:
    Membership.objects.create(user=people.officer, place=people.away, role=Role.EDITOR)
    send_reminders(TODAY)
    officer_mail = [m for m in mail.outbox if m.to == ["officer@koeln.example"]]
    assert len(officer_mail) == 1
    assert officer_mail[0].body.count("Concert in Köln") == 1


def test_outsiders_and_drafts_get_nothing(draft: Agreement, people: People) -> None:
    Agreement.objects.filter(pk=draft.pk).update(review_date=date(2027, 3, 10))
    add_activity(people, draft, date(2027, 3, 5), title="Draft-time visit")
    assert digests(TODAY) == {}
    send_reminders(TODAY)
    assert mail.outbox == []


def test_a_dormant_agreement_is_reported(active: Agreement, people: People) -> None:
    Agreement.objects.filter(pk=active.pk).update(start_date=date(2026, 5, 1), review_date=None)
    add_activity(people, active, date(2026, 6, 8), status="held", title="Old exchange")
    assert digests(date(2027, 6, 8)) == {}  # twelve months to the day: not yet
    items = digests(date(2027, 6, 9))
    assert {u.email for u in items} == {"officer@koeln.example", "partner@lyon.example"}
    assert [i.kind for i in items[people.officer]] == ["dormant"]


def test_a_failed_send_records_nothing(busy: Agreement, people: People, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise ConnectionError("mail server down")

    monkeypatch.setattr("twinnings.programme.services.reminders.send_mail", broken)
    with pytest.raises(ConnectionError):
        send_reminders(TODAY)
    assert not ReminderDigest.objects.exists()


def test_the_command_says_when_the_mail_server_does_not_answer(
    busy: Agreement, people: People, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refused(*args: object, **kwargs: object) -> None:
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr("twinnings.programme.services.reminders.send_mail", refused)
    with pytest.raises(CommandError, match=r"The mail server refused or did not answer .*Connection refused"):
        call_command("send_reminders", "--date", "2027-03-01", stdout=StringIO())
    assert not ReminderDigest.objects.exists()


def test_the_command_dry_run_sends_and_records_nothing(busy: Agreement, people: People) -> None:
    out = StringIO()
    call_command("send_reminders", "--date", "2027-03-01", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "would send to officer@koeln.example: 2 item(s)" in text and "Concert in Köln" in text
    assert mail.outbox == [] and not ReminderDigest.objects.exists()
    call_command("send_reminders", "--date", "2027-03-01", stdout=out)
    assert len(mail.outbox) == 2
    assert "2027-03-01: 2 digest(s) sent" in out.getvalue()
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--date", "1 March")


def test_the_command_help_points_to_review_agreements() -> None:
    from twinnings.programme.management.commands.send_reminders import Command

    assert "review-agreements" in Command.help


def test_an_activity_of_another_agreement_does_not_leak(busy: Agreement, people: People) -> None:
    """Cologne's digest about a Cologne–Paris agreement never reaches Lyon's member."""
    from twinnings.agreements import services

    other = services.create_agreement(people.officer, people.home, [people.elsewhere], "Köln – Paris", ["de"])
    services.update_terms(people.officer, other, other.revision, start_date=date(2026, 5, 1))
    Agreement.objects.filter(pk=other.pk).update(status=Status.ACTIVE)
    add_activity(people, Agreement.objects.get(pk=other.pk), date(2027, 3, 6), title="Paris secret")
    send_reminders(TODAY)
    bodies = {m.to[0]: m.body for m in mail.outbox}
    assert "Paris secret" in bodies["officer@koeln.example"]
    assert "Paris secret" in bodies["outsider@paris.example"]
    assert "Paris secret" not in bodies["partner@lyon.example"]


def test_each_digest_is_in_its_recipients_language(busy: Agreement, people: People) -> None:
    remember_language(people.partner, "fr")
    send_reminders(TODAY)
    by_recipient = {m.to[0]: m for m in mail.outbox}
    with translation.override("fr"):
        french = translation.gettext("Reviews due within %(date_days)s days") % {"date_days": 60}
    assert french != "Reviews due within 60 days"
    assert french in by_recipient["partner@lyon.example"].body
    assert by_recipient["partner@lyon.example"].subject.startswith("Twinnings : 2 rappels")
    assert "Reviews due within 60 days" in by_recipient["officer@koeln.example"].body  # no choice: English
    assert translation.get_language() == "en"  # the job leaves the process's language as it was
