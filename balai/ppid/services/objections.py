"""Keberatan to the atasan PPID (UU 14/2008 Pasal 35–36)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.core.audit import log_action
from balai.core.calendar import clock_start_for, get_work_calendar
from balai.core.tracking import case_code
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.render import Signer, signer_for
from balai.documents.services import document_issue
from balai.ppid import notify
from balai.ppid.deadlines import (
    carry_out_deadline,
    dispute_filing_deadline,
    objection_decision_deadline,
    objection_filing_deadline,
    set_alarms,
)
from balai.ppid.errors import PpidTransitionError
from balai.ppid.letters import letter_classification
from balai.ppid.models import (
    Decision,
    InformationRequest,
    Objection,
)
from balai.ppid.notice import objection_decision_context
from balai.ppid.services._common import (
    _date_text,
    _issue_claimed,
)
from balai.ppid.workflow import OBJECTION_WORKFLOW, WORKFLOW

G = Objection.Ground
NEEDS_ANSWER = {G.REFUSED, G.WRONG_RESPONSE, G.NOT_FULFILLED, G.UNFAIR_COST}
# Upheld on these grounds, a keberatan orders the PPID to give a (new or revised) written
# notice: the refusal, the missing answer, the wrong or unfulfilled answer, the cost
# (Pasal 35(1)(a), (c), (d), (e), (f); 36(2)). (b) needs no request and (g), a late answer,
# is already answered: upheld on those alone, nothing is left for the PPID to give.
ORDERS_NEW_NOTICE = {G.REFUSED, G.NO_RESPONSE, G.WRONG_RESPONSE, G.NOT_FULFILLED,
                     G.UNFAIR_COST}
UPHOLDS = {Objection.Outcome.UPHELD, Objection.Outcome.PARTLY}


def objection_orders_new_notice(objection: Objection, outcome: str) -> bool:
    """Whether deciding `objection` with `outcome` orders the PPID to answer again."""
    return (objection.request_id is not None and outcome in UPHOLDS
            and bool(ORDERS_NEW_NOTICE & set(objection.grounds)))


def objection_ground_problem(*, req: InformationRequest, ground: str, today: date) -> str:
    """Why this ground cannot be raised on this request today; empty when it can."""
    decision = Decision.objects.filter(pk=req.decision_id).first()
    if ground in NEEDS_ANSWER and decision is None:
        return _("This ground needs an answer from the PPID first.")
    if ground == G.REFUSED and decision.outcome not in (Decision.Outcome.PARTLY,
                                                        Decision.Outcome.REFUSED):
        return _("The request was not refused on an Art. 17 ground.")
    if ground == G.UNFAIR_COST and not decision.cost:
        return _("No cost was charged for this request.")
    if ground == G.NO_RESPONSE and (decision is not None or today <= req.due_date):
        return _("The request can be objected to as unanswered only after its deadline "
                 "(%(due)s) has passed without an answer.") % {"due": _date_text(req.due_date)}
    if ground == G.LATE:
        late = (decision is not None and timezone.localdate(decision.decided_at) > req.due_date) \
            or (decision is None and today > req.due_date)
        if not late:
            return _("The answer was not late: it was due by %(due)s.") % {
                "due": _date_text(req.due_date)}
    return ""


def _grounds_checked(grounds) -> list[str]:
    """The grounds of Pasal 35(1) as given, once each in the law's order; at least one."""
    chosen = set(grounds or ())
    if not chosen or not chosen <= set(G.values):
        raise ValidationError({"grounds": _("Choose the ground of your objection.")})
    return [g for g in G.values if g in chosen]


def _window(ground_date: date, today: date, calendar) -> date:
    last_day = objection_filing_deadline(ground_date, calendar)
    if today > last_day:
        raise ValidationError({"ground_date": _(
            "An objection must be filed within 30 working days of its ground: for a ground "
            "of %(ground)s the last day was %(last)s.") % {
                "ground": _date_text(ground_date), "last": _date_text(last_day)}},
            code="window")
    return last_day


