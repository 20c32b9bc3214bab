"""Cached pages follow the registry: a twinning saved or deleted one by one, or an attestation
saved one by one (the admin, an agreement's publication, the tests' factories), gives the
registry a new version at once, even when no count changes (a twinning's kind edited).

Attestations get no delete receiver: with one, Django would give up its fast delete, and the
import's `Attestation.objects.filter(source=...).delete()` would load and signal every row.
Imports write in bulk without signals; their new counts change the version within
REGISTRY_VERSION_TTL seconds."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from twinnings.registry.models import Attestation, Twinning
from twinnings.registry.services import registry_changed


@receiver([post_save, post_delete], sender=Twinning)
@receiver(post_save, sender=Attestation)
def registry_row_written(sender: type, **kwargs: Any) -> None:
    registry_changed()  # what this transaction reads next
    transaction.on_commit(registry_changed)  # and no version computed before the commit survives it
