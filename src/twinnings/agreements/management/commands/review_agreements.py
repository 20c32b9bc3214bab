from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from twinnings.agreements import lifecycle


class Command(BaseCommand):
    help = "Mark agreements in force whose review date has come as due for review (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        moved = lifecycle.mark_reviews_due(timezone.localdate())
        for agreement in moved:
            self.stdout.write(f"review due: {agreement.pk} {agreement.title}")
        self.stdout.write(f"{len(moved)} agreement(s) now due for review")
