"""Every change of a complaint's state: one service each, audited in its transaction.

Views, the staff intake, the API, tasks and commands all call these; nothing else writes
`complaint.status` (STYLE.md, One door per state change).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.agencies.models import Agency
from balai.complaints import notify
from balai.complaints.deadlines import set_alarms, shift_for_pause
from balai.complaints.errors import ComplaintTransitionError
from balai.complaints.models import (
    AreaRule,
    Category,
    Complaint,
    ComplaintMessage,
    ComplaintPhoto,
    ComplaintSupporter,
    FixedCheck,
    RoadStatusRule,
)
from balai.complaints.photos import (
    MAX_PHOTOS,
    check_photos,
    originals_discard,
    originals_store,
    photos_attach,
    photos_follow_visibility,
    prepare_photos,
)
from balai.complaints.questionnaire import fixed_ask_again_on, fixed_check_ask
from balai.complaints.routing import (
    AreaOverride,
    CategoryRule,
    Place,
    RoadCandidate,
    Subject,
    route,
)
from balai.complaints.signals import complaint_forwarded, complaint_reporter_feedback
from balai.complaints.workflow import WORKFLOW
from balai.core import assets
from balai.core.audit import log_action
from balai.core.calendar import clock_start_for, get_work_calendar
from balai.core.tracking import case_code
from balai.core.workflow import save_changed, submitted_before
from balai.geo.models import Area, Road
from balai.geo.selectors import locate
from balai.lib.workdays import add_workdays
from balai.notifications.services import notification_recipient_clean

S = Complaint.Status
FOREIGN_KEYS = [f.name for f in Complaint._meta.concrete_fields if f.is_relation]


@dataclass
class Submission:
    """A new complaint as the web form, the staff intake or Open311 hand it over."""

    category: Category | None
    title: str
    description: str
    lat: float | None  # None: taken from a photo's GPS, or refused
    lng: float | None
    address: str = ""
    reporter_name: str = ""
    reporter_email: str = ""
    reporter_phone: str = ""
    is_anonymous: bool = False
    is_confidential: bool = False
    share_identity: bool = False
    channel: str = Complaint.Channel.WEB
    idempotency_key: str | None = None
    asset: str = ""  # "menara:MLG-0001": what the report is about (balai.core.assets)


def _without_nul(submission: Submission) -> Submission:
    """Text with NUL characters removed: PostgreSQL refuses them in text columns, and no
    form or client has a reason to send one."""
    changes = {f.name: value.replace("\x00", "") for f in fields(submission)
               if isinstance(value := getattr(submission, f.name), str) and "\x00" in value}
    return replace(submission, **changes) if changes else submission


def _today_start(now: datetime, calendar=None) -> date:
    """Day 0 of a clock started at `now` (office-hours cut-off, DESIGN.md §3)."""
    return clock_start_for(now, calendar or get_work_calendar())


def _save(c: Complaint, *fields: str) -> None:
    """save_changed, with the stored alarm days (sla_warn_on, sla_overdue_on) following the
    status and deadlines the service just set: the one place they are written."""
    save_changed(c, *fields, *set_alarms(c, get_work_calendar()))


def place_for(lat: float, lng: float) -> tuple[Place, dict]:
    """Locate a pin and turn it into routing input, plus the rows it refers to."""
    result = locate(lat, lng)
    by_level = {a.level: a for a in result.areas}
    kel = by_level.get("kelurahan") or by_level.get("desa")
    kec = by_level.get("kecamatan")
    roads = []
    for r in getattr(result, "roads_within", None) or ([result.road] if result.road else []):
        roads.append(RoadCandidate(code=r.code, name=r.name, status=r.status,
                                   agency_code=getattr(r, "agency_code", None),
                                   distance_m=r.distance_m,
                                   legal_basis=getattr(r, "legal_basis", "")))
    place = Place(
        inside=result.inside and kel is not None,
        kelurahan_code=kel.code if kel else "", kelurahan_name=kel.name if kel else "",
        kecamatan_code=kec.code if kec else "", kecamatan_name=kec.name if kec else "",
        roads=tuple(roads),
        boundary_distance_m=getattr(result, "boundary_distance_m", None),
    )
    return place, {"kelurahan": kel, "kecamatan": kec}


def routing_for(category: Category, place: Place, subject: Subject | None = None):
    """Run the pure routing rules with the installation's configuration."""
    overrides = [AreaOverride(category_code=category.code, area_code=code, agency_code=agency)
                 for code, agency in AreaRule.objects.filter(category=category)
                 .values_list("area__code", "agency__code")]
    road_agencies = dict(RoadStatusRule.objects.values_list("status", "agency__code"))
    names = dict(Agency.objects.values_list("code", "short_name"))
    rule = CategoryRule(code=category.code, name=category.name,
                        agency_code=category.agency.code if category.agency_id else None,
                        is_road=category.is_road)
    with override(settings.LANGUAGE_CODE):
        return route(category=rule, place=place, overrides=overrides,
                     road_agencies=road_agencies, agency_names=names, subject=subject)


