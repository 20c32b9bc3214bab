from __future__ import annotations

import pytest

from tests.agreements.conftest import approve_all, fresh, sign_all
from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.choices import Status
from twinnings.agreements.models import Agreement
from twinnings.core.errors import Refused
from twinnings.registry.models import Twinning


def test_an_amendment_takes_the_same_approvals_while_the_agreement_stays_in_force(
    active: Agreement, people: People
) -> None:
    first = active.signed_version
    lifecycle.amend(people.partner, active)
    agreement = fresh(active)
    assert (agreement.status, agreement.stage) == (Status.ACTIVE, Status.NEGOTIATING)
    with pytest.raises(Refused, match="already under way"):
        lifecycle.amend(people.officer, agreement)
    services.save_clause(people.partner, agreement, agreement.revision, {"de": "Sport", "fr": "Sport"})
    second = lifecycle.propose(people.partner, agreement, fresh(agreement).revision)
    agreement = approve_all(fresh(agreement), people)
    assert agreement.stage == Status.APPROVED
    agreement = sign_all(agreement, people)
    assert (agreement.status, agreement.amendment_stage) == (Status.ACTIVE, "")
    assert agreement.signed_version == second != first
    assert Twinning.objects.get().status == Twinning.Status.ACTIVE


def test_an_agreement_in_force_is_not_edited_without_an_amendment(active: Agreement, people: People) -> None:
    with pytest.raises(Refused, match="is active: its text can change only"):
        services.update_terms(people.officer, active, active.revision, objectives="x")
