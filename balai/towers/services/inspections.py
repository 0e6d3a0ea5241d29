"""Field inspections, the findings they raise, the notice letter to the owner and the
follow-up (Permenkominfo 02/PER/M.KOMINFO/3/2008; the Perda's supervision of towers)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.core.audit import log_action
from balai.core.calendar import get_work_calendar
from balai.core.periodic import claim_each
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.services import document_issue, letter_number_cancel
from balai.lib.workdays import add_workdays
from balai.towers import photos as tower_photos
from balai.towers.errors import TowerTransitionError
from balai.towers.letters import letter_classification, letter_signer, notice_letter_context
from balai.towers.models import (
    CHECKLIST,
    Condition,
    Finding,
    Inspection,
    InspectionPhoto,
    Tower,
)
from balai.towers.siting import distance_m
from balai.towers.workflow import FINDING_WORKFLOW

# A GPS fix this far from the registered point is flagged: the tower may stand elsewhere
# than registered (MCW found one built off its approved coordinates).
OFF_POINT_M = 50.0
# Items whose absence is itself a problem (a generator need not be there).
REQUIRED_ITEMS = {"obstruction_light", "fence", "signboard"}


@dataclass
class InspectionData:
    obstruction_light: str
    paint: str
    fence: str
    signboard: str
    generator: str
    in_use: bool
    tenants_seen: str = ""
    residents_concerns: str = ""
    notes: str = ""
    gps_lat: float | None = None
    gps_lng: float | None = None
    gps_accuracy_m: float | None = None
    inspected_at: datetime | None = None  # when the form was filled in on the phone


def _findings(data: InspectionData) -> list[tuple[str, str]]:
    found = []
    for item, label in CHECKLIST:
        value = getattr(data, item)
        if value == Condition.PROBLEM:
            found.append((item, _("%(item)s: in poor condition.") % {"item": label}))
        elif value == Condition.ABSENT and item in REQUIRED_ITEMS:
            found.append((item, _("%(item)s: missing.") % {"item": label}))
    if not data.in_use:
        found.append(("in_use", _("The tower is no longer in use and should be dismantled.")))
    if data.residents_concerns.strip():
        found.append(("residents", _("Residents' concerns: %(text)s")
                      % {"text": data.residents_concerns.strip()[:400]}))
    return found


def inspection_record(*, tower: Tower, data: InspectionData, photos=(), client_uuid: uuid.UUID,
                      actor, now: datetime | None = None) -> tuple[Inspection, bool]:
    """Record a field inspection sent from the phone; (inspection, created). The same form
    sent again (the phone retried after the signal came back) returns the first one."""
    existing = Inspection.objects.filter(client_uuid=client_uuid).first()
    if existing is not None:
        return existing, False
    now = now or timezone.now()
    inspected_at = min(data.inspected_at or now, now)
    prepared = [tower_photos.prepare(p) for p in photos]
    distance = None
    if data.gps_lat is not None and data.gps_lng is not None:
        distance = round(distance_m(tower.lat, tower.lng, data.gps_lat, data.gps_lng), 1)
    with transaction.atomic():
        inspection = Inspection(
            tower=tower, inspector=actor, client_uuid=client_uuid, inspected_at=inspected_at,
            obstruction_light=data.obstruction_light, paint=data.paint, fence=data.fence,
            signboard=data.signboard, generator=data.generator, in_use=data.in_use,
            tenants_seen=data.tenants_seen[:300], residents_concerns=data.residents_concerns,
            notes=data.notes, gps_lat=data.gps_lat, gps_lng=data.gps_lng,
            gps_accuracy_m=data.gps_accuracy_m, distance_m=distance,
            off_point=distance is not None and distance > OFF_POINT_M)
        inspection.full_clean(exclude=["tower", "inspector"])
        inspection.save()
        for image in prepared:
            row = InspectionPhoto(inspection=inspection, sha256=image.sha256,
                                  taken_lat=image.gps[0] if image.gps else None,
                                  taken_lng=image.gps[1] if image.gps else None)
            row.original.save(f"{image.sha256[:16]}-{image.name}", ContentFile(image.original),
                              save=False)
            row.image.save(f"{image.sha256[:16]}.jpg", ContentFile(image.public), save=False)
            row.save()
        findings = Finding.objects.bulk_create(
            Finding(inspection=inspection, tower=tower, item=item, description=text)
            for item, text in _findings(data))
        day = timezone.localdate(inspected_at)
        locked = Tower.objects.select_for_update().get(pk=tower.pk)
        if locked.last_inspected_on is None or locked.last_inspected_on < day:
            locked.last_inspected_on = day
            save_changed(locked, "last_inspected_on")
        log_action(tower, "towers.inspected", actor=actor, data={
            "inspection": inspection.pk, "findings": len(findings), "photos": len(prepared),
            "distance_m": distance, "off_point": inspection.off_point})
    return inspection, True


def inspection_notify(*, inspection: Inspection, actor, backend=None,
                      now: datetime | None = None) -> IssuedDocument:
    """One notice letter to the owner for the inspection's open findings, with a deadline in
    working days (TOWERS_NOTICE_WORKDAYS); the findings are claimed first so two officers
    never send two letters."""
    now = now or timezone.now()
    notify = FINDING_WORKFLOW["notify"]
    pks = list(inspection.findings.filter(status__in=notify.sources).values_list("pk",
                                                                               flat=True))
    if not pks:
        raise TowerTransitionError(_("This inspection has no open findings to notify."),
                                   code="nothing")
    # The claim: open -> notified in one UPDATE; a second officer finds nothing open.
    if Finding.objects.filter(pk__in=pks, status__in=notify.sources).update(
            status=Finding.Status.NOTIFIED) != len(pks):
        _unclaim(pks)
        raise TowerTransitionError(_("Another officer is notifying these findings now."),
                                   code="claimed")
    findings = list(Finding.objects.filter(pk__in=pks).order_by("pk"))
    due = add_workdays(timezone.localdate(now), settings.TOWERS_NOTICE_WORKDAYS,
                       get_work_calendar())
    letter = None
    try:
        with override(settings.LANGUAGE_CODE):
            context = notice_letter_context(inspection=inspection, findings=findings, due=due)
        letter = document_issue(kind=IssuedDocument.Kind.TOWER_NOTICE, context=context,
                                unit=settings.TOWERS_LETTER_UNIT,
                                classification=letter_classification(),
                                signer=letter_signer(actor), actor=actor, backend=backend,
                                now=now)
        with transaction.atomic():
            Finding.objects.filter(pk__in=pks).update(notice=letter, due_on=due,
                                                      updated_at=timezone.now())
            log_action(inspection.tower, "towers.notice_issued", actor=actor, data={
                "letter": letter.number.full_number, "due_on": due,
                "findings": [f.description for f in findings]})
        return letter
    except Exception as exc:
        _unclaim(pks)
        if letter is not None:
            letter_number_cancel(number=letter.number, actor=actor, reason=(
                f"Letter not used: the notice could not be recorded "
                f"({type(exc).__name__}: {exc})")[:500])
        raise


def _unclaim(pks: list[int]) -> None:
    """Give back the findings a notice claimed but could not record (no letter on them)."""
    Finding.objects.filter(pk__in=pks, status=Finding.Status.NOTIFIED,
                           notice__isnull=True).update(status=Finding.Status.OPEN)


@transaction.atomic
def finding_resolve(*, finding: Finding, resolution: str, actor,
                    now: datetime | None = None) -> Finding:
    """Close a finding the owner put right (seen at a revisit or shown with evidence)."""
    resolution = resolution.strip()
    if not resolution:
        raise ValidationError({"resolution": _("Write how the problem was put right.")})
    locked = FINDING_WORKFLOW.lock(finding, "resolve")
    locked.status, locked.resolution = Finding.Status.RESOLVED, resolution
    locked.resolved_at = now or timezone.now()
    save_changed(locked, "status", "resolution", "resolved_at")
    log_action(locked.tower, "towers.finding_resolved", actor=actor, data={
        "finding": locked.description, "reason": resolution})
    return locked


def findings_overdue_sweep(*, today: date) -> int:
    """Flag, once, each notified finding whose deadline has passed (a stored, indexed date)."""
    selection = Finding.objects.filter(status=Finding.Status.NOTIFIED, due_on__lt=today,
                                       overdue_flagged_on__isnull=True)

    def act(finding: Finding) -> None:
        log_action(finding.tower, "towers.finding_overdue", data={
            "finding": finding.description, "due_on": finding.due_on})

    return claim_each(selection, act, related=("tower",), overdue_flagged_on=today)
