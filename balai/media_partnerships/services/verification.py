"""Verification rounds and applications: automatic checks, the team's scores, a decision
with reasons and a tier, and the decision letter."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.services import document_issue, letter_number_cancel
from balai.media_partnerships import notify
from balai.media_partnerships.checks import requirement_check
from balai.media_partnerships.errors import MediaTransitionError
from balai.media_partnerships.letters import (
    decision_context,
    letter_classification,
    letter_signer,
)
from balai.media_partnerships.models import (
    Application,
    ApplicationItem,
    MediaOutlet,
    Tier,
    VerificationRound,
)
from balai.media_partnerships.selectors import outlet_facts
from balai.media_partnerships.workflow import WORKFLOW

S = Application.Status
CLAIM_EXPIRES = timedelta(minutes=10)


def _run_checks(application: Application, *, today) -> None:
    """(Re)write every item's automatic finding from the outlet's data as it is `today`;
    the team's verdicts and notes stay."""
    facts = outlet_facts(application.outlet)
    existing = {i.requirement_id: i for i in application.items.all()}
    for requirement in application.round.requirements.all():
        found = requirement_check(requirement.kind, requirement.value, facts, today=today)
        item = existing.get(requirement.pk) or ApplicationItem(application=application,
                                                               requirement=requirement)
        item.auto_result, item.auto_reason = found.result, found.reason[:500]
        item.save()


def application_submit(*, outlet: MediaOutlet, round: VerificationRound, actor=None,  # noqa: A002
                       now: datetime | None = None) -> Application:
    """Apply for verification in an open round; the automatic checks run at once, so the
    outlet sees what is missing before the team starts."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if not round.is_open_on(today):
        raise ValidationError(_("Registration for %(round)s is closed.") % {"round": round})
    if Application.objects.filter(round=round, outlet=outlet).exists():
        raise ValidationError(_("This outlet has already applied in %(round)s.")
                              % {"round": round})
    with transaction.atomic():
        application = Application.objects.create(round=round, outlet=outlet, submitted_at=now)
        _run_checks(application, today=today)
        log_action(application, "media_partnerships.applied", actor=actor,
                   data={"round": round.name})
    return application


def application_review(*, application: Application, actor,
                       now: datetime | None = None) -> Application:
    """The team takes the application: the automatic checks run again on today's data."""
    now = now or timezone.now()
    with transaction.atomic():
        application = WORKFLOW.lock(application, "review")
        application.status, application.reviewer = S.IN_REVIEW, actor
        save_changed(application, "status", "reviewer")
        _run_checks(application, today=timezone.localdate(now))
        entry = log_action(application, "media_partnerships.review_started", actor=actor)
        notify.application_event(application, "review", key=entry.pk)
    return application


def application_item_score(*, item: ApplicationItem, met: bool | None, score: int | None,
                           note: str, actor, now: datetime | None = None) -> ApplicationItem:
    """The team's verdict on one item. Overruling the automatic check needs a note."""
    note = (note or "").strip()
    if met is not None and item.auto_result != item.Result.MANUAL and \
            met != (item.auto_result == item.Result.PASS) and not note:
        raise ValidationError({"note": _("Say why the team's verdict differs from the "
                                         "automatic check.")})
    if met is False and not note and item.auto_result != item.Result.FAIL:
        raise ValidationError({"note": _("Write why this item is not met: the outlet reads "
                                         "it.")})
    if score is not None and score > item.requirement.max_score:
        raise ValidationError({"score": _("The score is at most %(max)s.")
                               % {"max": item.requirement.max_score}})
    with transaction.atomic():
        WORKFLOW.lock(item.application, "score")
        item.met, item.score, item.note = met, score, note
        item.checked_by, item.checked_at = actor, now or timezone.now()
        item.save(update_fields=["met", "score", "note", "checked_by", "checked_at",
                                 "updated_at"])
        log_action(item.application, "media_partnerships.item_scored", actor=actor,
                   data={"requirement": item.requirement.label, "met": met, "score": score,
                         "note": note})
    return item


def application_return(*, application: Application, note: str, actor) -> Application:
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the outlet what to correct.")})
    with transaction.atomic():
        application = WORKFLOW.lock(application, "return")
        application.status, application.correction_note = S.CORRECTION, note
        save_changed(application, "status", "correction_note")
        entry = log_action(application, "media_partnerships.returned", actor=actor,
                           data={"note": note})
        notify.application_event(application, "return", key=entry.pk)
    return application


def application_resubmit(*, application: Application, actor=None,
                         now: datetime | None = None) -> Application:
    now = now or timezone.now()
    with transaction.atomic():
        application = WORKFLOW.lock(application, "resubmit")
        application.status = S.SUBMITTED
        save_changed(application, "status")
        _run_checks(application, today=timezone.localdate(now))
        log_action(application, "media_partnerships.resubmitted", actor=actor)
    return application


