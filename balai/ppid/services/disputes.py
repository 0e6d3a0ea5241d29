"""Sengketa at the Komisi Informasi (UU 14/2008 Pasal 37–38)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.workflow import save_changed
from balai.ppid.deadlines import (
    cassation_deadline,
    court_claim_deadline,
    dispute_filing_deadline,
)
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import (
    CourtAppeal,
    Dispute,
    InformationRequest,
    Objection,
)
from balai.ppid.services._common import (
    _date_text,
)
from balai.ppid.workflow import WORKFLOW

D = Dispute.Stage
STAGE_ORDER = [D.FILED, D.REGISTERED, D.MEDIATION, D.ADJUDICATION, D.DECIDED]
SETTLING = {D.MEDIATION, D.ADJUDICATION}  # the stages of Pasal 38(1): settlement has begun


def _answered_on(objection: Objection) -> date | None:
    """The day the atasan's answer to a keberatan counts from for a dispute: the day the
    requester received it, or the last of the 30 working days when they ran out without
    one (Pasal 37(2));
    None while it may still be decided in time, or once withdrawn."""
    if objection.status == Objection.Status.DECIDED:
        # Sent by post and its delivery not yet recorded: the window has not begun, so it
        # runs at least 14 working days from today.
        return objection.answer_received_on or timezone.localdate()
    if objection.status == Objection.Status.RECEIVED and timezone.localdate() > objection.due_date:
        return objection.due_date
    return None


def dispute_window(req: InformationRequest, calendar, *, objection: Objection | None = None
                   ) -> tuple[Objection | None, date | None]:
    """The keberatan a dispute is about and the last day to file it (UU 14/2008 Ps. 37(2)):
    14 working days from the day the requester received the atasan's answer to that
    keberatan (Objection.answer_received_on), or from the day its 30
    working days ran out without one. Without a named keberatan, the latest filed one that
    allows a dispute: a second keberatan opens its own window, whatever the first's was.
    (None, None) while no keberatan allows a dispute."""
    candidates = [objection] if objection is not None else \
        req.objections.order_by("-filed_at", "-id")
    for candidate in candidates:
        answered_on = _answered_on(candidate)
        if answered_on is not None:
            return candidate, dispute_filing_deadline(answered_on, calendar)
    return None, None


@transaction.atomic
def dispute_record(*, request: InformationRequest, filed_by: str, filed_on: date,
                   commission: str, registration_number: str = "",
                   objection: Objection | None = None, actor=None) -> Dispute:
    """Record a sengketa filed at the Komisi Informasi (UU 14/2008 Pasal 37), about the
    named keberatan or else the latest one that allows a dispute."""
    if filed_by not in Dispute.FiledBy.values:
        raise ValidationError({"filed_by": _("Say who records the dispute.")})
    if not commission.strip():
        raise ValidationError({"commission": _("Name the information commission, for example "
                                               "Komisi Informasi Provinsi Jawa Timur.")})
    req = WORKFLOW.lock(request, "dispute")
    if req.disputes.exclude(stage__in=[D.DECIDED, D.WITHDRAWN]).exists():
        raise PpidTransitionError(_("A dispute about this request is already open."),
                                  code="open")
    if objection is not None and objection.request_id != req.pk:
        raise ValidationError({"objection": _("Choose an objection to this request.")})
    objection, last_day = dispute_window(req, get_work_calendar(), objection=objection)
    if objection is None:
        raise PpidTransitionError(_("A dispute follows an objection: it can be filed once the "
                                    "atasan PPID has decided, or the 30 working days for "
                                    "the decision have run out."), code="no_objection")
    if filed_on > timezone.localdate() or filed_on < timezone.localdate(req.received_at):
        raise ValidationError({"filed_on": _("The filing date must lie between the day of the "
                                             "request and today.")})
    if filed_on > last_day:
        raise ValidationError({"filed_on": _("A dispute must reach the Information Commission "
                                             "within 14 working days; the last day was "
                                             "%(last)s.") % {"last": _date_text(last_day)}})
    dispute = Dispute.objects.create(
        request=req, objection=objection, filed_by=filed_by, filed_on=filed_on,
        filing_deadline=last_day, commission=commission.strip(),
        registration_number=registration_number.strip(),
        stage=D.REGISTERED if registration_number.strip() else D.FILED)
    req.status = InformationRequest.Status.DISPUTE
    save_changed(req, "status")
    data = {"dispute": dispute.pk, "commission": dispute.commission, "filed_on": filed_on,
            "registration_number": dispute.registration_number, "filed_by": filed_by}
    log_action(dispute, "ppid.dispute_filed", actor=actor, data=data)
    log_action(req, "ppid.dispute_filed", actor=actor, data=data)
    return dispute


def _check_dates(*, d: Dispute, stage: str, started_on: date | None,
                 decision_date: date | None) -> None:
    """The dispute's dates: the decision neither before the filing nor in the future; the
    day the commission began settling (Pasal 38(1)) needed with mediation or adjudication,
    not before the filing, not in the future, not after the decision."""
    if decision_date is not None and decision_date < d.filed_on:
        raise ValidationError({"decision_date": _(
            "The commission cannot have decided before the dispute was filed on "
            "%(filed)s.") % {"filed": _date_text(d.filed_on)}})
    if decision_date is not None and decision_date > timezone.localdate():
        raise ValidationError({"decision_date": _(
            "The decision date cannot be in the future: record the decision once the "
            "commission has read it.")})
    if started_on is None and stage in SETTLING and d.settlement_started_on is None:
        raise ValidationError({"settlement_started_on": _(
            "Enter the day the commission began mediation or adjudication (its first "
            "session): the law gives it 14 working days from the filing.")})
    if started_on is not None:
        if stage in (D.FILED, D.REGISTERED):
            raise ValidationError({"settlement_started_on": _(
                "The commission has begun only once the dispute is in mediation or "
                "adjudication: choose that stage too.")})
        if started_on < d.filed_on:
            raise ValidationError({"settlement_started_on": _(
                "The commission cannot have begun before the dispute was filed on "
                "%(filed)s.") % {"filed": _date_text(d.filed_on)}})
        if started_on > timezone.localdate():
            raise ValidationError({"settlement_started_on": _(
                "The day the commission began cannot be in the future.")})
    started = started_on or d.settlement_started_on
    decided = decision_date or d.decision_date
    if started is not None and decided is not None and decided < started:
        raise ValidationError({"decision_date": _(
            "The commission began on %(started)s, after the decision of %(decided)s: "
            "check both dates.") % {"started": _date_text(started),
                                    "decided": _date_text(decided)}})


@transaction.atomic
def dispute_update(*, dispute: Dispute, stage: str, registration_number: str = "",
                   mediation_result: str = "", decision_date: date | None = None,
                   decision_summary: str = "", settlement_started_on: date | None = None,
                   actor) -> Dispute:
    """Record the next step at the commission: registration, mediation or adjudication
    (with the day it began, Pasal 38(1)), decision (Pasal 38–39) or withdrawal; a decided
    or withdrawn dispute closes the request."""
    d = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if not d.is_open:
        raise PpidTransitionError(_("This dispute is already closed."), code="closed")
    if stage not in D.values or (stage != D.WITHDRAWN
                                 and STAGE_ORDER.index(stage) < STAGE_ORDER.index(d.stage)):
        raise ValidationError({"stage": _("Choose a later stage than the current one.")})
    if stage == D.DECIDED and not (decision_date and decision_summary.strip()):
        raise ValidationError({"decision_summary": _("Enter the date and the content of the "
                                                     "commission's decision.")})
    _check_dates(d=d, stage=stage, started_on=settlement_started_on,
                 decision_date=decision_date)
    before = d.stage
    d.stage = stage
    d.registration_number = registration_number.strip() or d.registration_number
    d.mediation_result = mediation_result.strip() or d.mediation_result
    d.decision_date = decision_date or d.decision_date
    d.decision_summary = decision_summary.strip() or d.decision_summary
    d.settlement_started_on = settlement_started_on or d.settlement_started_on
    d.save(update_fields=["stage", "registration_number", "mediation_result", "decision_date",
                          "decision_summary", "settlement_started_on", "updated_at"])
    data = {"from": before, "to": stage, "registration_number": d.registration_number,
            "settlement_started_on": d.settlement_started_on,
            "decision_date": d.decision_date}
    log_action(d, "ppid.dispute_updated", actor=actor, data=data)
    log_action(d.request, "ppid.dispute_updated", actor=actor, data=data)
    if not d.is_open:
        req = WORKFLOW.lock(d.request, "close")
        req.status = InformationRequest.Status.CLOSED
        req.closed_at = timezone.now()
        save_changed(req, "status", "closed_at")
        log_action(req, "ppid.closed", actor=actor, data={"dispute": d.pk})
    return d


def _check_day(field: str, day: date, *, not_before: date, before_label: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})
    if day < not_before:
        raise ValidationError({field: _("The date cannot be before %(what)s (%(day)s).") % {
            "what": before_label, "day": _date_text(not_before)}})


@transaction.atomic
def dispute_carry_out(*, dispute: Dispute, carried_out_on: date, note: str,
                      actor) -> Dispute:
    """Record how the public body carried out the commission's decision (Perki 1/2021:
    the annual report says how each decision was carried out)."""
    d = Dispute.objects.select_for_update().select_related("request").get(pk=dispute.pk)
    if d.stage != D.DECIDED:
        raise PpidTransitionError(_("Only a decided dispute can be carried out."),
                                  code="not_decided")
    if not note.strip():
        raise ValidationError({"note": _("Say how the decision was carried out, for example "
                                         "the information given and the letter sent.")})
    _check_day("carried_out_on", carried_out_on, not_before=d.decision_date,
               before_label=_("the commission's decision"))
    d.carried_out_on, d.carried_out_note = carried_out_on, note.strip()
    d.save(update_fields=["carried_out_on", "carried_out_note", "updated_at"])
    data = {"dispute": d.pk, "carried_out_on": carried_out_on}
    log_action(d, "ppid.dispute_carried_out", actor=actor, data=data)
    log_action(d.request, "ppid.dispute_carried_out", actor=actor, data=data)
    return d


@transaction.atomic
def court_appeal_record(*, dispute: Dispute, level: str, court: str, filed_by: str,
                        filed_on: date, case_number: str = "", actor) -> CourtAppeal:
    """Record an appeal against the commission's decision: a claim at the PTUN or district
    court (UU 14/2008 Pasal 47–48), or cassation after the court's ruling (Pasal 50). The
    last day the law gives is recorded with it; a late appeal is recorded as late, not
    refused: the court decides whether it stands."""
    d = Dispute.objects.select_for_update().select_related("request").get(pk=dispute.pk)
    errors = {}
    if level not in CourtAppeal.Level.values:
        errors["level"] = _("Choose the kind of appeal.")
    if filed_by not in CourtAppeal.FiledBy.values:
        errors["filed_by"] = _("Say who appealed.")
    if not court.strip():
        errors["court"] = _("Name the court, for example PTUN Surabaya.")
    if errors:
        raise ValidationError(errors)
    if d.stage != D.DECIDED:
        raise PpidTransitionError(_("An appeal follows the commission's decision: record the "
                                    "decision first."), code="not_decided")
    appeals = {a.level: a for a in d.appeals.all()}
    if level in appeals:
        raise PpidTransitionError(_("This appeal is already recorded."), code="twice")
    if level == CourtAppeal.Level.CLAIM:
        since, label = d.decision_date, _("the commission's decision")
        last_day = court_claim_deadline(d.decision_date, get_work_calendar())
    else:
        claim = appeals.get(CourtAppeal.Level.CLAIM)
        if claim is None or claim.ruling_date is None:
            raise PpidTransitionError(_("Cassation follows the court's ruling on the claim: "
                                        "record the ruling first."), code="no_ruling")
        since, label = claim.ruling_date, _("the court's ruling")
        last_day = cassation_deadline(claim.ruling_date)
    _check_day("filed_on", filed_on, not_before=since, before_label=label)
    appeal = CourtAppeal.objects.create(
        dispute=d, level=level, court=court.strip(), filed_by=filed_by, filed_on=filed_on,
        filing_deadline=last_day, case_number=case_number.strip())
    data = {"dispute": d.pk, "level": level, "court": appeal.court, "filed_on": filed_on,
            "filing_deadline": last_day, "late": appeal.is_late}
    log_action(d, "ppid.court_appeal_filed", actor=actor, data=data)
    log_action(d.request, "ppid.court_appeal_filed", actor=actor, data=data)
    return appeal


@transaction.atomic
def court_appeal_update(*, appeal: CourtAppeal, ruling_date: date | None = None,
                        ruling: str = "", carried_out_on: date | None = None,
                        carried_out_note: str = "", actor) -> CourtAppeal:
    """Record the court's ruling on an appeal, and how the final ruling was carried out
    (the annual report's account of court rulings, Perki 1/2021)."""
    a = CourtAppeal.objects.select_for_update().select_related("dispute__request").get(
        pk=appeal.pk)
    if ruling_date is not None or ruling.strip():
        if ruling_date is None or not ruling.strip():
            raise ValidationError({"ruling": _("Enter the date and the content of the "
                                               "ruling.")})
        _check_day("ruling_date", ruling_date, not_before=a.filed_on,
                   before_label=_("the appeal"))
        a.ruling_date, a.ruling = ruling_date, ruling.strip()
    if carried_out_on is not None or carried_out_note.strip():
        if a.ruling_date is None:
            raise PpidTransitionError(_("A ruling is carried out once it is given: record "
                                        "the ruling first."), code="no_ruling")
        if carried_out_on is None or not carried_out_note.strip():
            raise ValidationError({"carried_out_note": _("Enter the date and how the ruling "
                                                         "was carried out.")})
        _check_day("carried_out_on", carried_out_on, not_before=a.ruling_date,
                   before_label=_("the ruling"))
        a.carried_out_on, a.carried_out_note = carried_out_on, carried_out_note.strip()
    a.save(update_fields=["ruling_date", "ruling", "carried_out_on", "carried_out_note",
                          "updated_at"])
    data = {"dispute": a.dispute_id, "level": a.level, "ruling_date": a.ruling_date,
            "carried_out_on": a.carried_out_on}
    log_action(a.dispute, "ppid.court_appeal_updated", actor=actor, data=data)
    log_action(a.dispute.request, "ppid.court_appeal_updated", actor=actor, data=data)
    return a
