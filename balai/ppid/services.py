"""Every change in the PPID service: one service each, audited in its transaction.

Views, the admin, the API, tasks and commands all call these; nothing else writes a
request's status or clock (STYLE.md, One door per state change).
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
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
from balai.ppid.deadlines import (
    answer_deadline,
    dispute_filing_deadline,
    extended_deadline,
    objection_decision_deadline,
    objection_filing_deadline,
)
from balai.ppid.errors import PpidTransitionError
from balai.ppid.files import SUFFIX, PreparedFile
from balai.ppid.models import (
    AnnualReportText,
    Decision,
    DeliveredFile,
    DipEntry,
    Dispute,
    IdentityDocument,
    InformationRequest,
    Objection,
)
from balai.ppid.notice import notice_context, objection_decision_context

DIP_FIELDS = ("information_class", "title", "summary", "agency", "responsible", "made_when",
              "made_where", "available_forms", "retention", "year", "url", "exemption",
              "exemption_decree", "consequence_test", "exempt_until", "is_published")
DIP_FILE_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png",
                            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml."
                            "document"})


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
        if entry.file:
            errors["file"] = _("An exempt entry cannot carry the information itself; remove "
                               "the file.")
    else:
        entry.exemption, entry.exemption_decree, entry.exempt_until = "", "", None
        entry.consequence_test = ""
    if errors:
        raise ValidationError(errors)


def _dip_snapshot(entry: DipEntry) -> dict[str, Any]:
    return {name: (entry.agency.code if name == "agency" else getattr(entry, name))
            for name in DIP_FIELDS}


def _dip_attach(entry: DipEntry, file: PreparedFile | None) -> str:
    if file is None:
        return ""
    entry.file.save(f"{file.sha256[:16]}.{SUFFIX[file.content_type]}", file.content(),
                     save=False)
    return file.sha256


@transaction.atomic
def dip_entry_create(*, data: dict, actor, file: PreparedFile | None = None) -> DipEntry:
    """Add an entry to the Daftar Informasi Publik (Perki 1/2021 columns); audited."""
    entry = DipEntry(**{k: v for k, v in data.items() if k in DIP_FIELDS})
    if file is not None and entry.is_exempt:
        raise ValidationError({"file": _("An exempt entry cannot carry the information "
                                         "itself; remove the file.")})
    _dip_check(entry)
    entry.full_clean()
    digest = _dip_attach(entry, file)
    entry.save()
    log_action(entry, "ppid.dip_created", actor=actor,
               data={**_dip_snapshot(entry), "file_sha256": digest})
    return entry


@transaction.atomic
def dip_entry_update(*, entry: DipEntry, data: dict, actor, file: PreparedFile | None = None,
                     remove_file: bool = False) -> DipEntry:
    """Change a DIP entry; the audit keeps each changed column's old and new value."""
    entry = DipEntry.objects.select_for_update().get(pk=entry.pk)
    before = _dip_snapshot(entry)
    for name, value in data.items():
        if name in DIP_FIELDS:
            setattr(entry, name, value)
    if remove_file or (entry.is_exempt and file is None and entry.file):
        entry.file = ""
    if file is not None and entry.is_exempt:
        raise ValidationError({"file": _("An exempt entry cannot carry the information "
                                         "itself; remove the file.")})
    _dip_check(entry)
    entry.full_clean()
    after = _dip_snapshot(entry)
    changed = {k: {"from": before[k], "to": after[k]} for k in DIP_FIELDS
               if before[k] != after[k]}
    old_file = DipEntry.objects.filter(pk=entry.pk).values_list("file", flat=True).get()
    digest = _dip_attach(entry, file)
    if entry.file.name != old_file:
        changed["file"] = {"from": old_file, "to": entry.file.name, "sha256": digest}
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


# --- keberatan (objection) -------------------------------------------------------------

G = Objection.Ground
NEEDS_ANSWER = {G.REFUSED, G.WRONG_RESPONSE, G.NOT_FULFILLED, G.UNFAIR_COST}


