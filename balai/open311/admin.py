from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from balai.open311.models import (
    ApiClient,
    AttributeAnswer,
    Open311Submission,
    ServiceAttribute,
    ServiceAttributeValue,
)
from balai.open311.services import api_client_issue, api_client_revoke


@admin.register(ApiClient)
class ApiClientAdmin(admin.ModelAdmin):
    list_display = ["name", "key_prefix", "is_active", "requests_per_hour", "created_at",
                    "revoked_at"]
    list_filter = ["is_active"]
    search_fields = ["name", "contact", "key_prefix"]
    fields = ["name", "contact", "partner", "requests_per_hour", "key_prefix", "is_active",
              "created_at", "revoked_at"]
    readonly_fields = ["key_prefix", "is_active", "created_at", "revoked_at"]
    actions = ["revoke"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        _client, key = api_client_issue(name=obj.name, contact=obj.contact,
                                        requests_per_hour=obj.requests_per_hour,
                                        actor=request.user, client=obj)
        messages.warning(request, _("The api_key for %(name)s is %(key)s — copy it now: it "
                                    "is stored only as a hash and will not be shown again.")
                         % {"name": obj.name, "key": key})

    @admin.action(description=_("Revoke the api_key of the selected clients"))
    def revoke(self, request, queryset):
        for client in queryset.filter(is_active=True):
            api_client_revoke(client=client, actor=request.user)
        messages.success(request, _("The selected api_keys are revoked."))

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: submissions keep pointing at their client


class ServiceAttributeValueInline(admin.TabularInline):
    model = ServiceAttributeValue
    fields = ["key", "name", "position"]
    extra = 0


@admin.register(ServiceAttribute)
class ServiceAttributeAdmin(admin.ModelAdmin):
    list_display = ["category", "order", "code", "datatype", "required", "variable"]
    list_filter = ["category", "datatype", "required"]
    list_select_related = ["category"]
    search_fields = ["code", "description", "category__name"]
    fields = ["category", "order", "code", "description", "datatype", "datatype_description",
              "required", "variable"]
    inlines = [ServiceAttributeValueInline]


class AttributeAnswerInline(admin.TabularInline):
    model = AttributeAnswer
    fields = ["code", "values"]
    readonly_fields = ["code", "values"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Open311Submission)
class Open311SubmissionAdmin(admin.ModelAdmin):
    list_display = ["complaint", "client", "device_id", "account_id", "created_at"]
    list_select_related = ["complaint", "client"]
    list_filter = ["client"]
    readonly_fields = ["complaint", "client", "device_id", "account_id", "media_url",
                       "address_string", "created_at"]
    exclude = ["updated_at"]
    inlines = [AttributeAnswerInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
