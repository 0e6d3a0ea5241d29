"""Open data (Satu Data Indonesia, Perpres 39/2019): datasets with their metadata and files,
published on /data/ and read by CKAN clients (reference/registries-and-portal.md §4).

A dataset is either a file the producing agency supplies (CSV or XLSX, checked for personal
data before it is stored) or one that balai computes from its own records (`builtin`: the
complaints per kelurahan and month, the PPID's requests, towers, KIM, the budget), always
current and never carrying a person.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel
from balai.open_data.storage import open_data_storage

# CKAN's rule for a dataset's name: lower-case letters, digits, - and _, 2 to 100 characters.
slug_validator = RegexValidator(r"^[a-z0-9_-]{2,100}$", _(
    "Use 2 to 100 lower-case letters, digits, - or _ (it becomes the dataset's address)."))


class Frequency(models.TextChoices):
    DAILY = "harian", _("Daily")
    MONTHLY = "bulanan", _("Monthly")
    QUARTERLY = "triwulanan", _("Quarterly")
    SEMESTER = "semesteran", _("Every semester")
    YEARLY = "tahunan", _("Yearly")
    IRREGULAR = "tidak_tentu", _("Irregular")


class Topic(models.TextChoices):
    """The topic groups of Satu Data Indonesia's portals."""

    GOVERNMENT = "pemerintahan", _("Government")
    HEALTH = "kesehatan", _("Health")
    INFRASTRUCTURE = "infrastruktur", _("Infrastructure")
    ENVIRONMENT = "lingkungan", _("Environment")
    ECONOMY = "ekonomi", _("Economy and finance")
    SOCIAL = "sosial", _("Social and population")
    TRANSPORT = "transportasi", _("Transport")
    SAFETY = "keamanan", _("Public order and disasters")
    ICT = "tik", _("Communication and informatics")


class Dataset(BaseModel):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    slug = models.CharField(_("address (name)"), max_length=100, unique=True,
                            validators=[slug_validator])
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    # Perpres 39/2019: the producer (produsen data) answers for the data; the walidata
    # (data officer) publishes it.
    producer = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("producer (produsen data)"))
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    frequency = models.CharField(_("update frequency"), max_length=12, choices=Frequency.choices)
    period = models.CharField(_("period covered"), max_length=100,
                              help_text=_("e.g. 2025, or Januari 2024 – Desember 2025."))
    unit = models.CharField(_("unit of measure"), max_length=100,
                            help_text=_("What the numbers count: aduan, orang, rupiah, km…"))
    reference_codes = models.CharField(
        _("reference codes"), max_length=300, blank=True,
        help_text=_("The master data its codes follow, e.g. kode wilayah Kemendagri."))
    tags = models.CharField(_("keywords"), max_length=300, blank=True,
                            help_text=_("Separated by commas."))
    license = models.CharField(_("licence"), max_length=40, default="CC-BY-4.0")
    builtin = models.CharField(_("computed by balai"), max_length=40, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    data_updated_at = models.DateTimeField(_("data updated at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["title"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")
        constraints = [models.UniqueConstraint(
            fields=["builtin"], condition=~models.Q(builtin=""), name="open_data_one_builtin")]

    def __str__(self) -> str:
        return self.title

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class Resource(BaseModel):
    """One file of a dataset (or, for a computed dataset, the table balai computes)."""

    class Format(models.TextChoices):
        CSV = "CSV", "CSV"
        XLSX = "XLSX", "XLSX"

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="resources")
    name = models.CharField(_("name"), max_length=200)
    format = models.CharField(_("format"), max_length=8, choices=Format.choices)
    file = models.FileField(_("file"), storage=open_data_storage, upload_to="files/%Y/",
                            blank=True)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    columns = models.JSONField(_("columns"), default=list)
    row_count = models.PositiveIntegerField(_("rows"), default=0)

    class Meta:
        ordering = ["dataset", "created_at"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self) -> str:
        return self.name
