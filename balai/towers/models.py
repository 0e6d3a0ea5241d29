"""Telecommunication towers: the registry, cell-plan zones and siting requests
(DESIGN.md §5a; reference/indonesia-rules.md §2, registries-and-portal.md §1).

A tower carries the public code printed on its QR plate; its point is located once (the
kelurahan from `balai.geo`'s locator) and stored. Permit scans are private files.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel
from balai.towers.storage import private_storage

# The plate's code: capitals, digits and dashes ("MLG-0001"), what a phone's camera reads
# from the QR code and what an officer types from the plate.
code_validator = RegexValidator(
    r"^[A-Z0-9][A-Z0-9-]{2,29}$",
    _("Use 3 to 30 capital letters, digits or dashes, for example MLG-0001."))
# NIB (Nomor Induk Berusaha, OSS): 13 digits.
nib_validator = RegexValidator(r"^[0-9]{13}$", _("Enter the NIB as its 13 digits."))

LAT_RANGE = (MinValueValidator(-11.5), MaxValueValidator(6.5))  # Indonesia, generously
LNG_RANGE = (MinValueValidator(94.0), MaxValueValidator(141.5))


class SiteType(models.TextChoices):
    GREENFIELD = "greenfield", _("Greenfield (on the ground)")
    ROOFTOP = "rooftop", _("Rooftop")
    MONOPOLE = "monopole", _("Monopole")
    SST = "sst", _("Self-supporting tower (SST)")
    GUYED = "guyed", _("Guyed mast")
    CAMOUFLAGE = "camouflage", _("Camouflage")
    MICROCELL = "microcell", _("Microcell pole")


# OpenStreetMap's tagging of each site type: man_made and tower:construction
# (wiki.openstreetmap.org Key:tower:construction).
OSM_TAGS = {
    SiteType.GREENFIELD: ("tower", "lattice"),
    SiteType.ROOFTOP: ("mast", "freestanding"),
    SiteType.MONOPOLE: ("mast", "freestanding"),
    SiteType.SST: ("tower", "lattice"),
    SiteType.GUYED: ("mast", "guyed_lattice"),
    SiteType.CAMOUFLAGE: ("mast", "concealed"),
    SiteType.MICROCELL: ("mast", "freestanding"),
}


class TowerCompany(BaseModel):
    """The tower's owner: an operator or a tower provider, with its NIB and contact."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    nib = models.CharField(_("NIB"), max_length=13, blank=True, validators=[nib_validator])
    address = models.CharField(_("address"), max_length=300, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tower company")
        verbose_name_plural = _("tower companies")

    def __str__(self) -> str:
        return self.name


class Tower(BaseModel):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        ACTIVE = "active", _("Active")
        DISMANTLED = "dismantled", _("Dismantled")
        ILLEGAL = "illegal", _("Illegal (no permit)")

    code = models.CharField(_("plate code"), max_length=30, unique=True,
                            validators=[code_validator])
    name = models.CharField(_("site name"), max_length=200, blank=True)
    lat = models.FloatField(_("latitude"), validators=LAT_RANGE)
    lng = models.FloatField(_("longitude"), validators=LNG_RANGE)
    address = models.CharField(_("address"), max_length=300, blank=True)
    kelurahan = models.ForeignKey("geo.Area", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("kelurahan"))
    site_type = models.CharField(_("site type"), max_length=20, choices=SiteType.choices)
    height_m = models.DecimalField(_("height (m)"), max_digits=5, decimal_places=1,
                                   validators=[MinValueValidator(1), MaxValueValidator(400)])
    year_built = models.PositiveSmallIntegerField(
        _("year built"), null=True, blank=True,
        validators=[MinValueValidator(1950), MaxValueValidator(2100)])
    company = models.ForeignKey(TowerCompany, on_delete=models.PROTECT, related_name="towers",
                                verbose_name=_("owner"))
    is_shared = models.BooleanField(_("shared tower"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.ACTIVE)
    # The date of the last inspection, stored so that rounds sort on an index.
    last_inspected_on = models.DateField(_("last inspected"), null=True, blank=True)

    class Meta:
        ordering = ["code"]
        indexes = [
            models.Index(fields=["status", "code"], name="tower_status_code"),
            models.Index(fields=["kelurahan", "code"], name="tower_kel_code"),
            models.Index(fields=["company", "code"], name="tower_company_code"),
            models.Index(fields=["last_inspected_on"], name="tower_last_inspected"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(height_m__gt=0), name="tower_height_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}".strip()

    @property
    def osm_man_made(self) -> str:
        return OSM_TAGS[self.site_type][0]

    @property
    def osm_construction(self) -> str:
        return OSM_TAGS[self.site_type][1]


class Tenancy(BaseModel):
    """An operator with equipment on the tower, from a day to a day (open: still there)."""

    tower = models.ForeignKey(Tower, on_delete=models.CASCADE, related_name="tenancies")
    operator = models.CharField(_("operator"), max_length=100)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F(
                "starts_on")), name="tenancy_ends_after_start"),
        ]

    def __str__(self) -> str:
        return self.operator


def permit_upload_to(instance, filename: str) -> str:
    return f"permits/{instance.tower_id}/{filename}"


class Permit(BaseModel):
    class Kind(models.TextChoices):
        PBG = "pbg", _("Building approval (PBG)")
        IMB = "imb", _("Building permit (IMB, before PBG)")
        SLF = "slf", _("Certificate of fitness for use (SLF)")
        KKPR = "kkpr", _("Spatial use conformity (KKPR)")
        ENVIRONMENTAL = "environmental", _("Environmental document (UKL-UPL/SPPL)")

    tower = models.ForeignKey(Tower, on_delete=models.CASCADE, related_name="permits")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(_("number"), max_length=100)
    issued_on = models.DateField(_("date"))
    file = models.FileField(_("scan"), storage=private_storage, upload_to=permit_upload_to,
                            blank=True)

    class Meta:
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["tower", "kind", "number"],
                                    name="permit_unique_per_tower"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


# A building permit in either of its names: the PBG, or the IMB it replaced (PP 16/2021).
BUILDING_PERMITS = (Permit.Kind.PBG, Permit.Kind.IMB)


class Zone(BaseModel):
    """A cell-plan zone (Kota Malang Perda 6/2013 Pasal 43), a prohibited zone (RTRW/RDTR)
    or an airport safety zone (KKOP): a circle or a polygon."""

    class Kind(models.TextChoices):
        ALLOWED = "allowed", _("Allowed (cell-plan zone)")
        PROHIBITED = "prohibited", _("Prohibited")
        KKOP = "kkop", _("Airport safety zone (KKOP)")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    centre_lat = models.FloatField(_("centre latitude"), null=True, blank=True,
                                   validators=LAT_RANGE)
    centre_lng = models.FloatField(_("centre longitude"), null=True, blank=True,
                                   validators=LNG_RANGE)
    radius_m = models.PositiveIntegerField(_("radius (m)"), null=True, blank=True)
    polygon = models.JSONField(_("polygon (GeoJSON)"), null=True, blank=True)
    max_height_m = models.DecimalField(_("height cap (m)"), max_digits=5, decimal_places=1,
                                       null=True, blank=True)
    legal_source = models.CharField(_("legal source"), max_length=300)
    is_active = models.BooleanField(_("in force"), default=True)

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(radius_m__isnull=False, centre_lat__isnull=False,
                             centre_lng__isnull=False, polygon__isnull=True)
                           | Q(radius_m__isnull=True, polygon__isnull=False)),
                name="zone_circle_or_polygon"),
        ]

    def __str__(self) -> str:
        return self.name