def application_withdraw(*, application: Application, reason: str = "", actor=None,
                         now: datetime | None = None) -> Application:
    """The outlet withdraws its application (before a decision): the round keeps the case
    and its checks, the team stops. Refused while a member is signing the decision."""
    now = now or timezone.now()
    with transaction.atomic():
        application = WORKFLOW.lock(application, "withdraw")
        if application.claimed_at and application.claimed_at >= now - CLAIM_EXPIRES:
            raise MediaTransitionError(_("The team is signing the decision on this application "
                                         "right now; it can no longer be withdrawn."),
                                       code="claimed")
        application.status = S.WITHDRAWN
        application.withdrawn_reason = (reason or "").strip()[:2000]
        save_changed(application, "status", "withdrawn_reason")
        entry = log_action(application, "media_partnerships.withdrawn", actor=actor,
                           data={"reason": application.withdrawn_reason})
        notify.application_event(application, "withdraw", key=entry.pk)
    return application


def refusal_reasons(items) -> list[str]:
    """One reason per unmet item, as the outlet and the letter read it (an item the team
    has still to judge is not a reason yet)."""
    return [f"{item.requirement.label}: " + ("; ".join(x for x in (item.auto_reason, item.note)
                                                       if x) or _("not met"))
            for item in items if not item.is_met and not item.is_open]


def application_decide(*, application: Application, verified: bool, tier: str = "",
                       note: str = "", actor, backend=None,
                       now: datetime | None = None) -> Application:
    """Verify (with a tier) or refuse (with a reason for every unmet item) and issue the
    decision letter. Claimed first, so two members never sign two letters; the letter's
    number is cancelled if the decision cannot be recorded."""
    now = now or timezone.now()
    items = list(application.items.select_related("requirement"))
    if any(item.is_open for item in items):
        raise ValidationError(_("Judge every item the team checks by hand before deciding."))
    unmet = refusal_reasons(items)
    if verified:
        if tier not in Tier.values:
            raise ValidationError({"tier": _("Choose the tier the outlet is verified at.")})
        if unmet:
            raise ValidationError(_("An outlet that does not meet every requirement cannot be "
                                    "verified: %(items)s") % {"items": " ".join(unmet)})
        reasons = note.strip()
    else:
        tier = ""
        reasons = " ".join([*unmet, note.strip()]).strip()
        if not reasons:
            raise ValidationError({"note": _("Write the reasons for the refusal: every item "
                                             "is met.")})
    action = "verify" if verified else "refuse"
    won = (Application.objects.filter(Q(claimed_at__isnull=True)
                                      | Q(claimed_at__lt=now - CLAIM_EXPIRES),
                                      pk=application.pk, status__in=WORKFLOW[action].sources)
           .update(claimed_at=timezone.now()))
    if not won:
        WORKFLOW.lock(application, action)  # raises if the state moved on
        raise MediaTransitionError(_("Another member is deciding this application right now."),
                                   code="claimed")
    letter = None
    try:
        letter = document_issue(
            kind=IssuedDocument.Kind.MEDIA_DECISION,
            context=decision_context(application=application, verified=verified, tier=tier,
                                     items=items, reasons=reasons),
            unit=settings.MEDIA_PARTNERSHIP_LETTER_UNIT, classification=letter_classification(),
            signer=letter_signer(actor), actor=actor, backend=backend, now=now)
        with transaction.atomic():
            application = WORKFLOW.lock(application, action)
            application.status = S.VERIFIED if verified else S.REFUSED
            application.tier, application.decision_reasons = tier, reasons
            application.decided_at, application.decided_by = now, actor
            application.decision_letter = letter
            save_changed(application, "status", "tier", "decision_reasons", "decided_at",
                         "decided_by", "decision_letter")
            outlet = application.outlet
            if verified:
                outlet.tier, outlet.verified_until = tier, application.round.valid_until
                save_changed(outlet, "tier", "verified_until")
            done = "verified" if verified else "refused"
            entry = log_action(application, f"media_partnerships.{done}", actor=actor,
                               data={"tier": tier, "reasons": reasons,
                                     "letter": letter.number.full_number})
            notify.application_event(application, action, key=entry.pk)
    except Exception as exc:
        if letter is not None:
            letter_number_cancel(number=letter.number, actor=actor, reason=(
                f"Letter not used: the decision could not be recorded "
                f"({type(exc).__name__}: {exc})")[:500])
        raise
    finally:
        Application.objects.filter(pk=application.pk).update(claimed_at=None)
    return application
