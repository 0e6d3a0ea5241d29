from contextlib import suppress

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from balai.accounts.models import User
from balai.accounts.services import user_reset_two_factor

# Devices hold the TOTP secrets: they are not edited in the admin. A lost phone is handled
# by the audited "reset two-step verification" action on users.
for _model in (TOTPDevice, StaticDevice):
    with suppress(NotRegistered):
        admin.site.unregister(_model)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "full_name", "role", "is_active", "is_staff", "two_factor"]
    list_filter = ["role", "is_active", "is_staff"]
    search_fields = ["email", "full_name", "phone"]
    actions = ["reset_two_factor"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Person"), {"fields": ["full_name", "phone", "role"]}),
        (_("Signature on letters"), {"fields": ["position", "nip", "rank", "signature_nik"]}),
        (_("Access"), {"fields": ["is_active", "is_staff", "is_superuser", "groups"]}),
        (_("Dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"],
                "fields": ["email", "full_name", "role", "password1", "password2"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(has_authenticator=Exists(
            TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)))

    @admin.display(boolean=True, description=_("two-step verification"),
                   ordering="has_authenticator")
    def two_factor(self, obj) -> bool:
        return obj.has_authenticator

    @admin.action(description=_("Reset two-step verification (lost phone)"))
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            user_reset_two_factor(user=user, actor=request.user)
        count = queryset.count()
        self.message_user(request, ngettext(
            "Two-step verification was reset for %(count)d user; they set it up again at "
            "the next log-in.",
            "Two-step verification was reset for %(count)d users; they set it up again at "
            "the next log-in.", count) % {"count": count}, messages.SUCCESS)
