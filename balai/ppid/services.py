"""Every change in the PPID service: one service each, audited in its transaction.

Views, the admin, the API, tasks and commands all call these; nothing else writes a
request's status or clock (STYLE.md, One door per state change).
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.agencies.models import Agency
from balai.core.audit import log_action
from balai.core.calendar import clock_start_for, get_work_calendar
from balai.documents.models import Classification, IssuedDocument
from balai.documents.render import Signer
from balai.documents.services import document_issue
from balai.lib.nik import nik_check, normalise
from balai.ppid import notify
from balai.ppid.deadlines import answer_deadline, extended_deadline, objection_filing_deadline
from balai.ppid.errors import PpidTransitionError
from balai.ppid.files import PreparedFile
from balai.ppid.models import (
    Decision,
    DeliveredFile,
    DipEntry,
    IdentityDocument,
    InformationRequest,
)
from balai.ppid.notice import notice_context

DIP_FIELDS = ("information_class", "title", "summary", "agency", "responsible", "made_when",
              "made_where", "available_forms", "retention", "year", "url", "exemption",
              "exemption_decree", "consequence_test", "exempt_until", "is_published")


def _dip_check(entry: DipEntry) -> None:
    """An exempt entry carries its ground, decree and consequence test (UU 14/2008 Ps. 19)."""
    errors: dict[str, str] = {}
    if entry.is_exempt:
        if not entry.exemption:
            errors["exemption"] = _("Choose the Art. 17 ground that exempts this information.")
        if not entry.exemption_decree.strip():
            errors["exemption_decree"] = _("Enter the number of the decree that exempts this "
                                           "information.")
        if not entry.consequence_test.strip():
            errors["consequence_test"] = _("Record the consequence test (uji konsekuensi) "
                                           "that led to the exemption.")
    else:
        entry.exemption, entry.exemption_decree, entry.exempt_until = "", "", None
        entry.consequence_test = ""
    if errors:
        raise ValidationError(errors)


def _dip_snapshot(entry: DipEntry) -> dict[str, Any]:
    return {name: (entry.agency.code if name == "agency" else getattr(entry, name))
            for name in DIP_FIELDS}


@transaction.atomic
def dip_entry_create(*, data: dict, actor) -> DipEntry:
    """Add an entry to the Daftar Informasi Publik (Perki 1/2021 columns); audited."""
    entry = DipEntry(**{k: v for k, v in data.items() if k in DIP_FIELDS})
    _dip_check(entry)
    entry.full_clean()
    entry.save()
    log_action(entry, "ppid.dip_created", actor=actor, data=_dip_snapshot(entry))
    return entry


@transaction.atomic
def dip_entry_update(*, entry: DipEntry, data: dict, actor) -> DipEntry:
    """Change a DIP entry; the audit keeps each changed column's old and new value."""
    entry = DipEntry.objects.select_for_update().get(pk=entry.pk)
    before = _dip_snapshot(entry)
    for name, value in data.items():
        if name in DIP_FIELDS:
            setattr(entry, name, value)
    _dip_check(entry)
    entry.full_clean()
    after = _dip_snapshot(entry)
    changed = {k: {"from": before[k], "to": after[k]} for k in DIP_FIELDS
               if before[k] != after[k]}
    if not changed:
        return entry
    entry.save(update_fields=[*changed, "updated_at"])
    log_action(entry, "ppid.dip_updated", actor=actor, data={"changed": changed})
    return entry


# --- requests --------------------------------------------------------------------------

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
    occupation: str = ""
    phone: str = ""
    email: str = ""
    channel: str = InformationRequest.Channel.WEB
    idempotency_key: str | None = None


