from django.apps import AppConfig


class AgreementsConfig(AppConfig):
    name = "twinnings.agreements"
    verbose_name = "Agreements"

    def ready(self) -> None:
        from twinnings.agreements import receivers  # noqa: F401