def _register(*, now: datetime, calendar, actor, **values) -> Objection:
    """Create the keberatan with its number and the atasan's 30 working days (day 0 with
    the office-hours cut-off), audited and announced."""
    deadline = objection_decision_deadline(clock_start_for(now, calendar), calendar)
    objection = Objection(filed_at=now, due_date=deadline.due,
                          deadline_facts={"decision": deadline.as_dict()}, **values)
    set_alarms(objection, calendar)
    objection.save()
    objection.code = case_code("KEB", timezone.localtime(now).year, objection.pk)
    objection.save(update_fields=["code"])
    data = {"grounds": objection.grounds, "due_date": objection.due_date}
    log_action(objection, "ppid.objection_filed", actor=actor, data={
        "request": objection.request.code if objection.request_id else "", **data})
    if objection.request_id:
        log_action(objection.request, "ppid.objection_filed", actor=actor,
                   data={"objection": objection.code, **data})
    notify.objection_filed(objection)
    return objection


@transaction.atomic
def objection_file(*, request: InformationRequest, grounds: list[str] | None = None,
                   ground: str = "", ground_date: date, case_summary: str,
                   proxy_name: str = "", actor=None, now: datetime | None = None) -> Objection:
    """File a keberatan with the atasan PPID on one or more grounds of Pasal 35(1) ("dan/
    atau") against a request (UU 14/2008 Pasal 35–36); `ground` is short for one ground.

    Refused after the 30 working days from the date its ground arose; the atasan's
    30-working-day clock starts at day 0 with the office-hours cut-off.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    grounds = _grounds_checked(grounds or ([ground] if ground else []))
    if not case_summary.strip():
        raise ValidationError({"case_summary": _("Describe what happened and what you "
                                                 "object to.")})
    req = WORKFLOW.lock(request, "object")
    if req.objections.filter(status=Objection.Status.RECEIVED).exists():
        raise PpidTransitionError(_("An objection to this request is already waiting for the "
                                    "atasan PPID's decision."), code="pending")
    problems = [p for p in (objection_ground_problem(req=req, ground=g, today=today)
                            for g in grounds) if p]
    if problems:
        raise ValidationError({"grounds": problems})
    if ground_date > today or ground_date < timezone.localdate(req.received_at):
        raise ValidationError({"ground_date": _("The date the ground arose must lie between "
                                                "the day of the request and today.")})
    calendar = get_work_calendar()
    objection = _register(
        now=now, calendar=calendar, actor=actor, request=req, grounds=grounds,
        ground_date=ground_date, filing_deadline=_window(ground_date, today, calendar),
        case_summary=case_summary.strip(), filed_by_proxy=proxy_name.strip())
    req.status = InformationRequest.Status.OBJECTION
    save_changed(req, "status")
    return objection


@dataclass(frozen=True)
class PeriodicObjector:
    """Who files a keberatan on periodic information without a request, and how to reach
    them (the atasan's answer goes there)."""

    name: str
    address: str
    email: str = ""
    phone: str = ""


@transaction.atomic
def objection_file_without_request(*, objector: PeriodicObjector, information: str,
                                   ground_date: date, case_summary: str, proxy_name: str = "",
                                   actor=None, now: datetime | None = None) -> Objection:
    """File a keberatan on ground 35(1)(b) alone: periodic information (Pasal 9) was not
    published. It needs no prior request (UU 14/2008 Pasal 35(1)(b), 36(1))."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    errors = {}
    if not objector.name.strip():
        errors["name"] = _("Enter your full name.")
    if not objector.address.strip():
        errors["address"] = _("Enter your address.")
    if not (objector.email.strip() or objector.phone.strip()):
        errors["email"] = _("Give an e-mail address or a phone number: the atasan PPID's "
                            "answer is sent there.")
    if not information.strip():
        errors["information"] = _("Name the periodic information that was not published.")
    if not case_summary.strip():
        errors["case_summary"] = _("Describe what happened and what you object to.")
    if ground_date > today:
        errors["ground_date"] = _("The date the ground arose cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    calendar = get_work_calendar()
    return _register(
        now=now, calendar=calendar, actor=actor, request=None, grounds=[G.PERIODIC_MISSING],
        requester_name=objector.name.strip(), requester_address=objector.address.strip(),
        requester_email=objector.email.strip(), requester_phone=objector.phone.strip(),
        information=information.strip(), ground_date=ground_date,
        filing_deadline=_window(ground_date, today, calendar),
        case_summary=case_summary.strip(), filed_by_proxy=proxy_name.strip())


def objection_answer_delivery(objection: Objection) -> str:
    """How the atasan's answer reaches the requester: by post or by hand when that is how
    they asked to receive the information (or, without a request, when they gave no
    e-mail), else electronically (e-mail, fax, and always the tracking page)."""
    req = objection.request
    if req is None:
        return (Objection.AnswerDelivery.ELECTRONIC if objection.requester_email
                else Objection.AnswerDelivery.POST)
    if req.delivery_method in (InformationRequest.Delivery.POST,
                               InformationRequest.Delivery.PICK_UP):
        return Objection.AnswerDelivery.POST
    return Objection.AnswerDelivery.ELECTRONIC


def _set_dispute_deadline(req: InformationRequest, dispute_deadline: date | None) -> None:
    facts = {**req.deadline_facts, "dispute_deadline": dispute_deadline.isoformat()
             if dispute_deadline else None}
    req.deadline_facts = {k: v for k, v in facts.items() if v is not None}


@transaction.atomic
def objection_answer_received(*, objection: Objection, received_on: date,
                              actor) -> Objection:
    """Record the day the requester received the atasan's answer sent by post or by hand,
    from the delivery receipt: the 14 working days for a dispute count from it (UU 14/2008
    Pasal 37(2))."""
    # Only the objection's row is locked: its request may be absent (a LEFT JOIN, which
    # PostgreSQL will not lock on the nullable side).
    locked = Objection.objects.select_for_update(of=("self",)).select_related("request").get(
        pk=objection.pk)
    if locked.status != Objection.Status.DECIDED:
        raise PpidTransitionError(_("The answer can be received once the atasan PPID has "
                                    "decided."), code="not_decided")
    if locked.answer_delivery != Objection.AnswerDelivery.POST:
        raise PpidTransitionError(_("This answer was sent electronically: it counts as "
                                    "received on the day it was sent."), code="electronic")
    if received_on < timezone.localdate(locked.decided_at) or received_on > timezone.localdate():
        raise ValidationError({"received_on": _(
            "The delivery date must lie between the decision (%(decided)s) and today.") % {
                "decided": _date_text(timezone.localdate(locked.decided_at))}})
    locked.answer_received_on = received_on
    locked.dispute_deadline = dispute_filing_deadline(received_on, get_work_calendar())
    locked.save(update_fields=["answer_received_on", "dispute_deadline", "updated_at"])
    data = {"objection": locked.code, "received_on": received_on,
            "dispute_deadline": locked.dispute_deadline}
    log_action(locked, "ppid.objection_answer_received", actor=actor, data=data)
    req = locked.request
    if req is not None:
        if req.objections.order_by("-filed_at", "-id").first().pk == locked.pk:
            _set_dispute_deadline(req, locked.dispute_deadline)
            save_changed(req, "deadline_facts")
        log_action(req, "ppid.objection_answer_received", actor=actor, data=data)
    return locked


def _carry_out_clock(req: InformationRequest, carry_out, calendar) -> tuple[str, ...]:
    """Start the PPID's clock to carry out an upheld keberatan on `req` (unsaved): its due
    date, how it was reached, fresh alarms. Returns the fields changed."""
    # A clock of its own, with no extension: its first due date is its due date (and may
    # fall before the request's first one, kept in `deadline_facts`).
    req.due_date = req.original_due_date = carry_out.due
    req.deadline_facts = {**req.deadline_facts,
                          "carry_out": {**carry_out.as_dict(), "workdays": carry_out.workdays}}
    req.reminder_sent_for = req.overdue_flagged_for = None
    return ("due_date", "original_due_date", "deadline_facts", "reminder_sent_for",
            "overdue_flagged_for", *set_alarms(req, calendar))


def _atasan_signer(actor, backend=None) -> Signer:
    """The configured atasan under the server seal; with BSrE, the one who signs."""
    return signer_for(actor, position="Atasan PPID",
                      configured=None if backend is not None else settings.PPID_ATASAN_SIGNER)


def objection_decide(*, objection: Objection, outcome: str, reasons: str, actor, backend=None,
                     now: datetime | None = None) -> Objection:
    """The atasan PPID's written decision on a keberatan, issued as a signed letter
    (UU 14/2008 Pasal 36(2)); the 14-working-day window for the Komisi Informasi opens."""
    if outcome not in Objection.Outcome.values:
        raise ValidationError({"outcome": _("Choose the decision on the objection.")})
    if len(reasons.strip()) < 20:
        raise ValidationError({"reasons": _("Write the reasons for the decision (at least 20 "
                                            "characters); the requester reads them.")})
    now = now or timezone.now()
    fresh = Objection.objects.select_related("request").get(pk=objection.pk)
    if fresh.status != Objection.Status.RECEIVED:
        raise PpidTransitionError(_("This objection has already been decided."), code="done")
    delivery = objection_answer_delivery(fresh)
    received_on = timezone.localdate(now) if delivery == Objection.AnswerDelivery.ELECTRONIC \
        else None
    calendar = get_work_calendar()
    dispute_deadline = (dispute_filing_deadline(received_on, calendar)
                        if received_on else None)
    carry_out = (carry_out_deadline(timezone.localdate(now), settings.PPID_CARRY_OUT_WORKDAYS,
                                    calendar)
                 if objection_orders_new_notice(fresh, outcome) else None)
    fresh.outcome, fresh.reasons = outcome, reasons.strip()
    fresh.answer_delivery, fresh.answer_received_on = delivery, received_on
    fresh.carry_out_due = carry_out.due if carry_out else None
    with override(settings.LANGUAGE_CODE):
        context = objection_decision_context(objection=fresh, dispute_deadline=dispute_deadline)
    def issue():
        return document_issue(kind=IssuedDocument.Kind.OBJECTION_DECISION, context=context,
                              unit=settings.PPID_LETTER_UNIT,
                              classification=letter_classification(
                                  IssuedDocument.Kind.OBJECTION_DECISION),
                              signer=_atasan_signer(actor, backend), actor=actor, backend=backend,
                              agency=fresh.request.delegated_to if fresh.request_id
                              else None, now=now)

    def record(letter):
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != Objection.Status.RECEIVED:
            raise PpidTransitionError(_("This objection has already been decided."),
                                      code="done")
        locked.status = Objection.Status.DECIDED
        locked.outcome, locked.reasons = outcome, reasons.strip()
        locked.decision_document = letter
        locked.decided_by, locked.decided_at = actor, now
        locked.answer_delivery, locked.answer_received_on = delivery, received_on
        locked.dispute_deadline = dispute_deadline
        locked.carry_out_due = fresh.carry_out_due
        locked.save(update_fields=["status", "outcome", "reasons", "decision_document",
                                   "decided_by", "decided_at", "answer_delivery",
                                   "answer_received_on", "dispute_deadline", "carry_out_due",
                                   "updated_at"])
        data = {"objection": locked.code, "outcome": outcome,
                "letter": letter.number.full_number, "answer_delivery": delivery,
                "answer_received_on": received_on, "dispute_deadline": dispute_deadline,
                "carry_out_due": locked.carry_out_due,
                "on_time": timezone.localdate(now) <= locked.due_date}
        log_action(locked, "ppid.objection_decided", actor=actor, data=data)
        if locked.request_id:
            # Answered again, or, when the decision orders a (new) written notice, open for
            # the PPID on a clock from the atasan's decision: the tracker, the queues and the
            # reports all say it is owed.
            changed: tuple[str, ...] = ()
            if carry_out is None:
                req = WORKFLOW.lock(locked.request, "objection_decide")
                req.status = InformationRequest.Status.ANSWERED
            else:
                req = WORKFLOW.lock(locked.request, "objection_order")
                req.status = InformationRequest.Status.CARRYING_OUT
                changed = _carry_out_clock(req, carry_out, calendar)
            _set_dispute_deadline(req, dispute_deadline)
            save_changed(req, "status", "deadline_facts", *changed)
            log_action(req, "ppid.objection_decided", actor=actor, data=data)
        notify.objection_decided(locked)
        return locked

    # Claimed before the letter is numbered and signed (issue 10, claim before you sign).
    return _issue_claimed(Objection, objection.pk, status_in=OBJECTION_WORKFLOW["decide"].sources,
                          issue=issue, record=record, actor=actor)


@transaction.atomic
def objection_requester_respond(*, objection: Objection, response: str,
                                actor=None) -> Objection:
    """The requester's reply to the atasan's decision, kept for the register (Perki form)."""
    response = response.strip()
    if not response:
        raise ValidationError({"response": _("Write your response.")})
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if locked.status != Objection.Status.DECIDED:
        raise PpidTransitionError(_("You can respond once the atasan PPID has decided."),
                                  code="not_decided")
    locked.requester_response = response[:5000]
    locked.save(update_fields=["requester_response", "updated_at"])
    log_action(locked, "ppid.objection_responded", actor=actor, data={"length": len(response)})
    return locked
