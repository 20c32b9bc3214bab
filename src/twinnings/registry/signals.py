"""Cached pages follow the registry: a twinning or an attestation saved or deleted one by one
(the admin, an agreement's publication, the tests' factories) gives the registry a new version.
Imports write in bulk, without signals: their new counts change the version themselves."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinnings.registry.models import Attestation, Twinning
from twinnings.registry.services import registry_changed


@receiver([post_save, post_delete], sender=Twinning)
@receiver([post_save, post_delete], sender=Attestation)
def twinning_or_attestation_changed(sender: type, **kwargs: Any) -> None:
    registry_changed()  # what this transaction reads next
    transaction.on_commit(registry_changed)  # and no version computed before the commit survives it
