from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from twinnings.agreements import demo
from twinnings.core.errors import Refused
from twinnings.partners import notifications
from twinnings.programme import demo as programme_demo


class Command(BaseCommand):
    help = "Load a ready-to-explore agreements workspace (idempotent) and print its logins."

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with notifications.muted():  # the demo's conversations are made up: nobody is emailed
                logins, agreements, created = demo.load()
                programme = programme_demo.load(next(a for a in agreements if a.title == demo.MAIN_TITLE))
        except Refused as error:
            raise CommandError(error.message) from error
        self.stdout.write("Demo workspace " + ("loaded." if created else "already there: nothing changed."))
        self.stdout.write("Programme of the Köln–Lyon agreement " + ("loaded." if programme else "already there."))
        self.stdout.write(f"Log in at /account/login/ with password {demo.PASSWORD!r} as:")
        for username, name in logins:
            self.stdout.write(f"  {username}  ({name})")
        for agreement in agreements:
            stage = f", amendment {agreement.amendment_stage}" if agreement.amendment_stage else ""
            self.stdout.write(f"  /workspace/agreements/{agreement.pk}/  {agreement.title} [{agreement.status}{stage}]")
