from django.urls import path

from twinnings.insights import views

app_name = "insights"

urlpatterns = [
    path("insights/", views.index, name="index"),
    path("insights/data.json", views.data_json, name="data"),
]
