from django.contrib import admin
from django.urls import include, path

from twinnings.accounts.views import set_language
from twinnings.core.views import favicon, healthz

handler500 = "twinnings.core.views.server_error"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
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
