"""Document types are named here; service standards change through the officers' pages,
whose service keeps each version and audits it."""

from django.contrib import admin

from balai.public_services.models import DocumentType, Service


@admin.register(DocumentType)
class DocumentTypeAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "version", "is_published")
    list_filter = ("is_published", "agency")
    search_fields = ("name", "keywords")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
