"""Configuration only: sellers and listings are kept through the market's pages and
services; the admin lists them read-only (never the WhatsApp number; the NIK masked)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from balai.lib.nik import nik_mask
from balai.market.models import Listing, Seller


@admin.register(Seller)
class SellerAdmin(admin.ModelAdmin):
    list_display = ("business_name", "kim", "kelurahan", "status", "trusted")
    list_filter = ("status", "trusted")
    search_fields = ("business_name", "name", "email")
    exclude = ("whatsapp", "nik")
    readonly_fields = ("nik_masked",)

    @admin.display(description=_("NIK"))
    def nik_masked(self, obj):
        return nik_mask(obj.nik) if obj.nik else "—"

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Listing)
class ListingAdmin(admin.ModelAdmin):
    list_display = ("code", "title", "category", "price", "status", "expires_on")
    list_filter = ("status", "category")
    search_fields = ("code", "title")

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
