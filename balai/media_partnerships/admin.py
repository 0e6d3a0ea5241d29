"""Configuration only: verification rounds with their checklists, and the rate cards.
Outlets, applications, orders and invoices change through the services and pages."""

from django.contrib import admin

from balai.media_partnerships.models import (
    MediaOutlet,
    RateCard,
    RateItem,
    Requirement,
    VerificationRound,
)


class RequirementInline(admin.TabularInline):
    model = Requirement
    extra = 1
    fields = ["order", "kind", "value", "label", "max_score"]


@admin.register(VerificationRound)
class VerificationRoundAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "opens_on", "closes_on", "valid_until"]
    inlines = [RequirementInline]


class RateItemInline(admin.TabularInline):
    model = RateItem
    extra = 1


@admin.register(RateCard)
class RateCardAdmin(admin.ModelAdmin):
    list_display = ["year", "legal_basis"]
    inlines = [RateItemInline]


@admin.register(MediaOutlet)
class MediaOutletAdmin(admin.ModelAdmin):
    """Read only: an outlet keeps its data current through its own link."""

    list_display = ["name", "media_type", "press_council_status", "tier", "verified_until"]
    search_fields = ["name", "company_name"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
