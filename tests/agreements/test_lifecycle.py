from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from tests.agreements.conftest import RESOLUTION_DATE, approve_all, fresh, party, sign_all
from tests.factories import make_twinning
from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement, AgreementVersion
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused
from twinnings.registry.models import Twinning

SUSPENDED_ON = date(2027, 3, 2)


def twinning(people: People) -> Twinning | None:
    a, b = sorted([people.home, people.away], key=lambda p: p.pk)
    return Twinning.objects.filter(place_a=a, place_b=b).first()


def test_the_whole_lifecycle(draft: Agreement, people: People) -> None:
    version = lifecycle.propose(people.officer, draft, draft.revision)
    assert (version.number, len(version.hash)) == (1, 64)
    agreement = approve_all(fresh(draft), people)
    assert agreement.status == Status.APPROVED
    lifecycle.sign(people.officer, agreement, party(agreement, people, "home"), version)
    assert fresh(agreement).status == Status.APPROVED  # one signature of two
    assert twinning(people) is None
    lifecycle.sign(people.partner, agreement, party(agreement, people, "away"), version)
    agreement = fresh(agreement)
    assert agreement.status == Status.SIGNED and agreement.signed_version == version
    assert {s.version_hash for s in version.signatures.all()} == {version.hash}
    lifecycle.activate(people.officer, agreement)
    lifecycle.mark_review_due(people.partner, agreement)
    lifecycle.renew(people.officer, agreement, None, date(2032, 5, 1))
    assert fresh(agreement).status == Status.ACTIVE and fresh(agreement).review_date == date(2032, 5, 1)
    actions = list(AuditEntry.objects.filter(scope=f"agreements.agreement:{draft.pk}").values_list("action", flat=True))
    for action in [
        "agreement.propose",
        "agreement.approval",
        "agreement.approve",
        "agreement.signature",
        "agreement.sign",
        "agreement.renew",
    ]:
        assert action in actions


def test_signing_creates_the_registry_twinning_from_the_platform_source(approved: Agreement, people: People) -> None:
    sign_all(approved, people)
    found = twinning(people)
    assert found is not None and found.status == Twinning.Status.ACTIVE
    assert [a.source.name for a in found.attestations.all()] == ["twinnings"]
    assert found.attestations.get().source.title == "Signed on Twinnings"
    people.home.refresh_from_db()
    assert people.home.twin_count == 1


def test_signing_confirms_an_existing_twinning(approved: Agreement, people: People) -> None:
    existing = make_twinning(people.home, people.away, status=Twinning.Status.DORMANT)
    sign_all(approved, people)
    existing.refresh_from_db()
    assert existing.status == Twinning.Status.ACTIVE
    assert sorted(a.source.name for a in existing.attestations.all()) == ["twinnings", "wikipedia-2026"]
    assert Twinning.objects.count() == 1


def test_suspend_revive_and_end_change_the_registry(active: Agreement, people: People) -> None:
    lifecycle.suspend(people.officer, active, "Council resolution after the invasion", SUSPENDED_ON)
    agreement = fresh(active)
    assert (agreement.status, agreement.status_reason, agreement.status_date) == (
        Status.SUSPENDED,
        "Council resolution after the invasion",
        SUSPENDED_ON,
    )
    assert twinning(people).status == Twinning.Status.SUSPENDED
    lifecycle.revive(people.partner, agreement, date(2028, 1, 1))
    assert twinning(people).status == Twinning.Status.ACTIVE
    lifecycle.end(people.officer, fresh(agreement), "Merged into a regional partnership", date(2030, 1, 1))
    ended = twinning(people)
    assert ended is not None and (ended.status, ended.until) == (Twinning.Status.ENDED, date(2030, 1, 1))


def test_suspension_needs_a_reason(active: Agreement, people: People) -> None:
    with pytest.raises(Refused, match="Give the reason"):
        lifecycle.suspend(people.officer, active, "  ", SUSPENDED_ON)


@pytest.mark.parametrize(
    ("event", "message"),
    [
        (lambda a, p: lifecycle.activate(p.officer, a), "You cannot bring into force an agreement that is draft"),
        (
            lambda a, p: lifecycle.suspend(p.officer, a, "x", SUSPENDED_ON),
            "You cannot suspend an agreement that is draft",
        ),
        (lambda a, p: lifecycle.negotiate(p.officer, a), "possible only when it is proposed"),
        (lambda a, p: lifecycle.amend(p.officer, a), "You cannot amend an agreement that is draft"),
    ],
)
def test_illegal_transitions_are_refused_with_a_clear_message(
    draft: Agreement, people: People, event: Callable[[Agreement, People], None], message: str
) -> None:
    with pytest.raises(Refused, match=message):
        event(draft, people)
    assert fresh(draft).status == Status.DRAFT


