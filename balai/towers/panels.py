"""The tower officer's panels on the staff workdesk (balai.dashboard reads them), with
their texts in this app's own catalogue."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.core.pagination import capped_count
from balai.towers.models import Finding
from balai.towers.selectors import inspection_round

PANELS = {
    "towers": {
        "title": _("Towers"),
        "text": _("The tower map by status, the permit gap, inspections due, open findings "
                  "and levy arrears."),
        "empty": _("No towers registered yet."),
        "url_name": "towers:dashboard",
    },
    "tower_round": {
        "title": _("Inspection round"),
        "text": _("Towers never inspected, then the longest uninspected; the phone form "
                  "works without a signal."),
        "empty": _("Every tower has been inspected recently."),
        "url_name": "towers:round",
    },
    "tower_findings": {
        "title": _("Open findings"),
        "text": _("Problems found in the field: send the notice, follow up its deadline."),
        "empty": _("No open findings."),
        "url_name": "towers:findings",
    },
}


def round_count(user) -> int:
    return capped_count(inspection_round(user=user, today=timezone.localdate()))


def findings_count(user) -> int:
    return capped_count(Finding.objects.exclude(status=Finding.Status.RESOLVED))


COUNTS = {"tower_round": round_count, "tower_findings": findings_count}
