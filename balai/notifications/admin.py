from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.defaultfilters import truncatechars
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from balai.core.admin import ReadOnlyAdminMixin
from balai.notifications.models import Outbox
from balai.notifications.services import outbox_retry


@admin.register(Outbox)
class OutboxAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Read-only view of the outbox; the only change is the retry action (one door)."""

    list_display = ["id", "created_at", "channel", "recipient", "template", "status",
                    "attempts_display", "next_attempt_at", "error_excerpt"]
    list_filter = ["status", "channel", "template"]
    search_fields = ["recipient", "subject", "dedupe_key", "provider_message_id", "object_id"]
    date_hierarchy = "created_at"
    list_select_related = ["content_type"]
    actions = ["retry_selected"]
    readonly_fields = [field.name for field in Outbox._meta.fields]

    @admin.display(description=_("attempts"))
    def attempts_display(self, obj: Outbox) -> str:
        return f"{obj.attempts}/{obj.max_attempts}"

    @admin.display(description=_("last error"))
    def error_excerpt(self, obj: Outbox) -> str:
        return truncatechars(obj.last_error, 80)

    def has_retry_permission(self, request) -> bool:
        return request.user.has_perm("notifications.change_outbox")

    @admin.action(description=_("Retry the selected failed messages"), permissions=["retry"])
    def retry_selected(self, request, queryset):
        retried, skipped = 0, 0
        for outbox in queryset.filter(status=Outbox.Status.FAILED):
            try:
                outbox_retry(outbox=outbox, actor=request.user)
            except ValidationError:
                skipped += 1
            else:
                retried += 1
        skipped += queryset.exclude(status=Outbox.Status.FAILED).count()
        if retried:
            self.message_user(request, ngettext(
                "%(count)d message queued again.", "%(count)d messages queued again.", retried,
            ) % {"count": retried}, messages.SUCCESS)
        if skipped:
            self.message_user(request, ngettext(
                "%(count)d message skipped: only failed messages can be retried.",
                "%(count)d messages skipped: only failed messages can be retried.", skipped,
            ) % {"count": skipped}, messages.WARNING)
