from django.urls import path

from twinnings.places import views

app_name = "places"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("places/basemap.json", views.basemap, name="basemap"),
    path("places/<int:pk>/", views.detail, name="detail"),
    path("countries/", views.countries, name="countries"),
    path("countries/<str:code>/", views.country, name="country"),
]
