"""Media partnerships (DESIGN.md §5a; reference/registries-and-portal.md §3).

The whole life of a partnership is modelled here so later slices add behaviour, not
tables: outlet and journalists → verification round with its checklist (data, per
Perbup/Perwal) → application, item scores and a decision with a tier → the year's rate
card → an OPD's order with its items → proof of publication per item → invoice and
payment (SP2D).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel, SecretLinkModel
from balai.media_partnerships.storage import private_storage


class MediaType(models.TextChoices):
    ONLINE = "online", _("Online (news portal)")
    PRINT = "print", _("Print (newspaper, magazine)")
    TV = "tv", _("Television")
    RADIO = "radio", _("Radio")


class UkwLevel(models.TextChoices):
    """The journalist competency test's grades (PerDP 01/Peraturan-DP/X/2018), in order."""

    NONE = "", _("No UKW certificate")
    MUDA = "muda", _("Muda")
    MADYA = "madya", _("Madya")
    UTAMA = "utama", _("Utama")


UKW_RANK = {UkwLevel.NONE: 0, UkwLevel.MUDA: 1, UkwLevel.MADYA: 2, UkwLevel.UTAMA: 3}


class PressCouncilStatus(models.TextChoices):
    """Dewan Pers data collection (Peraturan DP 01/Peraturan-DP/I/2023), in order."""

    NONE = "", _("Not verified by the Press Council")
    ADMINISTRATIVE = "administrative", _("Administratively verified (TA)")
    FACTUAL = "factual", _("Factually verified (TF)")


PRESS_COUNCIL_RANK = {PressCouncilStatus.NONE: 0, PressCouncilStatus.ADMINISTRATIVE: 1,
                      PressCouncilStatus.FACTUAL: 2}


class LegalForm(models.TextChoices):
    """UU 40/1999 Pasal 9(2): a press company is an Indonesian legal entity."""

    PT = "pt", _("Limited company (PT)")
    YAYASAN = "yayasan", _("Foundation (yayasan)")
    KOPERASI = "koperasi", _("Cooperative (koperasi)")
    PERKUMPULAN = "perkumpulan", _("Association (perkumpulan)")
    CV = "cv", _("Partnership (CV)")


class Tier(models.TextChoices):
    """The outlet's class after verification; the rate card prices per tier."""

    A = "A", _("Tier A")
    B = "B", _("Tier B")
    C = "C", _("Tier C")


