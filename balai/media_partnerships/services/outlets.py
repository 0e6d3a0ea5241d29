"""Outlets and their journalists: registration, updates through the private link, papers."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.core.workflow import submitted_before
from balai.media_partnerships.files import PreparedFile
from balai.media_partnerships.models import (
    Journalist,
    MediaOutlet,
    OutletDocument,
    PressCouncilCertificate,
    certificate_valid_from,
)

OUTLET_FIELDS = ("name", "company_name", "media_type", "legal_form", "deed_number",
                 "deed_date", "ahu_number", "nib", "npwp", "kbli", "press_council_status",
                 "press_council_certificate", "press_council_valid_until",
                 "first_published_on", "address", "has_local_office", "website", "email",
                 "phone", "bank_name", "bank_account_number", "bank_account_name",
                 "ekatalog_id", "circulation")


@dataclass
class OutletData:
    name: str
    company_name: str
    media_type: str
    legal_form: str
    deed_number: str
    nib: str
    npwp: str
    address: str
    email: str
    phone: str
    bank_name: str
    bank_account_number: str
    bank_account_name: str
    deed_date: date | None = None
    ahu_number: str = ""
    kbli: str = ""
    press_council_status: str = ""
    press_council_certificate: str = ""
    press_council_valid_until: date | None = None
    first_published_on: date | None = None
    has_local_office: bool = False
    website: str = ""
    ekatalog_id: str = ""
    circulation: str = ""


@dataclass
class JournalistData:
    name: str
    position: str = ""
    is_chief_editor: bool = False
    ukw_level: str = ""
    ukw_certificate: str = ""
    ukw_valid_until: date | None = None


@dataclass
class Registration:
    outlet: OutletData
    chief_editor: JournalistData
    documents: list[tuple[str, PreparedFile]] = field(default_factory=list)
    idempotency_key: str | None = None


def _outlet_rules(data: OutletData) -> None:
    """What a form cannot see alone: the Press Council's factual status needs its
    certificate number and validity (DP letter 445/DP/K/6/2021: five years)."""
    errors = {}
    if data.press_council_status == "factual":
        if not data.press_council_certificate.strip():
            errors["press_council_certificate"] = _(
                "Enter the Press Council certificate number of a factually verified outlet.")
        if data.press_council_valid_until is None:
            errors["press_council_valid_until"] = _(
                "Enter the date until which the Press Council certificate is valid.")
    if not data.nib.isdigit() or len(data.nib) != 13:
        errors["nib"] = _("The NIB has 13 digits.")
    if not data.npwp.isdigit() or len(data.npwp) not in (15, 16):
        errors["npwp"] = _("Write the NPWP as its 15 or 16 digits, without dots or dashes.")
    if errors:
        raise ValidationError(errors)


def _record_certificate(outlet: MediaOutlet) -> None:
    """Keep the outlet's current Press Council certificate in its history (once)."""
    number = outlet.press_council_certificate.strip()
    if outlet.press_council_status == "factual" and number and outlet.press_council_valid_until:
        PressCouncilCertificate.objects.get_or_create(
            outlet=outlet, number=number, valid_until=outlet.press_council_valid_until,
            defaults={"valid_from": certificate_valid_from(outlet.press_council_valid_until)})


def _journalist_rules(data: JournalistData) -> None:
    if data.ukw_level and not data.ukw_certificate.strip():
        raise ValidationError({"ukw_certificate": _(
            "Enter the number of the UKW certificate.")})


def outlet_register(*, registration: Registration, actor=None) -> tuple[MediaOutlet, str]:
    """Register an outlet with its chief editor and papers (the public form); returns the
    outlet and the secret of its private link, shown once. A retried submission with the
    same key returns the first outlet and no secret."""
    earlier = submitted_before(MediaOutlet, registration.idempotency_key)
    if earlier is not None:
        return earlier, ""
    _outlet_rules(registration.outlet)
    chief = registration.chief_editor
    chief.is_chief_editor = True
    _journalist_rules(chief)
    secret, secret_hash = MediaOutlet.new_secret()
    try:
        with transaction.atomic():
            outlet = MediaOutlet(**asdict(registration.outlet), secret_hash=secret_hash,
                                 idempotency_key=registration.idempotency_key)
            outlet.full_clean(exclude=["secret_hash"])
            outlet.save()
            Journalist.objects.create(outlet=outlet, **asdict(chief))
            _record_certificate(outlet)
            for kind, prepared in registration.documents:
                _store_document(outlet, kind, prepared)
            log_action(outlet, "media_partnerships.outlet_registered", actor=actor,
                       data={"name": outlet.name, "documents": [k for k, _p in
                                                                registration.documents]})
    except IntegrityError:
        earlier = submitted_before(MediaOutlet, registration.idempotency_key)
        if earlier is None:
            raise
        return earlier, ""
    return outlet, secret


