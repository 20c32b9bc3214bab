from django.apps import AppConfig


class PlacesConfig(AppConfig):
    name = "twinnings.places"
    verbose_name = "Places"
