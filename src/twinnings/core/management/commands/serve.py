import os
import sys
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Serve the platform with gunicorn (static files through whitenoise)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", "2")))

    def handle(self, *args: Any, **options: Any) -> None:
        from gunicorn.app.wsgiapp import run

        bind = (
            f"[{options['host']}]:{options['port']}"
            if ":" in options["host"]
            else f"{options['host']}:{options['port']}"
        )
        self.stdout.write(f"Twinnings at http://{bind}/")
        self.stdout.flush()  # before gunicorn forks: else each worker prints it again at exit (piped stdout)
        argv = [
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
        sys.argv = argv
        run()
