"""Reads of issued documents, scoped by who is looking."""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from balai.accounts.models import Role
from balai.agencies.selectors import ppid_pembantu_agency_ids
from balai.documents.models import IssuedDocument
from balai.lib.dates import days_range

# Who issues or oversees letters today: PPID officers (notices), the atasan PPID
# (objection decisions), the head of office and administrators.
REGISTER_ROLES = {Role.PETUGAS_PPID, Role.ATASAN_PPID, Role.KEPALA_DINAS, Role.ADMIN}


def can_see_register(user) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return user.is_superuser or user.role in REGISTER_ROLES


def issued_document_list_for(*, user, kind: str = "", unit: str = "",
                             date_from: date | None = None, date_to: date | None = None,
                             q: str = "") -> QuerySet[IssuedDocument]:
    """Issued documents the user may list; others get none.

    The register shows addressees, and a PPID notice is addressed to a requester by
    name (personal data): only the roles that issue or oversee letters see it. Numbers
    are public on the letters themselves; the register is what the archive unit checks.
    """
    if not can_see_register(user):
        return IssuedDocument.objects.none()
    # In number order, the latest year first: the register a letter's number is checked
    # against, whatever the day each letter was issued.
    qs = IssuedDocument.objects.select_related("number").order_by(
        "-number__year", "number__unit_code", "-number__running_number", "-id")
    if not user.is_superuser and user.role == Role.PETUGAS_PPID:
        # A PPID pembantu: only the letters about its own OPDs' requests.
        agency_ids = ppid_pembantu_agency_ids(user=user)
        if agency_ids is not None:
            qs = qs.filter(agency_id__in=agency_ids)
    if kind:
        qs = qs.filter(kind=kind)
    if unit:
        qs = qs.filter(unit_code=unit.strip().upper())
    start, end = days_range(date_from, date_to, timezone.get_current_timezone())
    if start:
        qs = qs.filter(issued_at__gte=start)
    if end:
        qs = qs.filter(issued_at__lt=end)
    q = q.strip()
    if q:
        qs = qs.filter(Q(number__full_number__icontains=q) | Q(subject__icontains=q)
                       | Q(addressee__icontains=q) | Q(signer_name__icontains=q)
                       | Q(sha256=q.lower()))
    return qs


def unit_codes() -> list[str]:
    return list(IssuedDocument.objects.order_by("unit_code")
                .values_list("unit_code", flat=True).distinct())
