from __future__ import annotations

import smtplib
from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from twinnings.programme.services.reminders import describe, send_reminders


class Command(BaseCommand):
    help = (
        "Email each administrator and editor of a place office that is party to an agreement one digest "
        "of the day: activities in the next 14 days, review and end dates within 60 days, dormant "
        "agreements. Run daily (cron), after `twinnings review-agreements`, which marks the agreements "
        "whose review date has come as due for review; this command changes no agreement. A second run "
        "on the same day sends nothing twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="The day to remind of, YYYY-MM-DD (default: today)")
        parser.add_argument("--dry-run", action="store_true", help="List the digests without sending or recording them")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            day = date.fromisoformat(options["date"]) if options["date"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"--date takes YYYY-MM-DD, not {options['date']!r}") from None
        try:
            report = send_reminders(day, dry_run=options["dry_run"])
        except (OSError, smtplib.SMTPException) as error:
            raise CommandError(
                f"The mail server refused or did not answer ({type(error).__name__}: {error}): the digests not "
                "sent are not recorded; run the command again once it answers (TWINNINGS_EMAIL_HOST "
                f"{settings.EMAIL_HOST}:{settings.EMAIL_PORT})."
            ) from error
        for user, items in report.planned.items():
            self.stdout.write(f"would send to {user.email}: {len(items)} item(s)")
            for item in items:
                self.stdout.write(f"  {describe(item)}")
        for user in report.sent:
            self.stdout.write(f"sent to {user.email}")
        for user in report.already:
            self.stdout.write(f"already sent today to {user.email}")
        done = len(report.planned) if options["dry_run"] else len(report.sent)
        verb = "would be sent" if options["dry_run"] else "sent"
        self.stdout.write(f"{day.isoformat()}: {done} digest(s) {verb}, {len(report.already)} already sent")
