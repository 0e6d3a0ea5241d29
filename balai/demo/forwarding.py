"""The demo's forwarding over Open311: the province's Open311 endpoint and one forwarded
case it registered under its own number and has since reported progress on.

The endpoint's address is made up, so it is switched off: `balai worker` never calls it
(the sweeps hold an off endpoint's forwards). The case's send is recorded as the worker
records it, dated a few minutes after the desk forwarded it; the update is mirrored through
the same complaints service the follow-up sweep uses.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from balai.accounts.models import Role, User
from balai.agencies.models import Agency
from balai.complaints.models import Complaint, ComplaintMessage
from balai.complaints.services import complaint_forward_received, complaint_forward_update
from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.demo.history import at, happened_at
from balai.forwarding.models import RemoteForward, RemoteUpdate
from balai.forwarding.services import endpoint_save
from balai.lib.workdays import add_workdays

PROVINCE = "dpu-bm-jatim"
REMOTE_URL = "https://balai.jatimprov.example/open311/v2"
UPDATE = ("Tim UPT Pengelolaan Jalan dan Jembatan Malang sudah meninjau lokasi; penambalan "
          "dijadwalkan minggu ini (data demo).")


@transaction.atomic
def load_forwarding() -> int:
    """The endpoint, and one forwarded case with their number and a mirrored update."""
    province = Agency.objects.filter(code=PROVINCE).first()
    admin = User.objects.filter(role=Role.ADMIN).first()
    if province is None or RemoteForward.objects.exists():
        return 0
    endpoint = endpoint_save(
        agency=province, base_url=REMOTE_URL, jurisdiction_id="jatimprov.go.id",
        api_key="demo-kunci-rekaan", service_map={
            "jalan-rusak": "JLN-RUSAK", "trotoar": "TROTOAR",
            "pju": "PJU-MATI", "drainase": "DRAINASE"},
        is_active=False, actor=admin)
    case = (Complaint.objects.filter(status=Complaint.Status.DITERUSKAN, forwarded_to=province)
            .order_by("submitted_at").first())
    if case is None:
        return 0
    forwarded = case.closed_at or case.submitted_at
    sent = min(forwarded + timedelta(minutes=3), timezone.now())
    reference = f"ADU-2026-{40000 + case.pk:06d}"
    forward = RemoteForward.objects.create(
        complaint=case, endpoint=endpoint, status=RemoteForward.Status.SENT,
        service_code=endpoint.service_map.get(case.category.code, "JLN-RUSAK"), attempts=1,
        sent_at=sent, remote_id=reference, remote_status="open", checked_at=timezone.now(),
        next_check_at=timezone.now() + timedelta(minutes=30))
    with happened_at(sent):
        log_action(case, "forwarding.sent", data={
            "forward": forward.pk, "to": PROVINCE, "service_code": forward.service_code,
            "remote_id": reference, "identity_sent": False, "attempt": 1})
        case = complaint_forward_received(complaint=case, reference=reference)
    day = add_workdays(timezone.localdate(forwarded), 2, get_work_calendar())
    updated = max(at(day, 10, 15), sent)
    RemoteUpdate.objects.create(forward=forward, update_id="demo-1", status="in_progress",
                                description=UPDATE, updated_datetime=updated)
    with happened_at(updated, ComplaintMessage):
        complaint_forward_update(complaint=case, source=province.name, text=UPDATE,
                                 status="in_progress")
    RemoteForward.objects.filter(pk=forward.pk).update(remote_status="in_progress",
                                                       updates_since=updated)
    return 1