def _pk_for(model, code: str | None) -> int | None:
    return model.objects.filter(code=code).values_list("pk", flat=True).first() if code else None


def _subject(found: Iterable[assets.Asset]) -> Subject | None:
    """The first thing the report is about that an agency answers for (routing rule
    "asset"): a listed service's OPD."""
    return next((Subject(label=a.label, agency_code=a.agency_code)
                 for a in found if a and a.agency_code), None)


def _apply_routing(complaint: Complaint, category: Category, lat: float, lng: float,
                   subject: Subject | None = None) -> None:
    place, rows = place_for(lat, lng)
    if not place.inside:
        raise ValidationError(
            _("The pin lies outside %(territory)s. Move the pin onto the place of the "
              "problem, or report it to the government of that area.")
            % {"territory": settings.BALAI_INSTALLATION["pemda_name"]}, code="outside")
    decision = routing_for(category, place, subject)
    # Ids only: the kelurahan and road rows carry their geometry, never needed here.
    codes = [code for code in (place.kelurahan_code, place.kecamatan_code) if code]
    area_ids = dict(Area.objects.filter(code__in=codes).values_list("code", "pk")) \
        if codes else {}
    complaint.kelurahan_id = area_ids.get(place.kelurahan_code)
    complaint.kecamatan_id = area_ids.get(place.kecamatan_code)
    complaint.road_id = _pk_for(Road, decision.facts.get("road"))
    complaint.routing_rule = decision.rule
    complaint.routing_facts = decision.facts
    complaint.routing_explanation = decision.explanation
    complaint.routing_ambiguous = decision.ambiguous
    # Most cases go to the category's own agency, read already by routing_for.
    default = category.agency if category.agency_id else None
    complaint.agency = (None if not decision.agency_code
                        else default if default and default.code == decision.agency_code
                        else Agency.objects.filter(code=decision.agency_code).first())
    if decision.reasons:
        complaint.routing_facts = {**decision.facts, "reasons": list(decision.reasons)}


def complaint_submission_check(*, submission: Submission, photos: Iterable = (),
                               actor=None) -> tuple[list, Submission]:
    """The rules a new complaint meets before anything is stored, all checked at once.

    Returns the checked photos and the submission with its pin (taken from a photo's GPS
    when none was set). Raises one ValidationError keyed by field ("category", "lat",
    "photos", "reporter_email") listing every problem, so a form shows them together.
    """
    errors: dict[str, list] = {}
    try:
        # Only the cheap checks here; the worker re-encodes the photos after the commit.
        checked = check_photos(photos)
    except ValidationError as exc:
        errors["photos"] = exc.error_list
        checked = []
    if submission.lat is None or submission.lng is None:
        gps = next((p.gps for p in checked if p.gps), None)
        if gps:
            submission = replace(submission, lat=gps[0], lng=gps[1])
        else:
            errors["lat"] = [_("Put the pin on the map where the problem is.")]
    if submission.category is None or not submission.category.is_active:
        errors["category"] = [_("Choose a category.")]
    if not (submission.reporter_email or submission.reporter_phone or actor):
        errors["reporter_email"] = [_("Give an e-mail address or a WhatsApp number so that "
                                      "we can tell you what happens to your report.")]
    if errors:
        raise ValidationError(errors)
    return checked, submission


