"""Configuration only: verification rounds with their checklists, and the rate cards.
Outlets, applications, orders and invoices change through the services and pages.

A price or a requirement changed here is audited like any other change (the admin saves
in one transaction): who changed which line, to what."""

from django.contrib import admin

from balai.core.audit import log_action
from balai.media_partnerships.models import (
    MediaOutlet,
    PressCouncilCertificate,
    RateCard,
    RateItem,
    Requirement,
    VerificationRound,
)


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 1
    fields = ["order", "kind", "value", "label", "max_score"]


class AuditedAdmin(admin.ModelAdmin):
    """Logs `action` on the parent row with the inline lines added, changed or deleted."""

    action = ""

    def save_formset(self, request, form, formset, change):
        super().save_formset(request, form, formset, change)
        lines = {"added": [str(o) for o in formset.new_objects],
                 "changed": [str(o) for o, _fields in formset.changed_objects],
                 "deleted": [str(o) for o in formset.deleted_objects]}
        log_action(form.instance, self.action, actor=request.user,
                   data={"via": "admin", **lines})


@admin.register(VerificationRound)
class VerificationRoundAdmin(AuditedAdmin):
    action = "media_partnerships.round_saved"
    list_display = ["name", "year", "opens_on", "closes_on", "valid_until"]
    inlines = [RequirementInline]


class RateItemInline(admin.TabularInline):
    model = RateItem
    extra = 1


@admin.register(RateCard)
class RateCardAdmin(AuditedAdmin):
    action = "media_partnerships.rate_card_saved"
    list_display = ["year", "legal_basis"]
    inlines = [RateItemInline]


class CertificateInline(admin.TabularInline):
    """The Press Council certificates the outlet has held, read only: they are recorded by
    the outlet services (registration, the outlet's own update), which keep the history the
    'certificate lapsed during an order' red flag reads."""

    model = PressCouncilCertificate
    fields = readonly_fields = ["number", "valid_from", "valid_until"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MediaOutlet)
class MediaOutletAdmin(admin.ModelAdmin):
    """Read only: an outlet keeps its data current through its own link, so a Press Council
    certificate changes only through `outlet_update`, which records it in the history."""

    list_display = ["name", "media_type", "press_council_status", "press_council_valid_until",
                    "tier", "verified_until"]
    search_fields = ["name", "company_name"]
    inlines = [CertificateInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
