"""The indicator pages: targets and actual values per year (counted kinds from the activities held,
read-only), setting, editing and deleting one, tried by each kind of user; bad input saves nothing."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.programme.clients import client_for
from tests.programme.conftest import exchange_data
from tests.workspace import People
from twinnings.agreements.models import Agreement
from twinnings.programme.models import Activity, Indicator
from twinnings.programme.services.activities import create_activity
from twinnings.programme.services.indicators import save_indicator
from twinnings.programme.services.participants import GroupData, set_participant_groups

SCRIPT = '<script>alert("x")</script>'
WRITERS = ("officer", "partner")
STATUSES = [("officer", 302), ("partner", 302), ("viewer", 403), ("outsider", 404), ("anonymous", 302)]


def page_url(agreement: Agreement) -> str:
    return reverse("programme:indicators", args=[agreement.pk])


def indicator_form(**changes: Any) -> dict[str, Any]:
    data = {"year": "2026", "kind": "trees_planted", "name": "", "unit": "trees", "target": "100", "actual": "20"}
    return {**data, **changes}


@pytest.fixture
def trees(active: Agreement, people: People) -> Indicator:
    return save_indicator(people.officer, active, "trees_planted", 2026, "100", actual="20", unit="trees")


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_setting_an_indicator(active: Agreement, people: People, who: str, status: int) -> None:
    response = client_for(people, who).post(page_url(active), indicator_form())
    assert response.status_code == status
    saved = Indicator.objects.first()
    if who in WRITERS:
        assert response["Location"] == page_url(active) + "#year-2026"
        assert saved is not None and (saved.kind, saved.target, saved.actual) == ("trees_planted", 100, 20)
    else:
        assert saved is None
    if who == "viewer":
        assert "Only an administrator or editor" in response.content.decode()


def test_setting_an_indicator_again_changes_its_values(active: Agreement, people: People, trees: Indicator) -> None:
    response = client_for(people, "partner").post(page_url(active), indicator_form(target="150", actual="90"))
    assert response.status_code == 302
    assert list(Indicator.objects.values_list("target", "actual")) == [(Decimal("150"), Decimal("90"))]


def test_counted_indicators_show_the_activities_held_and_are_read_only(
    active: Agreement, people: People, exchange: Activity, trees: Indicator
) -> None:
    save_indicator(people.officer, active, "students_exchanged", 2026, "40")
    save_indicator(people.officer, active, "events_held", 2027, "3")
    set_participant_groups(
        people.officer,
        exchange,
        [GroupData(people.home.country, True, 30, people.home), GroupData(people.away.country, False, 25, people.away)],
    )
    html = client_for(people, "officer").get(page_url(active)).content.decode()
    assert html.index('id="year-2026"') < html.index('id="year-2027"')
    students = html[html.index("Students exchanged") :]
    assert '<td class="num">40</td>' in students[:300] and '<td class="num">30</td>' in students[:400]
    assert "75 %" in students[:500] and "counted from the activities held" in students[:600]
    assert "Trees planted" in html and "typed in" in html and "20 %" in html
    counted = Indicator.objects.get(kind="students_exchanged")
    form = client_for(people, "officer").get(reverse("programme:indicator", args=[active.pk, counted.pk]))
    assert 'name="target"' in form.content.decode() and 'name="actual"' not in form.content.decode()


def test_the_viewer_sees_the_indicators_without_forms(active: Agreement, people: People, trees: Indicator) -> None:
    html = client_for(people, "viewer").get(page_url(active)).content.decode()
    assert "Trees planted" in html
    assert "Set an indicator" not in html and reverse("programme:indicator", args=[active.pk, trees.pk]) not in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"kind": "participants", "actual": "5"}, "counted from the activities held: its actual value cannot"),
        ({"kind": "custom", "name": ""}, "Name the custom indicator"),
        ({"kind": "trade_value", "unit": "ABC"}, "Unknown currency: ABC"),
        ({"target": "-1"}, "The target cannot be negative"),
        ({"actual": "2.555"}, "more than two decimals"),
        ({"target": ""}, "This field is required"),
        ({"kind": "happiness"}, "Select a valid choice"),
        ({"year": "2019"}, "The year 2019 is outside the agreement&#x27;s term"),
    ],
)
def test_bad_indicators_are_refused_on_the_page_and_nothing_is_saved(
    active: Agreement, people: People, changes: dict[str, Any], message: str
) -> None:
    response = client_for(people, "officer").post(page_url(active), indicator_form(**changes))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Indicator.objects.exists()


def test_money_indicators_take_a_currency(active: Agreement, people: People) -> None:
    data = indicator_form(kind="trade_value", unit="eur", target="250000.50", actual="")
    assert client_for(people, "officer").post(page_url(active), data).status_code == 302
    assert Indicator.objects.values_list("unit", "target", "actual").get() == ("EUR", Decimal("250000.50"), None)


def edit_url(indicator: Indicator) -> str:
    return reverse("programme:indicator", args=[indicator.agreement_id, indicator.pk])


@pytest.mark.parametrize(("who", "status"), STATUSES)
def test_editing_an_indicator(people: People, trees: Indicator, who: str, status: int) -> None:
    response = client_for(people, who).post(edit_url(trees), {"unit": "trees", "target": "120", "actual": "60"})
    assert response.status_code == status
    trees.refresh_from_db()
    assert (trees.target, trees.actual) == ((120, 60) if who in WRITERS else (100, 20))


def test_a_custom_indicator_is_renamed_unless_the_name_is_taken(active: Agreement, people: People) -> None:
    concerts = save_indicator(people.officer, active, "custom", 2026, "5", name="Joint concerts")
    save_indicator(people.officer, active, "custom", 2026, "2", name="Exhibitions")
    client = client_for(people, "officer")
    assert client.post(edit_url(concerts), {"name": "Joint concerts and choirs", "target": "6"}).status_code == 302
    concerts.refresh_from_db()
    assert (concerts.name, concerts.target) == ("Joint concerts and choirs", 6)
    taken = client.post(edit_url(concerts), {"name": "Exhibitions", "target": "7"})
    assert taken.status_code == 409 and "already has that indicator for 2026" in taken.content.decode()
    concerts.refresh_from_db()
    assert (concerts.name, concerts.target) == ("Joint concerts and choirs", 6)


@pytest.mark.parametrize(("who", "status"), [("officer", 200), ("viewer", 403), ("outsider", 404)])
def test_the_edit_form_is_shown_only_to_editors(people: People, trees: Indicator, who: str, status: int) -> None:
    assert client_for(people, who).get(edit_url(trees)).status_code == status


@pytest.mark.parametrize(
    ("who", "status"), [("officer", 302), ("partner", 302), ("viewer", 302), ("outsider", 404), ("anonymous", 302)]
)
def test_deleting_an_indicator(people: People, trees: Indicator, who: str, status: int) -> None:
    url = reverse("programme:indicator_delete", args=[trees.agreement_id, trees.pk])
    client = client_for(people, who)
    if who == "officer":
        assert "Delete the target for “trees planted” in 2026?" in client.get(url).content.decode()
    response = client.post(url)
    assert response.status_code == status
    assert Indicator.objects.exists() is (who not in WRITERS)
    if who == "viewer":
        assert response["X-Twinnings-Refused"] == "403"


def test_the_page_reads_a_fixed_number_of_queries(active: Agreement, people: People) -> None:
    client = client_for(people, "officer")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(page_url(active)).status_code == 200
        return len(queries)

    def add(n: int) -> None:
        activity = create_activity(people.officer, active, exchange_data(people, title=f"Exchange {n}"))
        set_participant_groups(people.officer, activity, [GroupData(people.home.country, True, n + 1, people.home)])
        save_indicator(people.officer, active, "custom", 2026 + n % 3, str(n), name=f"Indicator {n}")

    add(0)
    save_indicator(people.officer, active, "participants", 2026, "100")
    few = count()
    for n in range(1, 7):
        add(n)
    assert count() == few
    assert "Indicator 6" in client.get(page_url(active)).content.decode()


def test_script_tags_in_indicator_names_stay_escaped(active: Agreement, people: People) -> None:
    indicator = save_indicator(people.officer, active, "custom", 2026, "1", name=SCRIPT, unit=SCRIPT[:30])
    client = client_for(people, "officer")
    for url in (
        page_url(active),
        edit_url(indicator),
        reverse("programme:indicator_delete", args=[active.pk, indicator.pk]),
    ):
        html = client.get(url).content.decode()
        assert SCRIPT not in html and "&lt;script&gt;" in html, url
