"""Pages of a twinning's programme, under /workspace/ beside the agreements."""

from django.urls import path  # noqa: F401

app_name = "programme"

urlpatterns: list = []
