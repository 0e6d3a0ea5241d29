"""The decision, the written notice of Pasal 22(7) a–g, and the public archive."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.render import Signer, signer_for
from balai.documents.services import document_issue
from balai.ppid import notify
from balai.ppid.deadlines import objection_filing_deadline
from balai.ppid.errors import PpidTransitionError
from balai.ppid.files import PreparedFile
from balai.ppid.letters import letter_classification
from balai.ppid.models import (
    Decision,
    DeliveredFile,
    InformationRequest,
    Objection,
    OtherGround,
)
from balai.ppid.notice import notice_context
from balai.ppid.services._common import (
    _issue_claimed,
)
from balai.ppid.workflow import WORKFLOW


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


# Pasal 6(3)(a)–(d) name kinds of information a body may not give (danger to the state,
# unfair competition, personal rights, official secrecy); the notice must still refuse on
# a Pasal 17 ground (22(7)(c)) after a consequence test (Pasal 2(4), 19). Only 6(3)(e),
# information not yet held or documented, is a fact that stands alone: there is nothing
# to weigh, so no consequence test.
NOT_YET_DOCUMENTED = OtherGround.NOT_HELD


def _refusal_ground_problems(data: DecisionData) -> dict[str, str]:
    """Why a refusal or partial grant rests on no lawful ground (UU 14/2008 Pasal 2(4),
    6(3), 17, 22(7)(c)); empty when it does."""
    if data.exemption:
        if not data.consequence_test.strip():
            return {"consequence_test": _("Record the consequence test: the harm disclosure "
                                          "would do and why withholding serves a larger "
                                          "interest.")}
        return {}
    if data.other_ground == NOT_YET_DOCUMENTED:
        return {}
    if data.other_ground:
        return {"exemption": _("A refusal cannot rest on Art. 6(3)(a)–(d) alone: choose the "
                               "Art. 17 exemption the information falls under and record "
                               "the consequence test (Art. 22(7)(c) of Law 14/2008).")}
    return {"exemption": _("Choose the Art. 17 ground for what is withheld, or Art. 6(3)(e) "
                           "when the information is not yet held or documented.")}


Out = Decision.Outcome
GRANTS = frozenset({Out.GRANTED, Out.PARTLY})
_EXEMPTION = frozenset({"exemption", "other_ground", "consequence_test"})
_GIVEN = frozenset({"given", "form", "delivery", "cost", "payment"})
# The parts of Pasal 22(7) each outcome fills in, besides (a) held and (c) the decision:
# (b) who holds it; the Pasal 17 exemption and its consequence test (Pasal 19) for what is
# withheld; (d) what is given, (f) its form and delivery, (g) its cost; (e) what is blacked out.
OUTCOME_FIELDS = {
    Out.GRANTED: _GIVEN,
    Out.PARTLY: _EXEMPTION | _GIVEN | {"withheld", "withheld_reason"},
    Out.REFUSED: _EXEMPTION,
    Out.NOT_HELD: frozenset({"holder"}),
}
_PARTS = frozenset().union(*OUTCOME_FIELDS.values())


def decision_for_outcome(data: DecisionData) -> DecisionData:
    """The decision with its outcome's parts only: what was typed for another outcome (the
    form shows every part when JavaScript is off) never reaches the notice."""
    keep = OUTCOME_FIELDS.get(data.outcome, frozenset())
    return replace(data, **{f.name: 0 if f.name == "cost" else ""
                            for f in fields(DecisionData) if f.name in _PARTS - keep})


def decision_problems(data: DecisionData, *, files=()) -> dict[str, str]:
    """What a decision lacks before its notice can be issued; empty when complete."""
    errors: dict[str, str] = {}
    if not data.is_held and data.outcome != Out.NOT_HELD:
        errors["outcome"] = _("Information that is not held can only be answered as “not "
                              "held”.")
    if data.is_held and data.outcome == Out.NOT_HELD:
        errors["outcome"] = _("The information is held: grant it, grant it in part or refuse "
                              "it.")
    if data.outcome in (Out.PARTLY, Out.REFUSED):
        errors.update(_refusal_ground_problems(data))
    if data.outcome in GRANTS:
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
    if data.outcome == Out.GRANTED and data.form == InformationRequest.Obtain.SOFTCOPY \
            and not files:
        errors["files"] = _("A softcopy is given as a file: attach the information the "
                            "requester receives.")
    return errors


def objection_to_carry_out(req: InformationRequest) -> Objection | None:
    """The upheld keberatan a request in CARRYING_OUT waits on: the latest decided one that
    no decision has carried out yet."""
    if req.status != InformationRequest.Status.CARRYING_OUT:
        return None
    return (Objection.objects.select_related("decision_document__number")
            .filter(request=req, status=Objection.Status.DECIDED, carry_out_due__isnull=False,
                    carried_out_by__isnull=True)
            .order_by("-decided_at", "-id").first())


def carry_out_problems(objection: Objection | None, data: DecisionData) -> dict[str, str]:
    """What the new notice must respect of the atasan's decision it carries out: a
    refusal the atasan overturned (35(1)(a)) cannot be made again."""
    if objection is None or Objection.Ground.REFUSED not in objection.grounds:
        return {}
    if objection.outcome == Objection.Outcome.UPHELD and data.outcome != Out.GRANTED:
        return {"outcome": _("The atasan PPID upheld the objection against the refusal: "
                             "the information is to be given in full.")}
    if objection.outcome == Objection.Outcome.PARTLY and data.outcome not in GRANTS:
        return {"outcome": _("The atasan PPID partly upheld the objection against the "
                             "refusal: give at least part of the information.")}
    return {}


def _notice_signer(actor, backend=None) -> Signer:
    """Who signs the notice: the configured PPID official under the server seal; with
    BSrE, the official whose certificate signs, that is the one who typed the passphrase."""
    return signer_for(actor, position="Pejabat Pengelola Informasi dan Dokumentasi",
                      configured=None if backend is not None else settings.PPID_SIGNER)


def information_request_decide(*, request: InformationRequest, data: DecisionData,
                               files: list[PreparedFile] | tuple = (), actor, backend=None,
                               now: datetime | None = None) -> Decision:
    """Decide a request and issue the written notice (UU 14/2008 Pasal 22(7) a–g).

    The request is claimed first; the notice is then numbered, rendered, signed and
    stored by the documents service before the request changes state, so a failed
    signature leaves the request open, and a decision that cannot be recorded after its
    notice was signed cancels the notice's number with the reason.
    """
    data = decision_for_outcome(data)
    errors = decision_problems(data, files=files)
    if errors:
        raise ValidationError(errors)
    now = now or timezone.now()
    req = InformationRequest.objects.get(pk=request.pk)
    if not WORKFLOW.allows("decide", req.status):
        raise PpidTransitionError(_("This request has already been answered."), code="done")
    carries_out = objection_to_carry_out(req)
    errors = carry_out_problems(carries_out, data)
    if errors:
        raise ValidationError(errors)
    if files and data.outcome not in GRANTS:
        raise ValidationError({"files": _("Files can only be given with a (partial) grant.")})
    decision = Decision(request=req, objection=carries_out, decided_by=actor, decided_at=now,
                        **{k: v.strip() if isinstance(v, str) else v
                           for k, v in asdict(data).items()})
    calendar = get_work_calendar()
    objection_deadline = objection_filing_deadline(timezone.localdate(now), calendar)
    office = settings.BALAI_INSTALLATION.get("office_name", "")
    with override(settings.LANGUAGE_CODE):
        context = notice_context(req=req, decision=decision, office=office,
                                 objection_deadline=objection_deadline,
                                 carries_out=carries_out)

    def issue():
        return document_issue(kind=IssuedDocument.Kind.PPID_NOTICE, context=context,
                              unit=settings.PPID_LETTER_UNIT,
                              classification=letter_classification(
                                  IssuedDocument.Kind.PPID_NOTICE),
                              signer=_notice_signer(actor, backend), actor=actor,
                              backend=backend,
                              agency=req.delegated_to, now=now)

    def record(notice):
        locked = WORKFLOW.lock(request, "decide")
        decision.request = locked
        decision.notice = notice
        decision.full_clean(exclude=["request", "notice", "decided_by", "objection"])
        decision.save()
        for prepared in files:
            DeliveredFile.objects.create(request=locked, file=prepared.content(),
                                         name=prepared.name or "berkas",
                                         content_type=prepared.content_type,
                                         size=len(prepared.data), sha256=prepared.sha256)
        on_time = timezone.localdate(now) <= locked.due_date
        locked.status = InformationRequest.Status.ANSWERED
        locked.decision = decision
        locked.answered_at = now
        locked.deadline_facts = {**locked.deadline_facts,
                                 "objection_deadline": objection_deadline.isoformat()}
        save_changed(locked, "status", "decision", "answered_at", "deadline_facts")
        log_action(locked, "ppid.decided", actor=actor, data={
            "outcome": decision.outcome, "exemption": decision.exemption,
            "other_ground": decision.other_ground, "notice": notice.number.full_number,
            "on_time": on_time, "files": len(files),
            "carries_out": carries_out.code if carries_out else None})
        if carries_out is not None:
            log_action(carries_out, "ppid.objection_carried_out", actor=actor, data={
                "request": locked.code, "notice": notice.number.full_number,
                "outcome": decision.outcome, "carry_out_due": carries_out.carry_out_due,
                "on_time": on_time})
        notify.answered(locked)
        return decision

    # Claim the request before a number is reserved and a letter signed: of two officers
    # deciding at once, the second is refused before anything irreversible (issue 10).
    return _issue_claimed(InformationRequest, req.pk, status_in=WORKFLOW["decide"].sources,
                          issue=issue, record=record, actor=actor)






@transaction.atomic
def information_request_publish(*, request: InformationRequest, summary: str,
                                actor) -> InformationRequest:
    """Put an answered request in the public archive with a summary an officer wrote
    without personal data; an empty summary takes it out again."""
    summary = summary.strip()
    req = WORKFLOW.lock(request, "publish")
    if summary and nik_like(summary):
        raise ValidationError({"summary": _("The summary looks like it holds a NIK or a phone "
                                            "number; the archive carries no personal data.")})
    if summary == req.archive_summary:
        return req
    req.archive_summary = summary
    save_changed(req, "archive_summary")
    log_action(req, "ppid.archive_published" if summary else "ppid.archive_withdrawn",
               actor=actor, data={"length": len(summary)})
    return req


def nik_like(text: str) -> bool:
    """A run of 10 or more digits: a NIK, a phone number or an account number."""
    import re  # noqa: PLC0415

    return any(len(re.sub(r"\D", "", m)) >= 10 for m in re.findall(r"\d[\d .-]{8,}\d", text))
