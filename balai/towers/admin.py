"""Read-only: towers, companies, zones and requests change through the officers' pages,
whose services audit every change."""

from django.contrib import admin

from balai.towers.models import SitingRequest, Tower, TowerCompany, Zone


@admin.register(TowerCompany)
class TowerCompanyAdmin(admin.ModelAdmin):
    list_display = ("name", "nib", "contact_name")
    search_fields = ("name", "nib")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Zone)
class ZoneAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "max_height_m", "is_active")
    list_filter = ("kind", "is_active")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


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
