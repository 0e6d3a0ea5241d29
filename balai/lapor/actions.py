"""Audit actions of the SP4N-LAPOR! exchange (STYLE.md rule 9). What happens to a case
itself (created, numbered by LAPOR!, updated, closed) is recorded by complaints' actions."""

from django.utils.translation import gettext_lazy as _

from balai.core.actions import Action, ActionCatalogue

ACTIONS = ActionCatalogue("lapor", [
    Action("lapor.exported", _("Forwarded complaints exported for SP4N-LAPOR!")),
    Action("lapor.imported", _("SP4N-LAPOR! dispositions imported")),
])
