"""Configuration only: zones and companies may be corrected here; towers and requests
change through the officers' pages (their services audit every change)."""

from django.contrib import admin

from balai.towers.models import SitingRequest, Tower, TowerCompany, Zone


@admin.register(TowerCompany)
class TowerCompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "nib", "contact_name")
    search_fields = ("name", "nib")


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "max_height_m", "is_active")
    list_filter = ("kind", "is_active")


@admin.register(Tower)
class TowerAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "status", "site_type", "company")
    list_filter = ("status", "site_type")
    search_fields = ("code", "name")
    readonly_fields = [f.name for f in Tower._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(SitingRequest)
class SitingRequestAdmin(admin.ModelAdmin):
    list_display = ("code", "company", "status", "valid_until")
    list_filter = ("status",)
    readonly_fields = [f.name for f in SitingRequest._meta.fields]

    def has_add_permission(self, request):
        return False