class MediaOutlet(SecretLinkModel):
    """A press company and its outlet, as it registered and keeps its data current through
    its private link (the link's secret is given once; only its hash is kept)."""

    name = models.CharField(_("outlet name"), max_length=200)
    company_name = models.CharField(_("company name"), max_length=200)
    media_type = models.CharField(_("media type"), max_length=10, choices=MediaType.choices)
    legal_form = models.CharField(_("legal form"), max_length=12, choices=LegalForm.choices)
    deed_number = models.CharField(_("deed of establishment number"), max_length=100)
    deed_date = models.DateField(_("deed date"), null=True, blank=True)
    ahu_number = models.CharField(_("Ministry of Law approval (SK AHU) number"),
                                  max_length=100, blank=True)
    nib = models.CharField(_("NIB (business identification number)"), max_length=13)
    npwp = models.CharField(_("NPWP (tax number)"), max_length=16)
    # Press KBLI codes: 58130 print, 63122 web portal, 63912 news agency, 60202 TV,
    # 60102 radio; stored as the codes the deed lists, separated by commas.
    kbli = models.CharField(_("KBLI codes"), max_length=200, blank=True)
    press_council_status = models.CharField(_("Press Council status"), max_length=16,
                                            choices=PressCouncilStatus.choices, blank=True)
    press_council_certificate = models.CharField(_("Press Council certificate number"),
                                                 max_length=100, blank=True)
    press_council_valid_until = models.DateField(_("certificate valid until"), null=True,
                                                 blank=True)
    first_published_on = models.DateField(_("first published on"), null=True, blank=True)
    address = models.TextField(_("office address"))
    has_local_office = models.BooleanField(_("has an office in this city or regency"),
                                           default=False)
    website = models.URLField(_("website"), blank=True, max_length=300)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=20)
    bank_name = models.CharField(_("bank"), max_length=100)
    bank_account_number = models.CharField(_("account number"), max_length=30)
    bank_account_name = models.CharField(_("account holder"), max_length=200)
    ekatalog_id = models.CharField(_("e-Katalog listing id"), max_length=100, blank=True)
    circulation = models.CharField(_("circulation or traffic"), max_length=200, blank=True,
                                   help_text=_("For example: 5,000 copies a day, or 120,000 "
                                               "visits a month."))
    # Set by a decision: the tier the outlet was verified at, and until when.
    tier = models.CharField(_("tier"), max_length=1, choices=Tier.choices, blank=True)
    verified_until = models.DateField(_("verified until"), null=True, blank=True,
                                      db_index=True)
    idempotency_key = models.CharField(max_length=64, unique=True, null=True, blank=True,
                                       editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")
        indexes = [models.Index(fields=["press_council_valid_until"])]

    def __str__(self) -> str:
        return self.name

    @property
    def kbli_codes(self) -> list[str]:
        return [c.strip() for c in self.kbli.replace(";", ",").split(",") if c.strip()]

    def is_verified_on(self, day: date) -> bool:
        return bool(self.tier and self.verified_until and day <= self.verified_until)


CERTIFICATE_YEARS = 5  # Dewan Pers letter 445/DP/K/6/2021: a certificate runs five years


class PressCouncilCertificate(BaseModel):
    """Each Press Council certificate the outlet has held, as it gave them: the outlet's
    row only keeps the current one, so a certificate that lapsed and was renewed later
    would vanish from the red flag without this history."""

    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE,
                               related_name="certificates")
    number = models.CharField(_("Press Council certificate number"), max_length=100)
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        ordering = ["outlet", "valid_until"]
        verbose_name = _("Press Council certificate")
        verbose_name_plural = _("Press Council certificates")
        constraints = [models.UniqueConstraint(fields=["outlet", "number", "valid_until"],
                                               name="media_certificate_once")]

    def __str__(self) -> str:
        return self.number


def certificate_valid_from(valid_until: date) -> date:
    """The first day of a certificate valid until `valid_until` (five years before)."""
    try:
        start = valid_until.replace(year=valid_until.year - CERTIFICATE_YEARS)
    except ValueError:  # 29 February
        start = valid_until.replace(year=valid_until.year - CERTIFICATE_YEARS, day=28)
    return start + timedelta(days=1)


def outlet_document_path(instance, filename: str) -> str:
    return f"outlets/{instance.outlet_id}/{filename}"


class OutletDocument(BaseModel):
    """A paper the outlet uploaded: stored privately, judged by content, never linked."""

    class Kind(models.TextChoices):
        DEED = "deed", _("Deed of establishment and SK AHU")
        NIB = "nib", _("NIB")
        NPWP = "npwp", _("NPWP card")
        PRESS_COUNCIL = "press_council", _("Press Council certificate")
        UKW = "ukw", _("UKW certificate")
        OFFICE_PHOTO = "office_photo", _("Photo of the office")
        CIRCULATION = "circulation", _("Circulation or traffic evidence")
        BANK = "bank", _("Bank account statement")
        EKATALOG = "ekatalog", _("e-Katalog listing")
        BROADCAST_LICENCE = "broadcast_licence", _("Broadcasting licence (IPP)")

    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("document"), max_length=20, choices=Kind.choices)
    file = models.FileField(storage=private_storage, upload_to=outlet_document_path,
                            max_length=200)
    name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100)
    sha256 = models.CharField(max_length=64)

    class Meta:
        ordering = ["kind", "-created_at"]
        verbose_name = _("outlet document")
        verbose_name_plural = _("outlet documents")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.outlet})"


