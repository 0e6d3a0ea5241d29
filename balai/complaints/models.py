"""Pengaduan: citizen complaints from report to rating (DESIGN.md §4)."""


from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from balai.complaints.photos import originals_storage
from balai.core.models import BaseModel, SecretLinkModel


class CategoryGroup(BaseModel):
    name = models.CharField(_("name"), max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("category group")
        verbose_name_plural = _("category groups")

    def __str__(self) -> str:
        return self.name


class Category(BaseModel):
    """What a complaint is about; decides the handler and the working-day SLAs."""

    code = models.SlugField(_("code"), max_length=50, unique=True)
    name = models.CharField(_("name"), max_length=120)
    group = models.ForeignKey(CategoryGroup, on_delete=models.PROTECT, related_name="categories",
                              verbose_name=_("group"))
    description = models.TextField(_("what it covers"), blank=True)
    out_of_scope = models.TextField(_("what is out of scope"), blank=True)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("default agency"))
    is_road = models.BooleanField(
        _("road category"), default=False,
        help_text=_("The status of the nearest road decides the level of government."),
    )
    is_urgent = models.BooleanField(
        _("urgent"), default=False,
        help_text=_("Alerts the rapid-response team as soon as it is reported."),
    )
    # The defaults are SP4N-LAPOR!'s service levels (reference/indonesia-rules.md §1.1):
    # verification within 3 working days, the agency's follow-up within 5, auto-close 10
    # working days after an answer with no reply. A category may set the SIPPN tiers
    # instead (2, 5, 14 or 60 working days). Perpres 76/2013 caps the whole handling at 60
    # days from a complete file; the complaint's page shows each stage's clock, the cap is
    # not enforced by the clocks themselves.
    sla_verify_days = models.PositiveSmallIntegerField(_("verification (working days)"),
                                                       default=3)
    sla_followup_days = models.PositiveSmallIntegerField(_("follow-up (working days)"),
                                                         default=5)
    sla_autoclose_days = models.PositiveSmallIntegerField(_("auto-close (working days)"),
                                                          default=10)
    default_confidential = models.BooleanField(
        _("confidential by default (rahasia)"), default=False,
        help_text=_("Reports in this category are never published, whatever the reporter "
                    "chose (e.g. reports about persons). The desk may change it, audited."))
    duplicate_radius_m = models.PositiveIntegerField(_("duplicate radius (m)"), default=250)
    # Optional: the agency's answer waits for a second check by another unit (an
    # inspectorate, the kecamatan) before the reporter sees it (issue 20).
    checker = models.ForeignKey(
        "agencies.Agency", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("second check by"),
        help_text=_("Leave empty for none. Otherwise the answer of the agency in charge "
                    "reaches the reporter only once this unit has checked it; a failed "
                    "check sends the case back to the agency."))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["group__position", "position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.CheckConstraint(condition=Q(sla_verify_days__gte=1)
                                   & Q(sla_followup_days__gte=1)
                                   & Q(sla_autoclose_days__gte=1),
                                   name="category_sla_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class AreaRule(BaseModel):
    """Category + kecamatan/kelurahan → a specific agency (e.g. a UPT)."""

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="area_rules")
    area = models.ForeignKey("geo.Area", on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("area"))
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("agency"))

    class Meta:
        verbose_name = _("area rule")
        verbose_name_plural = _("area rules")
        constraints = [models.UniqueConstraint(fields=["category", "area"],
                                               name="area_rule_unique")]


class RoadStatusRule(BaseModel):
    """Who handles roads of a status when the road itself names no agency."""

    status = models.CharField(_("road status"), max_length=20, unique=True)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE, related_name="+",
                               verbose_name=_("agency"))

    class Meta:
        verbose_name = _("road status rule")
        verbose_name_plural = _("road status rules")


class ComplaintStatus(models.TextChoices):
    BARU = "baru", _("New")
    TERVERIFIKASI = "terverifikasi", _("Verified and disposed")
    DIPROSES = "diproses", _("In progress")
    MENUNGGU_INFO = "menunggu_info", _("Waiting for the reporter")
    SELESAI = "selesai", _("Answered")
    DITUTUP = "ditutup", _("Closed")
    DITERUSKAN = "diteruskan", _("Forwarded to another body")
    DIARSIPKAN = "diarsipkan", _("Archived")


