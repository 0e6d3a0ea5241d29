from django.contrib import admin

from balai.documents.models import Classification, IssuedDocument, LetterNumber


@admin.register(Classification)
class ClassificationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "verified"]
    search_fields = ["code", "name"]


@admin.register(LetterNumber)
class LetterNumberAdmin(admin.ModelAdmin):
    # Numbers change only through letter_number_reserve/cancel, so the admin only reads.
    list_display = ["full_number", "unit_code", "year", "status", "created_at"]
    list_filter = ["status", "unit_code", "year"]
    search_fields = ["full_number"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(IssuedDocument)
class IssuedDocumentAdmin(admin.ModelAdmin):
    list_display = ["number", "kind", "subject", "signer_name", "issued_at", "specimen"]
    list_filter = ["kind", "unit_code", "specimen"]
    search_fields = ["number__full_number", "subject", "addressee", "sha256"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
