from django.apps import AppConfig


class InsightsConfig(AppConfig):
    name = "twinnings.insights"
    label = "insights"
    verbose_name = "Insights"