class SitingRequest(BaseModel):
    """A company's request for a siting recommendation, entered by staff from its letter."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        RECOMMENDED = "recommended", _("Recommended")
        REFUSED = "refused", _("Refused")

    code = models.CharField(_("number"), max_length=20, unique=True)
    company = models.ForeignKey(TowerCompany, on_delete=models.PROTECT,
                                related_name="siting_requests", verbose_name=_("company"))
    letter_number = models.CharField(_("application letter number"), max_length=100)
    letter_date = models.DateField(_("application letter date"))
    lat = models.FloatField(_("latitude"), validators=LAT_RANGE)
    lng = models.FloatField(_("longitude"), validators=LNG_RANGE)
    address = models.CharField(_("address"), max_length=300, blank=True)
    kelurahan = models.ForeignKey("geo.Area", on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="+", verbose_name=_("kelurahan"))
    height_m = models.DecimalField(_("height (m)"), max_digits=5, decimal_places=1,
                                   validators=[MinValueValidator(1), MaxValueValidator(400)])
    site_type = models.CharField(_("site type"), max_length=20, choices=SiteType.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    # The rule engine's answer when the request was assessed (towers/siting.py).
    assessment = models.JSONField(_("assessment"), default=dict, blank=True)
    overridden = models.BooleanField(_("officer overrode the rules"), default=False)
    override_reason = models.TextField(_("reason for the override"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   null=True, blank=True, related_name="+")
    letter = models.ForeignKey("documents.IssuedDocument", on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    valid_until = models.DateField(_("valid until"), null=True, blank=True, db_index=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(overridden=False) | ~Q(override_reason=""),
                name="siting_override_has_reason"),
        ]

    def __str__(self) -> str:
        return self.code


class Condition(models.TextChoices):
    """What the officer saw of one checklist item."""

    GOOD = "good", _("Good")
    PROBLEM = "problem", _("Problem")
    ABSENT = "absent", _("Not there")


# The checklist of a field inspection (Sumedang and Pati's re-surveys; Permenkominfo 02/2008:
# obstruction lights and marking for aviation safety, a fence, a signboard naming the owner).
CHECKLIST = (
    ("obstruction_light", _("Obstruction light")),
    ("paint", _("Paint (aviation marking)")),
    ("fence", _("Fence and gate")),
    ("signboard", _("Signboard with the owner's name")),
    ("generator", _("Generator (genset)")),
)


class Inspection(BaseModel):
    """One visit to a tower by a field officer, sent from the phone (maybe after it was
    kept on the phone while offline: `client_uuid` makes a resend harmless)."""

    tower = models.ForeignKey(Tower, on_delete=models.PROTECT, related_name="inspections")
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                  related_name="+")
    client_uuid = models.UUIDField(unique=True)
    inspected_at = models.DateTimeField(_("inspected at"))
    obstruction_light = models.CharField(_("obstruction light"), max_length=10,
                                         choices=Condition.choices)
    paint = models.CharField(_("paint"), max_length=10, choices=Condition.choices)
    fence = models.CharField(_("fence"), max_length=10, choices=Condition.choices)
    signboard = models.CharField(_("signboard"), max_length=10, choices=Condition.choices)
    generator = models.CharField(_("generator"), max_length=10, choices=Condition.choices)
    in_use = models.BooleanField(_("still in use"))
    tenants_seen = models.CharField(_("tenants seen"), max_length=300, blank=True)
    residents_concerns = models.TextField(_("residents' concerns"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    gps_lat = models.FloatField(_("GPS latitude"), null=True, blank=True, validators=LAT_RANGE)
    gps_lng = models.FloatField(_("GPS longitude"), null=True, blank=True,
                                validators=LNG_RANGE)
    gps_accuracy_m = models.FloatField(_("GPS accuracy (m)"), null=True, blank=True)
    distance_m = models.FloatField(_("distance from the registered point (m)"), null=True,
                                   blank=True)
    off_point = models.BooleanField(_("more than 50 m off the registered point"),
                                    default=False, db_index=True)

    class Meta:
        ordering = ["-inspected_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.tower.code} {self.inspected_at:%Y-%m-%d}"


def inspection_original_to(instance, filename: str) -> str:
    return f"inspections/{instance.inspection_id}/{filename}"


def inspection_public_to(instance, filename: str) -> str:
    return f"towers/inspections/{instance.inspection_id}/{filename}"


class InspectionPhoto(BaseModel):
    """A photo as taken (EXIF kept, private: evidence) and its public copy (re-encoded,
    no metadata)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    original = models.FileField(storage=private_storage, upload_to=inspection_original_to)
    image = models.ImageField(upload_to=inspection_public_to)
    sha256 = models.CharField(max_length=64)
    taken_lat = models.FloatField(null=True, blank=True)  # from the original's EXIF
    taken_lng = models.FloatField(null=True, blank=True)


