import logging

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "twinnings.core"
    verbose_name = "Core"

    def ready(self) -> None:
        if settings.LOG_FORMAT == "json":
            logging.captureWarnings(True)  # Python's warnings as JSON records too, not bare lines