def complaint_submit(*, submission: Submission, photos: Iterable = (), actor=None,
                     now: datetime | None = None) -> tuple[Complaint, str]:
    """Register a complaint, route it and start the verification clock.

    Returns the complaint and the reporter's secret (shown once, in their link). A retried
    POST with the same idempotency key returns the first complaint and no new secret.
    """
    now = now or timezone.now()
    submission = _without_nul(submission)
    existing = submitted_before(Complaint, submission.idempotency_key)
    if existing:
        return existing, ""
    checked, submission = complaint_submission_check(submission=submission, photos=photos,
                                                     actor=actor)
    checked = originals_store(checked)
    secret, secret_hash = Complaint.new_secret()
    calendar = get_work_calendar()
    try:
        complaint = Complaint(
            category=submission.category, title=submission.title.strip(),
            description=submission.description.strip(), lat=submission.lat, lng=submission.lng,
            address=submission.address, reporter_name=submission.reporter_name,
            reporter_email=submission.reporter_email, reporter_phone=submission.reporter_phone,
            is_anonymous=submission.is_anonymous,
            share_identity=submission.share_identity and not submission.is_anonymous,
            # A category about persons is rahasia whatever the reporter ticked.
            is_confidential=submission.is_confidential
            or submission.category.default_confidential,
            channel=submission.channel, submitted_at=now,
            secret_hash=secret_hash,
            idempotency_key=submission.idempotency_key,
            intake_by=actor if actor is not None and getattr(actor, "is_officer", False)
            else None,
            reporter=actor if actor is not None and not getattr(actor, "is_officer", True)
            else None,
        )
        # Routing and checks only read, so they run before the transaction: on SQLite
        # (BEGIN IMMEDIATE) every statement inside holds the one write lock.
        try:
            _apply_routing(complaint, submission.category, submission.lat, submission.lng,
                           _subject([assets.resolve(submission.asset)])
                           if submission.asset else None)
        except ValidationError as exc:
            raise ValidationError({"lat": exc.error_list}) from None
        complaint.clock_start = _today_start(now, calendar)
        complaint.verify_due = add_workdays(complaint.clock_start,
                                            submission.category.sla_verify_days, calendar)
        set_alarms(complaint, calendar)
        # Field checks only: the unique fields are excluded anyway, the foreign keys come
        # from lookups just made, and the database enforces the constraints (each of
        # those checks was a query of its own).
        complaint.full_clean(exclude=["code", "secret_hash", "idempotency_key",
                                      *FOREIGN_KEYS], validate_unique=False,
                             validate_constraints=False)
        with transaction.atomic():
            complaint.save()
            complaint.code = case_code("ADU", timezone.localtime(now).year, complaint.pk)
            complaint.save(update_fields=["code"])
            photos_attach(complaint=complaint, files=checked, kind="report")
            asset = assets.attach(submission.asset, complaint, actor) \
                if submission.asset else None
            log_action(complaint, "complaints.submitted", actor=actor, data={
                **({"asset": asset.ref} if asset else {}),
                "channel": complaint.channel, "routing": complaint.routing_facts,
                "confidential": complaint.is_confidential,
                "confidential_by_category": submission.category.default_confidential
                and not submission.is_confidential,
                "agency": complaint.agency.code if complaint.agency else None,
                "verify_due": complaint.verify_due,
            })
            notify.submitted(complaint, secret)
            if submission.category.is_urgent:
                notify.rapid_response(complaint)
    except Exception as exc:
        originals_discard(checked)  # nothing refers to them now
        # Two identical POSTs raced past the check above: the other one won.
        existing = (submitted_before(Complaint, submission.idempotency_key)
                    if isinstance(exc, IntegrityError) else None)
        if existing:
            return existing, ""
        raise
    return complaint, secret


@transaction.atomic
def complaint_correct(*, complaint: Complaint, category: Category | None = None,
                      lat: float | None = None, lng: float | None = None, actor) -> Complaint:
    """Fix the category or the pin of a new complaint; routing runs again."""
    c = WORKFLOW.lock(complaint, "correct")
    before = {"category": c.category.code, "lat": c.lat, "lng": c.lng,
              "agency": c.agency.code if c.agency else None}
    c.category = category or c.category
    c.lat = c.lat if lat is None else lat
    c.lng = c.lng if lng is None else lng
    _apply_routing(c, c.category, c.lat, c.lng, _subject(assets.assets_for(c)))
    _save(c, "category", "lat", "lng", "kelurahan", "kecamatan", "road", "agency",
                 "routing_rule", "routing_facts", "routing_explanation", "routing_ambiguous")
    log_action(c, "complaints.corrected", actor=actor, data={
        "before": before, "after": {"category": c.category.code, "lat": c.lat, "lng": c.lng,
                                    "agency": c.agency.code if c.agency else None}})
    return c


@transaction.atomic
def complaint_verify(*, complaint: Complaint, actor, agency: Agency | None = None,
                     instruction: str = "", override_reason: str = "",
                     now: datetime | None = None) -> Complaint:
    """Verify a new complaint and dispose it to an agency (disposisi), starting its clock."""
    now = now or timezone.now()
    c = WORKFLOW.lock(complaint, "verify")
    target = agency or c.agency
    if target is None:
        raise ValidationError(_("Choose the agency that will handle this complaint."),
                              code="agency")
    if target.is_external:
        raise ValidationError(_("%(agency)s is an outside body: forward the complaint to it "
                                "instead.") % {"agency": target}, code="external")
    if c.agency_id and target.pk != c.agency_id and not override_reason.strip():
        raise ValidationError(_("Say why you chose another agency than the routing rule."),
                              code="override_reason")
    routed = c.agency.code if c.agency else None
    c.agency = target
    c.disposition_note = instruction
    c.status = S.TERVERIFIKASI
    c.followup_start = _today_start(now)
    c.followup_due = add_workdays(c.followup_start, c.category.sla_followup_days,
                                  get_work_calendar())
    c.sla_warned = c.sla_escalated = ""
    _save(c, "agency", "disposition_note", "status", "followup_start", "followup_due",
                 "sla_warned", "sla_escalated")
    log_action(c, "complaints.verified", actor=actor, data={
        "agency": target.code, "routed_agency": routed, "override_reason": override_reason,
        "instruction": instruction, "followup_due": c.followup_due})
    notify.disposed(c)
    photos_follow_visibility(c)
    return c


