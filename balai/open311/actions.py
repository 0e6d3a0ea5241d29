"""Audit actions of the Open311 server (STYLE.md rule 9), on the staff side only: what a
partner's update did to the case is recorded by the complaints service it went through."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("open311", [
    Action("open311.client_issued", _("Open311 api_key issued")),
    Action("open311.client_revoked", _("Open311 api_key revoked")),
    Action("open311.update_received", _("Update received from a partner installation")),
])
