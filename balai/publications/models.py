"""OPD publications (news, announcements, agenda) and the monthly publication score.

A publication is public from `publish_at` until it is unpublished: the selectors filter
by time, so scheduled posts need no job to go live. Every change keeps the wording it
replaced (PublicationVersion); a correction also shows its note and date on the post.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balai.core.models import BaseModel


class PublicationQuerySet(models.QuerySet):
    def public(self, now):
        """What a visitor sees at `now`: published by then, not withdrawn, of an active OPD."""
        return self.filter(publish_at__lte=now, unpublished_at__isnull=True,
                           agency__is_active=True)


class Publication(BaseModel):
    class Kind(models.TextChoices):
        NEWS = "berita", _("Berita")
        ANNOUNCEMENT = "pengumuman", _("Pengumuman")
        AGENDA = "agenda", _("Agenda")

    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT,
                               related_name="publications", verbose_name=_("OPD"))
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices,
                            default=Kind.NEWS, db_index=True)
    title = models.CharField(_("judul"), max_length=200)
    slug = models.SlugField(_("alamat"), max_length=90)
    summary = models.CharField(_("ringkasan"), max_length=300, blank=True)
    body = models.TextField(_("isi"), help_text=_("Markdown: **tebal**, *miring*, daftar, "
                                                  "tautan. HTML tidak diizinkan."))
    body_html = models.TextField(editable=False)  # balai.lib.markdown, when saved
    image = models.ImageField(_("gambar"), upload_to="publikasi/%Y/", blank=True)
    publish_at = models.DateTimeField(_("terbit pada"), db_index=True)
    unpublished_at = models.DateTimeField(null=True, blank=True)
    correction_note = models.TextField(_("catatan koreksi"), blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    # Agenda items: the local day and times, where, and an optional map pin.
    event_date = models.DateField(_("tanggal kegiatan"), null=True, blank=True)
    start_time = models.TimeField(_("jam mulai"), null=True, blank=True)
    end_time = models.TimeField(_("jam selesai"), null=True, blank=True)
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    lat = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6, null=True,
                              blank=True)
    lng = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6, null=True,
                              blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-publish_at", "-pk"]
        verbose_name = _("publikasi")
        verbose_name_plural = _("publikasi")
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="publication_slug_unique"),
            models.CheckConstraint(condition=~Q(kind="agenda") | Q(event_date__isnull=False),
                                   name="publication_agenda_has_date"),
            models.CheckConstraint(
                condition=Q(end_time__isnull=True) | Q(start_time__isnull=False),
                name="publication_end_needs_start"),
            models.CheckConstraint(
                condition=Q(lat__isnull=True, lng__isnull=True)
                | Q(lat__isnull=False, lng__isnull=False), name="publication_pin_whole"),
        ]
        indexes = [models.Index(fields=["agency", "publish_at"]),
                   models.Index(fields=["kind", "event_date"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("publications:post", args=[self.agency.code, self.slug])


class PublicationVersion(BaseModel):
    """The wording a publication had before a change (its edits and corrections)."""

    publication = models.ForeignKey(Publication, on_delete=models.CASCADE,
                                    related_name="versions")
    number = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    body = models.TextField()
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["publication", "-number"]
        constraints = [models.UniqueConstraint(fields=["publication", "number"],
                                               name="publication_version_unique")]


class ComplianceItem(BaseModel):
    """One item of the publication rubric (seeded with Malang's KIP 2019 checklist)."""

    class Evaluation(models.TextChoices):
        AUTOMATIC = "otomatis", _("Otomatis dari data balai")
        REVIEWER = "penilai", _("Dinilai petugas")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    label = models.CharField(_("butir"), max_length=200)
    description = models.TextField(_("keterangan"), blank=True)
    evaluation = models.CharField(_("cara menilai"), max_length=10,
                                  choices=Evaluation.choices)
    weight = models.PositiveSmallIntegerField(_("bobot"), default=10)
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("butir penilaian")
        verbose_name_plural = _("butir penilaian")
        constraints = [models.CheckConstraint(condition=Q(weight__gt=0),
                                              name="compliance_item_weight_positive")]

    def __str__(self) -> str:
        return self.label


class ComplianceReview(BaseModel):
    """A reviewer's yes/no on one item of one OPD in one month, with its evidence. It holds
    until a later month's review says otherwise."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE,
                               related_name="+")
    item = models.ForeignKey(ComplianceItem, on_delete=models.PROTECT,
                             related_name="reviews")
    month = models.DateField(_("bulan"))  # the 1st of the month
    passed = models.BooleanField(_("terpenuhi"))
    evidence_url = models.URLField(_("tautan bukti"), blank=True, max_length=500)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True,
                                 on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["agency", "item", "-month"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "item", "month"],
                                    name="compliance_review_unique"),
            models.CheckConstraint(condition=Q(month__day=1),
                                   name="compliance_review_first_of_month"),
        ]


class ScoreSnapshot(BaseModel):
    """An OPD's publication score for one month, as computed (score.py) and kept."""

    agency = models.ForeignKey("agencies.Agency", on_delete=models.CASCADE,
                               related_name="+")
    month = models.DateField()  # the 1st of the month
    score = models.PositiveSmallIntegerField()  # 0-100
    items = models.JSONField(default=list)  # [{code, label, weight, passed, how, detail}]

    class Meta:
        ordering = ["-month", "-score"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "month"], name="score_snapshot_unique"),
            models.CheckConstraint(condition=Q(score__lte=100), name="score_at_most_100"),
        ]
