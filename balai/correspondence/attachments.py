"""Attachments (lampiran) of letters: checked by content like the scan, stored privately
by their SHA-256, added by who handles the letter and audited on it. Who may download
one is who may see its letter (the views load the letter through its scope first)."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from balai.accounts.models import Role
from balai.core.audit import log_action
from balai.correspondence.models import Attachment, IncomingLetter, OutgoingLetter
from balai.correspondence.services import scan_check
from balai.correspondence.storage import scan_storage
from balai.documents.text import terbilang

MAX_PER_LETTER = 10
# A draft's attachments may change until it goes to review; then they are what was read.
EDITABLE = {OutgoingLetter.Status.DRAFT, OutgoingLetter.Status.RETURNED}


def may_attach(letter, actor) -> bool:
    """Whether `actor` may add (or, on a draft, remove) attachments of `letter` now."""
    if isinstance(letter, IncomingLetter):
        front = getattr(actor, "role", "") == Role.PETUGAS_SURAT
        return letter.is_open and (front or letter.addressee.user_id == actor.pk)
    return letter.author_id == actor.pk and letter.status in EDITABLE


def attachment_add(*, letter: IncomingLetter | OutgoingLetter, upload, actor) -> Attachment:
    """Attach a file (PDF, JPG or PNG, at most 10 MB) to `letter`: an incoming letter by its
    front office or addressee while it is open, a draft by its author while it is editable."""
    if not may_attach(letter, actor):
        raise ValidationError(_("You cannot add attachments to this letter now."))
    if upload is None:
        raise ValidationError({"file": _("Choose the file to attach.")})
    data, content_type, suffix = scan_check(upload, field="file")
    digest = hashlib.sha256(data).hexdigest()
    path = f"lampiran/{digest[:2]}/{digest}.{suffix}"
    storage = scan_storage()
    if not storage.exists(path):
        storage.save(path, ContentFile(data))
    name = PurePath(upload.name or "").name.strip()[:200] or f"lampiran.{suffix}"
    field = "incoming" if isinstance(letter, IncomingLetter) else "outgoing"
    with transaction.atomic():
        type(letter).objects.select_for_update().filter(pk=letter.pk).first()
        if Attachment.objects.filter(**{field: letter}).count() >= MAX_PER_LETTER:
            raise ValidationError({"file": _("A letter has at most %(n)d attachments.")
                                   % {"n": MAX_PER_LETTER}})
        attachment = Attachment.objects.create(
            **{field: letter}, name=name, path=path, content_type=content_type,
            size=len(data), sha256=digest, uploaded_by=actor)
        log_action(letter, "correspondence.attachment_added", actor=actor,
                   data={"attachment": attachment.pk, "name": name, "sha256": digest})
    return attachment


def attachment_remove(*, attachment: Attachment, actor) -> None:
    """Take an attachment off a draft while its author may still change it (a registered
    incoming letter's attachments stay: they are what was received)."""
    letter = attachment.outgoing
    if letter is None or not may_attach(letter, actor):
        raise ValidationError(_("You cannot remove this attachment."))
    with transaction.atomic():
        log_action(letter, "correspondence.attachment_removed", actor=actor,
                   data={"attachment": attachment.pk, "name": attachment.name,
                         "sha256": attachment.sha256})
        attachment.delete()


def lampiran_field(count: int) -> str:
    """The "Lampiran" line of a letter (Permendagri 1/2023): "-" or "2 (dua) berkas"."""
    return f"{count} ({terbilang(count)}) berkas" if count else "-"


def lampiran_details(attachments) -> list[tuple[str, str]]:
    """The attachments listed in the signed letter, each with its SHA-256, so the signature
    covers which files were attached."""
    return [(f"Lampiran {i}", f"{a.name} (SHA-256 {a.sha256})")
            for i, a in enumerate(attachments, start=1)]