_S = ComplaintStatus
# The status groups, defined here only (STYLE.md rule 7; DESIGN.md §4).
# Open: not finished yet. An answered case (selesai) is open: the reporter may still
# reopen it and its auto-close clock runs; a case closes when rated or auto-closed.
OPEN = frozenset({_S.BARU, _S.TERVERIFIKASI, _S.DIPROSES, _S.MENUNGGU_INFO, _S.SELESAI})
# Unanswered: open, and the office still owes its answer (Open311 "open", urgent lists).
UNANSWERED = OPEN - {_S.SELESAI}
# Closed: rated or auto-closed, handed to an outside body, or archived.
CLOSED = frozenset(_S) - OPEN
# Public: on the public list, the map and Open311 once verified, unless archived (a
# confidential case never is, whatever its status: see ComplaintQuerySet.public).
PUBLIC = frozenset(_S) - {_S.BARU, _S.DIARSIPKAN}
# The working-day clock that runs in each status: verification at the desk, then the
# agency's follow-up (stopped while waiting for the reporter).
VERIFYING = frozenset({_S.BARU})
FOLLOWING_UP = frozenset({_S.TERVERIFIKASI, _S.DIPROSES})
CLOCKS = ((VERIFYING, "verify_due"), (FOLLOWING_UP, "followup_due"))


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN)

    def unanswered(self):
        return self.filter(status__in=UNANSWERED)

    def closed(self):
        return self.filter(status__in=CLOSED)

    def public(self):
        """What anyone may list: verified, not archived, not rahasia."""
        return self.filter(status__in=PUBLIC, is_confidential=False)

    def overdue(self, before):
        """Cases whose running clock was due before `before` (verification or follow-up)."""
        return self.filter(overdue_q(before))


def overdue_q(before) -> Q:
    """The condition of `ComplaintQuerySet.overdue`, for conditional counts."""
    q = Q()
    for statuses, due in CLOCKS:
        q |= Q(status__in=statuses, **{f"{due}__lt": before})
    return q


