"""What fits a notice (places from the partner finder, notices that match mutually), and consortia."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from tests.factories import TinyGazetteer
from tests.workspace import People, make_verified_officer
from twinnings.partners import consortia, matches, notices
from twinnings.partners.models import PartnerNotice
from twinnings.partners.notices import NoticeTerms
from twinnings.places.models import Place


def publish(place: Place, email: str, **values: Any) -> PartnerNotice:
    officer = make_verified_officer(place, email)
    terms = NoticeTerms(
        **{"title": f"{place.name} seeks", "valid_until": timezone.localdate() + timedelta(days=90), **values}
    )
    return notices.publish(officer, place, terms)


def names(found: list[Any]) -> set[str]:
    return {r.place.name for r in found}


def test_places_fitting_a_notice_come_from_the_partner_finder_within_its_criteria(
    tiny_registry: TinyGazetteer, people: People
) -> None:
    notice = notices.publish(
        people.officer,
        people.home,
        NoticeTerms(
            title="Partners in France or Poland",
            areas=["education"],
            countries=["FR", "PL"],
            min_population=500_000,
            max_population=1_000_000,
            valid_until=timezone.localdate() + timedelta(days=30),
        ),
    )
    found = matches.fitting_places(notice)
    # Lyon is already Cologne's twin, Paris is too big.
    assert names(found) == {"Łódź", "Kraków"}
    assert all(r.reasons for r in found)
    notices.update(people.officer, notice, countries=[], languages=["pl"], min_population=None)
    assert names(matches.fitting_places(notice)) == {"Łódź", "Kraków"}


def test_a_notice_seeking_a_region_finds_places_in_it(tiny_registry: TinyGazetteer, people: People) -> None:
    notice = publish(people.elsewhere, "second@paris.example", areas=["culture"], regions=[tiny_registry["veneto"].pk])
    assert names(matches.fitting_places(notice)) == {"Verona", "Veneto"}


def test_notices_that_answer_each_other_match(
    tiny_registry: TinyGazetteer, notice: PartnerNotice, people: People
) -> None:
    # Cologne's notice: a French town of 100k–1M, education or culture.
    lyon = publish(people.away, "second@lyon.example", areas=["culture", "sport"], countries=["DE"])
    paris = publish(people.elsewhere, "second@paris.example", areas=["culture"], countries=["DE"])  # too big
    lodz = publish(tiny_registry["lodz"], "lodz@example.pl", areas=["education"])  # not French
    publish(people.away, "third@lyon.example", areas=["education"], countries=["IT"])  # Cologne is not Italian
    withdrawn = publish(people.away, "fourth@lyon.example", areas=["education"])
    notices.withdraw(withdrawn.created_by, withdrawn)  # type: ignore[arg-type]
    found = matches.matching_notices(notice)
    assert [n for n, _m in found] == [lyon]
    match = found[0][1]
    assert match.shared_areas == ("culture",)
    assert [r.code for r in match.reasons][:3] == ["shared_areas", "in_sought_place", "size_fits"]
    assert [n for n, _m in matches.matching_notices(lyon)] == [notice]
    assert matches.matching_notices(paris) == []
    assert [n for n, _m in matches.matching_notices(lodz)] == []


def test_consortia_of_cologne_span_four_countries_through_its_twins(tiny_registry: TinyGazetteer) -> None:
    cologne = tiny_registry["cologne"]
    groups = consortia.suggest(cologne)
    assert groups
    data = consortia.consortium_data(groups)
    best = data[0]
    assert best["members"][0]["name"] == "Cologne"
    assert {"Lyon", "Liverpool"} <= {m["name"] for m in best["members"]}
    assert len(best["countries"]) >= 4 and 4 <= len(best["members"]) <= 6
    twinned = {(link["a_name"], link["b_name"]) for link in best["links"] if link["kind"] == "twinned"}
    assert ("Cologne", "Lyon") in twinned or ("Lyon", "Cologne") in twinned
    for group in data:
        assert not any(m["name"] == "North Rhine-Westphalia" for m in group["members"])  # towns with towns


def test_a_place_without_twins_consorts_through_recommendations(tiny_registry: TinyGazetteer) -> None:
    tokyo = tiny_registry["tokyo"]
    groups = consortia.suggest(tokyo)
    assert groups
    for group in groups:
        own = [link for link in group.links if tokyo.pk in (link.a, link.b)]
        assert own and all(link.kind == "recommended" and link.weight < 1 for link in own)
