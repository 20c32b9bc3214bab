from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "twinnings.registry"
    verbose_name = "Registry"
