from django.apps import AppConfig


class PartnersConfig(AppConfig):
    name = "twinnings.partners"
    verbose_name = "Partner finder"
