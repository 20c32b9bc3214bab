"""An agreement's page leads to the panel of its owner with each other party."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import TinyGazetteer
from tests.workspace import People
from twinnings.agreements import lifecycle, services
from twinnings.agreements.models import Agreement


@pytest.fixture
def proposed(people: People, tiny_gazetteer: TinyGazetteer) -> Agreement:
    """Köln's agreement with Lyon and Kraków (the outsider's Paris is no party)."""
    agreement = services.create_agreement(
        people.officer, people.home, [people.away, tiny_gazetteer["krakow"]], "Köln – Lyon – Kraków", ["de", "fr"]
    )
    services.save_clause(people.officer, agreement, agreement.revision, {"de": "Zusammenarbeit.", "fr": "Coopération."})
    agreement.refresh_from_db()
    lifecycle.propose(people.officer, agreement, agreement.revision)
    return agreement


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("partner", 200), ("outsider", 404)])
def test_the_agreement_page_links_each_pair_with_the_owner(
    proposed: Agreement, people: People, tiny_gazetteer: TinyGazetteer, who: str, status: int
) -> None:
    client = Client()
    client.force_login(people.by_name(who))
    response = client.get(reverse("agreements:detail", args=[proposed.pk]))

    assert response.status_code == status
    html = response.content.decode()
    home = people.home.pk
    links = [reverse("challenges:pair", args=[home, other]) for other in (people.away.pk, tiny_gazetteer["krakow"].pk)]
    assert all((link in html) is (status == 200) for link in links)
    assert reverse("challenges:pair", args=[home, home]) not in html


def test_anonymous_visitors_see_the_panel_but_not_the_agreement(proposed: Agreement, people: People) -> None:
    client = Client()
    assert client.get(reverse("agreements:detail", args=[proposed.pk])).status_code == 302
    assert client.get(reverse("challenges:pair", args=[people.home.pk, people.away.pk])).status_code == 200