class Complaint(SecretLinkModel):
    Status = ComplaintStatus

    class Channel(models.TextChoices):
        WEB = "web", _("Website")
        CALL_112 = "112", _("Call centre 112")
        WHATSAPP = "whatsapp", _("WhatsApp")
        WALK_IN = "walk_in", _("Walk-in")
        SOCIAL_MEDIA = "social_media", _("Social media")
        SMS = "sms", _("SMS")
        LAPOR = "lapor", _("SP4N-LAPOR! import")
        OPEN311 = "open311", _("Open311 client")
        EMAIL = "email", pgettext_lazy("channel", "E-mail")
        # Sent over Open311 by a partner installation (open311.ApiClient.partner).
        FORWARDED = "forwarded", _("Forwarded by a partner installation")

    code = models.CharField(_("tracking code"), max_length=20, unique=True, null=True)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="complaints",
                                 verbose_name=_("category"))
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    lat = models.FloatField(_("latitude"))
    lng = models.FloatField(_("longitude"))
    address = models.CharField(_("address or landmark"), max_length=300, blank=True)
    kelurahan = models.ForeignKey("geo.Area", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("kelurahan"))
    kecamatan = models.ForeignKey("geo.Area", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+", verbose_name=_("kecamatan"))
    road = models.ForeignKey("geo.Road", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("road"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.BARU, db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices,
                               default=Channel.WEB)
    intake_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+",
                                  verbose_name=_("entered by"))
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="complaints")
    reporter_name = models.CharField(_("name"), max_length=200, blank=True)
    reporter_email = models.EmailField(_("e-mail"), blank=True)
    reporter_phone = models.CharField(_("WhatsApp number"), max_length=20, blank=True)
    is_anonymous = models.BooleanField(_("anonymous (anonim)"), default=False)
    is_confidential = models.BooleanField(_("confidential (rahasia)"), default=False)
    # The reporter agreed that their name and contact go with the case when it is forwarded
    # to an outside body (over Open311); never for an anonim case (balai.forwarding).
    share_identity = models.BooleanField(_("identity may go with a forward"), default=False)
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="complaints",
                               verbose_name=_("agency in charge"))
    routing_rule = models.CharField(max_length=30, blank=True)
    routing_facts = models.JSONField(default=dict, blank=True)
    routing_explanation = models.TextField(blank=True)
    routing_ambiguous = models.BooleanField(default=False)
    disposition_note = models.TextField(_("instruction"), blank=True)
    forwarded_to = models.ForeignKey("agencies.Agency", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     verbose_name=_("forwarded to"))
    external_reference = models.CharField(_("their reference number"), max_length=100,
                                          blank=True)
    archive_reason = models.CharField(_("archive reason"), max_length=30, blank=True)
    duplicate_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="duplicates",
                                     verbose_name=_("duplicate of"))
    submitted_at = models.DateTimeField(_("submitted at"), db_index=True)
    clock_start = models.DateField(null=True, blank=True)
    verify_due = models.DateField(_("verification due"), null=True, blank=True)
    followup_start = models.DateField(null=True, blank=True)
    followup_due = models.DateField(_("follow-up due"), null=True, blank=True)
    autoclose_due = models.DateField(_("auto-close on"), null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    # The days the running stage clock warns (80 %) and becomes overdue, stored by the
    # service that sets or moves its deadline (complaints.deadlines.set_alarms); None when
    # no clock runs. The sweep selects on them; sla_warned/sla_escalated say which stage's
    # warning and escalation were sent.
    sla_warn_on = models.DateField(null=True, blank=True, editable=False)
    sla_overdue_on = models.DateField(null=True, blank=True, editable=False)
    sla_warned = models.CharField(max_length=20, blank=True)
    sla_escalated = models.CharField(max_length=20, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    # The agency's answer while it waits for the category's second check (Category.checker):
    # not public, not yet the answer; since when it waits.
    pending_answer = models.TextField(_("answer awaiting the check"), blank=True)
    check_requested_at = models.DateTimeField(_("check requested at"), null=True, blank=True,
                                              db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("rating"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)])
    rating_comment = models.TextField(_("comment"), blank=True)
    supporters_count = models.PositiveIntegerField(default=0)
    # "Sudah beres?": the day the reporter is asked again whether the problem is fixed (14
    # days after the case closed); cleared by the sweep that asks, or when it reopens.
    fixed_ask_on = models.DateField(null=True, blank=True, editable=False)
    idempotency_key = models.CharField(max_length=64, null=True, blank=True, unique=True)

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        indexes = [
            models.Index(fields=["agency", "status", "-submitted_at"]),
            models.Index(fields=["category", "status"]),
            models.Index(fields=["status", "verify_due"]),
            models.Index(fields=["status", "followup_due"]),
            # Overdue follow-up per agency (the command room): read from the index alone.
            models.Index(fields=["followup_due"], include=["agency"],
                         condition=Q(status__in=["terverifikasi", "diproses"]),
                         name="complaint_followup_agency"),
            # A period's cases with a running clock, per stage (what is overdue now in the
            # statistics and the performance tables): read from the index alone.
            models.Index(fields=["submitted_at"],
                         include=["agency", "kelurahan", "followup_due", "answered_at"],
                         condition=Q(status__in=["terverifikasi", "diproses"]),
                         name="complaint_following_by_day"),
            models.Index(fields=["submitted_at"], include=["agency", "kelurahan", "verify_due"],
                         condition=Q(status="baru"), name="complaint_verifying_by_day"),
            # The sweep's selections: only cases with a running clock are in these.
            models.Index(fields=["sla_warn_on"], name="complaint_sla_warn_on",
                         condition=Q(sla_warn_on__isnull=False)),
            models.Index(fields=["sla_overdue_on"], name="complaint_sla_overdue_on",
                         condition=Q(sla_overdue_on__isnull=False)),
            models.Index(fields=["autoclose_due"], name="complaint_autoclose_due",
                         condition=Q(status="selesai")),
            models.Index(fields=["fixed_ask_on"], name="complaint_fixed_ask_on",
                         condition=Q(fixed_ask_on__isnull=False)),
            # MAX(updated_at) is the version of everything public (Open311 list cache).
            models.Index(fields=["updated_at"], name="complaint_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rating__isnull=True)
                                   | Q(rating__gte=1, rating__lte=5),
                                   name="complaint_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.code or '—'} {self.title}"

    def is_overdue(self, before) -> bool:
        """Its running clock was due before `before` (as `ComplaintQuerySet.overdue`)."""
        return any(self.status in statuses and getattr(self, due) is not None
                   and getattr(self, due) < before for statuses, due in CLOCKS)

    @property
    def has_public_page(self) -> bool:
        """Anyone may open its tracking page: not rahasia and not archived as spam (a
        case archived for another reason, or not yet verified, still says so)."""
        return not self.is_confidential and not (self.status == self.Status.DIARSIPKAN
                                                 and self.archive_reason == "spam")


class ComplaintPhoto(BaseModel):
    class Kind(models.TextChoices):
        REPORT = "report", _("Reporter's photo")
        EVIDENCE = "evidence", _("Evidence of the follow-up")

    class State(models.TextChoices):
        # Pending: the upload as it came waits in private storage for the worker; nothing
        # of it is served. Ready: image and thumbnail are re-encoded, without EXIF.
        PENDING = "pending", _("Being processed")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Could not be processed")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="photos")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.REPORT)
    state = models.CharField(max_length=10, choices=State.choices, default=State.READY)
    # The re-encoded photo lives in private storage and is served through a view that
    # checks who is asking; `image` and `thumbnail` are its public copies, made only while
    # the case is public (verified, not rahasia, not archived) and removed when it is not.
    private_image = models.FileField(upload_to="complaints/photos/%Y/%m/",
                                     storage=originals_storage, blank=True)
    private_thumbnail = models.FileField(upload_to="complaints/photos/%Y/%m/thumbs/",
                                         storage=originals_storage, blank=True)
    image = models.ImageField(upload_to="complaints/%Y/%m/", blank=True)
    thumbnail = models.ImageField(upload_to="complaints/%Y/%m/thumbs/", blank=True)
    original = models.FileField(upload_to="complaints/originals/%Y/%m/",
                                storage=originals_storage, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["created_at"], condition=Q(state="pending"),
                         name="complaintphoto_pending"),
        ]

    @property
    def url(self) -> str:
        """The public copy when there is one, else the view that checks the viewer."""
        return self.image.url if self.image else reverse("complaints:photo",
                                                         args=[self.pk, "full"])

    @property
    def thumbnail_url(self) -> str:
        return self.thumbnail.url if self.thumbnail else reverse("complaints:photo",
                                                                 args=[self.pk, "thumb"])


class ComplaintSupporter(BaseModel):
    """A citizen who reported the same problem ("ikut melapor") and follows it."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="supporters")
    name = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)  # lower case, as complaint_support stores it
    phone = models.CharField(max_length=20, blank=True)  # normalised: 62812…
    # Messages go only to a contact its owner confirmed through the link we sent to it:
    # anyone can type anyone's address into the form.
    confirmed_at = models.DateTimeField(null=True, blank=True)
    confirm_token_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["complaint", "email"], condition=~Q(email=""),
                                    name="supporter_email_once"),
            models.UniqueConstraint(fields=["complaint", "phone"], condition=~Q(phone=""),
                                    name="supporter_phone_once"),
        ]


class ComplaintMessage(BaseModel):
    """A message on the case: a question to the reporter, the reporter's reply, a note."""

    class Kind(models.TextChoices):
        INFO_REQUEST = "info_request", _("Question to the reporter")
        REPORTER_REPLY = "reporter_reply", _("Reporter's reply")
        STAFF_NOTE = "staff_note", _("Internal note")
        REMOTE_NOTE = "remote_note", _("Update from the outside body")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    text = models.TextField()
    is_public = models.BooleanField(default=False)

    class Meta:
        ordering = ["created_at", "id"]


class FixedCheck(BaseModel):
    """One "sudah beres?" question to the reporter of a closed case, and the answer.

    Asked when the case closes (round 1) and again 14 days later (round 2; FixMyStreet's
    questionnaire). The agency in charge when it was asked is kept: a "belum" counts
    against it in the public performance tables even if the case moves on.
    """

    class Round(models.IntegerChoices):
        AT_CLOSE = 1, _("When the complaint was closed")
        LATER = 2, _("14 days after it was closed")

    class Answer(models.TextChoices):
        FIXED = "sudah", _("Yes, it is fixed")
        NOT_FIXED = "belum", _("No, not yet")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE,
                                  related_name="fixed_checks")
    agency = models.ForeignKey("agencies.Agency", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    round = models.PositiveSmallIntegerField(choices=Round.choices)
    asked_at = models.DateTimeField()
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    answer = models.CharField(max_length=10, choices=Answer.choices, blank=True)
    note = models.TextField(blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "id"]
        indexes = [models.Index(fields=["agency", "answered_at"],
                                condition=~Q(answer=""), name="fixedcheck_answered")]


class RollupCounts(models.Model):
    """The figures every roll-up row holds, for the complaints it counts."""

    received = models.PositiveIntegerField(default=0)
    answered = models.PositiveIntegerField(default=0)
    answered_with_due = models.PositiveIntegerField(default=0)  # answered, had a deadline
    on_time = models.PositiveIntegerField(default=0)  # answered on or before it
    rated = models.PositiveIntegerField(default=0)
    rating_sum = models.PositiveIntegerField(default=0)
    fixed_yes = models.PositiveIntegerField(default=0)  # "sudah beres?" answers
    fixed_no = models.PositiveIntegerField(default=0)
    answer_days = models.JSONField(default=dict)  # {"days from receipt to answer": count}

    class Meta:
        abstract = True


class DailyRollup(RollupCounts):
    """The complaints received on one local day, counted per agency × kelurahan × category
    × status. Derived data, kept by the worker (complaints.rollup) and rebuilt for any day
    from the complaints themselves; never edited by hand."""

    day = models.DateField()
    # Ids, not foreign keys: rebuilt, never joined on; 0 = none (no agency yet, no
    # kelurahan), so that the key is unique on every database.
    agency_id = models.IntegerField(default=0)
    kelurahan_id = models.IntegerField(default=0)
    category_id = models.IntegerField()
    status = models.CharField(max_length=20)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["day", "agency_id", "kelurahan_id", "category_id", "status"],
            name="daily_rollup_key")]

    def __str__(self) -> str:
        return f"{self.day} {self.agency_id}/{self.kelurahan_id}/{self.category_id}/{self.status}"


