"""The service directory: each service's standard (standar pelayanan) with the 14
components of UU 25/2009 Pasal 21 as structured fields, where it is served, and the
versions of the standard as adopted."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.core.models import BaseModel


class DocumentType(BaseModel):
    """A document a citizen brings ("KTP-el", "Kartu Keluarga"): named once, so that the
    checklist, the search and the readiness report speak of the same thing."""

    name = models.CharField(_("name"), max_length=120, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("document type")
        verbose_name_plural = _("document types")

    def __str__(self) -> str:
        return self.name


class Service(BaseModel):
    """One public service of an OPD or of an outside body (Forkopimda, BPN...)."""

    class DurationUnit(models.TextChoices):
        WORKING_DAYS = "hari_kerja", _("working days")
        CALENDAR_DAYS = "hari_kalender", _("calendar days")
        HOURS = "jam", _("hours")

    class FeeKind(models.TextChoices):
        FREE = "gratis", pgettext_lazy("public service cost", "Free of charge")
        CHARGED = "berbayar", _("Charged (tariff)")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="public_services", verbose_name=_("agency"))
    slug = models.SlugField(_("address name"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    summary = models.TextField(_("what it is for"), blank=True)
    keywords = models.CharField(
        _("other words people use"), max_length=300, blank=True,
        help_text=_("Separated by commas, e.g. KTP, e-KTP, kartu tanda penduduk."))
    sippn_ref = models.CharField(_("SIPPN reference"), max_length=40, blank=True)
    online_url = models.URLField(_("online application"), blank=True)
    # Pasal 21 (a)-(n); requirements and the procedure are rows (Requirement, ServiceStep).
    duration_value = models.PositiveSmallIntegerField(_("completion time"), null=True,
                                                      blank=True)
    duration_unit = models.CharField(_("counted in"), max_length=15, blank=True,
                                     choices=DurationUnit.choices)
    fee_kind = models.CharField(pgettext_lazy("public service", "cost"), max_length=10,
                                blank=True, choices=FeeKind.choices)
    fee_amount = models.DecimalField(
        _("tariff (Rp)"), max_digits=14, decimal_places=0, null=True, blank=True,
        help_text=_("Leave empty when the regulation sets the tariff by a formula (per m², "
                    "by class); then say how in its legal basis."))
    fee_legal_basis = models.CharField(_("legal basis of the tariff"), max_length=300,
                                       blank=True)
    product = models.TextField(_("product of the service"), blank=True)
    complaint_category = models.ForeignKey(
        "complaints.Category", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", verbose_name=_("complaint category"))
    complaint_channels = models.TextField(_("other complaint channels"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True,
                                   help_text=_("One regulation per line."))
    facilities = models.TextField(_("facilities"), blank=True)
    disability_facilities = models.TextField(_("facilities for people with disabilities"),
                                             blank=True)
    competence = models.TextField(_("competence of the officers"), blank=True)
    supervision = models.TextField(_("internal supervision"), blank=True)
    officers_count = models.PositiveSmallIntegerField(_("number of officers"), null=True,
                                                      blank=True)
    service_guarantee = models.TextField(_("service guarantee"), blank=True)
    safety_guarantee = models.TextField(_("security and safety guarantee"), blank=True)
    evaluation = models.TextField(_("performance evaluation"), blank=True)
    # The standard's adoption (Pasal 20: drawn up with the public, then decreed).
    decree_number = models.CharField(_("decree number"), max_length=120, blank=True)
    decree_date = models.DateField(_("decree date"), null=True, blank=True)
    consultation_date = models.DateField(_("public consultation date"), null=True,
                                         blank=True)
    consultation_record = models.TextField(_("public consultation record"), blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    version = models.PositiveIntegerField(_("version"), default=0)
    # Lower-case words of the name, keywords, summary and documents, for the search.
    search_text = models.TextField(blank=True, editable=False)

    class Meta:
        ordering = ["agency__name", "name"]
        verbose_name = _("public service")
        verbose_name_plural = _("public services")
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="service_unique_slug"),
            models.CheckConstraint(
                condition=~Q(fee_kind="gratis") | Q(fee_amount__isnull=True),
                name="service_free_has_no_tariff"),
            models.CheckConstraint(
                condition=Q(fee_amount__isnull=True) | Q(fee_amount__gt=0),
                name="service_tariff_positive"),
            models.CheckConstraint(
                condition=Q(duration_value__isnull=True) | ~Q(duration_unit=""),
                name="service_duration_has_unit"),
        ]

    def __str__(self) -> str:
        return self.name


class Requirement(BaseModel):
    """Pasal 21(b): a document to bring, in the order the standard lists them."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE,
                                related_name="requirements")
    position = models.PositiveSmallIntegerField(default=0)
    document_type = models.ForeignKey(DocumentType, on_delete=models.PROTECT,
                                      related_name="requirements",
                                      verbose_name=_("document"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["service", "position"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return f"{self.document_type} ({self.note})" if self.note else str(self.document_type)


class ServiceStep(BaseModel):
    """Pasal 21(c): one step of the procedure, in order."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(_("step"), max_length=400)

    class Meta:
        ordering = ["service", "position"]
        verbose_name = _("procedure step")
        verbose_name_plural = _("procedure steps")

    def __str__(self) -> str:
        return self.text


class ServiceLocation(BaseModel):
    """Where the service is served: an MPP counter or the OPD's own office."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("place"), max_length=200)
    counter = models.CharField(_("counter"), max_length=60, blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    lat = models.DecimalField(_("latitude"), max_digits=9, decimal_places=6, null=True,
                              blank=True)
    lng = models.DecimalField(_("longitude"), max_digits=9, decimal_places=6, null=True,
                              blank=True)

    class Meta:
        ordering = ["service", "pk"]
        verbose_name = _("service location")
        verbose_name_plural = _("service locations")

    def __str__(self) -> str:
        return f"{self.name} {self.counter}".strip()


class StandardVersion(BaseModel):
    """The standard as it stood after one change: what the diff between versions reads."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    snapshot = models.JSONField(default=dict)
    note = models.CharField(_("what changed"), max_length=300, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["service", "-number"]
        verbose_name = _("standard version")
        verbose_name_plural = _("standard versions")
        constraints = [
            models.UniqueConstraint(fields=["service", "number"],
                                    name="standard_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.service} v{self.number}"


class ServiceReport(BaseModel):
    """A complaint a citizen filed about the service ("Adukan layanan ini")."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="reports")
    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE,
                                     related_name="+")

    class Meta:
        verbose_name = _("complaint about a service")
        verbose_name_plural = _("complaints about services")


def _score_field(number: int):
    return models.PositiveSmallIntegerField(f"U{number}")


class SkmResponse(BaseModel):
    """One questionnaire of the satisfaction survey (PermenPANRB 14/2017): the nine
    elements scored 1-4, about a service, or about an OPD's handling of a complaint that
    was about no listed service. Nothing identifies the respondent: `respondent_key` is a
    hash that lets one person answer once per service (or complaint) and year."""

    class Channel(models.TextChoices):
        SERVICE_PAGE = "layanan", _("Service page")
        COMPLAINT = "pengaduan", _("After a complaint was closed")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("agency"))
    service = models.ForeignKey(Service, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="skm_responses", verbose_name=_("service"))
    year = models.PositiveSmallIntegerField(_("year"))
    answered_on = models.DateField(_("answered on"))
    channel = models.CharField(_("asked on"), max_length=10, choices=Channel.choices)
    respondent_key = models.CharField(max_length=64, editable=False)
    u1 = _score_field(1)
    u2 = _score_field(2)
    u3 = _score_field(3)
    u4 = _score_field(4)
    u5 = _score_field(5)
    u6 = _score_field(6)
    u7 = _score_field(7)
    u8 = _score_field(8)
    u9 = _score_field(9)
    age_band = models.CharField(_("age"), max_length=5, blank=True)
    sex = models.CharField(_("sex"), max_length=1, blank=True)
    education = models.CharField(_("education"), max_length=5, blank=True)
    occupation = models.CharField(_("occupation"), max_length=10, blank=True)

    class Meta:
        ordering = ["-answered_on", "-pk"]
        verbose_name = _("SKM response")
        verbose_name_plural = _("SKM responses")
        indexes = [models.Index(fields=["year", "agency"], name="skm_year_agency")]
        constraints = [
            models.UniqueConstraint(fields=["service", "year", "respondent_key"],
                                    condition=Q(service__isnull=False),
                                    name="skm_once_per_service_year"),
            models.UniqueConstraint(fields=["agency", "year", "respondent_key"],
                                    condition=Q(service__isnull=True),
                                    name="skm_once_per_agency_year"),
            *[models.CheckConstraint(condition=Q(**{f"u{i}__gte": 1, f"u{i}__lte": 4}),
                                     name=f"skm_u{i}_1_4") for i in range(1, 10)],
        ]

    def scores(self) -> list[int]:
        return [getattr(self, f"u{i}") for i in range(1, 10)]
