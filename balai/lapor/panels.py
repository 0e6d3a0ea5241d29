"""The complaint desk's SP4N-LAPOR! panel on the staff workdesk (balai.dashboard reads it),
with its texts in this app's own catalogue."""

from django.utils.translation import gettext_lazy as _

from balai.core.pagination import capped_count
from balai.lapor.selectors import may_use, waiting_for_lapor

PANELS = {
    "lapor": {
        "title": _("SP4N-LAPOR!"),
        "text": _("Forwarded complaints to enter in LAPOR!, and the import of LAPOR!'s "
                  "dispositions and follow-ups."),
        "empty": _("Every forwarded complaint is in LAPOR!."),
        "url_name": "lapor:overview",
    },
}


def waiting_count(user) -> int:
    return capped_count(waiting_for_lapor()) if may_use(user) else 0


COUNTS = {"lapor": waiting_count}
