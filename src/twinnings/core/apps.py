from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "twinnings.core"
    verbose_name = "Core"
