"""The audit actions of alert subscriptions (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("alerts", [
    Action("alerts.subscribed", _("Alert subscription requested")),
    Action("alerts.confirmed", _("Alert subscription confirmed")),
    Action("alerts.unsubscribed", _("Alert subscription ended")),
])
