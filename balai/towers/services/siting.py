"""Cell-plan zones and siting requests: registration with the rules' assessment, and the
decision with its letter (Kota Malang Perda 6/2013 Pasal 43)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from balai.core.audit import log_action
from balai.core.workflow import save_changed
from balai.documents.models import IssuedDocument
from balai.documents.services import document_issue, letter_number_cancel
from balai.towers import selectors
from balai.towers.errors import TowerTransitionError
from balai.towers.letters import (
    letter_classification,
    letter_signer,
    siting_letter_context,
)
from balai.towers.levy import add_months
from balai.towers.models import SitingRequest, Zone
from balai.towers.services.registry import kelurahan_for_points
from balai.towers.workflow import SITING_WORKFLOW

ZONE_FIELDS = ("name", "kind", "centre_lat", "centre_lng", "radius_m", "polygon",
               "max_height_m", "legal_source", "is_active")
# A claim older than this belongs to a process that died while the letter was signed.
CLAIM_EXPIRES = timedelta(minutes=10)


@transaction.atomic
def zone_save(*, zone: Zone | None = None, data: dict, actor) -> Zone:
    """Add or change a zone: a circle (centre and radius) or a GeoJSON polygon."""
    zone = zone or Zone()
    for field in ZONE_FIELDS:
        if field in data:
            setattr(zone, field, data[field])
    if zone.polygon:
        _check_polygon(zone.polygon)
        zone.centre_lat = zone.centre_lng = zone.radius_m = None
    elif not (zone.radius_m and zone.centre_lat is not None and zone.centre_lng is not None):
        raise ValidationError(_("Give either a centre and a radius, or a polygon."))
    zone.full_clean()
    zone.save()
    log_action(zone, "towers.zone_saved", actor=actor, data={
        "name": zone.name, "kind": zone.kind, "legal_source": zone.legal_source})
    return zone


def _check_polygon(polygon) -> None:
    import shapely  # noqa: PLC0415

    try:
        geom = shapely.geometry.shape(polygon)
    except Exception as exc:  # shapely raises several kinds on bad GeoJSON
        raise ValidationError({"polygon": _("The polygon is not valid GeoJSON.")}) from exc
    if geom.geom_type not in ("Polygon", "MultiPolygon") or not geom.is_valid:
        raise ValidationError({"polygon": _("The polygon must be a valid GeoJSON Polygon or "
                                            "MultiPolygon in longitude/latitude.")})


def _next_code(year: int) -> str:
    prefix = f"REK-{year}-"
    last = (SitingRequest.objects.filter(code__startswith=prefix).order_by("-code")
            .values_list("code", flat=True).first())
    return f"{prefix}{int(last[len(prefix):]) + 1 if last else 1:04d}"


def siting_request_register(*, company, letter_number: str, letter_date, lat: float,
                            lng: float, height_m, site_type: str, address: str = "", actor,
                            now: datetime | None = None) -> SitingRequest:
    """Register a company's application letter and assess it by the rules at once; the
    assessment is stored with the request so the letter says what the rules said."""
    now = now or timezone.now()
    with override(settings.LANGUAGE_CODE):
        decision = selectors.siting_assess(lat=lat, lng=lng, height_m=float(height_m),
                                           site_type=site_type)
    kelurahan = kelurahan_for_points([(lat, lng)])[0]
    with transaction.atomic():
        req = SitingRequest(
            code=_next_code(timezone.localdate(now).year), company=company,
            letter_number=letter_number.strip(), letter_date=letter_date, lat=lat, lng=lng,
            address=address, kelurahan=kelurahan, height_m=height_m, site_type=site_type,
            assessment=decision.as_dict())
        req.full_clean()
        req.save()
        log_action(req, "towers.siting_received", actor=actor, data={
            "company": company.name, "letter": req.letter_number,
            "rules_recommend": decision.recommend, "failed": decision.failed})
    return req


def _claim(req: SitingRequest) -> datetime | None:
    now = timezone.now()
    won = SitingRequest.objects.filter(
        Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - CLAIM_EXPIRES), pk=req.pk,
        status=SitingRequest.Status.RECEIVED).update(claimed_at=now)
    return now if won else None


def siting_request_decide(*, request: SitingRequest, recommend: bool, reason: str = "",
                          actor, backend=None, now: datetime | None = None) -> SitingRequest:
    """Recommend or refuse, with the letter (numbered, signed, verifiable) in one step.

    The rules' assessment decides; an officer who goes against it must give a reason,
    which the letter and the audit trail carry. The request is claimed before the letter
    is numbered, so two officers never sign twice; a letter that cannot be recorded has
    its number cancelled.
    """
    action = "recommend" if recommend else "refuse"
    reason = reason.strip()
    rules_say = bool(request.assessment.get("recommend"))
    overridden = recommend != rules_say
    if overridden and not reason:
        raise ValidationError({"reason": _(
            "The rules say otherwise: write why you decide against them.")})
    if not SITING_WORKFLOW.allows(action, request.status):
        raise TowerTransitionError(_("This request has already been decided."), code="done")
    now = now or timezone.now()
    claimed_at = _claim(request)
    if claimed_at is None:
        raise TowerTransitionError(_("This request has already been decided, or another "
                                     "officer is deciding it now."), code="claimed")
    valid_until = (add_months(timezone.localdate(now),
                              settings.TOWERS_RECOMMENDATION_VALID_MONTHS)
                   if recommend else None)
    sentences = [o["sentence"] for o in request.assessment.get("outcomes", [])]
    letter = None
    try:
        with override(settings.LANGUAGE_CODE):
            context = siting_letter_context(req=request, recommend=recommend,
                                            reason=reason if overridden or reason else "",
                                            valid_until=valid_until, sentences=sentences)
        letter = document_issue(kind=IssuedDocument.Kind.TOWER_RECOMMENDATION, context=context,
                                unit=settings.TOWERS_LETTER_UNIT,
                                classification=letter_classification(),
                                signer=letter_signer(actor), actor=actor, backend=backend,
                                now=now)
        with transaction.atomic():
            locked = SITING_WORKFLOW.lock(request, action)
            locked.status = SITING_WORKFLOW[action].target
            locked.decided_at, locked.decided_by, locked.letter = now, actor, letter
            locked.valid_until = valid_until
            locked.overridden, locked.override_reason = overridden, reason if overridden else ""
            save_changed(locked, "status", "decided_at", "decided_by", "letter", "valid_until",
                         "overridden", "override_reason")
            log_action(locked, f"towers.siting_{'recommended' if recommend else 'refused'}",
                       actor=actor, data={"letter": letter.number.full_number,
                                          "valid_until": valid_until, "overridden": overridden,
                                          "reason": reason})
            return locked
    except Exception as exc:
        if letter is not None:
            letter_number_cancel(number=letter.number, actor=actor, reason=(
                f"Letter not used: the decision could not be recorded "
                f"({type(exc).__name__}: {exc})")[:500])
        raise
    finally:
        SitingRequest.objects.filter(pk=request.pk, claimed_at=claimed_at).update(
            claimed_at=None)