def _store_document(outlet: MediaOutlet, kind: str, prepared: PreparedFile) -> OutletDocument:
    return OutletDocument.objects.create(outlet=outlet, kind=kind, file=prepared.content(),
                                         name=prepared.name, content_type=prepared.content_type,
                                         sha256=prepared.sha256)


def outlet_update(*, outlet: MediaOutlet, data: OutletData, actor=None) -> MediaOutlet:
    """Keep the outlet's data current (through its private link, or by the media officer);
    the changed fields are audited with their old values."""
    _outlet_rules(data)
    with transaction.atomic():
        outlet = MediaOutlet.objects.select_for_update().get(pk=outlet.pk)
        changed = {}
        for name, value in asdict(data).items():
            if getattr(outlet, name) != value:
                changed[name] = getattr(outlet, name)
                setattr(outlet, name, value)
        if not changed:
            return outlet
        outlet.full_clean(exclude=["secret_hash"])
        outlet.save(update_fields=[*changed, "updated_at"])
        _record_certificate(outlet)
        log_action(outlet, "media_partnerships.outlet_updated", actor=actor,
                   data={"fields": sorted(changed), "before": changed})
    return outlet


def outlet_document_add(*, outlet: MediaOutlet, kind: str, prepared: PreparedFile,
                        actor=None) -> OutletDocument:
    if kind not in OutletDocument.Kind.values:
        raise ValidationError({"kind": _("Choose which document this is.")})
    with transaction.atomic():
        document = _store_document(outlet, kind, prepared)
        log_action(outlet, "media_partnerships.document_added", actor=actor,
                   data={"kind": kind, "sha256": prepared.sha256})
    return document


def journalist_save(*, outlet: MediaOutlet, data: JournalistData,
                    journalist: Journalist | None = None, actor=None) -> Journalist:
    """Add or correct a journalist. Naming a new chief editor moves the title to them."""
    _journalist_rules(data)
    with transaction.atomic():
        if data.is_chief_editor:
            others = outlet.journalists.filter(is_chief_editor=True)
            if journalist is not None:
                others = others.exclude(pk=journalist.pk)
            others.update(is_chief_editor=False)
        if journalist is None:
            journalist = Journalist(outlet=outlet)
        elif journalist.outlet_id != outlet.pk:
            raise ValidationError(_("This journalist belongs to another outlet."))
        for name, value in asdict(data).items():
            setattr(journalist, name, value)
        journalist.full_clean(exclude=["outlet"])
        journalist.save()
        log_action(outlet, "media_partnerships.journalist_saved", actor=actor,
                   data={"journalist": journalist.name, "ukw": journalist.ukw_level,
                         "chief_editor": journalist.is_chief_editor})
    return journalist


def journalist_remove(*, journalist: Journalist, actor=None) -> None:
    with transaction.atomic():
        outlet = journalist.outlet
        log_action(outlet, "media_partnerships.journalist_removed", actor=actor,
                   data={"journalist": journalist.name})
        journalist.delete()


def outlet_link_reset(*, outlet: MediaOutlet, actor) -> str:
    """A new private link for an outlet that lost its own (asked by letter or in person):
    the old link stops working; the new secret is shown once to the officer to hand over."""
    secret, secret_hash = MediaOutlet.new_secret()
    with transaction.atomic():
        outlet = MediaOutlet.objects.select_for_update().get(pk=outlet.pk)
        outlet.secret_hash = secret_hash
        outlet.save(update_fields=["secret_hash", "updated_at"])
        log_action(outlet, "media_partnerships.link_reset", actor=actor)
    return secret
