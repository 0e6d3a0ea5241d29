"""Every change to the published budget: a stage imported whole, a document published or
withdrawn. Each is audited in its transaction (STYLE.md rules 2–3)."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.agencies.models import Agency
from balai.budget import matrix
from balai.budget.imports import ImportRow
from balai.budget.models import BudgetDocument, BudgetImport, BudgetLine, Stage
from balai.budget.selectors import budget_scope
from balai.core.audit import log_action

PDF_MAX_BYTES = 30 * 1024 * 1024
BATCH = 2000


def agency_lookup() -> dict[str, int]:
    """Each agency of this pemda by its code, name and short name (casefolded), for the import
    to find the agency a row names."""
    found: dict[str, int] = {}
    for agency in Agency.objects.filter(is_external=False).only("pk", "code", "name",
                                                                 "short_name"):
        for key in (agency.code, agency.name, agency.short_name):
            if key:
                found.setdefault(key.casefold(), agency.pk)
    return found


def _require_officer(actor) -> None:
    if not budget_scope(actor).is_officer:
        raise PermissionDenied(_("Only the data officer (walidata) publishes the budget."))


def budget_stage_import(*, year: int, stage: str, rows: Sequence[ImportRow], filename: str,
                        data: bytes, actor, as_of: date | None = None) -> BudgetImport:
    """Publish one year's stage (murni, perubahan or realisasi) from a checked file, replacing
    the stage as published before: all rows or none (one transaction)."""
    _require_officer(actor)
    if stage not in Stage.values:
        raise ValidationError(_("Choose the stage: murni, perubahan or realisasi."))
    if not rows:
        raise ValidationError(_("The file has no budget lines to import."))
    if any(row.errors for row in rows):
        raise ValidationError(_("The file has rows with errors; nothing was imported."))
    if as_of is not None and stage != Stage.REALISASI:
        raise ValidationError(_("Only a realisation stands \"as of\" a day; leave it empty for "
                                "the adopted budget."))
    with transaction.atomic():
        # Lock the stage's current import so that two officers importing at once publish one
        # after the other, never both.
        previous = list(BudgetImport.objects.select_for_update()
                        .filter(year=year, stage=stage, is_current=True))
        for old in previous:
            old.is_current = False
            old.save(update_fields=["is_current", "updated_at"])
            old.lines.all().delete()
        batch = BudgetImport.objects.create(
            year=year, stage=stage, filename=filename[:200],
            sha256=hashlib.sha256(data).hexdigest(), rows=len(rows),
            total=sum(row.values["amount"] for row in rows), as_of=as_of, imported_by=actor)
        fields = ("agency_id", "skpd_code", "program_code", "program_name", "kegiatan_code",
                  "kegiatan_name", "sub_kegiatan_code", "sub_kegiatan_name", "account_code",
                  "account_name", "amount")
        for start in range(0, len(rows), BATCH):
            BudgetLine.objects.bulk_create(
                BudgetLine(budget_import=batch, year=year, stage=stage,
                           **{f: row.values[f] for f in fields})
                for row in rows[start:start + BATCH])
        log_action(batch, "budget.imported", actor=actor, data={
            "year": year, "stage": stage, "file": filename, "rows": len(rows),
            "total": batch.total, "replaced": [old.pk for old in previous]})
    return batch


def _checked_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("Upload the document as a PDF file."))
    if len(data) > PDF_MAX_BYTES:
        raise ValidationError(_("The PDF is larger than %(mb)s MB; compress it first.")
                              % {"mb": PDF_MAX_BYTES // (1024 * 1024)})


def budget_document_publish(*, year: int, kind: str, title: str, number: str,
                            published_on: date, data: bytes, actor) -> BudgetDocument:
    """Publish a transparency document of a budget year (a new version replaces the one
    before, which stays in the audit trail)."""
    _require_officer(actor)
    if kind not in matrix.BY_CODE:
        raise ValidationError(_("Choose the kind of document."))
    today = timezone.localdate()
    if published_on > today:
        raise ValidationError(_("The publication date cannot be in the future."))
    _checked_pdf(data)
    with transaction.atomic():
        for old in BudgetDocument.objects.select_for_update().filter(
                year=year, kind=kind, is_withdrawn=False):
            old.is_withdrawn = True
            old.save(update_fields=["is_withdrawn", "updated_at"])
            log_action(old, "budget.document_withdrawn", actor=actor,
                       data={"replaced": True})
        document = BudgetDocument(
            year=year, kind=kind, title=title.strip(), number=number.strip(),
            published_on=published_on, size=len(data),
            sha256=hashlib.sha256(data).hexdigest(), published_by=actor)
        document.file.save(f"{year}-{kind}.pdf", ContentFile(data), save=False)
        document.save()
        log_action(document, "budget.document_published", actor=actor, data={
            "year": year, "kind": kind, "published_on": published_on.isoformat()})
    return document


def budget_document_withdraw(*, document: BudgetDocument, reason: str, actor) -> None:
    """Take a document off the public matrix (published by mistake); the reason is audited."""
    _require_officer(actor)
    if not reason.strip():
        raise ValidationError(_("Say why the document is withdrawn."))
    with transaction.atomic():
        document = BudgetDocument.objects.select_for_update().get(pk=document.pk)
        if document.is_withdrawn:
            raise ValidationError(_("This document has already been withdrawn."))
        document.is_withdrawn = True
        document.save(update_fields=["is_withdrawn", "updated_at"])
        log_action(document, "budget.document_withdrawn", actor=actor,
                   data={"reason": reason.strip()})
