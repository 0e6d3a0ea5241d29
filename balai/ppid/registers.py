"""The registers of requests and of objections (Perki 1/2021 forms), for pages and XLSX.

One row builder per register feeds both the staff page and the export, so the two never
disagree. The requester's address and contact are written only for viewers who may see
them (PPID officers and the atasan); NIK is never in a register.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.ppid.models import InformationRequest, Objection

HIDDEN = "•••"


def request_register_headers() -> list[str]:
    return [_("No."), _("Date received"), _("Registration number"), _("Name"), _("Address"),
            _("Contact"), _("Occupation"), _("Information requested"), _("Purpose"),
            _("Held"), _("How to obtain"), _("How to deliver"), _("Decision"),
            _("Exemption ground"),
            _("Written notice"), _("Date of the notice"), _("Working days taken"),
            _("Cost (Rp)"), _("Handled by"), _("Status"), _("Notes")]


def request_register_queryset(qs: QuerySet[InformationRequest]) -> QuerySet:
    return qs.select_related("delegated_to", "decision", "decision__notice__number").order_by(
        "received_at", "id")


def request_register_rows(qs, *, with_identity: bool, calendar):
    from balai.lib.workdays import workdays_between  # noqa: PLC0415

    for n, r in enumerate(qs, start=1):
        d = getattr(r, "decision", None)
        notes = []
        if r.is_extended:
            notes.append(_("extended: %(reason)s") % {"reason": r.extension_reason})
        if r.delegated_to_id:
            notes.append(_("delegated to %(agency)s") % {"agency": r.delegated_to})
        taken = (workdays_between(r.clock_start, timezone.localdate(d.decided_at), calendar)
                 if d else None)
        yield [
            n, timezone.localdate(r.received_at), r.code, r.name,
            r.address if with_identity else HIDDEN,
            " ".join(x for x in (r.email, r.phone) if x) if with_identity else HIDDEN,
            r.occupation, r.information, r.purpose,
            (_("yes") if d.is_held else _("no")) if d else "",
            r.get_obtain_method_display(), r.get_delivery_method_display(),
            d.get_outcome_display() if d else "",
            "; ".join(x for x in ((d.get_exemption_display() if d and d.exemption else ""),
                                  (d.get_other_ground_display() if d and d.other_ground
                                   else "")) if x),
            d.notice.number.full_number if d and d.notice_id else "",
            timezone.localdate(d.decided_at) if d else None, taken,
            d.cost if d else None,
            str(r.delegated_to) if r.delegated_to_id else _("PPID utama"),
            r.get_status_display(), "; ".join(notes),
        ]


def objection_register_headers() -> list[str]:
    return [_("No."), _("Objection number"), _("Date received"), _("Requester"),
            _("Filed by (proxy)"), _("Request number"), _("Information requested"),
            _("Purpose"), _("Ground (Art. 35(1))"), _("Case summary"), _("Decision due"),
            _("Decision of the atasan PPID"), _("Reasons"), _("Date of the decision"),
            _("Decided by"), _("Decision letter"), _("Requester's response")]


def objection_register_queryset(qs: QuerySet[Objection]) -> QuerySet:
    return qs.select_related("request", "decided_by", "decision_document__number").order_by(
        "filed_at", "id")


def objection_register_rows(qs, *, with_identity: bool):
    for n, o in enumerate(qs, start=1):
        yield [
            n, o.code, timezone.localdate(o.filed_at),
            o.name if with_identity else HIDDEN, o.filed_by_proxy,
            o.request.code if o.request_id else "",
            o.request.information if o.request_id else o.information,
            o.request.purpose if o.request_id else "", o.grounds_display, o.case_summary,
            o.due_date, o.get_outcome_display() if o.outcome else "", o.reasons,
            timezone.localdate(o.decided_at) if o.decided_at else None,
            o.decided_by.get_full_name() if o.decided_by_id else "",
            o.decision_document.number.full_number if o.decision_document_id else "",
            o.requester_response,
        ]
