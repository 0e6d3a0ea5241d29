from django.conf import settings
from django.contrib import admin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from balai.core.models import AuditEntry, Holiday

# The administrator sees whose balai this is, not "Django administration".
admin.site.site_header = format_lazy(_("balai administration — {office}"),
                                     office=settings.BALAI_INSTALLATION.get("short_name", ""))
admin.site.site_title = _("balai administration")
admin.site.index_title = _("Data and settings")
admin.site.site_url = "/meja-kerja/"


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
