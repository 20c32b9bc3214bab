"""Publishing, editing and withdrawing partner-search notices: who may, what is refused, who sees what."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.factories import TinyGazetteer
from tests.workspace import People, make_user
from twinnings.accounts.models import Membership, Role, VerificationRequest
from twinnings.accounts.permissions import Action, can, restrict
from twinnings.audit.models import AuditEntry
from twinnings.core.errors import Forbidden, Refused
from twinnings.partners import notices
from twinnings.partners.models import PartnerNotice
from twinnings.partners.notices import NoticeTerms


def terms(**changes: Any) -> NoticeTerms:
    values: dict[str, Any] = {
        "title": "Partner wanted",
        "areas": ["education"],
        "valid_until": timezone.localdate() + timedelta(days=30),
    }
    return NoticeTerms(**{**values, **changes})


def test_an_officer_publishes_a_notice_with_clean_values(people: People) -> None:
    notice = notices.publish(
        people.officer,
        people.home,
        terms(
            title="  Partner wanted ",
            areas=["sport", "education", "sport"],
            countries=["fr", "PL"],
            languages=["FR", "pol"],
            regions=[],
        ),
    )
    notice.refresh_from_db()
    assert notice.title == "Partner wanted"
    assert notice.areas == ["education", "sport"]  # in the order of the list of areas
    assert (notice.countries, notice.languages) == (["FR", "PL"], ["fr", "pol"])
    assert notice.is_open and notice.created_by == people.officer
    assert AuditEntry.objects.filter(action="notice.publish", object_id=str(notice.pk)).exists()


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_only_the_places_office_publishes_for_it(people: People, who: str) -> None:
    with pytest.raises(Forbidden):
        notices.publish(people.by_name(who), people.home, terms())
    assert not PartnerNotice.objects.exists()


def test_an_anonymous_visitor_cannot_publish(people: People) -> None:
    with pytest.raises(Forbidden):
        notices.publish(AnonymousUser(), people.home, terms())  # type: ignore[arg-type]


def test_a_viewer_cannot_publish(people: People) -> None:
    viewer = make_user("viewer@koeln.example")
    Membership.objects.create(user=viewer, place=people.home, role=Role.VIEWER)
    with pytest.raises(Forbidden):
        notices.publish(viewer, people.home, terms())


def test_an_unverified_office_cannot_publish(people: People, tiny_gazetteer: TinyGazetteer) -> None:
    krakow = tiny_gazetteer["krakow"]
    editor = make_user("editor@krakow.example")
    Membership.objects.create(user=editor, place=krakow, role=Role.ADMIN)
    with pytest.raises(Forbidden, match="verified"):
        notices.publish(editor, krakow, terms())
    VerificationRequest.objects.create(place=krakow, user=editor, position="IR", evidence="web")
    with pytest.raises(Forbidden, match="verified"):  # a pending request is not a verification
        notices.publish(editor, krakow, terms())
    assert not PartnerNotice.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"valid_until": timezone.localdate() - timedelta(days=1)}, "in the past"),
        ({"valid_until": timezone.localdate() + timedelta(days=731)}, "at most two years"),
        ({"min_population": 50_000, "max_population": 10_000}, "larger than the maximum"),
        ({"min_population": -1}, "between 0 and"),
        ({"countries": ["FR", "XX"]}, "Unknown country: XX"),
        ({"countries": ["France"]}, "Unknown country: FRANCE"),
        ({"languages": ["fr", "zz"]}, "Unknown language code: zz"),
        ({"areas": ["education", "astrology"]}, "Unknown area of cooperation: astrology"),
        ({"areas": []}, "at least one area"),
        ({"areas": ["x" * 100_000]}, "Not a code of areas"),
        ({"regions": [999_999]}, "Not a region"),
        ({"title": "   "}, "title cannot be empty"),
        ({"title": "x" * 201}, "title is too long: 201 characters"),
        ({"description": "x" * 100_000}, "description is too long: 100000 characters, at most 5000"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_saved(people: People, changes: dict[str, Any], message: str) -> None:
    with pytest.raises(Refused, match=message) as error:
        notices.publish(people.officer, people.home, terms(**changes))
    assert len(error.value.message) < 300
    assert not PartnerNotice.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="notice.").exists()


def test_a_city_is_not_a_region(people: People, tiny_gazetteer: TinyGazetteer) -> None:
    with pytest.raises(Refused, match="Not a region"):
        notices.publish(people.officer, people.home, terms(regions=[tiny_gazetteer["lyon"].pk]))
    notice = notices.publish(people.officer, people.home, terms(regions=[tiny_gazetteer["veneto"].pk]))
    assert notice.regions == [tiny_gazetteer["veneto"].pk]


def test_the_office_edits_its_notice(notice: PartnerNotice, people: People) -> None:
    notices.update(people.officer, notice, title="Neuer Titel", countries=["FR", "PL"])
    notice.refresh_from_db()
    assert (notice.title, notice.countries, notice.areas) == ("Neuer Titel", ["FR", "PL"], ["culture", "education"])
    entry = AuditEntry.objects.get(action="notice.update")
    assert entry.before is not None and entry.before["title"] == "Köln sucht eine Partnerstadt in Frankreich"


@pytest.mark.parametrize("who", ["partner", "outsider"])
def test_other_offices_cannot_edit_or_withdraw(notice: PartnerNotice, people: People, who: str) -> None:
    with pytest.raises(Forbidden):
        notices.update(people.by_name(who), notice, title="Hijacked")
    with pytest.raises(Forbidden):
        notices.withdraw(people.by_name(who), notice)
    notice.refresh_from_db()
    assert notice.title != "Hijacked" and notice.status == PartnerNotice.Status.PUBLISHED


def test_a_bad_edit_changes_nothing(notice: PartnerNotice, people: People) -> None:
    with pytest.raises(Refused, match="larger than the maximum"):
        notices.update(people.officer, notice, title="Changed", min_population=2_000_000)
    with pytest.raises(Refused, match="Unknown field"):
        notices.update(people.officer, notice, status="withdrawn")
    notice.refresh_from_db()
    assert notice.title == "Köln sucht eine Partnerstadt in Frankreich"


def test_withdrawing_takes_the_notice_off_the_board_but_not_from_its_office(
    notice: PartnerNotice, people: People
) -> None:
    notices.withdraw(people.officer, notice)
    notice.refresh_from_db()
    assert notice.status == PartnerNotice.Status.WITHDRAWN and notice.withdrawn_at is not None
    assert not PartnerNotice.objects.published().exists()
    assert not can(people.partner, Action.VIEW, notice)
    assert not can(AnonymousUser(), Action.VIEW, notice)
    assert can(people.officer, Action.VIEW, notice)
    with pytest.raises(Refused, match="withdrawn"):
        notices.withdraw(people.officer, notice)
    with pytest.raises(Refused, match="withdrawn"):
        notices.update(people.officer, notice, title="Back")


def test_an_expired_notice_is_seen_by_its_office_only_until_renewed(notice: PartnerNotice, people: People) -> None:
    PartnerNotice.objects.filter(pk=notice.pk).update(valid_until=timezone.localdate() - timedelta(days=1))
    notice.refresh_from_db()
    assert notice.is_expired and not notice.is_open
    assert list(restrict(PartnerNotice.objects.all(), AnonymousUser(), Action.VIEW)) == []
    assert list(restrict(PartnerNotice.objects.all(), people.outsider, Action.VIEW)) == []
    assert list(restrict(PartnerNotice.objects.all(), people.officer, Action.VIEW)) == [notice]
    with pytest.raises(Refused, match="in the past"):
        notices.update(people.officer, notice, title="Still here")
    notices.update(people.officer, notice, valid_until=timezone.localdate() + timedelta(days=10))
    assert can(AnonymousUser(), Action.VIEW, notice)


def test_published_notices_are_public(notice: PartnerNotice, people: People) -> None:
    for user in (AnonymousUser(), people.partner, people.outsider, people.officer):
        assert can(user, Action.VIEW, notice)
    assert can(people.officer, Action.EDIT, notice)
    assert not can(people.partner, Action.EDIT, notice)
    assert not can(AnonymousUser(), Action.EDIT, notice)
