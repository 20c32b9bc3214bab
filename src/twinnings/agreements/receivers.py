from typing import Any

from django.dispatch import receiver

from twinnings.accounts.signals import place_verified
from twinnings.agreements.publication import publish_pending
from twinnings.places.models import Place


@receiver(place_verified)
def publish_waiting_agreements(sender: Any, place: Place, **kwargs: Any) -> None:
    publish_pending(place)
