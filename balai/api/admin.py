from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.accounts.models import STAFF_ROLES
from balai.api.models import StaffToken
from balai.api.services import staff_token_issue, staff_token_revoke


@admin.register(StaffToken)
class StaffTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "key_prefix", "is_active", "created_at", "last_used_at",
                    "expires_at", "revoked_at"]
    list_filter = ["is_active"]
    list_select_related = ["user"]
    search_fields = ["name", "key_prefix", "user__email", "user__full_name"]
    fields = ["user", "name", "expires_at", "key_prefix", "is_active", "created_at",
              "last_used_at", "revoked_at"]
    readonly_fields = ["key_prefix", "is_active", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        # The key belongs to one person: an issued token never moves to another user.
        return [*self.readonly_fields, "user"] if obj else self.readonly_fields

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["queryset"] = db_field.related_model.objects.filter(
                Q(role__in=STAFF_ROLES) | Q(is_superuser=True), is_active=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        _token, key = staff_token_issue(user=obj.user, name=obj.name,
                                        expires_at=obj.expires_at, actor=request.user,
                                        token=obj)
        messages.warning(request, _("The API token for %(user)s is %(key)s — copy it now: it "
                                    "is stored only as a hash and will not be shown again.")
                         % {"user": obj.user, "key": key})

    @admin.action(description=_("Revoke the selected API tokens"))
    def revoke(self, request, queryset):
        for token in queryset.filter(is_active=True).select_related("user"):
            staff_token_revoke(token=token, actor=request.user)
        messages.success(request, _("The selected API tokens are revoked."))

    def has_delete_permission(self, request, obj=None):
        return False  # revoke instead: the audit trail keeps pointing at the token
