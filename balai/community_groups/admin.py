"""Configuration only (DESIGN.md §2): the registry is kept through its pages and services;
the admin lists the rows read-only, and keeps the Forum KIM."""

from django.contrib import admin

from balai.community_groups.models import Forum, Kim


@admin.register(Forum)
class ForumAdmin(admin.ModelAdmin):
    list_display = ("name", "area", "chair_name")


@admin.register(Kim)
class KimAdmin(admin.ModelAdmin):
    list_display = ("name", "kelurahan", "status", "sk_number", "kimid_ref")
    list_filter = ("status",)
    search_fields = ("name", "slug", "kelurahan__name")
    exclude = ("sk_file",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
