"""KIM (Komunitas Informasi Masyarakat, Permenkominfo 4/2024; formerly Kelompok, Permenkominfo
08/PER/M.KOMINFO/6/2010): the registry, the people, what they did, and their site's posts."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balai.community_groups.storage import kim_private_storage
from balai.core.models import BaseModel

# Slugs the app's own pages use under /kim/: no KIM may take them.
RESERVED_SLUGS = {"kelola", "cakupan", "forum", "lomba", "feed", "baru", "staf"}


class Forum(BaseModel):
    """The Forum KIM of the kota or kabupaten: the KIM's own association."""

    name = models.CharField(_("name"), max_length=200)
    area = models.ForeignKey("geo.Area", on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("kota or kabupaten"))
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    sk_number = models.CharField(_("decree number"), max_length=120, blank=True)
    sk_date = models.DateField(_("decree date"), null=True, blank=True)

    class Meta:
        verbose_name = _("Forum KIM")
        verbose_name_plural = _("Forum KIM")

    def __str__(self) -> str:
        return self.name


class KimQuerySet(models.QuerySet):
    def listed(self):
        """The KIM shown on the public pages: all but those still forming without a decree."""
        return self.exclude(status=Kim.Status.FORMING, sk_number="")


class Kim(BaseModel):
    class Status(models.TextChoices):
        FORMING = "forming", _("Forming")
        ACTIVE = "active", _("Active")
        DORMANT = "dormant", _("Dormant")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80, unique=True,
                            help_text=_("Its site's address: /kim/<address>/."))
    kelurahan = models.ForeignKey("geo.Area", on_delete=models.PROTECT, related_name="+",
                                  verbose_name=_("kelurahan or desa"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.FORMING, db_index=True)
    forum = models.ForeignKey(Forum, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="members", verbose_name=_("Forum KIM"))
    # The founding decree of the lurah or kepala desa (sometimes the camat or Diskominfo).
    sk_number = models.CharField(_("decree (SK) number"), max_length=120, blank=True)
    sk_date = models.DateField(_("decree date"), null=True, blank=True)
    sk_issuer = models.CharField(_("decree issued by"), max_length=200, blank=True,
                                 help_text=_("For example Lurah Tlogomas."))
    sk_file = models.FileField(_("decree file"), storage=kim_private_storage,
                               upload_to="sk/%Y/", blank=True)
    kimid_ref = models.CharField(_("KIM.ID reference"), max_length=60, blank=True,
                                 help_text=_("Its number or address on kim.id, if registered."))
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    about = models.TextField(_("about"), blank=True)
    vision = models.TextField(_("vision"), blank=True)
    mission = models.TextField(_("mission"), blank=True)
    public_email = models.EmailField(_("public e-mail"), blank=True)
    instagram = models.CharField(_("Instagram account"), max_length=60, blank=True)

    objects = KimQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("KIM")
        verbose_name_plural = _("KIM")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("community_groups:site", args=[self.slug])


class Officer(BaseModel):
    """A KIM's officer (ketua, sekretaris, bendahara, a section). With an account, they
    keep their own KIM's site and records, and only theirs."""

    class Position(models.TextChoices):
        KETUA = "ketua", _("Chair")
        SEKRETARIS = "sekretaris", _("Secretary")
        BENDAHARA = "bendahara", _("Treasurer")
        SEKSI = "seksi", _("Section head")

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="officers",
                            verbose_name=_("KIM"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="kim_offices",
                             verbose_name=_("account"))
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=20, choices=Position.choices)
    section = models.CharField(_("section"), max_length=120, blank=True,
                               help_text=_("For a section head: collecting, processing or "
                                           "spreading information, media, UMKM…"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["kim", "position", "name"]
        verbose_name = _("KIM officer")
        verbose_name_plural = _("KIM officers")
        constraints = [models.UniqueConstraint(fields=["kim", "user"],
                                               condition=Q(user__isnull=False),
                                               name="kim_officer_one_per_account")]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_position_display()}, {self.kim})"


class Member(BaseModel):
    """A member of a KIM. Their contact is for the KIM's officers and Diskominfo only."""

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="members",
                            verbose_name=_("KIM"))
    name = models.CharField(_("name"), max_length=200)
    contact = models.CharField(_("contact (phone or e-mail)"), max_length=200, blank=True)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    class Meta:
        ordering = ["kim", "name"]
        verbose_name = _("KIM member")
        verbose_name_plural = _("KIM members")

    def __str__(self) -> str:
        return self.name


