from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "twinnings.registry"
    verbose_name = "Registry"

    def ready(self) -> None:
        from twinnings.registry import signals  # noqa: F401  (connects the receivers)