class Finding(BaseModel):
    """A problem an inspection found; one notice letter to the owner covers an inspection's
    open findings, with a deadline in working days that the sweep watches."""

    class Status(models.TextChoices):
        OPEN = "open", _("Found")
        NOTIFIED = "notified", _("Owner notified")
        RESOLVED = "resolved", _("Resolved")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE,
                                   related_name="findings")
    tower = models.ForeignKey(Tower, on_delete=models.CASCADE, related_name="findings")
    item = models.CharField(_("item"), max_length=30)
    description = models.CharField(_("description"), max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.OPEN)
    notice = models.ForeignKey("documents.IssuedDocument", on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    due_on = models.DateField(_("deadline"), null=True, blank=True)
    overdue_flagged_on = models.DateField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("how it was resolved"), blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="finding_status_due")]

    def __str__(self) -> str:
        return self.description


class LevyAssessment(BaseModel):
    """An SKRD for the tower-control levy under the Perda in force when it was issued: the
    ledger keeps the arrears, payments, reminders and the lapse of collection."""

    class Status(models.TextChoices):
        UNPAID = "unpaid", _("Unpaid")
        PAID = "paid", _("Paid")
        LAPSED = "lapsed", _("Lapsed (3 years)")
        WITHDRAWN = "withdrawn", _("Withdrawn after an objection")

    tower = models.ForeignKey(Tower, on_delete=models.PROTECT, related_name="levies")
    company = models.ForeignKey(TowerCompany, on_delete=models.PROTECT, related_name="levies",
                                verbose_name=_("liable company"))
    year = models.PositiveSmallIntegerField(_("levy year"))
    number = models.CharField(_("SKRD number"), max_length=100, unique=True)
    letter = models.ForeignKey("documents.IssuedDocument", on_delete=models.PROTECT,
                               null=True, blank=True, related_name="+")
    legal_basis = models.CharField(_("Perda article"), max_length=300)
    formula = models.JSONField(_("formula inputs"), default=dict)
    formula_text = models.CharField(_("formula"), max_length=500)
    amount = models.DecimalField(_("amount (Rp)"), max_digits=14, decimal_places=0)
    issued_on = models.DateField(_("issued on"))
    due_on = models.DateField(_("due on"), db_index=True)
    objection_until = models.DateField(_("objection until"))
    reminder_on = models.DateField(_("surat teguran sent on"), null=True, blank=True)
    reminder_letter = models.ForeignKey("documents.IssuedDocument", on_delete=models.PROTECT,
                                        null=True, blank=True, related_name="+")
    lapses_on = models.DateField(_("collection lapses on"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.UNPAID, db_index=True)
    paid_amount = models.DecimalField(_("paid (Rp)"), max_digits=14, decimal_places=0,
                                      default=0)

    class Meta:
        ordering = ["-issued_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="levy_amount_positive"),
            models.CheckConstraint(condition=Q(due_on__gte=models.F("issued_on")),
                                   name="levy_due_after_issue"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def unpaid(self):
        return max(self.amount - self.paid_amount, 0)


class LevyPayment(BaseModel):
    """A payment (SSRD) recorded by staff."""

    assessment = models.ForeignKey(LevyAssessment, on_delete=models.PROTECT,
                                   related_name="payments")
    paid_on = models.DateField(_("paid on"))
    amount = models.DecimalField(_("amount (Rp)"), max_digits=14, decimal_places=0)
    reference = models.CharField(_("SSRD or bank reference"), max_length=100)

    class Meta:
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0),
                                              name="levy_payment_positive")]


