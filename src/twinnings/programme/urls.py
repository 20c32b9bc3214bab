"""Pages of a twinning's programme, under /workspace/ beside the agreements."""

from django.urls import path

from twinnings.programme.views import activities, budget, calendar, dashboard, indicators, participants, reports

app_name = "programme"

ACTIVITY = "agreements/<int:agreement_id>/activities/<int:pk>/"
BUDGET_LINE = "agreements/<int:agreement_id>/budget/<int:pk>/"
INDICATOR = "agreements/<int:agreement_id>/indicators/<int:pk>/"

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
    path("agreements/<int:agreement_id>/activities/", activities.activities, name="activities"),
    path("agreements/<int:agreement_id>/activities/new/", activities.create, name="activity_create"),
    path(ACTIVITY, activities.detail, name="activity"),
    path(f"{ACTIVITY}edit/", activities.edit, name="activity_edit"),
    path(f"{ACTIVITY}delete/", activities.delete, name="activity_delete"),
    path(f"{ACTIVITY}counts/", participants.counts, name="participant_counts"),
    path(f"{ACTIVITY}participants/", participants.add, name="participant_add"),
    path(f"{ACTIVITY}participants/<int:participant_id>/export/", participants.export, name="participant_export"),
    path(f"{ACTIVITY}participants/<int:participant_id>/erase/", participants.erase, name="participant_erase"),
    path("people/", participants.person, name="person"),
    path("agreements/<int:agreement_id>/budget/", budget.budget, name="budget"),
    path(BUDGET_LINE, budget.edit, name="budget_line"),
    path(f"{BUDGET_LINE}delete/", budget.delete, name="budget_line_delete"),
    path("agreements/<int:agreement_id>/indicators/", indicators.indicators, name="indicators"),
    path(INDICATOR, indicators.edit, name="indicator"),
    path(f"{INDICATOR}delete/", indicators.delete, name="indicator_delete"),
]
