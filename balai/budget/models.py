"""Budget transparency: the APBD lines per year and stage, the imports they came from, and
the transparency documents of each year (reference/registries-and-portal.md §4).

A stage of a year (murni, perubahan, realisasi) is replaced whole by each import: the lines
of one `BudgetImport` are the stage as published; an import that fails a row saves nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.budget import matrix
from balai.budget.storage import budget_storage
from balai.core.models import BaseModel

YEAR_RANGE = (MinValueValidator(2000), MaxValueValidator(2100))


class Stage(models.TextChoices):
    MURNI = "murni", pgettext_lazy("budget stage", "Original budget (murni)")
    PERUBAHAN = "perubahan", pgettext_lazy("budget stage", "Revised budget (perubahan)")
    REALISASI = "realisasi", pgettext_lazy("budget stage", "Realisation")


class BudgetImport(BaseModel):
    """One file that became the published lines of one year and stage."""

    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR_RANGE)
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    filename = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(_("SHA-256 of the file"), max_length=64)
    rows = models.PositiveIntegerField(_("rows"))
    total = models.BigIntegerField(_("total amount (Rp)"))
    # The date the figures stand at (realisation up to this day); blank = the stage as adopted.
    as_of = models.DateField(_("figures as of"), null=True, blank=True)
    is_current = models.BooleanField(_("published"), default=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("imported by"))

    class Meta:
        ordering = ["-year", "stage", "-created_at"]
        verbose_name = _("budget import")
        verbose_name_plural = _("budget imports")
        constraints = [
            models.UniqueConstraint(fields=["year", "stage"], condition=models.Q(is_current=True),
                                    name="budget_one_current_import_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_stage_display()}"


class BudgetLine(models.Model):
    """One amount of the APBD: an agency's account under a sub-kegiatan, in whole rupiah."""

    budget_import = models.ForeignKey(BudgetImport, on_delete=models.CASCADE,
                                      related_name="lines")
    year = models.PositiveSmallIntegerField(_("budget year"))
    stage = models.CharField(_("stage"), max_length=12, choices=Stage.choices)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("agency"))
    skpd_code = models.CharField(_("SKPD code"), max_length=40, blank=True)
    program_code = models.CharField(_("program code"), max_length=20, blank=True)
    program_name = models.CharField(_("program"), max_length=300, blank=True)
    kegiatan_code = models.CharField(_("kegiatan code"), max_length=24, blank=True)
    kegiatan_name = models.CharField(_("kegiatan"), max_length=300, blank=True)
    sub_kegiatan_code = models.CharField(_("sub-kegiatan code"), max_length=30, blank=True)
    sub_kegiatan_name = models.CharField(_("sub-kegiatan"), max_length=300, blank=True)
    account_code = models.CharField(_("account code"), max_length=30)
    account_name = models.CharField(_("account"), max_length=300, blank=True)
    amount = models.BigIntegerField(_("amount (Rp)"))

    class Meta:
        ordering = ["agency_id", "sub_kegiatan_code", "account_code"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        indexes = [models.Index(fields=["year", "stage", "agency"]),
                   models.Index(fields=["year", "agency", "program_code"])]
        constraints = [models.CheckConstraint(condition=models.Q(amount__gte=0),
                                              name="budget_line_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.year} {self.stage} {self.sub_kegiatan_code} {self.account_code}"


class BudgetDocument(BaseModel):
    """A transparency document of one budget year (Perda APBD, DPA, LKPD…), published as a
    PDF on the day it was made public."""

    year = models.PositiveSmallIntegerField(_("budget year"), validators=YEAR_RANGE)
    kind = models.CharField(_("document"), max_length=20, choices=matrix.CHOICES)
    title = models.CharField(_("title"), max_length=300,
                             help_text=_("As on the document, e.g. Peraturan Daerah Kota Malang "
                                         "Nomor 7 Tahun 2025 tentang APBD Tahun Anggaran 2026."))
    number = models.CharField(_("number"), max_length=120, blank=True)
    published_on = models.DateField(_("published on"))
    file = models.FileField(_("PDF"), storage=budget_storage, upload_to="documents/%Y/")
    size = models.PositiveIntegerField(_("size (bytes)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    is_withdrawn = models.BooleanField(_("withdrawn"), default=False)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                     related_name="+", verbose_name=_("published by"))

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("budget document")
        verbose_name_plural = _("budget documents")
        constraints = [
            models.UniqueConstraint(fields=["year", "kind"],
                                    condition=models.Q(is_withdrawn=False),
                                    name="budget_one_document_per_kind_and_year"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def kind_info(self) -> matrix.DocumentKind:
        return matrix.BY_CODE[self.kind]