def test_approval_is_refused_while_a_clause_lacks_a_language(draft: Agreement, people: People) -> None:
    services.save_clause(people.officer, draft, draft.revision, {"de": "Nur Deutsch"})
    version = lifecycle.propose(people.officer, draft, fresh(draft).revision)
    with pytest.raises(Refused, match=r"missing: §2 \(fr\)"):
        lifecycle.approve(people.officer, fresh(draft), party(draft, people, "home"), version, "R 1", RESOLUTION_DATE)


def test_approving_or_signing_an_old_version_is_refused(proposed: Agreement, people: People) -> None:
    old = proposed.current_version
    assert old is not None
    lifecycle.negotiate(people.partner, proposed)
    services.update_terms(people.partner, proposed, fresh(proposed).revision, objectives="Changed by Lyon")
    lifecycle.propose(people.partner, proposed, fresh(proposed).revision)
    agreement = fresh(proposed)
    with pytest.raises(Refused, match="Version 1 is no longer the current proposal: only version 2"):
        lifecycle.approve(people.officer, agreement, party(agreement, people, "home"), old, "R 1", RESOLUTION_DATE)
    agreement = approve_all(agreement, people)
    with pytest.raises(Refused, match="Version 1 is no longer the current proposal"):
        lifecycle.sign(people.officer, agreement, party(agreement, people, "home"), old)


def test_a_forged_version_hash_is_refused(approved: Agreement, people: People) -> None:
    version = approved.current_version
    assert version is not None
    version.hash = "0" * 64
    with pytest.raises(Refused, match="no longer the current proposal"):
        lifecycle.sign(people.officer, approved, party(approved, people, "home"), version)


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_nobody_signs_for_another_party(approved: Agreement, people: People, who: str) -> None:
    version = approved.current_version
    assert version is not None
    with pytest.raises(Forbidden):
        lifecycle.sign(people.by_name(who), approved, party(approved, people, "home"), version)
    assert not version.signatures.exists()


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_nobody_approves_for_another_party(proposed: Agreement, people: People, who: str) -> None:
    version = proposed.current_version
    assert version is not None
    with pytest.raises(Forbidden):
        lifecycle.approve(people.by_name(who), proposed, party(proposed, people, "home"), version, "R", RESOLUTION_DATE)


@pytest.mark.parametrize(("who", "allowed"), [("officer", True), ("partner", True), ("outsider", False)])
def test_suspension_by_each_user(active: Agreement, people: People, who: str, allowed: bool) -> None:
    if allowed:
        lifecycle.suspend(people.by_name(who), active, "Reason", SUSPENDED_ON)
        assert fresh(active).status == Status.SUSPENDED
    else:
        with pytest.raises(Forbidden):
            lifecycle.suspend(people.by_name(who), active, "Reason", SUSPENDED_ON)
        assert fresh(active).status == Status.ACTIVE


def test_a_party_approves_once(proposed: Agreement, people: People) -> None:
    version = proposed.current_version
    assert version is not None
    lifecycle.approve(people.officer, proposed, party(proposed, people, "home"), version, "R 1", RESOLUTION_DATE)
    with pytest.raises(Refused, match="already approved"):
        lifecycle.approve(people.officer, proposed, party(proposed, people, "home"), version, "R 1", RESOLUTION_DATE)


def test_versions_are_immutable(proposed: Agreement) -> None:
    version = AgreementVersion.objects.get(agreement=proposed)
    version.content = {}
    with pytest.raises(ValueError, match="immutable"):
        version.save()
    with pytest.raises(ValueError, match="immutable"):
        version.delete()


def test_the_daily_job_marks_reviews_due(active: Agreement, people: People) -> None:
    from io import StringIO

    from django.core.management import call_command

    review_on = date(2029, 5, 1)
    assert active.review_date == review_on
    assert lifecycle.mark_reviews_due(date(2029, 4, 30)) == []
    out = StringIO()
    call_command("review_agreements", stdout=out)  # today is before the review date
    assert fresh(active).status == Status.ACTIVE
    assert lifecycle.mark_reviews_due(review_on) == [active]
    assert fresh(active).status == Status.REVIEW_DUE
    entry = AuditEntry.objects.filter(action="agreement.review").get()
    assert entry.actor is None
