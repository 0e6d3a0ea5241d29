"""Requests: registration with the clock, delegation, extension, withdrawal."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.agencies.models import Agency
from balai.agencies.selectors import ppid_pembantu_agency_ids
from balai.core.audit import log_action
from balai.core.calendar import clock_start_for, get_work_calendar
from balai.core.tracking import case_code
from balai.core.workflow import save_changed, submitted_before
from balai.lib.nik import nik_check, normalise
from balai.ppid import notify
from balai.ppid.deadlines import (
    request_clock,
    set_alarms,
)
from balai.ppid.errors import PpidTransitionError
from balai.ppid.files import PreparedFile
from balai.ppid.models import (
    IdentityDocument,
    InformationRequest,
)
from balai.ppid.workflow import WORKFLOW


@dataclass
class RequestSubmission:
    """A new request as the web form or the service desk hands it over (Perki 1/2021)."""

    requester_kind: str
    name: str
    address: str
    information: str
    purpose: str
    obtain_method: str
    delivery_method: str
    nik: str = ""
    legal_document_number: str = ""
    representative_name: str = ""
    representative_nik: str = ""
    identity_as_given: str = ""
    occupation: str = ""
    phone: str = ""
    email: str = ""
    channel: str = InformationRequest.Channel.WEB
    idempotency_key: str | None = None


def nik_message(code: str, nik: str) -> str:
    """A message that says what is wrong with a NIK and how to fix it."""
    messages = {
        "digits": _("A NIK has only the digits 0–9. Copy it from your KTP."),
        "length": _("A NIK has 16 digits; you entered %(n)s. Copy it from your KTP.")
        % {"n": len(nik)},
        "province": _("The first two digits of a NIK are a province code; %(code)s is not "
                      "one. Check the NIK on your KTP.") % {"code": nik[:2]},
        "region": _("Digits 3 to 6 of a NIK are the codes of the regency/city and the "
                    "district; they cannot be 00. Check the NIK on your KTP."),
        "birth_date": _("Digits 7 to 12 of a NIK are the date of birth (day, month, year; "
                        "women add 40 to the day); %(part)s is not a date. Check the NIK on "
                        "your KTP.") % {"part": nik[6:12]},
        "serial": _("The last four digits of a NIK cannot be 0000. Check the NIK on your "
                    "KTP."),
    }
    return messages[code]


# Requests by telephone or by letter reach the officer without a KTP to look at: the
# identity is recorded as given (Perki 1/2021 lets a request be made orally or in writing).
AS_GIVEN_CHANNELS = {InformationRequest.Channel.PHONE, InformationRequest.Channel.POST}


def information_request_check(*, submission: RequestSubmission,
                              documents: dict[str, PreparedFile]) -> None:
    """The identity a request needs (Perki 1/2021): a contact for the answer; a valid NIK,
    or for a legal entity its deed number and the name and NIK of the person it authorises;
    and on the web the KTP, with the surat kuasa for a group, or for a legal entity the
    deed, the representative's KTP and the entity's letter of authority. Every problem at
    once, in one ValidationError keyed by the request form's fields."""
    K = InformationRequest.RequesterKind
    sub = submission
    errors: dict[str, str] = {}
    if sub.requester_kind not in K.values:
        errors["requester_kind"] = _("Choose who is asking.")
    elif sub.requester_kind == K.LEGAL_ENTITY:
        if not sub.legal_document_number.strip():
            errors["legal_document_number"] = _("Enter the number of the legal entity's "
                                                "Kemenkumham decree or deed.")
        if not sub.representative_name.strip():
            errors["representative_name"] = _("Enter the name of the person the legal entity "
                                              "authorises to make the request.")
        representative = nik_check(sub.representative_nik)
        if not sub.representative_nik.strip():
            errors["representative_nik"] = _("Enter the representative's NIK: the 16 digits "
                                             "on their KTP.")
        elif not representative.ok:
            errors["representative_nik"] = nik_message(representative.error,
                                                       representative.nik)
    elif not sub.nik.strip() and sub.channel in AS_GIVEN_CHANNELS:
        if not sub.identity_as_given.strip():
            errors["identity_as_given"] = _(
                "Without a NIK, write down the identity as the requester gave it: the "
                "document and number read out on the telephone, or the copy enclosed with "
                "the letter.")
    elif not sub.nik.strip():
        errors["nik"] = _("Enter your NIK: the 16 digits on your KTP.")
    else:
        check = nik_check(sub.nik)
        if not check.ok:
            errors["nik"] = nik_message(check.error, check.nik)
    if not (sub.phone or sub.email):
        errors["email"] = _("Give an e-mail address or a phone number so that we can send "
                            "you the answer.")
    if sub.channel == InformationRequest.Channel.WEB and sub.requester_kind in K.values:
        if IdentityDocument.Kind.KTP not in documents:
            errors[IdentityDocument.Kind.KTP] = (
                _("Upload a photo or scan of the representative's KTP.")
                if sub.requester_kind == K.LEGAL_ENTITY
                else _("Upload a photo or scan of your KTP."))
        if (sub.requester_kind == K.LEGAL_ENTITY
                and IdentityDocument.Kind.LEGAL_ENTITY not in documents):
            errors[IdentityDocument.Kind.LEGAL_ENTITY] = _(
                "Upload the deed or decree of the legal entity.")
        if sub.requester_kind == K.GROUP and IdentityDocument.Kind.AUTHORISATION not in documents:
            errors[IdentityDocument.Kind.AUTHORISATION] = _(
                "Upload the letter of authorisation (surat kuasa) from the group.")
        if (sub.requester_kind == K.LEGAL_ENTITY
                and IdentityDocument.Kind.AUTHORISATION not in documents):
            errors[IdentityDocument.Kind.AUTHORISATION] = _(
                "Upload the letter of authority by which the legal entity's management "
                "authorises the representative.")
    if errors:
        raise ValidationError(errors)