@transaction.atomic
def complaint_set_confidential(*, complaint: Complaint, confidential: bool, reason: str,
                               actor) -> Complaint:
    """The desk makes a report rahasia or public again, with its reason: audited on the
    reporter's timeline and told to them; its photos follow."""
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the confidentiality changes; the "
                                           "reporter reads it.")}, code="reason")
    c = WORKFLOW.lock(complaint, "confidentiality")
    if c.is_confidential == confidential:
        raise ValidationError({"is_confidential": _("The report already is so.")},
                              code="unchanged")
    c.is_confidential = confidential
    save_changed(c, "is_confidential")
    log_action(c, "complaints.confidentiality_changed", actor=actor,
               data={"confidential": confidential, "reason": reason})
    notify.confidentiality_changed(c, reason)
    photos_follow_visibility(c)
    return c


ARCHIVE_REASONS = {
    "spam": "spam", "out_of_scope": "out_of_scope", "incomplete": "incomplete",
    "duplicate": "duplicate",
}


@transaction.atomic
def complaint_archive(*, complaint: Complaint, reason: str, note: str = "", actor) -> Complaint:
    """Archive a complaint that will not be handled (spam, out of scope, incomplete)."""
    if reason not in ARCHIVE_REASONS:
        raise ValidationError(_("Choose a reason for archiving."), code="reason")
    c = WORKFLOW.lock(complaint, "archive")
    c.status = S.DIARSIPKAN
    c.archive_reason = reason
    c.closed_at = timezone.now()
    _save(c, "status", "archive_reason", "closed_at")
    log_action(c, "complaints.archived", actor=actor, data={"reason": reason, "note": note})
    notify.archived(c, note)
    photos_follow_visibility(c)
    return c


def _supporter_with(complaint: Complaint, email: str, phone: str) -> ComplaintSupporter | None:
    """The supporter of `complaint` with this e-mail or this phone number, if any."""
    same = Q(pk__in=[])
    same |= Q(email=email) if email else Q(pk__in=[])
    same |= Q(phone=phone) if phone else Q(pk__in=[])
    return ComplaintSupporter.objects.filter(same, complaint=complaint).first()


@transaction.atomic
def complaint_mark_duplicate(*, complaint: Complaint, original: Complaint, actor) -> Complaint:
    """Archive a complaint as a duplicate; its reporter and supporters follow the original."""
    if original.pk == complaint.pk:
        raise ValidationError(_("A complaint cannot be a duplicate of itself."), code="self")
    if not WORKFLOW.allows("support", original.status):  # it takes the supporters
        raise ValidationError(_("The original complaint is already closed; choose an open "
                                "one."), code="original")
    c = WORKFLOW.lock(complaint, "duplicate")
    moved = 0
    for supporter in ComplaintSupporter.objects.filter(complaint=c):
        if _supporter_with(original, supporter.email, supporter.phone):
            supporter.delete()  # already follows the original: counted there once
        else:
            supporter.complaint = original
            supporter.save(update_fields=["complaint", "updated_at"])
            moved += 1
    email = c.reporter_email.strip().lower()
    if (email or c.reporter_phone) and not _supporter_with(original, email, c.reporter_phone):
        # The reporter's own contact, confirmed by their report: no link needed.
        ComplaintSupporter.objects.create(complaint=original, name=c.reporter_name,
                                          email=email, phone=c.reporter_phone,
                                          confirmed_at=timezone.now())
        moved += 1
    Complaint.objects.filter(pk=original.pk).update(
        supporters_count=F("supporters_count") + moved, updated_at=timezone.now())
    c.status = S.DIARSIPKAN
    c.archive_reason = "duplicate"
    c.duplicate_of = original
    c.supporters_count = 0
    c.closed_at = timezone.now()
    _save(c, "status", "archive_reason", "duplicate_of", "supporters_count",
                 "closed_at")
    log_action(c, "complaints.duplicate", actor=actor,
               data={"original": original.code, "supporters_moved": moved})
    log_action(original, "complaints.duplicate_merged", actor=actor,
               data={"duplicate": c.code, "supporters_moved": moved})
    photos_follow_visibility(c)
    return c


