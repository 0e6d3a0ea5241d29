"""The budget in the admin: read-only (imports and documents change only through the
walidata's pages, which audit each change)."""

from django.contrib import admin

from balai.budget.models import BudgetDocument, BudgetImport
from balai.core.admin import ReadOnlyAdminMixin


@admin.register(BudgetImport)
class BudgetImportAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("year", "stage", "filename", "rows", "total", "is_current", "created_at")
    list_filter = ("year", "stage", "is_current")


@admin.register(BudgetDocument)
class BudgetDocumentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("year", "kind", "title", "published_on", "is_withdrawn")
    list_filter = ("year", "kind", "is_withdrawn")
