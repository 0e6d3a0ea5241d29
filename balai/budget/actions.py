"""Every audit action of budget transparency, named once (STYLE.md rule 9)."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("budget", [
    Action("budget.imported", _("Budget stage imported from a file")),
    Action("budget.document_published", _("Budget document published")),
    Action("budget.document_withdrawn", _("Budget document withdrawn")),
])