@transaction.atomic
def complaint_forward(*, complaint: Complaint, to_agency: Agency, reference: str = "",
                      reason: str = "", actor) -> Complaint:
    """Forward a complaint to an outside body (province, BBPJN, police) and track it."""
    if not to_agency.is_external:
        raise ValidationError(_("Forwarding is for outside bodies; dispose to %(agency)s "
                                "instead.") % {"agency": to_agency}, code="internal")
    c = WORKFLOW.lock(complaint, "forward")
    c.status = S.DITERUSKAN
    c.forwarded_to = to_agency
    c.external_reference = reference
    _save(c, "status", "forwarded_to", "external_reference")
    log_action(c, "complaints.forwarded", actor=actor,
               data={"to": to_agency.code, "reference": reference, "reason": reason})
    notify.forwarded(c)
    photos_follow_visibility(c)
    # Apps above complaints (forwarding over Open311) queue the machine-to-machine send in
    # this same transaction: a forward is never recorded without its send.
    complaint_forwarded.send(sender=Complaint, complaint=c, actor=actor)
    return c


@transaction.atomic
def complaint_forward_received(*, complaint: Complaint, reference: str,
                               actor=None) -> Complaint:
    """The outside body took the forwarded case in and gave its number ("nomor mereka")."""
    c = WORKFLOW.lock(complaint, "forward_received")
    c.external_reference = reference[:100]
    _save(c, "external_reference")
    log_action(c, "complaints.forward_received", actor=actor,
               data={"to": c.forwarded_to.code if c.forwarded_to else None,
                     "reference": c.external_reference})
    notify.forwarded(c, event="forward_received")
    return c


@transaction.atomic
def complaint_forward_update(*, complaint: Complaint, source: str, text: str,
                             status: str = "", actor=None) -> Complaint:
    """A status change or public note of the outside body, shown on both timelines with
    the source named."""
    c = WORKFLOW.lock(complaint, "forward_update")
    ComplaintMessage.objects.create(complaint=c, kind=ComplaintMessage.Kind.REMOTE_NOTE,
                                    text=f"{source}: {text}" if text else source,
                                    is_public=True)
    save_changed(c)  # the public page shows the new message: its cache key must change
    log_action(c, "complaints.forward_updated", actor=actor,
               data={"source": source, "status": status, "text": text})
    return c


@transaction.atomic
def complaint_forward_close(*, complaint: Complaint, source: str, answer: str, actor=None,
                            now: datetime | None = None) -> Complaint:
    """The outside body closed the case: ours closes with its answer, the source named."""
    now = now or timezone.now()
    c = WORKFLOW.lock(complaint, "forward_close")
    c.status = S.DITUTUP
    c.answer = answer.strip() or _("%(source)s closed the case without a written answer.") \
        % {"source": source}
    c.answered_at = c.closed_at = now
    c.fixed_ask_on = fixed_ask_again_on(now)
    _save(c, "status", "answer", "answered_at", "closed_at", "fixed_ask_on")
    log_action(c, "complaints.forward_closed", actor=actor,
               data={"source": source, "answer": c.answer})
    notify.forward_closed(c)
    # "Sudah beres?" as for any closed case: the answer travels back to the outside body.
    fixed_check_ask(complaint=c, round=FixedCheck.Round.AT_CLOSE, now=now)
    return c


@transaction.atomic
def complaint_accept(*, complaint: Complaint, actor) -> Complaint:
    """The agency takes the disposed complaint into work."""
    c = WORKFLOW.lock(complaint, "accept")
    c.status = S.DIPROSES
    _save(c, "status")
    log_action(c, "complaints.accepted", actor=actor,
               data={"agency": c.agency.code if c.agency else None})
    notify.accepted(c)
    return c


@transaction.atomic
def complaint_request_info(*, complaint: Complaint, question: str, actor,
                           now: datetime | None = None) -> Complaint:
    """Ask the reporter for more information; the agency's clock stops meanwhile."""
    if not question.strip():
        raise ValidationError(_("Write the question for the reporter."), code="question")
    c = WORKFLOW.lock(complaint, "request_info")
    c.status = S.MENUNGGU_INFO
    c.paused_at = now or timezone.now()
    _save(c, "status", "paused_at")
    ComplaintMessage.objects.create(complaint=c, kind=ComplaintMessage.Kind.INFO_REQUEST,
                                    author=actor, text=question, is_public=True)
    log_action(c, "complaints.info_requested", actor=actor, data={"question": question})
    notify.info_requested(c, question)
    return c


