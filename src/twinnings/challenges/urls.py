from django.urls import path

from twinnings.challenges import views

app_name = "challenges"

urlpatterns = [
    path("places/<int:pk>/challenges/", views.choose, name="choose"),
    path("places/<int:pk>/challenges/<int:other>/", views.pair, name="pair"),
]