def _identity_rules(sub: RequestSubmission, documents: dict[str, PreparedFile]) -> None:
    """What identity a web request needs: NIK and KTP; kuasa for a group; deed for an entity."""
    K = InformationRequest.RequesterKind
    errors: dict[str, str] = {}
    if not (sub.phone or sub.email):
        errors["email"] = _("Give an e-mail address or a phone number so that we can send "
                            "you the answer.")
    if sub.requester_kind == K.LEGAL_ENTITY:
        if not sub.legal_document_number.strip():
            errors["legal_document_number"] = _("Enter the number of the legal entity's "
                                                "Kemenkumham decree or deed.")
    elif not nik_check(sub.nik).ok:
        errors["nik"] = _("Enter a valid NIK of 16 digits.")
    if sub.channel == InformationRequest.Channel.WEB:
        needed = {K.PERSON: IdentityDocument.Kind.KTP, K.GROUP: IdentityDocument.Kind.KTP,
                  K.LEGAL_ENTITY: IdentityDocument.Kind.LEGAL_ENTITY}[sub.requester_kind]
        if needed not in documents:
            errors[needed] = (_("Upload the deed or decree of the legal entity.")
                              if needed == IdentityDocument.Kind.LEGAL_ENTITY
                              else _("Upload a photo or scan of your KTP."))
        if sub.requester_kind == K.GROUP and IdentityDocument.Kind.AUTHORISATION not in documents:
            errors[IdentityDocument.Kind.AUTHORISATION] = _(
                "Upload the letter of authorisation (surat kuasa) from the group.")
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
    if submission.idempotency_key:
        existing = InformationRequest.objects.filter(
            idempotency_key=submission.idempotency_key).first()
        if existing:
            return existing, ""
    _identity_rules(submission, documents)
    calendar = get_work_calendar()
    start = clock_start_for(now, calendar)
    deadline = answer_deadline(start, calendar)
    secret = secrets.token_urlsafe(24)
    is_staff_intake = actor is not None and getattr(actor, "is_officer", False)
    try:
        with transaction.atomic():
            req = InformationRequest(
                requester_kind=submission.requester_kind, name=submission.name.strip(),
                nik=normalise(submission.nik) if submission.requester_kind != "badan_hukum"
                else "", legal_document_number=submission.legal_document_number.strip(),
                address=submission.address.strip(), occupation=submission.occupation.strip(),
                phone=submission.phone.strip(), email=submission.email.strip(),
                information=submission.information.strip(), purpose=submission.purpose.strip(),
                obtain_method=submission.obtain_method,
                delivery_method=submission.delivery_method, channel=submission.channel,
                intake_by=actor if is_staff_intake else None,
                received_at=now, clock_start=start, due_date=deadline.due,
                original_due_date=deadline.due,
                deadline_facts={"answer": deadline.as_dict(), "received_after_hours":
                                start != timezone.localdate(now)},
                secret_hash=InformationRequest.hash_secret(secret),
                idempotency_key=submission.idempotency_key,
            )
            req.full_clean(exclude=["code", "secret_hash", "idempotency_key"])
            req.save()
            req.code = f"PPID-{timezone.localtime(now).year}-{req.pk:06d}"
            req.save(update_fields=["code"])
            for kind, prepared in documents.items():
                IdentityDocument.objects.create(
                    request=req, kind=kind, file=prepared.content(),
                    content_type=prepared.content_type, size=len(prepared.data),
                    sha256=prepared.sha256)
            # No personal data in the trail: it feeds the public timeline.
            log_action(req, "ppid.submitted", actor=actor, public=True, data={
                "channel": req.channel, "clock_start": req.clock_start,
                "due_date": req.due_date})
            notify.submitted(req, secret)
    except IntegrityError:
        if submission.idempotency_key:
            existing = InformationRequest.objects.filter(
                idempotency_key=submission.idempotency_key).first()
            if existing:
                return existing, ""
        raise
    return req, secret


def _locked(req: InformationRequest, allowed: set[str], action: str) -> InformationRequest:
    fresh = InformationRequest.objects.select_for_update().get(pk=req.pk)
    if fresh.status not in allowed:
        raise PpidTransitionError(
            _("This request is %(status)s, so it cannot be %(action)s.")
            % {"status": fresh.get_status_display().lower(), "action": action},
            code="transition")
    return fresh


