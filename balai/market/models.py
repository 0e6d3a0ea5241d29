"""The UMKM market: sellers verified by a KIM officer or Diskominfo, their listings, the
reports against them, and the one-time log-in codes of sellers. No payments, ever."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel
from balai.market import licences

whatsapp_validator = RegexValidator(
    r"^(\+62|62|0)8[0-9]{7,12}$",
    _("Enter a WhatsApp number such as 081234567890 or +6281234567890."))
nib_validator = RegexValidator(r"^[0-9]{13}$", _("The NIB has 13 digits, e.g. 1234567890123."))


class Category(models.TextChoices):
    """The eight categories of Kota Malang's Malpro."""

    FOOD = licences.FOOD, _("Food and drink")
    MEN = "fashion_pria", _("Men's fashion")
    WOMEN = "fashion_wanita", _("Women's fashion")
    TOOLS = "peralatan", _("Tools and equipment")
    CRAFTS = "kerajinan", _("Crafts")
    HOUSEHOLD = "rumah_tangga", _("Household")
    SERVICES = "jasa", _("Services")
    WEDDINGS = "pernikahan", _("Weddings")


class Seller(BaseModel):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for verification")
        VERIFIED = "verified", _("Verified")
        SUSPENDED = "suspended", _("Suspended")

    class Size(models.TextChoices):
        MICRO = licences.MICRO, _("Micro")
        SMALL = licences.SMALL, _("Small")
        MEDIUM = licences.MEDIUM, _("Medium")

    name = models.CharField(_("your name"), max_length=200)
    business_name = models.CharField(_("business name"), max_length=200)
    email = models.EmailField(_("e-mail address"), unique=True)
    # Never in public HTML or API output: buyers reach it only through the contact
    # redirect (views.contact), which is rate-limited.
    whatsapp = models.CharField(_("WhatsApp number"), max_length=20,
                                validators=[whatsapp_validator])
    # Personal data (UU 27/2022, DESIGN §7): the NIK on the KTP the verifying officer
    # sees; shown in full only on the moderators' seller page, masked in the admin, never
    # in public pages, the API or the audit trail.
    nik = models.CharField(_("NIK"), max_length=16, blank=True,
                           help_text=_("The 16 digits on your KTP; only the officers who "
                                       "verify you see it."))
    kim = models.ForeignKey("community_groups.Kim", null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+",
                            verbose_name=_("KIM"))
    kelurahan = models.ForeignKey("geo.Area", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("kelurahan"))
    size = models.CharField(_("business size"), max_length=10, choices=Size.choices,
                            default=Size.MICRO)
    nib = models.CharField(_("NIB"), max_length=13, blank=True, validators=[nib_validator])
    pirt_number = models.CharField(_("P-IRT number"), max_length=40, blank=True)
    halal_number = models.CharField(_("halal certificate number"), max_length=60, blank=True)
    halal_expires_on = models.DateField(_("halal certificate valid until"), null=True,
                                        blank=True)
    bpom_md = models.CharField(_("BPOM MD number"), max_length=40, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    trusted = models.BooleanField(_("trusted"), default=False,
                                  help_text=_("Their listings go live without review."))
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")
    verified_at = models.DateTimeField(null=True, blank=True)
    # The next local day the licence check may answer differently (licences.next_change_on):
    # the re-badge sweep selects on it (tasks.rebadge_listings).
    licences_change_on = models.DateField(null=True, blank=True, db_index=True,
                                          editable=False)

    class Meta:
        ordering = ["business_name"]
        verbose_name = _("seller")
        verbose_name_plural = _("sellers")

    def __str__(self) -> str:
        return self.business_name

    def licences_next_change(self, today):
        return licences.next_change_on(today=today, pirt_number=self.pirt_number,
                                       halal_number=self.halal_number,
                                       halal_expires_on=self.halal_expires_on)

    def licence_check(self, category: str, today):
        return licences.check(category=category, size=self.size, today=today, nib=self.nib,
                              pirt_number=self.pirt_number, halal_number=self.halal_number,
                              halal_expires_on=self.halal_expires_on, bpom_md=self.bpom_md)


class ListingQuerySet(models.QuerySet):
    def live(self):
        return self.filter(status=Listing.Status.LIVE)


class Listing(BaseModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("Waiting for review")
        LIVE = "live", _("Live")
        EXPIRED = "expired", _("Expired")
        REMOVED = "removed", _("Removed")

    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="listings",
                               verbose_name=_("seller"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=120)
    description = models.TextField(_("description"), max_length=3000)
    price = models.PositiveBigIntegerField(_("price (rupiah)"))
    stock_note = models.CharField(_("stock"), max_length=120, blank=True,
                                  help_text=_("For example: ready every day, pre-order 3 "
                                              "days."))
    # The seller chooses it per listing (the seller's own by default); the KIM is the
    # seller's. The search filters on both.
    kelurahan = models.ForeignKey("geo.Area", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("kelurahan"),
                                  help_text=_("Where the product is, or where buyers meet "
                                              "you."))
    kim = models.ForeignKey("community_groups.Kim", null=True, blank=True,
                            on_delete=models.SET_NULL, related_name="+")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    expires_on = models.DateField(_("live until"), null=True, blank=True)
    review_note = models.CharField(_("note from the moderator"), max_length=300, blank=True)
    contact_count = models.PositiveIntegerField(default=0, editable=False)
    # The title and the seller's business name in lower case: the word search reads one
    # column of one table (no join, no ILIKE), set by the services (search_text_for).
    search_text = models.TextField(default="", editable=False)
    # Licence badges on the day the listing last went live or its seller's licences
    # changed; the search filters on them, the page shows them.
    badge_nib = models.BooleanField(default=False)
    badge_pirt = models.BooleanField(default=False)
    badge_halal = models.BooleanField(default=False)
    badge_bpom = models.BooleanField(default=False)

    objects = ListingQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("listing")
        verbose_name_plural = _("listings")
        indexes = [
            models.Index(fields=["status", "-published_at"], name="market_live_newest"),
            models.Index(fields=["status", "category", "-published_at"],
                         name="market_live_category"),
            models.Index(fields=["status", "price"], name="market_live_price"),
            models.Index(fields=["status", "kelurahan", "-published_at"],
                         name="market_live_kelurahan"),
            models.Index(fields=["status", "kim", "-published_at"], name="market_live_kim"),
            models.Index(fields=["expires_on"], condition=Q(status="live"),
                         name="market_live_expires_on"),
        ]
        constraints = [models.CheckConstraint(
            condition=~Q(status="live") | Q(expires_on__isnull=False),
            name="market_live_listing_expires")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("market:listing", args=[self.code])

    @staticmethod
    def search_text_for(title: str, business_name: str) -> str:
        return f"{title} {business_name}".lower()

    @property
    def badges(self) -> list[str]:
        return [b for b in ("nib", "pirt", "halal", "bpom") if getattr(self, f"badge_{b}")]


class ListingPhoto(BaseModel):
    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(upload_to="pasar/%Y/%m/")
    thumbnail = models.ImageField(upload_to="pasar/%Y/%m/")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]


class Report(BaseModel):
    """A report against a listing (PP 80/2019 Pasal 27: the platform takes complaints)."""

    class Reason(models.TextChoices):
        SCAM = "penipuan", _("Looks like a scam (deposit asked, price too low, copied ad)")
        FORBIDDEN = "terlarang", _("Forbidden or dangerous product")
        WRONG = "keliru", _("Wrong category, price or place")
        LICENCE = "izin", _("False licence or halal claim")
        OTHER = "lainnya", _("Something else")

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reports")
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    details = models.TextField(_("what is wrong"), max_length=1000, blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    # A keyed hash of the reporter's account or connection (services._reporter_key): the
    # threshold counts distinct reporters with it; no address is stored.
    reporter_key = models.CharField(max_length=64, blank=True, editable=False)
    trusted = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolution = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["resolved_at"], name="market_report_open")]


class LoginCode(BaseModel):
    """A one-time code a seller logs in with (by e-mail, or WhatsApp where configured)."""

    seller = models.ForeignKey(Seller, on_delete=models.CASCADE, related_name="+")
    code_hash = models.CharField(max_length=64)
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
