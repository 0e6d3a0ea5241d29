"""The media officer's configuration: verification rounds with their checklists (data, per
Perbup/Perwal) and the yearly rate card. Each change is validated here and audited."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.media_partnerships.models import (
    OutletDocument,
    PressCouncilStatus,
    Requirement,
    UkwLevel,
    VerificationRound,
)

KBLI_CODE = re.compile(r"^\d{5}$")


@dataclass
class RoundData:
    name: str
    year: int
    legal_basis: str
    opens_on: date
    closes_on: date
    valid_until: date


@dataclass
class RequirementData:
    kind: str
    value: str
    label: str
    max_score: int
    order: int


def _round_rules(data: RoundData) -> None:
    errors = {}
    if not data.name.strip():
        errors["name"] = _("Give the round a name.")
    if not data.legal_basis.strip():
        errors["legal_basis"] = _("Name the Perbup or Perwal the round follows.")
    if data.closes_on < data.opens_on:
        errors["closes_on"] = _("Registration must close on or after the day it opens.")
    if data.valid_until < data.closes_on:
        errors["valid_until"] = _("The verification must stay valid at least until "
                                  "registration closes.")
    if not data.opens_on.year - 1 <= data.year <= data.opens_on.year + 1:
        errors["year"] = _("The budget year must be the year registration opens, or the "
                           "year before or after it.")
    if errors:
        raise ValidationError(errors)


def verification_round_save(*, data: RoundData, actor,
                            round_: VerificationRound | None = None) -> VerificationRound:
    """Open a verification round, or correct one (its dates, name, legal basis)."""
    _round_rules(data)
    with transaction.atomic():
        if round_ is None:
            round_ = VerificationRound.objects.create(
                **{**asdict(data), "name": data.name.strip(),
                   "legal_basis": data.legal_basis.strip()})
            changed = list(asdict(data))
        else:
            round_ = VerificationRound.objects.select_for_update().get(pk=round_.pk)
            changed = [name for name, value in asdict(data).items()
                       if getattr(round_, name) != value]
            for name in changed:
                setattr(round_, name, getattr(data, name))
            round_.save(update_fields=[*changed, "updated_at"])
        log_action(round_, "media_partnerships.round_saved", actor=actor,
                   data={"via": "staff", "changed": changed,
                         **{name: str(getattr(data, name)) for name in changed}})
    return round_


def requirement_value_error(kind: str, value: str) -> str | None:
    """Why `value` is not a parameter the automatic check of `kind` understands."""
    K = Requirement.Kind
    if kind == K.DOCUMENT and value not in OutletDocument.Kind.values:
        return _("Choose which document must be uploaded.")
    if kind == K.PRESS_COUNCIL and value and value not in (
            PressCouncilStatus.ADMINISTRATIVE, PressCouncilStatus.FACTUAL):
        return _("Write 'administrative' or 'factual' (or leave it empty for factual).")
    if kind == K.CHIEF_EDITOR_UKW and value and value not in (
            UkwLevel.MUDA, UkwLevel.MADYA, UkwLevel.UTAMA):
        return _("Write 'muda', 'madya' or 'utama' (or leave it empty for utama).")
    if kind == K.KBLI:
        codes = [c.strip() for c in value.split(",") if c.strip()]
        if not all(KBLI_CODE.match(c) for c in codes):
            return _("Write the accepted KBLI codes, five digits each, separated by commas "
                     "(or leave it empty for the press codes).")
    if kind == K.MONTHS_OUTPUT and value and not (value.isdigit() and 0 < int(value) <= 240):
        return _("Write the number of months, from 1 to 240.")
    return None


def _round_checklist_open(round_: VerificationRound) -> None:
    """Outlets are judged against the checklist they applied under: once one applied, the
    checklist stays as it was (open a new round for new rules)."""
    if round_.applications.exists():
        raise ValidationError(_("Outlets have already applied in this round, so its "
                                "checklist can no longer change. Open a new round."))


def requirement_save(*, round_: VerificationRound, data: RequirementData, actor,
                     requirement: Requirement | None = None) -> Requirement:
    """Add an item to a round's checklist, or change one, before any outlet applied."""
    errors = {}
    if data.kind not in Requirement.Kind.values:
        errors["kind"] = _("Choose how the item is checked.")
    elif (why := requirement_value_error(data.kind, data.value.strip())) is not None:
        errors["value"] = why
    if not data.label.strip():
        errors["label"] = _("Write what is required, as the outlet will read it.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        VerificationRound.objects.select_for_update().get(pk=round_.pk)
        _round_checklist_open(round_)
        requirement = requirement or Requirement(round=round_)
        added = requirement.pk is None
        for name, value in asdict(data).items():
            setattr(requirement, name, value.strip() if isinstance(value, str) else value)
        requirement.save()
        log_action(round_, "media_partnerships.round_saved", actor=actor,
                   data={"via": "staff", "added" if added else "changed": [str(requirement)],
                         "kind": requirement.kind, "value": requirement.value,
                         "max_score": requirement.max_score})
    return requirement


def requirement_remove(*, requirement: Requirement, actor) -> None:
    """Take an item off a round's checklist, before any outlet applied."""
    round_ = requirement.round
    with transaction.atomic():
        VerificationRound.objects.select_for_update().get(pk=round_.pk)
        _round_checklist_open(round_)
        label = str(requirement)
        requirement.delete()
        log_action(round_, "media_partnerships.round_saved", actor=actor,
                   data={"via": "staff", "deleted": [label]})
