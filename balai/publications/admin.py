from django.contrib import admin

from balai.publications.models import ComplianceItem


@admin.register(ComplianceItem)
class ComplianceItemAdmin(admin.ModelAdmin):
    """The rubric is data: an admin adds, reweighs or retires items (automatic ones need
    a rule in score.AUTOMATIC under the same code)."""

    list_display = ("position", "code", "label", "evaluation", "weight", "is_active")
    list_editable = ("weight", "is_active")
    ordering = ("position",)
