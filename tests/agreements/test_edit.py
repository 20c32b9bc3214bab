from __future__ import annotations

from decimal import Decimal

import pytest

from tests.agreements.conftest import fresh, party
from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Conflict, Forbidden, Refused


@pytest.mark.parametrize(("who", "allowed"), [("officer", True), ("partner", False), ("outsider", False)])
def test_only_the_owner_edits_a_draft(draft: Agreement, people: People, who: str, allowed: bool) -> None:
    if allowed:
        services.update_terms(people.by_name(who), draft, draft.revision, objectives="More exchanges")
        assert fresh(draft).objectives == "More exchanges"
    else:
        with pytest.raises(Forbidden):
            services.update_terms(people.by_name(who), draft, draft.revision, objectives="More exchanges")
        assert fresh(draft).objectives == "Youth exchanges"


@pytest.mark.parametrize(("who", "allowed"), [("officer", True), ("partner", True), ("outsider", False)])
def test_both_parties_edit_under_negotiation(proposed: Agreement, people: People, who: str, allowed: bool) -> None:
    lifecycle.negotiate(people.partner, proposed)
    agreement = fresh(proposed)
    if allowed:
        services.save_clause(people.by_name(who), agreement, agreement.revision, {"de": "Neu", "fr": "Nouveau"})
        assert fresh(agreement).clauses.count() == 2
    else:
        with pytest.raises(Forbidden):
            services.save_clause(people.by_name(who), agreement, agreement.revision, {"de": "Neu"})


def test_a_stale_edit_is_a_conflict_and_changes_nothing(draft: Agreement, people: People) -> None:
    first_read = fresh(draft)
    second_read = fresh(draft)
    services.update_terms(people.officer, first_read, first_read.revision, objectives="First editor's text")
    with pytest.raises(Conflict, match="Someone else changed this agreement"):
        services.update_terms(people.officer, second_read, second_read.revision, objectives="Second editor's text")
    assert fresh(draft).objectives == "First editor's text"
    assert fresh(draft).revision == draft.revision + 1


def test_a_proposed_text_does_not_change(proposed: Agreement, people: People) -> None:
    with pytest.raises(Refused, match="is proposed: its text can change only while it is a draft or under negotiation"):
        services.update_terms(people.officer, proposed, proposed.revision, title="Changed")


def test_commitments_and_resources_per_party(draft: Agreement, people: People) -> None:
    home = party(draft, people, "home")
    services.add_commitment(people.officer, draft, draft.revision, home.pk, "Host a youth exchange", None)
    services.add_resource(people.officer, draft, draft.revision, home.pk, 2026, Decimal("15000"), "eur")
    services.add_resource(people.officer, draft, draft.revision, home.pk, 2027, in_kind="Two rooms in the town hall")
    agreement = fresh(draft)
    assert [r.currency for r in agreement.resources.all()] == ["EUR", ""]
    assert agreement.commitments.get().party == home
    assert (
        AuditEntry.objects.filter(scope=f"agreements.agreement:{draft.pk}", action="agreement.resource_add").count()
        == 2
    )


@pytest.mark.parametrize(
    ("amount", "currency", "in_kind", "message"),
    [
        (Decimal("100"), "XYZ", "", "Unknown currency"),
        (Decimal("-1"), "EUR", "", "cannot be negative"),
        (None, "", " ", "Give an amount with its currency"),
    ],
)
def test_bad_resources_are_refused(
    draft: Agreement, people: People, amount: Decimal | None, currency: str, in_kind: str, message: str
) -> None:
    with pytest.raises(Refused, match=message):
        services.add_resource(
            people.officer, draft, draft.revision, party(draft, people, "home").pk, 2026, amount, currency, in_kind
        )


def test_a_term_that_ends_before_it_starts_is_refused(draft: Agreement, people: People) -> None:
    from datetime import date

    with pytest.raises(Refused, match="cannot end before it starts"):
        services.update_terms(people.officer, draft, draft.revision, end_date=date(2020, 1, 1))


def test_a_clause_only_takes_the_agreements_languages(draft: Agreement, people: People) -> None:
    with pytest.raises(Refused, match="Not a language of this agreement: it"):
        services.save_clause(people.officer, draft, draft.revision, {"it": "Le città"})


def test_removing_items(draft: Agreement, people: People) -> None:
    home = party(draft, people, "home")
    commitment = services.add_commitment(people.officer, draft, draft.revision, home.pk, "Host", None)
    services.remove_item(people.officer, draft, draft.revision, "commitment", commitment.pk)
    assert not fresh(draft).commitments.exists()
    clause = fresh(draft).clauses.get()
    services.delete_clause(people.officer, draft, draft.revision, clause.pk)
    assert not fresh(draft).clauses.exists()