def objection_ground_problem(*, req: InformationRequest, ground: str, today: date) -> str:
    """Why this ground cannot be raised on this request today; empty when it can."""
    decision = Decision.objects.filter(request=req).first()
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


def _date_text(value: date) -> str:
    return formats.date_format(value, "j F Y")


@transaction.atomic
def objection_file(*, request: InformationRequest, ground: str, ground_date: date,
                   case_summary: str, proxy_name: str = "", actor=None,
                   now: datetime | None = None) -> Objection:
    """File a keberatan with the atasan PPID (UU 14/2008 Pasal 35–36).

    Refused after the 30 working days from the date its ground arose; the atasan's
    30-working-day clock starts at day 0 with the office-hours cut-off.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    if ground not in G.values:
        raise ValidationError({"ground": _("Choose the ground of your objection.")})
    if not case_summary.strip():
        raise ValidationError({"case_summary": _("Describe what happened and what you "
                                                 "object to.")})
    req = _locked(request, {InformationRequest.Status.RECEIVED,
                            InformationRequest.Status.IN_PROGRESS,
                            InformationRequest.Status.ANSWERED}, _("objected to"))
    if req.objections.filter(status=Objection.Status.RECEIVED).exists():
        raise PpidTransitionError(_("An objection to this request is already waiting for the "
                                    "atasan PPID's decision."), code="pending")
    problem = objection_ground_problem(req=req, ground=ground, today=today)
    if problem:
        raise ValidationError({"ground": problem})
    if ground_date > today or ground_date < timezone.localdate(req.received_at):
        raise ValidationError({"ground_date": _("The date the ground arose must lie between "
                                                "the day of the request and today.")})
    calendar = get_work_calendar()
    last_day = objection_filing_deadline(ground_date, calendar)
    if today > last_day:
        raise ValidationError({"ground_date": _(
            "An objection must be filed within 30 working days of its ground: for a ground "
            "of %(ground)s the last day was %(last)s.") % {
                "ground": _date_text(ground_date), "last": _date_text(last_day)}},
            code="window")
    deadline = objection_decision_deadline(clock_start_for(now, calendar), calendar)
    objection = Objection.objects.create(
        request=req, ground=ground, ground_date=ground_date, filing_deadline=last_day,
        case_summary=case_summary.strip(), filed_by_proxy=proxy_name.strip(), filed_at=now,
        due_date=deadline.due, deadline_facts={"decision": deadline.as_dict()})
    objection.code = f"KEB-{timezone.localtime(now).year}-{objection.pk:06d}"
    objection.save(update_fields=["code"])
    req.status = InformationRequest.Status.OBJECTION
    _save(req, "status")
    log_action(objection, "ppid.objection_filed", actor=actor, data={
        "request": req.code, "ground": ground, "due_date": objection.due_date})
    log_action(req, "ppid.objection_filed", actor=actor, public=True, data={
        "objection": objection.code, "ground": ground, "due_date": objection.due_date})
    notify.objection_filed(objection)
    return objection


def _atasan_signer(actor) -> Signer:
    configured = getattr(settings, "PPID_ATASAN_SIGNER", None) or {}
    return Signer(name=configured.get("name") or actor.get_full_name(),
                  position=configured.get("position") or "Atasan PPID",
                  nip=configured.get("nip", ""), rank=configured.get("rank", ""))


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
    calendar = get_work_calendar()
    dispute_deadline = dispute_filing_deadline(timezone.localdate(now), calendar)
    fresh.outcome, fresh.reasons = outcome, reasons.strip()
    with override(settings.LANGUAGE_CODE):
        context = objection_decision_context(objection=fresh, dispute_deadline=dispute_deadline)
    letter = document_issue(kind=IssuedDocument.Kind.OBJECTION_DECISION, context=context,
                            unit=getattr(settings, "PPID_LETTER_UNIT", "PPID"),
                            classification=_notice_classification(),
                            signer=_atasan_signer(actor), actor=actor, backend=backend)
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.status != Objection.Status.RECEIVED:
            raise PpidTransitionError(_("This objection has already been decided."),
                                      code="done")
        locked.status = Objection.Status.DECIDED
        locked.outcome, locked.reasons = outcome, reasons.strip()
        locked.decision_document = letter
        locked.decided_by, locked.decided_at = actor, now
        locked.save(update_fields=["status", "outcome", "reasons", "decision_document",
                                   "decided_by", "decided_at", "updated_at"])
        req = _locked(locked.request, {InformationRequest.Status.OBJECTION}, _("decided"))
        req.status = InformationRequest.Status.ANSWERED
        req.deadline_facts = {**req.deadline_facts,
                              "dispute_deadline": dispute_deadline.isoformat()}
        _save(req, "status", "deadline_facts")
        data = {"objection": locked.code, "outcome": outcome,
                "letter": letter.number.full_number, "dispute_deadline": dispute_deadline,
                "on_time": timezone.localdate(now) <= locked.due_date}
        log_action(locked, "ppid.objection_decided", actor=actor, data=data)
        log_action(req, "ppid.objection_decided", actor=actor, public=True, data=data)
        notify.objection_decided(locked)
    return locked


# --- sengketa at the Komisi Informasi --------------------------------------------------

D = Dispute.Stage
STAGE_ORDER = [D.FILED, D.REGISTERED, D.MEDIATION, D.ADJUDICATION, D.DECIDED]


def dispute_window(req: InformationRequest, calendar) -> tuple[Objection | None, date | None]:
    """The objection a dispute follows and the last day to file it (UU 14/2008 Ps. 37(2)):
    14 working days from the atasan's decision, or from the day the atasan's 30 working
    days ran out without one. (None, None) while no objection allows a dispute."""
    decided = req.objections.filter(status=Objection.Status.DECIDED).order_by(
        "-decided_at").first()
    if decided is not None:
        return decided, dispute_filing_deadline(timezone.localdate(decided.decided_at),
                                                calendar)
    pending = req.objections.filter(status=Objection.Status.RECEIVED).first()
    if pending is not None and timezone.localdate() > pending.due_date:
        return pending, dispute_filing_deadline(pending.due_date, calendar)
    return None, None


@transaction.atomic
def dispute_record(*, request: InformationRequest, filed_by: str, filed_on: date,
                   commission: str, registration_number: str = "", actor=None) -> Dispute:
    """Record a sengketa filed at the Komisi Informasi (UU 14/2008 Pasal 37)."""
    if filed_by not in Dispute.FiledBy.values:
        raise ValidationError({"filed_by": _("Say who records the dispute.")})
    if not commission.strip():
        raise ValidationError({"commission": _("Name the information commission, for example "
                                               "Komisi Informasi Provinsi Jawa Timur.")})
    req = _locked(request, {InformationRequest.Status.ANSWERED,
                            InformationRequest.Status.OBJECTION}, _("taken to a dispute"))
    if req.disputes.exclude(stage__in=[D.DECIDED, D.WITHDRAWN]).exists():
        raise PpidTransitionError(_("A dispute about this request is already open."),
                                  code="open")
    objection, last_day = dispute_window(req, get_work_calendar())
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
    _save(req, "status")
    data = {"dispute": dispute.pk, "commission": dispute.commission, "filed_on": filed_on,
            "registration_number": dispute.registration_number, "filed_by": filed_by}
    log_action(dispute, "ppid.dispute_filed", actor=actor, data=data)
    log_action(req, "ppid.dispute_filed", actor=actor, public=True, data=data)
    return dispute


@transaction.atomic
def dispute_update(*, dispute: Dispute, stage: str, registration_number: str = "",
                   mediation_result: str = "", decision_date: date | None = None,
                   decision_summary: str = "", actor) -> Dispute:
    """Record the next step at the commission: registration, mediation, adjudication,
    decision (Pasal 38–39) or withdrawal; a decided or withdrawn dispute closes the request."""
    d = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if d.stage in (D.DECIDED, D.WITHDRAWN):
        raise PpidTransitionError(_("This dispute is already closed."), code="closed")
    if stage not in D.values or (stage != D.WITHDRAWN
                                 and STAGE_ORDER.index(stage) < STAGE_ORDER.index(d.stage)):
        raise ValidationError({"stage": _("Choose a later stage than the current one.")})
    if stage == D.DECIDED and not (decision_date and decision_summary.strip()):
        raise ValidationError({"decision_summary": _("Enter the date and the content of the "
                                                     "commission's decision.")})
    before = d.stage
    d.stage = stage
    d.registration_number = registration_number.strip() or d.registration_number
    d.mediation_result = mediation_result.strip() or d.mediation_result
    d.decision_date = decision_date or d.decision_date
    d.decision_summary = decision_summary.strip() or d.decision_summary
    d.save(update_fields=["stage", "registration_number", "mediation_result", "decision_date",
                          "decision_summary", "updated_at"])
    data = {"from": before, "to": stage, "registration_number": d.registration_number,
            "decision_date": d.decision_date}
    log_action(d, "ppid.dispute_updated", actor=actor, data=data)
    log_action(d.request, "ppid.dispute_updated", actor=actor, public=True, data=data)
    if stage in (D.DECIDED, D.WITHDRAWN):
        req = _locked(d.request, {InformationRequest.Status.DISPUTE}, _("closed"))
        req.status = InformationRequest.Status.CLOSED
        req.closed_at = timezone.now()
        _save(req, "status", "closed_at")
        log_action(req, "ppid.closed", actor=actor, public=True, data={"dispute": d.pk})
    return d


# --- the public archive ----------------------------------------------------------------

ANSWERED_STATES = {InformationRequest.Status.ANSWERED, InformationRequest.Status.OBJECTION,
                   InformationRequest.Status.DISPUTE, InformationRequest.Status.CLOSED}


@transaction.atomic
def information_request_publish(*, request: InformationRequest, summary: str,
                                actor) -> InformationRequest:
    """Put an answered request in the public archive with a summary an officer wrote
    without personal data; an empty summary takes it out again."""
    summary = summary.strip()
    req = _locked(request, ANSWERED_STATES, _("published"))
    if summary and nik_like(summary):
        raise ValidationError({"summary": _("The summary looks like it holds a NIK or a phone "
                                            "number; the archive carries no personal data.")})
    if summary == req.archive_summary:
        return req
    req.archive_summary = summary
    _save(req, "archive_summary")
    log_action(req, "ppid.archive_published" if summary else "ppid.archive_withdrawn",
               actor=actor, data={"length": len(summary)})
    return req


def nik_like(text: str) -> bool:
    """A run of 10 or more digits: a NIK, a phone number or an account number."""
    import re  # noqa: PLC0415

    return any(len(re.sub(r"\D", "", m)) >= 10 for m in re.findall(r"\d[\d .-]{8,}\d", text))


@transaction.atomic
def information_request_withdraw(*, request: InformationRequest, reason: str = "",
                                 actor=None, now: datetime | None = None) -> InformationRequest:
    """The requester withdraws a request that has not been answered yet; the clock stops."""
    req = _locked(request, OPEN, _("withdrawn"))
    req.status = InformationRequest.Status.WITHDRAWN
    req.closed_at = now or timezone.now()
    _save(req, "status", "closed_at")
    log_action(req, "ppid.withdrawn", actor=actor, public=True,
               data={"reason": reason.strip()[:500]})
    return req


@transaction.atomic
def annual_report_text_save(*, year: int, general_policy: str, obstacles: str,
                            recommendations: str, actor) -> AnnualReportText:
    """Save the written parts of a year's annual report (Perki 1/2021); audited."""
    text, _created = AnnualReportText.objects.select_for_update().get_or_create(year=year)
    values = {"general_policy": general_policy.strip(), "obstacles": obstacles.strip(),
              "recommendations": recommendations.strip()}
    changed = [k for k, v in values.items() if getattr(text, k) != v]
    if not changed:
        return text
    for key, value in values.items():
        setattr(text, key, value)
    text.updated_by = actor
    text.save(update_fields=[*changed, "updated_by", "updated_at"])
    log_action(text, "ppid.annual_report_text_saved", actor=actor,
               data={"year": year, "changed": changed})
    return text
