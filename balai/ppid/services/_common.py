"""Helpers the PPID services share: row locks, saves, the open states."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.utils import formats
from django.utils.translation import gettext as _

from balai.documents.models import Classification
from balai.ppid.errors import PpidTransitionError
from balai.ppid.models import InformationRequest


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
ANSWERED_STATES = {InformationRequest.Status.ANSWERED, InformationRequest.Status.OBJECTION,
                   InformationRequest.Status.DISPUTE, InformationRequest.Status.CLOSED}


def _date_text(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _notice_classification() -> Classification:
    code = getattr(settings, "PPID_LETTER_CLASSIFICATION", "000.8.3.3")
    return Classification.objects.get_or_create(
        code=code, defaults={"name": "Layanan informasi publik"})[0]