def _save(req: InformationRequest, *fields: str) -> None:
    req.save(update_fields=[*fields, "updated_at"])


OPEN = {InformationRequest.Status.RECEIVED, InformationRequest.Status.IN_PROGRESS}


@transaction.atomic
def information_request_delegate(*, request: InformationRequest, agency: Agency,
                                 note: str = "", actor) -> InformationRequest:
    """The PPID utama hands a request to an OPD's PPID pembantu; the clock is kept."""
    if agency.is_external or not agency.is_active:
        raise ValidationError(_("Delegate to an active agency of this government."),
                              code="agency")
    req = _locked(request, OPEN, _("delegated"))
    previous = req.delegated_to.code if req.delegated_to_id else None
    req.delegated_to = agency
    req.delegated_at = timezone.now()
    req.delegation_note = note.strip()
    req.status = InformationRequest.Status.IN_PROGRESS
    _save(req, "delegated_to", "delegated_at", "delegation_note", "status")
    log_action(req, "ppid.delegated", actor=actor, public=True, data={
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
    req = _locked(request, OPEN, _("extended"))
    if req.extended_at is not None:
        raise PpidTransitionError(_("The deadline has already been extended once; the law "
                                    "allows only one extension."), code="twice")
    if timezone.localdate(now) > req.due_date:
        raise PpidTransitionError(_("The deadline of %(due)s has passed; it can no longer be "
                                    "extended.") % {"due": req.due_date}, code="late")
    deadline = extended_deadline(req.clock_start, req.due_date, get_work_calendar())
    req.extended_at = now
    req.extension_reason = reason
    req.due_date = deadline.due
    req.deadline_facts = {**req.deadline_facts, "extended": deadline.as_dict()}
    req.reminder_sent_for = None
    if req.status == InformationRequest.Status.RECEIVED:
        req.status = InformationRequest.Status.IN_PROGRESS
    _save(req, "extended_at", "extension_reason", "due_date", "deadline_facts",
          "reminder_sent_for", "status")
    log_action(req, "ppid.extended", actor=actor, public=True, data={
        "reason": reason, "due_date": req.due_date,
        "original_due_date": req.original_due_date})
    notify.extended(req)
    return req


@transaction.atomic
def information_request_take(*, request: InformationRequest, actor) -> InformationRequest:
    """The PPID takes a received request into work (no change to the clock)."""
    req = _locked(request, {InformationRequest.Status.RECEIVED}, _("taken into work"))
    req.status = InformationRequest.Status.IN_PROGRESS
    _save(req, "status")
    log_action(req, "ppid.taken", actor=actor, public=True, data={})
    return req


# --- decision and written notice -------------------------------------------------------

@dataclass
class DecisionData:
    """The answer in the structure of UU 14/2008 Pasal 22(7) a–g."""

    is_held: bool
    outcome: str
    holder: str = ""
    exemption: str = ""
    other_ground: str = ""
    consequence_test: str = ""
    given: str = ""
    withheld: str = ""
    withheld_reason: str = ""
    form: str = ""
    delivery: str = ""
    cost: int = 0
    payment: str = ""


def decision_problems(data: DecisionData) -> dict[str, str]:
    """What a decision lacks before its notice can be issued; empty when complete."""
    Out = Decision.Outcome
    errors: dict[str, str] = {}
    if not data.is_held and data.outcome != Out.NOT_HELD:
        errors["outcome"] = _("Information that is not held can only be answered as “not "
                              "held”.")
    if data.is_held and data.outcome == Out.NOT_HELD:
        errors["outcome"] = _("The information is held: grant it, grant it in part or refuse "
                              "it.")
    if data.outcome in (Out.PARTLY, Out.REFUSED):
        if not (data.exemption or data.other_ground):
            errors["exemption"] = _("Choose the Art. 17 ground (or the Art. 6(3) ground) for "
                                    "what is withheld.")
        if not data.consequence_test.strip():
            errors["consequence_test"] = _("Record the consequence test: the harm disclosure "
                                           "would do and why withholding serves a larger "
                                           "interest.")
    if data.outcome in (Out.GRANTED, Out.PARTLY):
        if not data.given.strip():
            errors["given"] = _("Say what information is given.")
        if not data.form:
            errors["form"] = _("Choose the form in which it is given.")
        if not data.delivery:
            errors["delivery"] = _("Choose how it is delivered.")
    if data.outcome == Out.PARTLY and not (data.withheld.strip() and data.withheld_reason.strip()):
        errors["withheld"] = _("Say what is blacked out and why.")
    if data.cost < 0:
        errors["cost"] = _("The cost cannot be negative.")
    elif data.cost and not data.payment.strip():
        errors["payment"] = _("Say how to pay the cost.")
    return errors


def _notice_signer(actor) -> Signer:
    configured = getattr(settings, "PPID_SIGNER", None) or {}
    return Signer(name=configured.get("name") or actor.get_full_name(),
                  position=configured.get("position")
                  or "Pejabat Pengelola Informasi dan Dokumentasi",
                  nip=configured.get("nip", ""), rank=configured.get("rank", ""))


def information_request_decide(*, request: InformationRequest, data: DecisionData,
                               files: list[PreparedFile] | tuple = (), actor, backend=None,
                               now: datetime | None = None) -> Decision:
    """Decide a request and issue the written notice (UU 14/2008 Pasal 22(7) a–g).

    The notice is numbered, rendered, signed and stored by the documents service before
    the request changes state, so a failed signature leaves the request open.
    """
    errors = decision_problems(data)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    req = InformationRequest.objects.get(pk=request.pk)
    if req.status not in OPEN:
        raise PpidTransitionError(_("This request has already been answered."), code="done")
    if files and data.outcome not in (Decision.Outcome.GRANTED, Decision.Outcome.PARTLY):
        raise ValidationError({"files": _("Files can only be given with a (partial) grant.")})
    decision = Decision(request=req, decided_by=actor, decided_at=now,
                        **{k: v.strip() if isinstance(v, str) else v
                           for k, v in asdict(data).items()})
    calendar = get_work_calendar()
    objection_deadline = objection_filing_deadline(timezone.localdate(now), calendar)
    office = settings.BALAI_INSTALLATION.get("office_name", "")
    with override(settings.LANGUAGE_CODE):
        context = notice_context(req=req, decision=decision, office=office,
                                 objection_deadline=objection_deadline)
    notice = document_issue(kind=IssuedDocument.Kind.PPID_NOTICE, context=context,
                            unit=getattr(settings, "PPID_LETTER_UNIT", "PPID"),
                            classification=_notice_classification(), signer=_notice_signer(actor),
                            actor=actor, backend=backend)
    with transaction.atomic():
        req = _locked(request, OPEN, _("answered"))
        decision.request = req
        decision.notice = notice
        decision.full_clean(exclude=["request", "notice", "decided_by"])
        decision.save()
        for prepared in files:
            DeliveredFile.objects.create(request=req, file=prepared.content(),
                                         name=prepared.name or "berkas",
                                         content_type=prepared.content_type,
                                         size=len(prepared.data), sha256=prepared.sha256)
        req.status = InformationRequest.Status.ANSWERED
        req.answered_at = now
        req.deadline_facts = {**req.deadline_facts,
                              "objection_deadline": objection_deadline.isoformat()}
        _save(req, "status", "answered_at", "deadline_facts")
        log_action(req, "ppid.decided", actor=actor, public=True, data={
            "outcome": decision.outcome, "exemption": decision.exemption,
            "other_ground": decision.other_ground, "notice": notice.number.full_number,
            "on_time": timezone.localdate(now) <= req.due_date, "files": len(files)})
        notify.answered(req)
    return decision


def _notice_classification() -> Classification:
    code = getattr(settings, "PPID_LETTER_CLASSIFICATION", "000.8.3.3")
    return Classification.objects.get_or_create(
        code=code, defaults={"name": "Layanan informasi publik"})[0]