def information_request_submit(*, submission: RequestSubmission,
                               documents: dict[str, PreparedFile] | None = None, actor=None,
                               now: datetime | None = None) -> tuple[InformationRequest, str]:
    """Register a request and give its registration number at once (UU 14/2008 Ps. 22(4)).

    The clock starts at day 0 with the office-hours cut-off (DESIGN.md §3) and the due
    date is stored with the days it skipped. Returns the request and the requester's
    secret (shown once, in their link); a retried POST returns the first request.
    """
    now = now or timezone.now()
    documents = documents or {}
    existing = submitted_before(InformationRequest, submission.idempotency_key)
    if existing:
        return existing, ""
    information_request_check(submission=submission, documents=documents)
    calendar = get_work_calendar()
    start = clock_start_for(now, calendar)
    clock = request_clock(start, calendar, extended=False)
    secret, secret_hash = InformationRequest.new_secret()
    is_staff_intake = actor is not None and getattr(actor, "is_officer", False)
    try:
        with transaction.atomic():
            req = InformationRequest(
                requester_kind=submission.requester_kind, name=submission.name.strip(),
                nik=normalise(submission.nik) if submission.requester_kind != "badan_hukum"
                else "", legal_document_number=submission.legal_document_number.strip(),
                representative_name=submission.representative_name.strip()
                if submission.requester_kind == "badan_hukum" else "",
                representative_nik=normalise(submission.representative_nik)
                if submission.requester_kind == "badan_hukum" else "",
                identity_as_given=submission.identity_as_given.strip(),
                address=submission.address.strip(), occupation=submission.occupation.strip(),
                phone=submission.phone.strip(), email=submission.email.strip(),
                information=submission.information.strip(), purpose=submission.purpose.strip(),
                obtain_method=submission.obtain_method,
                delivery_method=submission.delivery_method, channel=submission.channel,
                intake_by=actor if is_staff_intake else None,
                received_at=now, clock_start=start, due_date=clock.due,
                original_due_date=clock.original_due,
                deadline_facts={**clock.facts, "received_after_hours":
                                start != timezone.localdate(now)},
                secret_hash=secret_hash,
                idempotency_key=submission.idempotency_key,
            )
            set_alarms(req, calendar)
            req.full_clean(exclude=["code", "secret_hash", "idempotency_key"])
            req.save()
            req.code = case_code("PPID", timezone.localtime(now).year, req.pk)
            req.save(update_fields=["code"])
            for kind, prepared in documents.items():
                IdentityDocument.objects.create(
                    request=req, kind=kind, file=prepared.content(),
                    content_type=prepared.content_type, size=len(prepared.data),
                    sha256=prepared.sha256)
            # No personal data in the trail: it feeds the public timeline.
            log_action(req, "ppid.submitted", actor=actor, data={
                "channel": req.channel, "clock_start": req.clock_start,
                "due_date": req.due_date})
            notify.submitted(req, secret)
    except IntegrityError:
        existing = submitted_before(InformationRequest, submission.idempotency_key)
        if existing:
            return existing, ""
        raise
    return req, secret




