"""Publishing partner-search notices: a verified place's office says what partner it seeks, until
when; it edits and withdraws its notices. Every value is checked before anything is saved, and
every write is audited."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date, timedelta
from typing import Any

import pycountry
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from twinnings.accounts.permissions import Action, can
from twinnings.accounts.services import is_verified
from twinnings.agreements import validation
from twinnings.audit.services import record, snapshot
from twinnings.core.errors import Forbidden, Refused
from twinnings.partners.models import PartnerNotice
from twinnings.places.models import Country, Place

MAX_VALIDITY_DAYS = 730  # two years
MAX_TITLE = 200
MAX_TEXT = 5000
MAX_POPULATION = 10**10
MAX_CODES = 50
MAX_CODE_LENGTH = 20
NOTICE_FIELDS = [
    "place",
    "title",
    "description",
    "areas",
    "countries",
    "regions",
    "languages",
    "min_population",
    "max_population",
    "valid_until",
    "status",
]


@dataclass
class NoticeTerms:
    """What a notice says; `check` returns the cleaned terms or refuses the first bad value."""

    title: str
    valid_until: date
    areas: list[str]
    description: str = ""
    countries: list[str] | None = None
    regions: list[int] | None = None
    languages: list[str] | None = None
    min_population: int | None = None
    max_population: int | None = None

    def check(self) -> NoticeTerms:
        return NoticeTerms(
            title=text(self.title, _("title"), MAX_TITLE, required=True),
            description=text(self.description, _("description"), MAX_TEXT),
            areas=areas(self.areas or []),
            countries=countries(self.countries or []),
            regions=regions(self.regions or []),
            languages=languages(self.languages or []),
            min_population=self.min_population,
            max_population=self.max_population,
            valid_until=valid_until(self.valid_until),
        ).check_sizes()

    def check_sizes(self) -> NoticeTerms:
        for value in (self.min_population, self.max_population):
            if value is not None and not 0 <= value <= MAX_POPULATION:
                raise Refused(_("A population must be between 0 and %(max)s.") % {"max": MAX_POPULATION})
        low, high = self.min_population, self.max_population
        if low is not None and high is not None and low > high:
            raise Refused(
                _("The minimum population (%(min)s) is larger than the maximum (%(max)s).") % {"min": low, "max": high}
            )
        return self

    def values(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def text(value: str, what: str, limit: int, required: bool = False) -> str:
    cleaned = (value or "").strip()
    if required and not cleaned:
        raise Refused(_("The %(what)s cannot be empty.") % {"what": what})
    if len(cleaned) > limit:
        raise Refused(
            _("The %(what)s is too long: %(length)s characters, at most %(limit)s.")
            % {"what": what, "length": len(cleaned), "limit": limit}
        )
    return cleaned


def _codes(values: Iterable[str], what: str) -> list[str]:
    cleaned = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
    if len(cleaned) > MAX_CODES:
        raise Refused(_("Too many %(what)s: at most %(limit)s.") % {"what": what, "limit": MAX_CODES})
    strange = [code for code in cleaned if len(code) > MAX_CODE_LENGTH]
    if strange:
        raise Refused(_("Not a code of %(what)s: %(code)s…") % {"what": what, "code": strange[0][:MAX_CODE_LENGTH]})
    return cleaned


def areas(codes: Iterable[str]) -> list[str]:
    cleaned = validation.areas(_codes(codes, _("areas")))
    if not cleaned:
        raise Refused(_("Name at least one area of cooperation."))
    return cleaned


def countries(codes: Iterable[str]) -> list[str]:
    cleaned = [code.upper() for code in _codes(codes, _("countries"))]
    known = set(Country.objects.filter(code__in=cleaned).values_list("code", flat=True))
    unknown = [code[:10] for code in cleaned if code not in known]
    if unknown:
        raise Refused(_("Unknown country: %(codes)s (use ISO 3166-1 codes, e.g. FR).") % {"codes": ", ".join(unknown)})
    return cleaned


def regions(ids: Iterable[int]) -> list[int]:
    try:
        cleaned = list(dict.fromkeys(int(i) for i in _codes((str(i) for i in ids), _("regions"))))
    except ValueError as error:
        raise Refused(_("A region is given by its number.")) from error
    known = set(Place.objects.filter(pk__in=cleaned, kind=Place.Kind.REGION).values_list("pk", flat=True))
    unknown = [str(i) for i in cleaned if i not in known]
    if unknown:
        raise Refused(_("Not a region of the gazetteer: %(ids)s.") % {"ids": ", ".join(unknown)})
    return cleaned


def _is_language(code: str) -> bool:
    if len(code) == 2:
        return pycountry.languages.get(alpha_2=code) is not None
    return len(code) == 3 and pycountry.languages.get(alpha_3=code) is not None


def languages(codes: Iterable[str]) -> list[str]:
    cleaned = [code.lower() for code in _codes(codes, _("languages"))]
    unknown = [code[:10] for code in cleaned if not _is_language(code)]
    if unknown:
        raise Refused(_("Unknown language code: %(codes)s (use ISO 639, e.g. de, fr).") % {"codes": ", ".join(unknown)})
    return cleaned


def valid_until(day: date | None) -> date:
    if day is None:
        raise Refused(_("Give the date until which the notice is valid."))
    today = timezone.localdate()
    if day < today:
        raise Refused(_("The notice cannot be valid until a day in the past (%(day)s).") % {"day": day.isoformat()})
    if day > today + timedelta(days=MAX_VALIDITY_DAYS):
        raise Refused(
            _("A notice is valid for at most two years: until %(last)s at the latest.")
            % {"last": (today + timedelta(days=MAX_VALIDITY_DAYS)).isoformat()}
        )
    return day


@transaction.atomic
def publish(actor: User, place: Place, terms: NoticeTerms) -> PartnerNotice:
    """A new notice of `place`, by an administrator or editor of its verified office."""
    if not can(actor, Action.EDIT, place):
        raise Forbidden(_("Only an administrator or editor of the place's office can publish its notices."))
    if not is_verified(place):
        raise Forbidden(_("The place's office must be verified before it publishes notices."))
    notice = PartnerNotice.objects.create(place=place, created_by=actor, **terms.check().values())
    record(actor, "notice.publish", notice, after=snapshot(notice, NOTICE_FIELDS))
    return notice


def _locked(actor: User, notice: PartnerNotice) -> PartnerNotice:
    current = PartnerNotice.objects.select_for_update().get(pk=notice.pk)
    if not can(actor, Action.EDIT, current):
        raise Forbidden(_("Only an administrator or editor of the place's office can change its notices."))
    if current.status == PartnerNotice.Status.WITHDRAWN:
        raise Refused(_("This notice was withdrawn: publish a new one instead."))
    return current


@transaction.atomic
def update(actor: User, notice: PartnerNotice, **changes: Any) -> PartnerNotice:
    """Change some terms (an expired notice comes back by a new valid-until date)."""
    names = {f.name for f in fields(NoticeTerms)}
    unknown = set(changes) - names
    if unknown:
        raise Refused(_("Unknown field: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    current = _locked(actor, notice)
    terms = NoticeTerms(**{**{name: getattr(current, name) for name in names}, **changes}).check()
    before = snapshot(current, NOTICE_FIELDS)
    for name, value in terms.values().items():
        setattr(current, name, value)
    current.save()
    record(actor, "notice.update", current, before=before, after=snapshot(current, NOTICE_FIELDS))
    return current


@transaction.atomic
def withdraw(actor: User, notice: PartnerNotice) -> PartnerNotice:
    """Off the board for good; its conversations go on."""
    current = _locked(actor, notice)
    before = snapshot(current, NOTICE_FIELDS)
    current.status, current.withdrawn_at = PartnerNotice.Status.WITHDRAWN, timezone.now()
    current.save(update_fields=["status", "withdrawn_at", "updated_at"])
    record(actor, "notice.withdraw", current, before=before, after=snapshot(current, NOTICE_FIELDS))
    return current
