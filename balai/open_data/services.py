"""Every change to the open data portal: a dataset saved, a file added (checked for personal
data first), published or taken off; the computed datasets kept in step with the code.
Each change is audited in its transaction (STYLE.md rules 2–3)."""

from __future__ import annotations

import hashlib

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balai.agencies.models import Agency
from balai.core.audit import log_action
from balai.core.imports import ImportFileError, read_table
from balai.open_data import builtin, privacy
from balai.open_data.models import Dataset, Resource
from balai.open_data.selectors import open_data_scope

MAX_BYTES = 20 * 1024 * 1024
KIND_LABELS = {"column": "nama kolom data pribadi", "nik": "NIK", "phone": "nomor telepon",
               "email": "alamat e-mail"}


def _require_officer(actor) -> None:
    if not open_data_scope(actor).is_officer:
        raise PermissionDenied(_("Only the data officer (walidata) publishes open data."))


FIELDS = ("title", "description", "producer", "topic", "frequency", "period", "unit",
          "reference_codes", "tags", "license")


def dataset_save(*, actor, dataset: Dataset | None = None, slug: str = "", **values) -> Dataset:
    """Create a dataset (unpublished until it has a file) or change its metadata."""
    _require_officer(actor)
    with transaction.atomic():
        if dataset is None:
            if Dataset.objects.filter(slug=slug).exists():
                raise ValidationError({"slug": _("Another dataset already has this address.")})
            dataset = Dataset(slug=slug, created_by=actor)
        elif dataset.builtin:
            raise ValidationError(_("A dataset computed by balai is described in its code."))
        for field in FIELDS:
            if field in values:
                setattr(dataset, field, values[field])
        dataset.full_clean()
        dataset.save()
        log_action(dataset, "open_data.dataset_saved", actor=actor,
                   data={"fields": sorted(values)})
    return dataset


def _table(name: str, data: bytes) -> list[list[str]]:
    try:
        table = [row for row in read_table(name, data) if any(row)]
    except ImportFileError as exc:
        raise ValidationError(exc.messages) from exc
    if len(table) < 2:
        raise ValidationError(_("The file needs a header row and at least one row of data."))
    return table


def resource_add(*, dataset: Dataset, name: str, filename: str, data: bytes, actor) -> Resource:
    """Add a CSV or XLSX file to a dataset, refused whole when it carries personal data."""
    _require_officer(actor)
    if dataset.builtin:
        raise ValidationError(_("A dataset computed by balai has no files to upload."))
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than %(mb)s MB.")
                              % {"mb": MAX_BYTES // (1024 * 1024)})
    fmt = filename.rsplit(".", 1)[-1].upper()
    if fmt not in Resource.Format.values:
        raise ValidationError(_("Upload a CSV or XLSX file."))
    table = _table(filename, data)
    headers = [h.strip() for h in table[0]]
    findings = privacy.scan(headers, table[1:])
    if findings:
        found = "; ".join(_("row %(row)s, column “%(column)s”: %(kind)s") % {
            "row": f.row, "column": f.column, "kind": KIND_LABELS[f.kind]}
            for f in findings[:5])
        raise ValidationError(_("The file seems to carry personal data, which open data never "
                                "publishes; nothing was stored. Remove it and upload again. "
                                "Found: %(found)s.") % {"found": found})
    with transaction.atomic():
        resource = Resource(dataset=dataset, name=name.strip() or filename, format=fmt,
                            size=len(data), sha256=hashlib.sha256(data).hexdigest(),
                            columns=headers, row_count=len(table) - 1)
        resource.file.save(f"{dataset.slug}.{fmt.lower()}", ContentFile(data), save=False)
        resource.save()
        dataset.data_updated_at = timezone.now()
        dataset.save(update_fields=["data_updated_at", "updated_at"])
        log_action(dataset, "open_data.resource_added", actor=actor,
                   data={"resource": str(resource.uuid), "rows": resource.row_count})
    return resource


def dataset_publish(*, dataset: Dataset, actor, publish: bool = True) -> Dataset:
    """Put a dataset on the portal (it needs a file or to be computed), or take it off."""
    _require_officer(actor)
    with transaction.atomic():
        dataset = Dataset.objects.select_for_update().get(pk=dataset.pk)
        if publish and not dataset.builtin and not dataset.resources.exists():
            raise ValidationError(_("Add a file before publishing the dataset."))
        if dataset.is_published == publish:
            return dataset
        dataset.is_published = publish
        if publish and dataset.published_at is None:
            dataset.published_at = timezone.now()
        dataset.save(update_fields=["is_published", "published_at", "updated_at"])
        log_action(dataset, "open_data.published" if publish else "open_data.unpublished",
                   actor=actor)
    return dataset


def builtin_datasets_sync() -> int:
    """Create the computed datasets that do not exist yet (published) and refresh the
    metadata of those that do, from `builtin.BUILTINS`. Idempotent."""
    fallback = Agency.objects.filter(is_external=False).order_by("pk").first()
    if fallback is None:
        return 0
    agencies = {a.code: a for a in Agency.objects.filter(
        code__in=[b.producer for b in builtin.BUILTINS])}
    made = 0
    for spec in builtin.BUILTINS:
        values = {"slug": spec.slug, "title": spec.title, "description": spec.description,
                  "producer": agencies.get(spec.producer, fallback), "topic": spec.topic,
                  "frequency": spec.frequency, "period": "sejak data pertama",
                  "unit": spec.unit, "reference_codes": spec.reference_codes,
                  "tags": spec.tags}
        dataset, created = Dataset.objects.update_or_create(
            builtin=spec.key, defaults=values,
            create_defaults={**values, "is_published": True, "published_at": timezone.now()})
        made += created
        if not dataset.resources.exists():
            Resource.objects.create(dataset=dataset, name=f"{spec.title} (CSV)",
                                    format=Resource.Format.CSV)
    return made
