"""Writes of the service directory: one door per change, audited (STYLE.md rules 2-3)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.text import slugify
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.public_services import search, skm, standard
from balai.public_services.models import (
    DocumentType,
    Requirement,
    Service,
    ServiceLocation,
    ServiceStep,
    SkmResponse,
    StandardVersion,
)
from balai.public_services.selectors import portal_scope


@dataclass
class StandardRows:
    """The standard's lists: documents to bring (name, note), steps, places served."""

    requirements: list[tuple[str, str]] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    locations: list[dict] = field(default_factory=list)


def _search_text(service: Service, rows: StandardRows) -> str:
    return search.normalise(" ".join([
        service.name, service.keywords, service.summary, service.product,
        service.agency.name, service.agency.short_name,
        " ".join(name for name, _note in rows.requirements)]))


@transaction.atomic
def service_save(*, service: Service, rows: StandardRows, note: str = "", actor) -> Service:
    """Create or change a service standard (UU 25/2009 Pasal 21) and keep the new version.

    Only a publication officer of the service's OPD, the editor OPD's officers and
    administrators may; a change that leaves the standard as it was adds no version."""
    scope = portal_scope(actor)
    created = service.pk is None
    if not created:
        Service.objects.select_for_update().get(pk=service.pk)
        stored_agency = Service.objects.values_list("agency_id", flat=True).get(pk=service.pk)
        if scope.agency_ids is not None and stored_agency not in scope.agency_ids:
            raise PermissionDenied
    if not scope.may_edit(service):
        raise PermissionDenied
    if not service.slug:
        service.slug = slugify(service.name)[:80]
    service.full_clean()
    service.search_text = _search_text(service, rows)
    service.save()
    service.requirements.all().delete()
    service.steps.all().delete()
    service.locations.all().delete()
    documents = {}
    for name, _note in rows.requirements:
        key = name.strip()
        if key.lower() not in documents:
            found = DocumentType.objects.filter(name__iexact=key).first()
            documents[key.lower()] = found or DocumentType.objects.create(name=key)
    Requirement.objects.bulk_create(
        Requirement(service=service, position=i, document_type=documents[name.strip().lower()],
                    note=note_[:200])
        for i, (name, note_) in enumerate(rows.requirements))
    ServiceStep.objects.bulk_create(ServiceStep(service=service, position=i, text=text[:400])
                                    for i, text in enumerate(rows.steps))
    ServiceLocation.objects.bulk_create(ServiceLocation(service=service, **place)
                                        for place in rows.locations)
    with translation.override(settings.LANGUAGE_CODE):  # a version reads the same for all
        snap = standard.snapshot(Service.objects.prefetch_related(
            "requirements__document_type", "steps", "locations").select_related(
            "complaint_category").get(pk=service.pk))
    last = service.versions.order_by("-number").first()
    if last is None or last.snapshot != snap:
        service.version = (last.number if last else 0) + 1
        service.save(update_fields=["version", "updated_at"])
        StandardVersion.objects.create(service=service, number=service.version, snapshot=snap,
                                       note=note[:300], actor=actor if actor else None)
    log_action(service, "public_services.created" if created else "public_services.updated",
               actor=actor, data={"agency": service.agency.code, "version": service.version,
                                  "missing": [c.code for c in standard.missing(snap)]})
    return service


def skm_respondent_key(identity: str) -> str:
    """What is kept of who answered: a keyed hash of a session's or a complaint's own
    identifier, enough to refuse a second answer and nothing more."""
    return salted_hmac("balai.public_services.skm", identity,
                       algorithm="sha256").hexdigest()


@transaction.atomic
def skm_response_submit(*, agency, service: Service | None, scores: list[int],
                        identity: str, channel: str, today, profile: dict | None = None,
                        actor=None) -> SkmResponse:
    """Record one questionnaire of the satisfaction survey (PermenPANRB 14/2017): once per
    respondent, per service (or per OPD, for a complaint about no listed service) and year."""
    if len(scores) != len(skm.ELEMENTS) or any(s not in (1, 2, 3, 4) for s in scores):
        raise ValidationError(_("Answer each of the nine questions with 1 to 4."))
    if service is not None and service.agency_id != agency.pk:
        raise ValidationError("the service belongs to another agency")
    key = skm_respondent_key(identity)
    same = SkmResponse.objects.filter(year=today.year, respondent_key=key)
    same = (same.filter(service=service) if service is not None
            else same.filter(agency=agency, service__isnull=True))
    if same.exists():
        raise ValidationError(_("You have already answered this survey this year. Thank "
                                "you."), code="already_answered")
    profile = profile or {}
    response = SkmResponse.objects.create(
        agency=agency, service=service, year=today.year, answered_on=today, channel=channel,
        respondent_key=key, **{code: s for code, s in zip(skm.CODES, scores, strict=True)},
        **{f: profile.get(f, "") for f in ("age_band", "sex", "education", "occupation")})
    log_action(service or agency, "public_services.skm_answered", actor=actor,
               data={"year": today.year, "channel": channel, "response": response.pk})
    return response
