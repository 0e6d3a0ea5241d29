"""Letter numbers (Permendagri 83/2022) and the official documents balai issues."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class Classification(BaseModel):
    """A Kode Klasifikasi Arsip: the basis of numbering, filing and retention."""

    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # Codes not yet checked against the regulation's annex are marked so an archivist
    # can confirm them before they appear on letters with legal weight.
    verified = models.BooleanField(_("verified against the regulation"), default=False)

    class Meta:
        ordering = ["code"]
        verbose_name = _("archive classification")
        verbose_name_plural = _("archive classifications")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class NumberSequence(BaseModel):
    """The last running number given out for one unit in one year."""

    unit_code = models.CharField(_("unit code"), max_length=40)
    year = models.PositiveIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "year"],
                                    name="documents_sequence_unit_year"),
        ]
        verbose_name = _("number sequence")
        verbose_name_plural = _("number sequences")

    def __str__(self) -> str:
        return f"{self.unit_code}/{self.year}: {self.last_number}"


class LetterNumber(BaseModel):
    """One reserved number; cancelled numbers stay recorded and are never given again."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Issued")
        CANCELLED = "cancelled", _("Cancelled")

    full_number = models.CharField(_("number"), max_length=120, unique=True)
    classification = models.ForeignKey(Classification, on_delete=models.PROTECT,
                                       related_name="numbers")
    unit_code = models.CharField(_("unit code"), max_length=40)
    year = models.PositiveIntegerField(_("year"))
    running_number = models.PositiveIntegerField(_("running number"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.ISSUED)
    cancel_reason = models.TextField(_("cancel reason"), blank=True)

    class Meta:
        ordering = ["unit_code", "year", "running_number"]
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "year", "running_number"],
                                    name="documents_number_unit_year_running"),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="documents_number_cancel_has_reason"),
        ]
        verbose_name = _("letter number")
        verbose_name_plural = _("letter numbers")

    def __str__(self) -> str:
        return self.full_number


def format_number(*, classification_code: str, running_number: int, unit_code: str,
                  year: int) -> str:
    """`classification / running number / unit / year` (Permendagri 83/2022)."""
    return f"{classification_code}/{running_number}/{unit_code}/{year}"


class IssuedDocument(BaseModel):
    """An official letter balai issued: numbered, rendered, signed and stored once."""

    class Kind(models.TextChoices):
        GENERAL_LETTER = "general_letter", _("General letter")
        PPID_NOTICE = "ppid_notice", _("PPID written notice")
        OBJECTION_DECISION = "objection_decision", _("Decision on an objection")
        # The second wave's letters (DESIGN.md §5a), declared here once so that the apps
        # that issue them never race for a documents migration.
        TOWER_RECOMMENDATION = "tower_recommendation", _("Tower siting recommendation")
        TOWER_NOTICE = "tower_notice", _("Notice to a tower owner")
        LEVY_ASSESSMENT = "levy_assessment", _("Levy assessment (SKRD/STRD)")
        LEVY_REMINDER = "levy_reminder", _("Levy reminder (surat teguran)")
        MEDIA_DECISION = "media_decision", _("Media verification decision")
        MEDIA_CONTRACT = "media_contract", _("Media partnership agreement")
        OFFICIAL_LETTER = "official_letter", _("Official letter (surat dinas)")
        NOTA_DINAS = "nota_dinas", _("Memorandum (nota dinas)")
        INVITATION = "invitation", _("Invitation (undangan)")
        CIRCULAR = "circular", _("Circular (surat edaran)")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.OneToOneField(LetterNumber, on_delete=models.PROTECT,
                                  related_name="document")
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices, db_index=True)
    unit_code = models.CharField(_("unit code"), max_length=40, db_index=True)
    # The OPD whose case the letter answers (a request delegated to its PPID pembantu):
    # the register shows a PPID pembantu only the letters of its own OPDs.
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="issued_documents",
                               verbose_name=_("agency concerned"))
    subject = models.CharField(_("subject"), max_length=300)
    addressee = models.CharField(_("addressee"), max_length=300, blank=True)
    signer_name = models.CharField(_("signer"), max_length=200)
    signer_position = models.CharField(_("signer's position"), max_length=200)
    certificate_subject = models.CharField(_("certificate subject"), max_length=500)
    specimen = models.BooleanField(_("specimen (demo signer)"), default=False)
    issued_at = models.DateTimeField(_("issued at"), db_index=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveIntegerField(_("size in bytes"))
    # Relative path in the documents storage: sha256-addressed, so one file per content.
    pdf_path = models.CharField(max_length=200)

    class Meta:
        ordering = ["-issued_at", "-id"]
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"
