from django.contrib import admin
from django.urls import include, path

from twinnings.core.views import healthz

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("account/", include("twinnings.accounts.urls")),
    path("workspace/", include("twinnings.agreements.urls")),
    path("workspace/", include("twinnings.programme.urls")),
    path("", include("twinnings.places.urls")),
    path("", include("twinnings.registry.urls")),
    path("", include("twinnings.insights.urls")),
    path("", include("twinnings.partners.urls")),
    path("", include("twinnings.challenges.urls")),
    path("api/v1/", include("twinnings.core.api")),
]