@transaction.atomic
def complaint_reporter_reply(*, complaint: Complaint, text: str, actor=None,
                             photos: Iterable = (), now: datetime | None = None) -> Complaint:
    """The reporter answers, with text or photos (added to the report's own, at most
    MAX_PHOTOS in all); a paused clock resumes, shifted by the days it stood still."""
    photos = list(photos)
    if not text.strip() and not photos:
        raise ValidationError(_("Write your reply."), code="text")
    now = now or timezone.now()
    c = WORKFLOW.lock(complaint, "reply")
    if photos and c.photos.filter(kind=ComplaintPhoto.Kind.REPORT).count() + len(photos) \
            > MAX_PHOTOS:
        raise ValidationError(_("Add at most %(n)s photos.") % {"n": MAX_PHOTOS},
                              code="photos")
    ComplaintMessage.objects.create(complaint=c, kind=ComplaintMessage.Kind.REPORTER_REPLY,
                                    author=actor, text=text, is_public=True)
    if photos:
        photos_attach(complaint=c, files=photos, kind=ComplaintPhoto.Kind.REPORT)
    data = {"text": text, **({"photos": len(photos)} if photos else {})}
    if WORKFLOW.allows("resume", c.status):
        calendar = get_work_calendar()
        if c.followup_due and c.paused_at:
            c.followup_due = shift_for_pause(
                due=c.followup_due, paused_from=timezone.localdate(c.paused_at),
                resumed_on=timezone.localdate(now), calendar=calendar)
        c.status = S.DIPROSES
        c.paused_at = None
        _save(c, "status", "paused_at", "followup_due")
        data["followup_due"] = c.followup_due
    else:
        save_changed(c)  # the public page shows the new message: its cache key must change
    log_action(c, "complaints.reporter_replied", actor=actor, data=data)
    notify.reporter_replied(c)
    return c


@transaction.atomic
def complaint_answer(*, complaint: Complaint, text: str, photos: Iterable = (), actor,
                     now: datetime | None = None) -> Complaint:
    """The agency's follow-up (tindak lanjut), with evidence photos; the reply window opens."""
    if not text.strip():
        raise ValidationError(_("Write what the agency has done."), code="text")
    now = now or timezone.now()
    prepared = prepare_photos(photos)
    if complaint.category.checker_id not in (None, complaint.agency_id):
        # A second check first (Category.checker; a unit does not check its own answer):
        # the answer waits, unseen by the public.
        c = WORKFLOW.lock(complaint, "submit_for_check")
        c.pending_answer, c.check_requested_at = text, now
        _save(c, "pending_answer", "check_requested_at")
        photos_attach(complaint=c, files=prepared, kind="evidence")
        log_action(c, "complaints.submitted_for_check", actor=actor,
                   data={"checker": c.category.checker.code})
        notify.check_requested(c)
        return c
    c = WORKFLOW.lock(complaint, "answer")
    c.status = S.SELESAI
    _release_answer(c, text, now)
    photos_attach(complaint=c, files=prepared, kind="evidence")
    log_action(c, "complaints.answered", actor=actor, data={"autoclose_due": c.autoclose_due})
    notify.answered(c)
    return c


def _release_answer(c: Complaint, text: str, now: datetime) -> None:
    """The answer reaches the reporter (the caller sets "selesai"): the reply window opens."""
    c.answer = text
    c.answered_at = now
    c.autoclose_due = add_workdays(_today_start(now), c.category.sla_autoclose_days,
                                   get_work_calendar())
    c.pending_answer, c.check_requested_at = "", None
    _save(c, "status", "answer", "answered_at", "autoclose_due", "pending_answer",
          "check_requested_at")


@transaction.atomic
def complaint_check(*, complaint: Complaint, passed: bool, note: str = "", actor,
                    now: datetime | None = None) -> Complaint:
    """The category's checking unit passes the agency's answer (it reaches the reporter,
    dated now) or fails it with its reason (the case goes back to the agency)."""
    from balai.agencies.selectors import agency_ids_for_user  # noqa: PLC0415

    now = now or timezone.now()
    if complaint.category.checker_id not in agency_ids_for_user(user=actor):
        raise ValidationError(_("Only %(unit)s checks the answers of this category.")
                              % {"unit": complaint.category.checker}, code="checker")
    if not passed and not note.strip():
        raise ValidationError({"text": _("Say what must be corrected, so that the agency "
                                         "can answer again.")})
    c = WORKFLOW.lock(complaint, "check_pass" if passed else "check_fail")
    if c.check_requested_at is None:  # not sent for a check, or another checker was quicker
        raise ComplaintTransitionError(_("No answer of this complaint waits for a check."))
    if passed:
        c.status = S.SELESAI
        _release_answer(c, c.pending_answer, now)
        log_action(c, "complaints.check_passed", actor=actor, data={"note": note})
        log_action(c, "complaints.answered", actor=actor,
                   data={"autoclose_due": c.autoclose_due, "checked_by": c.category.checker.code})
        notify.answered(c)
    else:
        c.check_requested_at = None
        _save(c, "check_requested_at")
        log_action(c, "complaints.check_failed", actor=actor, data={"note": note})
        notify.check_failed(c, note)
    return c