class Journalist(BaseModel):
    """A journalist of the outlet with their UKW grade; one of them is the chief editor."""

    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE,
                               related_name="journalists")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=100, blank=True)
    is_chief_editor = models.BooleanField(_("chief editor (pemimpin redaksi)"), default=False)
    ukw_level = models.CharField(_("UKW level"), max_length=6, choices=UkwLevel.choices,
                                 blank=True)
    ukw_certificate = models.CharField(_("UKW certificate number"), max_length=100,
                                       blank=True)
    ukw_valid_until = models.DateField(_("UKW certificate valid until"), null=True,
                                       blank=True)

    class Meta:
        ordering = ["-is_chief_editor", "name"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        constraints = [
            models.UniqueConstraint(fields=["outlet"], condition=Q(is_chief_editor=True),
                                    name="media_one_chief_editor"),
            models.CheckConstraint(condition=Q(ukw_level="") | ~Q(ukw_certificate=""),
                                   name="media_ukw_has_certificate"),
        ]

    def __str__(self) -> str:
        return self.name


class VerificationRound(BaseModel):
    """One year's (or one call's) verification under the pemda's own Perbup/Perwal: its
    checklist is the rows of `requirements`, data an officer edits, not code."""

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("budget year"), db_index=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300,
                                   help_text=_("For example: Peraturan Wali Kota Malang "
                                               "Nomor 12 Tahun 2025."))
    opens_on = models.DateField(_("registration opens"))
    closes_on = models.DateField(_("registration closes"))
    valid_until = models.DateField(_("verification valid until"))

    class Meta:
        ordering = ["-year", "-opens_on"]
        verbose_name = _("verification round")
        verbose_name_plural = _("verification rounds")
        constraints = [models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")),
                                              name="media_round_closes_after_opening")]

    def __str__(self) -> str:
        return self.name

    def is_open_on(self, day: date) -> bool:
        return self.opens_on <= day <= self.closes_on


class Requirement(BaseModel):
    """One item of a round's checklist. `kind` says how balai checks it (checks.py);
    `value` is its parameter: the document kind, the Press Council status or UKW level
    required, the KBLI codes accepted, the months of output."""

    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document uploaded")
        PRESS_COUNCIL = "press_council", _("Press Council status")
        CHIEF_EDITOR_UKW = "chief_editor_ukw", _("Chief editor's UKW level")
        KBLI = "kbli", _("Press KBLI code")
        MONTHS_OUTPUT = "months_output", _("Months of continuous output")
        LOCAL_OFFICE = "local_office", _("Office in the city or regency")
        EKATALOG = "ekatalog", _("Listed in the e-Katalog")
        MANUAL = "manual", _("Checked by the team (no automatic check)")

    round = models.ForeignKey(VerificationRound, on_delete=models.CASCADE,
                              related_name="requirements")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    value = models.CharField(_("parameter"), max_length=200, blank=True)
    label = models.CharField(_("what is required"), max_length=300)
    max_score = models.PositiveSmallIntegerField(_("maximum score"), default=10)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["round", "order", "id"]
        verbose_name = _("requirement")
        verbose_name_plural = _("requirements")

    def __str__(self) -> str:
        return self.label


