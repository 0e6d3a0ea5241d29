"""The KIM and market officer's panels on the staff workdesk (balai.dashboard reads them),
with their texts in this app's own catalogue."""

from django.utils.translation import gettext_lazy as _

from balai.core.pagination import capped_count
from balai.market.selectors import market_scope, moderation_queue

PANELS = {
    "kim_registry": {
        "title": _("KIM registry"),
        "text": _("The KIM, their decrees, officers, activities and sites; the coverage of "
                  "kelurahan."),
        "empty": _("No KIM registered yet."),
        "url_name": "community_groups:manage_index",
    },
    "market_moderation": {
        "title": _("Market moderation"),
        "text": _("Sellers to verify, listings to review and reports on listings."),
        "empty": _("Nothing waiting."),
        "url_name": "market:staff_queue",
    },
    "kim_competitions": {
        "title": _("KIM competitions"),
        "text": _("The Lomba KIM: criteria, judges, scores and results."),
        "empty": "",
        "url_name": "community_groups:competitions",
    },
}


def moderation_count(user) -> int:
    """What waits for this moderator: sellers, listings and reports (capped counts)."""
    queue = moderation_queue(market_scope(user))
    return sum(capped_count(rows) for rows in queue.values())


def kim_count(user) -> int:
    from balai.community_groups.selectors import kims_kept_by  # noqa: PLC0415

    return capped_count(kims_kept_by(user))


COUNTS = {"market_moderation": moderation_count, "kim_registry": kim_count}
