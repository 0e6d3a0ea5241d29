"""Reads of the SP4N-LAPOR! exchange: who may use it, what waits to be sent there."""

from __future__ import annotations

from datetime import date

from django.db.models import QuerySet

from balai.complaints.models import Complaint
from balai.complaints.selectors import complaint_scope, submitted_between
from balai.complaints.workflow import DESK
from balai.lapor.models import LaporCase, LaporImport


def may_use(user) -> bool:
    """Exports and imports move cases between systems: the complaint desk (verifikator)."""
    return DESK in complaint_scope(user).sides


def waiting_for_lapor(date_from: date | None = None, date_to: date | None = None
                      ) -> QuerySet[Complaint]:
    """Forwarded to an outside body that balai cannot reach over Open311, and not yet known
    to LAPOR!: the cases an operator uploads there by hand."""
    qs = (Complaint.objects.filter(status=Complaint.Status.DITERUSKAN,
                                   forwarded_to__isnull=False, lapor_case__isnull=True)
          # the relation balai.forwarding adds to an outside body; read by name only
          .filter(forwarded_to__open311_endpoint__isnull=True))
    return submitted_between(qs, date_from, date_to).order_by("submitted_at", "id")


def recent_cases() -> QuerySet[LaporCase]:
    return LaporCase.objects.select_related("complaint")


def recent_imports() -> QuerySet[LaporImport]:
    return LaporImport.objects.select_related("actor")