class TowerReport(BaseModel):
    """A citizen's complaint about this tower, filed from its public page ("Laporkan
    masalah menara ini"): the link is the towers' own row, with a real foreign key to the
    complaint; complaints reach it only through balai.core.assets."""

    tower = models.ForeignKey(Tower, on_delete=models.PROTECT, related_name="reports")
    complaint = models.OneToOneField("complaints.Complaint", on_delete=models.CASCADE,
                                     related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["tower", "-created_at"], name="tower_report_recent")]

    def __str__(self) -> str:
        return f"{self.tower.code} ← {self.complaint_id}"


class LevyObjection(BaseModel):
    """The liable company's objection (keberatan) to an SKRD, filed within the Perda's
    two months and decided by the regional head within six months (UU 28/2009 Pasal
    162–163, the PDRD-era Perdas): granted wholly (the SKRD is withdrawn), partly (its
    amount is lowered), refused, or the levy raised. Undecided after six months it is
    deemed granted. An objection does not suspend payment or collection."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, awaiting the decision")
        GRANTED = "granted", _("Granted in full")
        PARTLY = "partly", _("Granted in part")
        REFUSED = "refused", _("Refused")
        INCREASED = "increased", _("Levy raised")

    assessment = models.OneToOneField(LevyAssessment, on_delete=models.PROTECT,
                                      related_name="objection")
    received_on = models.DateField(_("received on"))
    letter_number = models.CharField(_("objection letter number"), max_length=100)
    grounds = models.TextField(_("grounds"))
    # A late objection is admitted only when the company shows why it could not keep the
    # time limit (circumstances beyond its control, UU 28/2009 Pasal 162(4)).
    late_reason = models.TextField(_("why it was filed late"), blank=True)
    decide_by = models.DateField(_("to be decided by"), db_index=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    deemed = models.BooleanField(_("deemed granted (not decided in time)"), default=False)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=100, blank=True)
    decision_note = models.TextField(_("reasons of the decision"), blank=True)
    amount_before = models.DecimalField(_("amount before (Rp)"), max_digits=14,
                                        decimal_places=0)
    amount_after = models.DecimalField(_("amount after (Rp)"), max_digits=14, decimal_places=0,
                                       null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]

    def __str__(self) -> str:
        return self.letter_number


class LevyBill(BaseModel):
    """An STRD: the unpaid levy of an SKRD and the interest to its date (2 % a month),
    issued as a numbered, signed letter."""

    assessment = models.ForeignKey(LevyAssessment, on_delete=models.PROTECT,
                                   related_name="bills")
    letter = models.ForeignKey("documents.IssuedDocument", on_delete=models.PROTECT,
                               related_name="+")
    issued_on = models.DateField(_("issued on"))
    principal = models.DecimalField(_("unpaid levy (Rp)"), max_digits=14, decimal_places=0)
    months_late = models.PositiveSmallIntegerField(_("months late"))
    interest = models.DecimalField(_("interest (Rp)"), max_digits=14, decimal_places=0)
    total = models.DecimalField(_("total billed (Rp)"), max_digits=14, decimal_places=0)

    class Meta:
        ordering = ["issued_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "issued_on"],
                                    name="levy_bill_one_a_day"),
        ]

    def __str__(self) -> str:
        return f"STRD {self.assessment.number} {self.issued_on}"
