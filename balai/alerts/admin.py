from django.contrib import admin

from balai.alerts.models import Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    """Read-only: subscriptions change through their links (confirm, unsubscribe)."""

    list_display = ["recipient", "channel", "events", "frequency", "area", "category",
                    "agency", "radius_m", "confirmed_at", "unsubscribed_at"]
    list_filter = ["channel", "events", "frequency"]
    search_fields = ["recipient"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
