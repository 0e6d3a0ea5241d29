"""The Daftar Informasi Publik: entries added and changed, audited."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from balai.core.audit import log_action
from balai.ppid.files import PreparedFile, store_file
from balai.ppid.models import DipEntry
from balai.ppid.services.monev import berkala_refresh_for

DIP_FIELDS = ("information_class", "title", "summary", "agency", "responsible", "made_when",
              "made_where", "available_forms", "retention", "year", "url", "exemption",
              "exemption_decree", "decree", "consequence_test", "exempt_until", "is_published")


def dip_entry_check(entry: DipEntry) -> None:
    """An exempt entry carries its ground, decree and consequence test (UU 14/2008 Ps. 19);
    a non-exempt one is cleared of them. Raises a ValidationError per field."""
    errors: dict[str, str] = {}
    if entry.is_exempt:
        if entry.decree_id is not None:
            # The decree kept in balai gives its number (Pasal 19: exempted by decree).
            entry.exemption_decree = entry.decree.number or entry.decree.title
        if not entry.exemption:
            errors["exemption"] = _("Choose the Art. 17 ground that exempts this information.")
        if not entry.exemption_decree.strip():
            errors["exemption_decree"] = _("Enter the number of the decree that exempts this "
                                           "information.")
        if not entry.consequence_test.strip():
            errors["consequence_test"] = _("Record the consequence test (uji konsekuensi) "
                                           "that led to the exemption.")
        if entry.file:
            errors["file"] = _("An exempt entry cannot carry the information itself; remove "
                               "the file.")
    else:
        entry.exemption, entry.exemption_decree, entry.exempt_until = "", "", None
        entry.decree = None
        entry.consequence_test = ""
    if errors:
        raise ValidationError(errors)


def _dip_snapshot(entry: DipEntry) -> dict[str, Any]:
    return {name: (entry.agency.code if name == "agency" else
                   entry.decree_id if name == "decree" else getattr(entry, name))
            for name in DIP_FIELDS}


@transaction.atomic
def dip_entry_create(*, data: dict, actor, file: PreparedFile | None = None) -> DipEntry:
    """Add an entry to the Daftar Informasi Publik (Perki 1/2021 columns); audited."""
    entry = DipEntry(**{k: v for k, v in data.items() if k in DIP_FIELDS})
    if file is not None and entry.is_exempt:
        raise ValidationError({"file": _("An exempt entry cannot carry the information "
                                         "itself; remove the file.")})
    dip_entry_check(entry)
    entry.full_clean()
    digest = store_file(entry.file, file)
    entry.save()
    log_action(entry, "ppid.dip_created", actor=actor,
               data={**_dip_snapshot(entry), "file_sha256": digest})
    return entry


@transaction.atomic
def dip_entry_update(*, entry: DipEntry, data: dict, actor, file: PreparedFile | None = None,
                     remove_file: bool = False) -> DipEntry:
    """Change a DIP entry; the audit keeps each changed column's old and new value."""
    entry = DipEntry.objects.select_for_update().get(pk=entry.pk)
    before = _dip_snapshot(entry)
    for name, value in data.items():
        if name in DIP_FIELDS:
            setattr(entry, name, value)
    if remove_file or (entry.is_exempt and file is None and entry.file):
        entry.file = ""
    if file is not None and entry.is_exempt:
        raise ValidationError({"file": _("An exempt entry cannot carry the information "
                                         "itself; remove the file.")})
    dip_entry_check(entry)
    entry.full_clean()
    after = _dip_snapshot(entry)
    changed = {k: {"from": before[k], "to": after[k]} for k in DIP_FIELDS
               if before[k] != after[k]}
    old_file = DipEntry.objects.filter(pk=entry.pk).values_list("file", flat=True).get()
    digest = store_file(entry.file, file)
    if entry.file.name != old_file:
        changed["file"] = {"from": old_file, "to": entry.file.name, "sha256": digest}
    if not changed:
        return entry
    entry.save(update_fields=[*changed, "updated_at"])
    log_action(entry, "ppid.dip_updated", actor=actor, data={"changed": changed})
    berkala_refresh_for(entry)
    return entry
