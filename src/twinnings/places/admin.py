from django.contrib import admin

from twinnings.places.models import Country, Place, PlaceName


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "continent", "languages", "population"]
    search_fields = ["code", "name"]
    list_filter = ["continent"]


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    fields = ["name", "key", "is_primary"]
    readonly_fields = ["key"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "region", "population", "twin_count", "geonames_id"]
    list_filter = ["kind", "country"]
    search_fields = ["name", "=geonames_id"]
    raw_id_fields = ["region"]
    list_select_related = ["country", "region"]
    inlines = [PlaceNameInline]
    show_full_result_count = False
