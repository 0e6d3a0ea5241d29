from django.contrib import admin

from balai.geo.models import Area, Road


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent_code", "updated_at"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    # Boundaries come from `balai import-areas`, which validates and repairs them.
    readonly_fields = ["geometry", "min_lng", "min_lat", "max_lng", "max_lat", "parent"]


@admin.register(Road)
class RoadAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "status", "agency", "legal_basis", "is_made_up"]
    list_filter = ["status", "is_made_up"]
    search_fields = ["code", "name", "legal_basis"]
    readonly_fields = ["geometry", "min_lng", "min_lat", "max_lng", "max_lat"]
