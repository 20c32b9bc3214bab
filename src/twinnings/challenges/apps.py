from django.apps import AppConfig


class ChallengesConfig(AppConfig):
    name = "twinnings.challenges"
    verbose_name = "Challenges panel"
