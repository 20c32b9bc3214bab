from __future__ import annotations

import pytest

from tests.workspace import People
from twinnings.agreements import services
from twinnings.agreements.choices import Status
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused


def test_officer_creates_a_draft_with_both_places_as_parties(people: People) -> None:
    agreement = services.create_agreement(people.officer, people.home, [people.away], "Köln – Lyon", ["DE", "fr"])
    assert agreement.status == Status.DRAFT
    assert agreement.languages == ["de", "fr"]
    assert [p.place for p in agreement.parties.all()] == [people.home, people.away]
    assert AuditEntry.objects.filter(action="agreement.create", scope=f"agreements.agreement:{agreement.pk}").exists()


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_only_the_places_office_starts_an_agreement_for_it(people: People, who: str) -> None:
    with pytest.raises(Forbidden):
        services.create_agreement(people.by_name(who), people.home, [people.away], "Köln – Lyon", ["de"])


@pytest.mark.parametrize(
    ("partners", "languages", "message"),
    [
        ([], ["de"], "at least one partner"),
        (["home"], ["de"], "at least one partner"),
        (["away"], [], "at least one language"),
        (["away"], ["xx", "de"], "Unknown language code: xx"),
    ],
)
def test_bad_input_is_refused(people: People, partners: list[str], languages: list[str], message: str) -> None:
    places = [people.home if p == "home" else people.away for p in partners]
    with pytest.raises(Refused, match=message):
        services.create_agreement(people.officer, people.home, places, "Köln – Lyon", languages)
