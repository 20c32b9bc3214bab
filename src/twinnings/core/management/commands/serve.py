import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = (
        "Serve the platform with gunicorn (static files through whitenoise). The command becomes gunicorn's "
        "main process, which loads no Twinnings code: a reload (SIGHUP) starts workers on the code installed now."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        bind = (
            f"[{options['host']}]:{options['port']}"
            if ":" in options["host"]
            else f"{options['host']}:{options['port']}"
        )
        argv = [
            sys.executable,
            "-m",
            "gunicorn",
            "twinnings.wsgi:application",
            "--bind",
            bind,
            "--workers",
            str(options["workers"]),
            "--threads",
            str(options["threads"]),
            "--timeout",
            "60",
        ]
        if settings.LOG_FORMAT == "json":  # requests logged by RequestLogMiddleware, as JSON
            argv += ["--logger-class", "twinnings.core.gunicorn_logging.JsonLogger"]
        else:
            argv += ["--access-logfile", "-"]
        self.stdout.write(f"Twinnings at http://{bind}/")
        self.stdout.flush()  # exec discards what Python has not written yet (a pipe, as systemd's journal)
        sys.stderr.flush()
        # Replace this process (same pid, for systemd) by a fresh interpreter: had gunicorn run here, its
        # workers would be forked from a process that loaded Django and the apps for this command, and
        # after an upgrade a reload would start them on the previous code.
        os.execv(sys.executable, argv)
