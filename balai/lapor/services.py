"""Writes of the SP4N-LAPOR! exchange: an import carries out every row's plan or none."""

from __future__ import annotations

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from balai.complaints.models import Complaint
from balai.complaints.services import (
    Submission,
    complaint_forward_close,
    complaint_forward_received,
    complaint_forward_update,
    complaint_submit,
)
from balai.core.audit import log_action
from balai.core.imports import ImportRow
from balai.lapor.imports import Plan, is_finished
from balai.lapor.models import LaporCase, LaporImport

SOURCE = "SP4N-LAPOR!"


def _intro(tracking_id: str, reported_on: date) -> str:
    return _("SP4N-LAPOR! report %(id)s, filed there on %(date)s.") % {
        "id": tracking_id, "date": date_format(reported_on, "j F Y")}


def _create(v: dict, actor, now: datetime | None) -> LaporCase:
    complaint, _secret = complaint_submit(submission=Submission(
        category=v["category"], title=v["title"],
        description=f"{v['description']}\n\n{_intro(v['tracking_id'], v['reported_on'])}",
        lat=v["lat"], lng=v["lng"], address=v["kelurahan_text"],
        reporter_name=v["reporter_name"], is_anonymous=v["anonymous"],
        is_confidential=v["confidential"], channel=Complaint.Channel.LAPOR,
        # a retried import finds the complaint of the first
        idempotency_key=f"lapor-{v['tracking_id']}"), actor=actor, now=now)
    return LaporCase.objects.create(
        tracking_id=v["tracking_id"], complaint=complaint, origin=LaporCase.Origin.DISPOSED,
        reported_on=v["reported_on"], lapor_status=v["status"], follow_up=v["follow_up"])


def _follow(case: LaporCase, v: dict, actor) -> None:
    """A case we forwarded through LAPOR!: its progress there shows on our timeline, and
    LAPOR!'s "selesai" closes ours with the follow-up as the answer."""
    complaint = case.complaint
    if case.origin != LaporCase.Origin.FORWARDED or complaint.status != Complaint.Status.DITERUSKAN:
        return
    if is_finished(v["status"]):
        complaint_forward_close(complaint=complaint, source=SOURCE, answer=v["follow_up"],
                                actor=actor)
    else:
        complaint_forward_update(complaint=complaint, source=SOURCE, status=v["status"],
                                 text=" — ".join(t for t in (v["status"], v["follow_up"]) if t),
                                 actor=actor)


@transaction.atomic
def lapor_import(*, rows: list[ImportRow], filename: str, actor,
                 now: datetime | None = None) -> LaporImport:
    """Carry out the checked rows (imports.parse); refuses a file with any row in error.
    A new complaint's clock starts `now`: when LAPOR! disposed it to us, not when the
    citizen wrote to LAPOR!."""
    if any(row.errors for row in rows):
        raise ValidationError(_("The file has rows in error; nothing was imported."))
    done = LaporImport(filename=filename[:255], actor=actor)
    for row in rows:
        v = row.values
        if v["plan"] == Plan.CREATE:
            _create(v, actor, now)
            done.created += 1
        elif v["plan"] == Plan.LINK:
            case = LaporCase.objects.create(
                tracking_id=v["tracking_id"], complaint=v["complaint"],
                origin=LaporCase.Origin.FORWARDED, reported_on=v["reported_on"])
            # LAPOR!'s number is the one the case now travels under
            if (v["complaint"].status == Complaint.Status.DITERUSKAN
                    and v["complaint"].external_reference != v["tracking_id"]):
                complaint_forward_received(complaint=v["complaint"],
                                           reference=v["tracking_id"], actor=actor)
            if v["status"] or v["follow_up"]:
                _follow(case, v, actor)
            case.lapor_status, case.follow_up = v["status"], v["follow_up"]
            case.save(update_fields=["lapor_status", "follow_up", "updated_at"])
            done.linked += 1
        elif v["plan"] == Plan.UPDATE:
            case = v["case"]
            _follow(case, v, actor)
            case.lapor_status, case.follow_up = v["status"], v["follow_up"]
            case.save(update_fields=["lapor_status", "follow_up", "updated_at"])
            done.updated += 1
        else:
            done.unchanged += 1
    done.save()
    log_action(done, "lapor.imported", actor=actor, data={
        "file": done.filename, "created": done.created, "linked": done.linked,
        "updated": done.updated, "unchanged": done.unchanged})
    return done
