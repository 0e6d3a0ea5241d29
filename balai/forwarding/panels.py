"""The complaint desk's panel of forwards over Open311 on the staff workdesk (balai.dashboard
reads it), with its texts in this app's own catalogue."""

from django.utils.translation import gettext_lazy as _

from balai.core.pagination import capped_count
from balai.forwarding.selectors import forwards_needing_attention, may_watch

PANELS = {
    "forwarding": {
        "title": _("Forwards over Open311"),
        "text": _("Complaints forwarded to outside bodies that could not be sent yet, with "
                  "the reason; the outside bodies' endpoints."),
        "empty": _("Every forward was sent."),
        "url_name": "forwarding:overview",
    },
}


def attention_count(user) -> int:
    return capped_count(forwards_needing_attention()) if may_watch(user) else 0


COUNTS = {"forwarding": attention_count}
