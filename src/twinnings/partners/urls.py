from django.urls import path

from twinnings.partners import views

app_name = "partners"

urlpatterns = [
    path("places/<int:pk>/partners/", views.find, name="find"),
]
