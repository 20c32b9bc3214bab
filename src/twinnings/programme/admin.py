from django.contrib import admin

from twinnings.programme.models import Activity, BudgetLine, Indicator, ParticipantGroup


class ParticipantGroupInline(admin.TabularInline):
    model = ParticipantGroup
    extra = 0
    raw_id_fields = ["place"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["title", "type", "status", "start_date", "agreement"]
    list_filter = ["type", "status"]
    search_fields = ["title"]
    raw_id_fields = ["agreement", "host_place", "organisations", "created_by"]
    inlines = [ParticipantGroupInline]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["description", "year", "currency", "planned", "spent", "agreement"]
    raw_id_fields = ["agreement", "party", "allocation", "activity"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["kind", "name", "year", "target", "actual", "agreement"]
    raw_id_fields = ["agreement"]
