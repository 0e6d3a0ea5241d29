"""The office's chain of command and the retention schedule (JRA) in the admin.

Positions are saved through `position_set` (audited, no superior under its own
subordinate); letters and drafts change only through the services, so they are not here.
"""

from django.contrib import admin

from balai.correspondence.models import Position, RetentionRule
from balai.correspondence.services import position_set


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "parent", "agency", "unit_code")
    list_select_related = ("user", "parent__user", "agency")
    search_fields = ("title", "user__full_name", "user__email")
    autocomplete_fields = ("user",)

    def save_model(self, request, obj, form, change):
        saved = position_set(user=obj.user, agency=obj.agency, title=obj.title,
                             parent=obj.parent, unit_code=obj.unit_code,
                             actor=request.user)
        obj.pk = saved.pk


@admin.register(RetentionRule)
class RetentionRuleAdmin(admin.ModelAdmin):
    list_display = ("classification", "active_years", "inactive_years", "disposal")
    list_select_related = ("classification",)
