"""What a signed agreement does to the public registry: it creates or confirms the twinning of
each pair of parties (attested by the source "signed on Twinnings"), and its suspension, revival
or end changes that twinning's status. Nothing is published while a party's office is unverified."""

from __future__ import annotations

from datetime import date
from itertools import combinations

from django.db import transaction
from django.db.models import F, QuerySet
from django.utils import timezone

from twinnings.accounts.services import is_verified
from twinnings.agreements.models import Agreement
from twinnings.places.models import Place
from twinnings.registry.gazetteer_index import distance_km
from twinnings.registry.models import Attestation, Source, Twinning
from twinnings.registry.services import forget_version

SOURCE = "twinnings"
ATTESTATION_FILE = "agreements"


def source() -> Source:
    found, _ = Source.objects.get_or_create(
        name=SOURCE,
        defaults={"title": "Signed on Twinnings", "licence": "CC0", "year": timezone.now().year},
    )
    return found


def twinnings_of(agreement: Agreement) -> QuerySet[Twinning]:
    return Twinning.objects.filter(
        attestations__source__name=SOURCE, attestations__file=ATTESTATION_FILE, attestations__line=agreement.pk
    ).distinct()


def publish(agreement: Agreement, signed_on: date) -> list[Twinning]:
    """Create or confirm the twinnings of a signed agreement; [] while a party is unverified."""
    places = [party.place for party in agreement.parties.select_related("place")]
    if not all(is_verified(place) for place in places):
        return []
    attesting = source()
    published = []
    for one, other in combinations(sorted(places, key=lambda p: p.pk), 2):
        twinning = _twinning(one, other, signed_on)
        Attestation.objects.get_or_create(
            source=attesting,
            file=ATTESTATION_FILE,
            line=agreement.pk,
            twinning=twinning,
            defaults={"raw": {"agreement": agreement.pk, "title": agreement.title, "signed_on": signed_on.isoformat()}},
        )
        published.append(twinning)
    Agreement.objects.filter(pk=agreement.pk).update(published_at=timezone.now())
    agreement.published_at = timezone.now()
    transaction.on_commit(forget_version)
    return published


def _twinning(one: Place, other: Place, signed_on: date) -> Twinning:
    twinning, created = Twinning.objects.get_or_create(
        place_a=one,
        place_b=other,
        defaults={
            "status": Twinning.Status.ACTIVE,
            "since": signed_on,
            "distance_km": round(distance_km(one.latitude, one.longitude, other.latitude, other.longitude), 1),
        },
    )
    if created:
        Place.objects.filter(pk__in=[one.pk, other.pk]).update(twin_count=F("twin_count") + 1)
    elif twinning.status != Twinning.Status.ACTIVE or twinning.until is not None:
        twinning.status, twinning.until = Twinning.Status.ACTIVE, None
        twinning.save(update_fields=["status", "until"])
    return twinning


def set_status(agreement: Agreement, status: str, until: date | None = None) -> int:
    """The agreement's twinnings take `status` (ended ones also their end date)."""
    transaction.on_commit(forget_version)
    return twinnings_of(agreement).update(status=status, until=until)


def publish_pending(place: Place) -> list[Agreement]:
    """Once a place is verified: publish its signed agreements that were waiting for it."""
    waiting = Agreement.objects.filter(
        parties__place=place, signed_version__isnull=False, published_at__isnull=True
    ).distinct()
    done = []
    for agreement in waiting:
        signed = agreement.signed_version
        if signed is not None and publish(agreement, signed.created_at.date()):
            done.append(agreement)
    return done
