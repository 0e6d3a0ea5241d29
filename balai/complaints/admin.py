from django.contrib import admin

from balai.complaints.models import AreaRule, Category, CategoryGroup, Complaint, RoadStatusRule
from balai.core.admin import ReadOnlyAdminMixin


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0
    fields = ["code", "name", "agency", "is_road", "is_urgent", "sla_verify_days",
              "sla_followup_days", "sla_autoclose_days", "is_active"]


@admin.register(CategoryGroup)
class CategoryGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "position"]
    inlines = [CategoryInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "group", "agency", "checker", "is_road", "is_urgent",
                    "sla_verify_days",
                    "sla_followup_days", "sla_autoclose_days", "duplicate_radius_m", "is_active"]
    list_editable = ["sla_verify_days", "sla_followup_days", "sla_autoclose_days", "is_active"]
    list_filter = ["group", "is_road", "is_urgent", "is_active"]
    search_fields = ["name", "code", "keywords"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(AreaRule)
class AreaRuleAdmin(admin.ModelAdmin):
    list_display = ["category", "area", "agency"]
    list_filter = ["category"]
    raw_id_fields = ["area"]
    autocomplete_fields = ["agency"]


@admin.register(RoadStatusRule)
class RoadStatusRuleAdmin(admin.ModelAdmin):
    list_display = ["status", "agency"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only: state changes go through the workdesk's services, never the admin."""

    list_display = ["code", "title", "category", "status", "agency", "channel", "submitted_at"]
    list_filter = ["status", "channel", "category", "agency"]
    search_fields = ["code", "title"]
    date_hierarchy = "submitted_at"
    list_select_related = ["category", "agency"]
