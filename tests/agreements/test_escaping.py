"""User text is escaped on every page of the workspace."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.test import Client
from django.urls import reverse

from tests.agreements.conftest import approve_all, fresh, party
from tests.workspace import People
from twinnings.agreements import lifecycle, services

SCRIPT = '<script>alert("x")</script>'


def test_script_tags_in_every_text_field_stay_escaped(people: People) -> None:
    agreement = services.create_agreement(people.officer, people.home, [people.away], f"Title {SCRIPT}", ["de", "fr"])
    rev = lambda: fresh(agreement).revision  # noqa: E731
    services.update_terms(people.officer, agreement, rev(), objectives=SCRIPT, renewal_terms=SCRIPT)
    home = party(agreement, people, "home")
    services.set_responsibilities(people.officer, agreement, rev(), home.pk, SCRIPT)
    services.add_commitment(people.officer, agreement, rev(), home.pk, SCRIPT, date(2027, 1, 1))
    services.add_resource(people.officer, agreement, rev(), home.pk, 2026, None, "", SCRIPT)
    services.add_resource(people.officer, agreement, rev(), home.pk, 2027, Decimal(5), "EUR")
    services.save_clause(people.officer, agreement, rev(), {"de": SCRIPT, "fr": SCRIPT})
    lifecycle.propose(people.officer, agreement, rev())
    lifecycle.negotiate(people.partner, fresh(agreement))
    services.save_clause(people.partner, agreement, rev(), {"de": f"{SCRIPT} 2", "fr": f"{SCRIPT} 2"})
    lifecycle.propose(people.partner, agreement, rev())
    approved = approve_all(fresh(agreement), people)
    assert approved.status == "approved"

    client = Client()
    client.force_login(people.officer)
    urls = [
        reverse("agreements:dashboard"),
        *(
            reverse(f"agreements:{page}", args=[agreement.pk])
            for page in ("detail", "edit", "clauses", "programme", "history", "compare")
        ),
        reverse("agreements:version", args=[agreement.pk, 1]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert SCRIPT not in html, url
        assert "&lt;script&gt;" in html, url
