"""Pages of a twinning's programme, under /workspace/ beside the agreements."""

from django.urls import path

from twinnings.programme.views import calendar, dashboard, reports

app_name = "programme"

urlpatterns: list = [
    path("agreements/<int:pk>/report/", reports.agreement_report_now, name="report_now"),
    path("agreements/<int:pk>/report/<int:year>/", reports.agreement_report, name="report"),
    path("agreements/<int:pk>/report/<int:year>.pdf", reports.agreement_report, {"fmt": "pdf"}, name="report_pdf"),
    path("agreements/<int:pk>/report/<int:year>.xlsx", reports.agreement_report, {"fmt": "xlsx"}, name="report_xlsx"),
    path(
        "agreements/<int:pk>/report/<int:year>/<slug:section>.csv",
        reports.agreement_report,
        {"fmt": "csv"},
        name="report_csv",
    ),
    path("places/<int:pk>/report/<int:year>/", reports.place_report, name="place_report"),
    path("places/<int:pk>/report/<int:year>.pdf", reports.place_report, {"fmt": "pdf"}, name="place_report_pdf"),
    path("places/<int:pk>/report/<int:year>.xlsx", reports.place_report, {"fmt": "xlsx"}, name="place_report_xlsx"),
    path(
        "places/<int:pk>/report/<int:year>/<slug:section>.csv",
        reports.place_report,
        {"fmt": "csv"},
        name="place_report_csv",
    ),
    path("agreements/<int:agreement_id>/calendar/", calendar.agreement_calendar, name="calendar"),
    path("places/<int:place_id>/calendar/", calendar.place_calendar, name="place-calendar"),
    path("places/<int:place_id>/", dashboard.place_dashboard, name="place-dashboard"),
    path("calendar/feeds/<int:pk>/revoke/", calendar.revoke_feed, name="feed-revoke"),
    path("calendar/<str:token>.ics", calendar.feed, name="feed"),
]