@transaction.atomic
def complaint_return(*, complaint: Complaint, reason: str, actor) -> Complaint:
    """The agency returns a wrongly routed complaint ("bukan wewenang") to the verifier.

    The citizen-facing clock is not reset: the verification due date stays as it was.
    """
    if not reason.strip():
        raise ValidationError(_("Say why this is not your agency's authority."),
                              code="reason")
    c = WORKFLOW.lock(complaint, "return")
    previous = c.agency.code if c.agency else None
    c.status = S.BARU
    c.followup_due = None
    _save(c, "status", "followup_due")
    log_action(c, "complaints.returned", actor=actor,
               data={"agency": previous, "reason": reason})
    notify.returned(c, reason)
    photos_follow_visibility(c)
    return c


@transaction.atomic
def complaint_reopen(*, complaint: Complaint, reason: str, actor=None,
                     now: datetime | None = None) -> Complaint:
    """The reporter reopens an answered complaint within the reply window."""
    now = now or timezone.now()
    c = WORKFLOW.lock(complaint, "reopen")
    if c.autoclose_due and timezone.localdate(now) > c.autoclose_due:
        raise ComplaintTransitionError(_("The reply window closed on %(date)s.")
                                       % {"date": c.autoclose_due}, code="window")
    if not reason.strip():
        raise ValidationError(_("Say what is still wrong."), code="reason")
    c.status = S.DIPROSES
    c.autoclose_due = None
    c.followup_start = _today_start(now)
    c.followup_due = add_workdays(c.followup_start, c.category.sla_followup_days,
                                  get_work_calendar())
    c.sla_warned = c.sla_escalated = ""
    _save(c, "status", "autoclose_due", "followup_start", "followup_due", "sla_warned",
                 "sla_escalated")
    ComplaintMessage.objects.create(complaint=c, kind=ComplaintMessage.Kind.REPORTER_REPLY,
                                    author=actor, text=reason, is_public=True)
    log_action(c, "complaints.reopened", actor=actor,
               data={"reason": reason, "followup_due": c.followup_due})
    notify.reopened(c)
    return c


@transaction.atomic
def complaint_rate(*, complaint: Complaint, rating: int, comment: str = "", actor=None,
                   now: datetime | None = None) -> Complaint:
    """The reporter rates the answer (1–5) and so closes the complaint."""
    if rating not in range(1, 6):
        raise ValidationError(_("Choose a rating from 1 to 5."), code="rating")
    c = WORKFLOW.lock(complaint, "rate")
    c.status = S.DITUTUP
    c.rating = rating
    c.rating_comment = comment
    c.closed_at = now or timezone.now()
    c.fixed_ask_on = fixed_ask_again_on(c.closed_at)
    _save(c, "status", "rating", "rating_comment", "closed_at", "fixed_ask_on")
    log_action(c, "complaints.rated", actor=actor, data={"rating": rating, "comment": comment})
    notify.closed(c)
    complaint_reporter_feedback.send(sender=Complaint, complaint=c, rating=rating, fixed=None,
                                     note=comment)
    fixed_check_ask(complaint=c, round=FixedCheck.Round.AT_CLOSE, now=c.closed_at)
    return c


@transaction.atomic
def complaint_autoclose(*, complaint: Complaint, now: datetime | None = None) -> Complaint:
    """Close an answered complaint whose reply window has passed with no reply."""
    now = now or timezone.now()
    c = WORKFLOW.lock(complaint, "autoclose")
    if not c.autoclose_due or timezone.localdate(now) <= c.autoclose_due:
        raise ComplaintTransitionError(_("The reply window is still open."), code="window")
    c.status = S.DITUTUP
    c.closed_at = now
    c.fixed_ask_on = fixed_ask_again_on(now)
    _save(c, "status", "closed_at", "fixed_ask_on")
    log_action(c, "complaints.autoclosed", data={"autoclose_due": c.autoclose_due})
    notify.closed(c)
    fixed_check_ask(complaint=c, round=FixedCheck.Round.AT_CLOSE, now=now)
    return c


