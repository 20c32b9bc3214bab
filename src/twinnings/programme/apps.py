from django.apps import AppConfig


class ProgrammeConfig(AppConfig):
    name = "twinnings.programme"
    verbose_name = "Programme"
