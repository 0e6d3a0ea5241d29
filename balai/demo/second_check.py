"""The demo's second check (issue 20): Inspektorat checks the answers PUPR gives in one
category before the reporters see them, and one answer waits for its check. The category
is the one of PUPR's oldest case in progress, so the story has its case whatever the
random walk of the demo's complaints produced."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from balai.accounts.models import User
from balai.agencies.models import Agency
from balai.complaints import services
from balai.complaints.models import Complaint
from balai.core.calendar import get_work_calendar
from balai.core.models import AuditEntry
from balai.demo.history import at, happened_at
from balai.lib.workdays import next_workday

CHECKER = "inspektorat"
OPERATOR = "operator.pupr@demo.balai.id"
ANSWER = ("Tim lapangan PUPR sudah memperbaiki kerusakan di lokasi; foto hasil perbaikan "
          "menyusul (data demo).")


@transaction.atomic
def load_second_check() -> int:
    unit = Agency.objects.filter(code=CHECKER).first()
    operator = User.objects.filter(email=OPERATOR).first()
    case = (Complaint.objects.filter(status=Complaint.Status.DIPROSES, agency__code="pupr",
                                     category__is_urgent=False,
                                     check_requested_at__isnull=True)
            .select_related("category").order_by("submitted_at").first())
    if unit is None or operator is None or case is None:
        return 0
    case.category.checker = unit
    case.category.save(update_fields=["checker"])
    last = AuditEntry.objects.filter(content_type__model="complaint",
                                     object_id=str(case.pk)).aggregate(at=Max("created_at"))
    # the next working day after its last step, at 10:30, but never after now
    day = next_workday(timezone.localdate(last["at"]) + timedelta(days=1), get_work_calendar())
    when = max(at(day, 10, 30), last["at"])
    with happened_at(when):
        services.complaint_answer(complaint=case, text=ANSWER, actor=operator, now=when)
    return 1
