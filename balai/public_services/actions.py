"""Every audit action of the service directory, named once (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("public_services", [
    Action("public_services.created", _("Service standard created")),
    Action("public_services.updated", _("Service standard changed")),
    Action("public_services.complaint_linked", _("A citizen complained about the service")),
    Action("public_services.skm_answered", _("A satisfaction survey was answered")),
])
