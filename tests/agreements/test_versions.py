from __future__ import annotations

from tests.agreements.conftest import fresh
from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement
from twinnings.agreements.versions import content_hash, content_of, diff


def test_a_version_freezes_the_content_and_its_hash(proposed: Agreement) -> None:
    version = proposed.current_version
    assert version is not None
    assert version.content["clauses"] == [
        {"position": 1, "texts": {"de": "Die Städte arbeiten zusammen.", "fr": "Les villes coopèrent."}}
    ]
    assert version.content["parties"][0]["name"] == "Cologne"
    assert version.hash == content_hash(content_of(proposed)) == content_hash(dict(reversed(version.content.items())))


def test_the_difference_between_two_versions(proposed: Agreement, people: People) -> None:
    lifecycle.negotiate(people.partner, proposed)
    clause = proposed.clauses.get()
    services.save_clause(
        people.partner, proposed, fresh(proposed).revision, {"fr": "Les deux villes coopèrent."}, clause.pk
    )
    services.update_terms(people.partner, proposed, fresh(proposed).revision, areas=["culture", "sport"])
    second = lifecycle.propose(people.partner, proposed, fresh(proposed).revision)
    first = proposed.versions.get(number=1)
    changes = {c.section: c for c in diff(first.content, second.content)}
    assert set(changes) == {"areas", "clauses"}
    assert ("-", "§1 [fr] Les villes coopèrent.") in changes["clauses"].lines
    assert ("+", "§1 [fr] Les deux villes coopèrent.") in changes["clauses"].lines
    assert (" ", "§1 [de] Die Städte arbeiten zusammen.") in changes["clauses"].lines
    assert second.hash != first.hash
