from django.contrib import admin

from balai.core.models import AuditEntry, Holiday


class ReadOnlyAdminMixin:
    """Rows that change only through their services: the admin may look, never write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "kind", "legal_basis"]
    list_filter = ["kind"]
    search_fields = ["name", "legal_basis"]
    date_hierarchy = "date"


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["created_at", "action", "actor_label", "content_type", "object_id"]
    list_filter = ["action", "content_type"]
    search_fields = ["action", "object_id", "actor_label"]