@transaction.atomic
def information_request_delegate(*, request: InformationRequest, agency: Agency,
                                 note: str = "", actor) -> InformationRequest:
    """The PPID utama hands a request to an OPD's PPID pembantu; the clock is kept."""
    if agency.is_external or not agency.is_active:
        raise ValidationError(_("Delegate to an active agency of this government."),
                              code="agency")
    req = WORKFLOW.lock(request, "delegate")
    previous = req.delegated_to.code if req.delegated_to_id else None
    req.delegated_to = agency
    req.delegated_at = timezone.now()
    req.delegation_note = note.strip()
    req.status = InformationRequest.Status.IN_PROGRESS
    save_changed(req, "delegated_to", "delegated_at", "delegation_note", "status")
    log_action(req, "ppid.delegated", actor=actor, data={
        "agency": agency.code, "previous": previous, "due_date": req.due_date})
    notify.delegated(req)
    return req


@transaction.atomic
def information_request_extend(*, request: InformationRequest, reason: str, actor,
                               now: datetime | None = None) -> InformationRequest:
    """Extend the deadline once by 7 working days, with written reasons (Ps. 22(8))."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Write the reason for the extension; the "
                                           "requester reads it.")})
    now = now or timezone.now()
    req = WORKFLOW.lock(request, "extend")
    if req.extended_at is not None:
        raise PpidTransitionError(_("The deadline has already been extended once; the law "
                                    "allows only one extension."), code="twice")
    if timezone.localdate(now) > req.due_date:
        raise PpidTransitionError(_("The deadline of %(due)s has passed; it can no longer be "
                                    "extended.") % {"due": req.due_date}, code="late")
    calendar = get_work_calendar()
    clock = request_clock(req.clock_start, calendar, extended=True)
    req.extended_at = now
    req.extension_reason = reason
    req.due_date = clock.due
    req.deadline_facts = {**req.deadline_facts, "extended": clock.facts["extended"]}
    req.reminder_sent_for = None
    if req.status == InformationRequest.Status.RECEIVED:
        req.status = InformationRequest.Status.IN_PROGRESS
    save_changed(req, "extended_at", "extension_reason", "due_date", "deadline_facts",
          "reminder_sent_for", "status", *set_alarms(req, calendar))
    log_action(req, "ppid.extended", actor=actor, data={
        "reason": reason, "due_date": req.due_date,
        "original_due_date": req.original_due_date})
    notify.extended(req)
    return req


@transaction.atomic
def information_request_take(*, request: InformationRequest, actor) -> InformationRequest:
    """The PPID takes a received request into work (no change to the clock)."""
    req = WORKFLOW.lock(request, "take")
    req.status = InformationRequest.Status.IN_PROGRESS
    save_changed(req, "status")
    log_action(req, "ppid.taken", actor=actor, data={})
    return req




@transaction.atomic
def information_request_withdraw(*, request: InformationRequest, reason: str = "",
                                 actor=None, now: datetime | None = None) -> InformationRequest:
    """The requester withdraws a request that has not been answered yet; the clock stops."""
    req = WORKFLOW.lock(request, "withdraw")
    req.status = InformationRequest.Status.WITHDRAWN
    req.closed_at = now or timezone.now()
    save_changed(req, "status", "closed_at")
    log_action(req, "ppid.withdrawn", actor=actor,
               data={"reason": reason.strip()[:500]})
    return req


def information_request_intake(*, submission: RequestSubmission,
                               documents: dict[str, PreparedFile] | None = None, actor,
                               now: datetime | None = None) -> InformationRequest:
    """Register a request received at a PPID desk, by letter, e-mail or telephone (UU 14/2008
    Pasal 22(3)). Received at an OPD's desk, it is delegated at once to that OPD's PPID
    pembantu, whose officer registered it; the clock is the one started at receipt."""
    req, _secret = information_request_submit(submission=submission, documents=documents,
                                              actor=actor, now=now)
    desk = ppid_pembantu_agency_ids(user=actor)
    if desk and not req.delegated_to_id:
        req = information_request_delegate(
            request=req, agency=Agency.objects.get(pk=min(desk)), actor=actor,
            note=_("Received at this agency's desk."))
    return req
