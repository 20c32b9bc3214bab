from django.urls import path, re_path

from twinnings.registry import views

app_name = "registry"

urlpatterns = [
    path("twinnings/", views.twinning_list, name="list"),
    re_path(r"^twinnings/export\.(?P<fmt>csv|json|geojson)$", views.export, name="export"),
    path("twinnings/map.json", views.map_data, name="map"),
]
