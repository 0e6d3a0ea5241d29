"""The data officer's panel on the staff workdesk (balai.dashboard reads it)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.budget.selectors import missing_documents

PANELS = {
    "budget": {
        "title": _("Budget transparency"),
        "text": _("Import each stage of the APBD and publish its documents; the count is the "
                  "documents due and not yet published."),
        "empty": _("Every budget document due has been published."),
        "url_name": "budget:staff",
    },
}


def budget_count(user) -> int:
    return missing_documents(today=timezone.localdate())


COUNTS = {"budget": budget_count}