class PerformanceDay(RollupCounts):
    """The same day's counts per agency, per kelurahan, per category, per status and per
    channel alone: what the public performance tables and the head of office's
    statistics read (a year is ~130 rows a day, not one per case)."""

    class Kind(models.TextChoices):
        AGENCY = "agency", _("Agency")
        KELURAHAN = "kelurahan", _("Kelurahan")
        CATEGORY = "category", _("Category")
        STATUS = "status", _("Status")
        CHANNEL = "channel", _("Channel")

    day = models.DateField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The agency's, kelurahan's or category's id (0 = none); for a status or a channel,
    # 0 and its value in `code`.
    ref_id = models.IntegerField(default=0)
    code = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "day", "ref_id", "code"],
                                               name="performance_day_kind_key")]

    def __str__(self) -> str:
        return f"{self.day} {self.kind} {self.code or self.ref_id}"


class PerformanceMonth(RollupCounts):
    """A calendar month's sums of the PerformanceDay rows per agency and per kelurahan (the
    public performance tables' kinds): what a quarter or a year reads, a dozen rows per
    agency instead of one a day. Rebuilt from its days whenever the roll-up rebuilds one
    of them (complaints.rollup)."""

    month = models.DateField()  # its first day
    kind = models.CharField(max_length=10, choices=PerformanceDay.Kind.choices)
    ref_id = models.IntegerField(default=0)  # the agency's or kelurahan's id (0 = none)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "month", "ref_id"],
                                               name="performance_month_key")]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.kind} {self.ref_id}"


class RollupCursor(models.Model):
    """How far the roll-up has read the complaints' changes (updated_at)."""

    name = models.CharField(max_length=50, unique=True)
    read_until = models.DateTimeField()
    rebuilt_at = models.DateTimeField(null=True)

    def __str__(self) -> str:
        return f"{self.name}: {self.read_until:%Y-%m-%d %H:%M}"


class WeeklyReport(models.Model):
    """The head of region's weekly performance report: one row per week (Monday to Sunday),
    e-mailed once by the worker's sweep on the stored day `send_on`."""

    week_start = models.DateField(unique=True)
    send_on = models.DateField()
    sent_at = models.DateTimeField(null=True, blank=True)
    recipients = models.PositiveSmallIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        indexes = [models.Index(fields=["send_on"], condition=Q(sent_at__isnull=True),
                                name="complaint_weekly_due")]

    def __str__(self) -> str:
        return f"{self.week_start:%Y-%m-%d}"
