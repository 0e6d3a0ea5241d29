"""The media officer's and the verification team's panels on the staff workdesk
(balai.dashboard reads them), with their texts in this app's own catalogue."""

from datetime import timedelta

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.core.pagination import capped_count
from balai.media_partnerships.models import Application, Invoice
from balai.media_partnerships.redflags import UNPAID_DAYS

PANELS = {
    "media_verification": {
        "title": _("Media verification"),
        "text": _("Outlets' applications to check against the round's requirements and "
                  "decide, with a reason for every refusal."),
        "empty": _("No applications are waiting."),
        "url_name": "media_partnerships:applications",
    },
    "media_orders": {
        "title": _("Media orders"),
        "text": _("Orders from the rate card, proof of publication and invoices."),
        "empty": _("No orders yet."),
        "url_name": "media_partnerships:orders",
    },
    "media_flags": {
        "title": _("Unpaid media invoices"),
        "text": _("Invoices waiting more than 30 days, and the other red flags of media "
                  "spending."),
        "empty": _("No invoice has waited more than 30 days."),
        "url_name": "media_partnerships:red_flags",
    },
}


def verification_count(user) -> int:
    return capped_count(Application.objects.filter(
        status__in=[Application.Status.SUBMITTED, Application.Status.IN_REVIEW]))


def unpaid_count(user) -> int:
    cutoff = timezone.localdate() - timedelta(days=UNPAID_DAYS)
    return capped_count(Invoice.objects.filter(status=Invoice.Status.RECEIVED,
                                               received_on__lt=cutoff))


COUNTS = {"media_verification": verification_count, "media_flags": unpaid_count}