class Cooperation(BaseModel):
    """A KIM's cooperation with a KIM (or forum) of another region."""

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="cooperations",
                            verbose_name=_("KIM"))
    partner = models.CharField(_("partner KIM"), max_length=200)
    partner_region = models.CharField(_("partner's region"), max_length=200)
    started_on = models.DateField(_("since"))
    about = models.CharField(_("what they do together"), max_length=300, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("cooperation")
        verbose_name_plural = _("cooperations")


class Activity(BaseModel):
    """Something a KIM did, with its evidence (a photo or a link): what the activity score
    and the Lomba KIM's judges read."""

    class Kind(models.TextChoices):
        DISSEMINATION = "diseminasi", _("Spreading government information")
        COVERAGE = "liputan", _("News coverage")
        ASPIRATION = "aspirasi", _("Gathering citizens' aspirations")
        LITERACY = "literasi", _("Media literacy")
        ECONOMY = "ekonomi", _("UMKM and the local economy")
        MEETING = "rapat", _("Meeting")
        TRAINING = "pelatihan", _("Training attended")

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="activities",
                            verbose_name=_("KIM"))
    held_on = models.DateField(_("date"), db_index=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    title = models.CharField(_("what happened"), max_length=200)
    organiser = models.CharField(_("organised by"), max_length=200, blank=True,
                                 help_text=_("For training: who gave it (Diskominfo, the "
                                             "province, Komdigi…)."))
    evidence_photo = models.ImageField(_("evidence photo"), upload_to="kim/kegiatan/%Y/",
                                       blank=True)
    evidence_link = models.URLField(_("evidence link"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [models.CheckConstraint(
            condition=~Q(evidence_photo="") | ~Q(evidence_link=""),
            name="kim_activity_has_evidence")]

    def __str__(self) -> str:
        return f"{self.held_on}: {self.title}"


class PostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(removed_at__isnull=True)


class Post(BaseModel):
    """A news item or an agenda entry on a KIM's site, written in Markdown by its officers;
    `body_html` is the rendered, sanitised text (balai.lib.markdown)."""

    class Kind(models.TextChoices):
        NEWS = "berita", _("News")
        AGENDA = "agenda", _("Agenda")

    kim = models.ForeignKey(Kim, on_delete=models.CASCADE, related_name="posts",
                            verbose_name=_("KIM"))
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("address"), max_length=80)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, *italic*, lists, "
                                                  "links. HTML is not allowed."))
    body_html = models.TextField(editable=False)
    event_on = models.DateField(_("event date"), null=True, blank=True,
                                help_text=_("For an agenda entry: the day it happens."))
    event_place = models.CharField(_("place"), max_length=200, blank=True)
    image = models.ImageField(_("image"), upload_to="kim/tulisan/%Y/", blank=True)
    published_at = models.DateTimeField(_("published at"), db_index=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                               related_name="+")
    removed_at = models.DateTimeField(null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.UniqueConstraint(fields=["kim", "slug"], name="kim_post_slug_unique"),
            models.CheckConstraint(condition=~Q(kind="agenda") | Q(event_on__isnull=False),
                                   name="kim_agenda_has_date"),
        ]
        indexes = [models.Index(fields=["kim", "published_at"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("community_groups:post", args=[self.kim.slug, self.slug])


class Competition(BaseModel):
    """A scoring round: criteria, judges, entries, scores (community_groups.scoring). Made
    for the Lomba KIM; any award judged the same way can use it."""

    class Status(models.TextChoices):
        SCORING = "scoring", _("Judges are scoring")
        CLOSED = "closed", _("Results published")

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.SCORING)
    judges = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="+",
                                    verbose_name=_("judges"))

    class Meta:
        ordering = ["-year", "name"]
        verbose_name = _("competition")
        verbose_name_plural = _("competitions")

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


class Criterion(BaseModel):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE,
                                    related_name="criteria")
    name = models.CharField(_("criterion"), max_length=200)
    weight = models.PositiveSmallIntegerField(_("weight (%)"))
    max_score = models.PositiveSmallIntegerField(_("highest score"), default=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]


class Entry(BaseModel):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE,
                                    related_name="entries")
    kim = models.ForeignKey(Kim, null=True, blank=True, on_delete=models.CASCADE,
                            related_name="entries")
    name = models.CharField(_("entrant"), max_length=200)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["competition", "kim"],
                                               condition=Q(kim__isnull=False),
                                               name="kim_one_entry_per_competition")]


class Score(BaseModel):
    entry = models.ForeignKey(Entry, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    judge = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                              related_name="+")
    value = models.PositiveSmallIntegerField(_("score"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "criterion", "judge"],
                                               name="kim_one_score_per_judge")]