@transaction.atomic
def complaint_fixed_answer(*, check: FixedCheck, fixed: bool, note: str = "",
                           now: datetime | None = None) -> Complaint:
    """The reporter answers "sudah beres?": "sudah" is counted; "belum" reopens the case to
    the agency with the reporter's note and counts against that agency."""
    now = now or timezone.now()
    note = note.replace("\x00", "").strip()
    if not fixed and not note:
        raise ValidationError({"note": _("Say what is still wrong, so that the officers "
                                         "know what to do.")}, code="note")
    check = FixedCheck.objects.select_for_update().get(pk=check.pk)
    if check.answered_at is not None:
        raise ComplaintTransitionError(_("This question has already been answered."),
                                       code="answered")
    back_to_them = not fixed and check.complaint.forwarded_to_id is not None
    c = WORKFLOW.lock(check.complaint, "fixed" if fixed else
                      "not_fixed_forwarded" if back_to_them else "not_fixed")
    check.answer = FixedCheck.Answer.FIXED if fixed else FixedCheck.Answer.NOT_FIXED
    check.note = note
    check.answered_at = now
    check.save(update_fields=["answer", "note", "answered_at", "updated_at"])
    complaint_reporter_feedback.send(sender=Complaint, complaint=c, rating=None, fixed=fixed,
                                     note=note)
    if fixed:
        save_changed(c)  # the public timeline shows the answer: the page cache must change
        log_action(c, "complaints.fixed_confirmed", data={"round": check.round})
        return c
    if back_to_them:
        # Closed by the outside body: it gets the note (forwarding sends the verdict) and
        # the case waits for its answer again; no clock of ours runs.
        c.status = S.DITERUSKAN
        c.fixed_ask_on = c.closed_at = None
        _save(c, "status", "fixed_ask_on", "closed_at")
        ComplaintMessage.objects.create(complaint=c, kind=ComplaintMessage.Kind.REPORTER_REPLY,
                                        text=note, is_public=True)
        log_action(c, "complaints.not_fixed", data={
            "round": check.round, "note": note, "forwarded_to": c.forwarded_to.code})
        return c
    c.status = S.DIPROSES
    c.fixed_ask_on = None
    c.autoclose_due = None
    c.closed_at = None
    c.followup_start = _today_start(now)
    c.followup_due = add_workdays(c.followup_start, c.category.sla_followup_days,
                                  get_work_calendar())
    c.sla_warned = c.sla_escalated = ""
    _save(c, "status", "fixed_ask_on", "autoclose_due", "closed_at", "followup_start",
          "followup_due", "sla_warned", "sla_escalated")
    ComplaintMessage.objects.create(complaint=c, kind=ComplaintMessage.Kind.REPORTER_REPLY,
                                    text=note, is_public=True)
    log_action(c, "complaints.not_fixed", data={
        "round": check.round, "note": note, "agency": c.agency.code if c.agency else None,
        "followup_due": c.followup_due})
    notify.not_fixed(c, note)
    return c


def _supporter_contact(email: str, phone: str) -> tuple[str, str]:
    """The contact as messages will use it, or a ValidationError keyed by field."""
    email, phone = email.strip().lower(), phone.strip()
    if not (email or phone):
        raise ValidationError({"email": _("Give an e-mail address or a WhatsApp number to "
                                          "follow this complaint.")}, code="contact")
    errors = {}
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Enter an e-mail address such as nama@contoh.id.")
    if phone:
        try:
            phone = notification_recipient_clean(channel="whatsapp", recipient=phone)
        except ValidationError:
            errors["phone"] = _("Enter a mobile number such as 0812 3456 7890.")
    if errors:
        raise ValidationError(errors, code="invalid")
    return email, phone


@transaction.atomic
def complaint_support(*, complaint: Complaint, name: str = "", email: str = "",
                      phone: str = "") -> ComplaintSupporter:
    """A citizen reports the same problem ("ikut melapor"): support, and follow it once the
    link sent to the contact is opened. The same contact supporting twice counts once."""
    email, phone = _supporter_contact(email, phone)
    c = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not WORKFLOW.allows("support", c.status) or c.is_confidential:
        raise ComplaintTransitionError(_("This complaint can no longer be supported."),
                                       code="closed")
    existing = _supporter_with(c, email, phone)
    if existing is not None:
        return existing
    token, token_hash = Complaint.new_secret()
    supporter = ComplaintSupporter.objects.create(complaint=c, name=name.strip()[:200],
                                                  email=email, phone=phone,
                                                  confirm_token_hash=token_hash)
    Complaint.objects.filter(pk=c.pk).update(supporters_count=F("supporters_count") + 1,
                                             updated_at=timezone.now())
    log_action(c, "complaints.supported", data={})
    notify.support_confirmation(c, supporter, token)
    return supporter


@transaction.atomic
def complaint_support_confirm(*, complaint: Complaint, token: str,
                              now: datetime | None = None) -> ComplaintSupporter:
    """The supporter opened the link sent to their contact: from now on they are told."""
    if not token:
        raise ValidationError(_("This confirmation link is not valid."), code="token")
    supporter = (ComplaintSupporter.objects.select_for_update()
                 .filter(complaint=complaint,
                         confirm_token_hash=Complaint.hash_secret(token)).first())
    if supporter is None:
        raise ValidationError(_("This confirmation link is not valid."), code="token")
    if supporter.confirmed_at is None:
        supporter.confirmed_at = now or timezone.now()
        supporter.save(update_fields=["confirmed_at", "updated_at"])
    return supporter
