from django.contrib import admin

from twinnings.registry.models import Attestation, Source, Twinning, UnresolvedRow


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "title",
        "year",
        "licence",
        "rows_read",
        "pairs",
        "pairs_resolved",
        "unresolved",
        "imported_at",
    ]
    readonly_fields = ["rows_read", "pairs", "pairs_resolved", "unresolved", "imported_at"]


class AttestationInline(admin.TabularInline):
    model = Attestation
    extra = 0
    fields = ["source", "file", "line", "raw", "coordinates_flagged"]
    readonly_fields = ["source", "file", "line", "raw", "coordinates_flagged"]


@admin.register(Twinning)
class TwinningAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "status", "since", "until", "distance_km"]
    list_filter = ["status", "kind", "sources"]
    raw_id_fields = ["place_a", "place_b"]
    list_select_related = ["place_a__country", "place_b__country"]
    search_fields = ["place_a__name", "place_b__name"]
    inlines = [AttestationInline]
    show_full_result_count = False


@admin.register(UnresolvedRow)
class UnresolvedRowAdmin(admin.ModelAdmin):
    """The import report: every source row that did not become a twinning, with the reason."""

    list_display = ["source", "file", "line", "reason"]
    list_filter = ["source"]
    search_fields = ["reason", "file"]
    readonly_fields = ["source", "file", "line", "raw", "reason"]
    list_select_related = ["source"]
    show_full_result_count = False