class Application(BaseModel):
    """An outlet's case in one round: submitted → in review → verified or refused (or back
    to the outlet for corrections)."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        CORRECTION = "correction", _("Returned for correction")
        VERIFIED = "verified", _("Verified")
        REFUSED = "refused", _("Refused")
        WITHDRAWN = "withdrawn", _("Withdrawn by the outlet")

    round = models.ForeignKey(VerificationRound, on_delete=models.PROTECT,
                              related_name="applications")
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.CASCADE,
                               related_name="applications")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.SUBMITTED, db_index=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    correction_note = models.TextField(_("what to correct"), blank=True)
    tier = models.CharField(_("tier"), max_length=1, choices=Tier.choices, blank=True)
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decision_letter = models.ForeignKey("documents.IssuedDocument", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    withdrawn_reason = models.TextField(_("why the outlet withdrew"), blank=True)
    claimed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("verification application")
        verbose_name_plural = _("verification applications")
        constraints = [
            models.UniqueConstraint(fields=["round", "outlet"],
                                    name="media_one_application_per_round"),
            models.CheckConstraint(condition=~Q(status="verified") | ~Q(tier=""),
                                   name="media_verified_has_tier"),
            models.CheckConstraint(condition=~Q(status="refused") | ~Q(decision_reasons=""),
                                   name="media_refusal_has_reasons"),
        ]

    def __str__(self) -> str:
        return f"{self.outlet} — {self.round}"


class ApplicationItem(BaseModel):
    """One checklist item of an application: what balai's automatic check found, and the
    team's verdict, score and note."""

    class Result(models.TextChoices):
        PASS = "pass", _("Met")
        FAIL = "fail", _("Not met")
        MANUAL = "manual", _("To be checked by the team")

    application = models.ForeignKey(Application, on_delete=models.CASCADE,
                                    related_name="items")
    requirement = models.ForeignKey(Requirement, on_delete=models.PROTECT, related_name="+")
    auto_result = models.CharField(_("automatic check"), max_length=6,
                                   choices=Result.choices)
    auto_reason = models.CharField(_("what the check found"), max_length=500, blank=True)
    met = models.BooleanField(_("met (team's verdict)"), null=True)
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    note = models.TextField(_("team's note"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    checked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["requirement__order", "requirement_id"]
        constraints = [models.UniqueConstraint(fields=["application", "requirement"],
                                               name="media_one_item_per_requirement")]

    def __str__(self) -> str:
        return str(self.requirement)

    @property
    def is_met(self) -> bool:
        """The team's verdict where it gave one, else the automatic check's."""
        return self.met if self.met is not None else self.auto_result == self.Result.PASS

    @property
    def is_open(self) -> bool:
        """A manual item the team has not judged yet."""
        return self.met is None and self.auto_result == self.Result.MANUAL


class RateCard(BaseModel):
    """The one price list for every OPD in a budget year (the Jepara finding: one office
    paid Rp4.995 m an article, another Rp1–2 m)."""

    year = models.PositiveSmallIntegerField(_("budget year"), unique=True)
    legal_basis = models.CharField(_("legal basis"), max_length=300)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("rate card")
        verbose_name_plural = _("rate cards")

    def __str__(self) -> str:
        return f"{self.year}"


class ItemKind(models.TextChoices):
    ADVERTORIAL = "advertorial", _("Advertorial")
    NEWS = "news", _("News article")
    BANNER = "banner", _("Web banner")
    PRINT_AD = "print_ad", _("Print advertisement")
    AD_SPOT = "ad_spot", _("Advertisement spot (ILM)")
    LIVE_BROADCAST = "live_broadcast", _("Live broadcast")
    TALK_SHOW = "talk_show", _("Talk show")
    SUBSCRIPTION = "subscription", _("Newspaper subscription (per copy)")


PER_COPY = frozenset({ItemKind.SUBSCRIPTION})


class RateItem(BaseModel):
    card = models.ForeignKey(RateCard, on_delete=models.CASCADE, related_name="items")
    media_type = models.CharField(_("media type"), max_length=10, choices=MediaType.choices)
    item_kind = models.CharField(_("item"), max_length=20, choices=ItemKind.choices)
    tier = models.CharField(_("tier"), max_length=1, choices=Tier.choices)
    unit = models.CharField(_("unit"), max_length=50, default="per tayang")
    price = models.PositiveBigIntegerField(_("price (Rp)"))

    class Meta:
        ordering = ["media_type", "item_kind", "tier"]
        verbose_name = _("rate card item")
        verbose_name_plural = _("rate card items")
        constraints = [models.UniqueConstraint(fields=["card", "media_type", "item_kind",
                                                       "tier"], name="media_one_rate")]

    def __str__(self) -> str:
        return f"{self.get_item_kind_display()} {self.tier}: {self.price}"


class Order(BaseModel):
    """An OPD's order from a verified outlet under a PKS or an e-Katalog purchase."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CONTRACTED = "contracted", _("Contracted")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")

    class Contract(models.TextChoices):
        PKS = "pks", _("Cooperation agreement (PKS)")
        EKATALOG = "ekatalog", _("e-Katalog purchase")

    code = models.CharField(_("order number"), max_length=20, unique=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="media_orders", verbose_name=_("OPD"))
    outlet = models.ForeignKey(MediaOutlet, on_delete=models.PROTECT, related_name="orders")
    year = models.PositiveSmallIntegerField(_("budget year"), db_index=True)
    budget_line = models.CharField(_("budget line (DPA)"), max_length=200)
    ceiling = models.PositiveBigIntegerField(_("ceiling (Rp)"))
    contract_kind = models.CharField(_("contract"), max_length=10, choices=Contract.choices)
    contract_reference = models.CharField(_("PKS number or e-Katalog reference"),
                                          max_length=100)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period to"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    contract_letter = models.ForeignKey("documents.IssuedDocument", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("media order")
        verbose_name_plural = _("media orders")
        constraints = [models.CheckConstraint(
            condition=Q(period_end__gte=models.F("period_start")),
            name="media_order_period_ordered")]

    def __str__(self) -> str:
        return self.code


class OrderItem(BaseModel):
    """One thing ordered, at its price and the card's price when it was ordered. A price
    above the card needs an authorised person's recorded reason."""

    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="items")
    item_kind = models.CharField(_("item"), max_length=20, choices=ItemKind.choices)
    description = models.CharField(_("what is to be published"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"), default=1)
    unit_price = models.PositiveBigIntegerField(_("unit price (Rp)"))
    card_price = models.PositiveBigIntegerField(_("rate card price (Rp)"), null=True,
                                                blank=True)
    above_card_reason = models.TextField(_("reason for a price above the card"), blank=True)
    above_card_approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(card_price__isnull=True) | Q(unit_price__lte=models.F("card_price"))
            | (~Q(above_card_reason="") & Q(above_card_approved_by__isnull=False)),
            name="media_above_card_has_reason")]

    def __str__(self) -> str:
        return self.description

    @property
    def amount(self) -> int:
        return self.quantity * self.unit_price

    @property
    def is_above_card(self) -> bool:
        return self.card_price is not None and self.unit_price > self.card_price

    @property
    def is_per_copy(self) -> bool:
        """Ordered by the copy (a subscription): proven copy by copy in the print ledger."""
        return self.item_kind in PER_COPY

    @property
    def copies_delivered(self) -> int:
        """Copies the print ledger says were received (prefetch `deliverables`)."""
        return sum(d.copies_received or 0 for d in self.deliverables.all())

    @property
    def proven_amount(self) -> int:
        """What this item's proofs are worth: per copy, the copies received (never more
        than ordered); otherwise the whole item once a proof is recorded."""
        if self.is_per_copy:
            return min(self.quantity, self.copies_delivered) * self.unit_price
        return self.amount if self.deliverables.all() else 0


class RenderState(models.TextChoices):
    NONE = "", _("Not drawn")
    PENDING = "pending", _("Waiting to be drawn")
    RENDERING = "rendering", _("Being drawn")
    READY = "ready", _("Drawn")
    FAILED = "failed", _("Could not be drawn")


def proof_path(instance, filename: str) -> str:
    return f"proofs/{instance.item.order_id}/{filename}"


class Deliverable(BaseModel):
    """Proof that one ordered item was published: an online page fetched and hashed at
    submission, a print delivery ledger line, or a broadcast log with its recording."""

    class Kind(models.TextChoices):
        ONLINE = "online", _("Online page")
        PRINT = "print", _("Print edition delivered")
        BROADCAST = "broadcast", _("Broadcast")

    item = models.ForeignKey(OrderItem, on_delete=models.PROTECT, related_name="deliverables")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    published_on = models.DateField(_("published on"))
    # Online: the URL as given and as normalised (one URL proves one item only).
    url = models.URLField(_("URL"), max_length=1000, blank=True)
    url_key = models.CharField(max_length=1000, blank=True, db_index=True)
    final_url = models.URLField(max_length=1000, blank=True)
    fetched_at = models.DateTimeField(_("fetched at"), null=True, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    page_title = models.CharField(_("page title"), max_length=500, blank=True)
    page_date = models.DateField(_("date on the page"), null=True, blank=True)
    text_fingerprint = models.CharField(max_length=16, blank=True, db_index=True)
    sha256 = models.CharField(_("SHA-256 of the page"), max_length=64, blank=True)
    snapshot_html = models.FileField(storage=private_storage, upload_to=proof_path,
                                     max_length=200, blank=True)
    snapshot_image = models.FileField(storage=private_storage, upload_to=proof_path,
                                      max_length=200, blank=True)
    snapshot_pdf = models.FileField(storage=private_storage, upload_to=proof_path,
                                    max_length=200, blank=True)
    # The PDF and PNG of the stored HTML are drawn by the worker (Chromium, network
    # blocked): pending → rendering → ready, or back to pending with a later
    # `render_next_at` after a failure, and failed after the last attempt. While rendering,
    # `render_next_at` is the moment the claim counts as lost (a killed worker).
    render_state = models.CharField(_("rendering"), max_length=10,
                                    choices=RenderState.choices, blank=True)
    render_attempts = models.PositiveSmallIntegerField(default=0)
    render_next_at = models.DateTimeField(null=True, blank=True, db_index=True)
    render_note = models.CharField(max_length=300, blank=True)
    plausibility = models.JSONField(default=list, blank=True)
    # Print ledger.
    edition = models.CharField(_("edition"), max_length=100, blank=True)
    copies_received = models.PositiveIntegerField(_("copies received"), null=True, blank=True)
    received_by = models.CharField(_("received by"), max_length=200, blank=True)
    # Broadcast.
    broadcast_log = models.TextField(_("broadcast log"), blank=True)
    recording = models.FileField(storage=private_storage, upload_to=proof_path,
                                 max_length=200, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-published_on", "-id"]
        verbose_name = _("proof of publication")
        verbose_name_plural = _("proofs of publication")
        constraints = [models.UniqueConstraint(fields=["url_key"], condition=~Q(url_key=""),
                                               name="media_one_proof_per_url")]

    def __str__(self) -> str:
        return self.url or self.edition or str(self.published_on)


class Invoice(BaseModel):
    """The outlet's invoice for an order; its age counts from receipt until the SP2D."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        PAID = "paid", _("Paid")
        RETURNED = "returned", _("Returned to the outlet")

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="invoices")
    number = models.CharField(_("invoice number"), max_length=100)
    received_on = models.DateField(_("received on"), db_index=True)
    amount = models.PositiveBigIntegerField(_("amount before tax (Rp)"))
    # [{"name": "PPN 11%", "rate": "11", "amount": 110000}, ...] as INVOICE_TAX_LINES set.
    tax_lines = models.JSONField(_("tax lines"), default=list, blank=True)
    net_payable = models.BigIntegerField(_("net payable (Rp)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.RECEIVED, db_index=True)
    sp2d_number = models.CharField(_("SP2D number"), max_length=100, blank=True)
    sp2d_date = models.DateField(_("SP2D date"), null=True, blank=True)
    return_reason = models.TextField(_("reason returned"), blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        constraints = [
            models.UniqueConstraint(fields=["order", "number"], name="media_invoice_number"),
            models.CheckConstraint(condition=~Q(status="paid") | (
                ~Q(sp2d_number="") & Q(sp2d_date__isnull=False)), name="media_paid_has_sp2d"),
        ]

    def __str__(self) -> str:
        return self.number

    def age_days(self, today: date | None = None) -> int:
        """Days the outlet has waited: from receipt to the SP2D, or to `today` if unpaid."""
        end = self.sp2d_date if self.status == self.Status.PAID and self.sp2d_date else today
        return max(0, (end - self.received_on).days) if end else 0

    @property
    def age_today(self) -> int:
        """The age clock as people read it now (today in the installation's time zone)."""
        return self.age_days(timezone.localdate())
